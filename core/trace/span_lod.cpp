#include "core/trace/span_lod.h"
#include "core/trace/block_reach.h"
#include "core/trace/trace_store.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace cl::trace {

namespace {
template<typename Bucket>
std::size_t lowerBucket(const std::vector<Bucket> &buckets, std::uint64_t index)
{
    return std::size_t(std::lower_bound(buckets.begin(), buckets.end(), index,
                                        [](const Bucket &b, std::uint64_t i) { return b.index < i; }) -
                       buckets.begin());
}

// The bucket for index, created in place. Spans and samples nearly always
// land in the last bucket or just past it, so look there first.
template<typename Bucket>
Bucket &bucketAt(std::vector<Bucket> &buckets, std::uint64_t index)
{
    if (buckets.empty() || buckets.back().index < index) {
        buckets.push_back(Bucket{});
        buckets.back().index = index;
        return buckets.back();
    }
    if (buckets.back().index == index)
        return buckets.back();
    const std::size_t at = lowerBucket(buckets, index);
    if (buckets[at].index != index) {
        buckets.insert(buckets.begin() + std::ptrdiff_t(at), Bucket{});
        buckets[at].index = index;
    }
    return buckets[at];
}

bool isNarrow(const Span &s, unsigned shift)
{
    return ((s.end - s.begin) >> shift) == 0;
}
} // namespace

void SpanBucket::add(const Span &s)
{
    if (count == 0) {
        minBegin = s.begin;
        maxEnd = s.end;
        objectId = s.objectId;
        state = s.state;
    } else {
        minBegin = std::min(minBegin, s.begin);
        maxEnd = std::max(maxEnd, s.end);
    }
    ++count;
    time[std::min(std::size_t(s.state), kSpanStates - 1)] += s.end - s.begin;
}

void SpanBucket::merge(const SpanBucket &o)
{
    if (o.count == 0)
        return;
    if (count == 0) {
        const std::uint64_t i = index;
        *this = o;
        index = i;
        return;
    }
    minBegin = std::min(minBegin, o.minBegin);
    maxEnd = std::max(maxEnd, o.maxEnd);
    count += o.count;
    for (std::size_t k = 0; k < kSpanStates; ++k)
        time[k] += o.time[k];
}

void dominantStates(const std::array<std::uint64_t, kSpanStates> &time, SpanState &major, SpanState &minor,
                    float &share)
{
    // One pass for the two largest and the total.
    std::size_t first = 0;
    std::size_t second = kSpanStates;
    std::uint64_t total = time[0];
    for (std::size_t k = 1; k < kSpanStates; ++k) {
        total += time[k];
        if (time[k] > time[first]) {
            second = first;
            first = k;
        } else if (second == kSpanStates || time[k] > time[second]) {
            second = k;
        }
    }
    major = SpanState(first);
    minor = major;
    share = 0.0f;
    if (second < kSpanStates && time[second] > 0 && total > 0) {
        minor = SpanState(second);
        share = float(double(time[second]) / double(total));
    }
}

std::size_t SpanLevel::firstBucket(std::uint64_t index) const
{
    // A frame asks this for every row, and a level of a big worker holds
    // megabytes of buckets: a binary search misses the cache at every step.
    // Buckets are nearly every index from the first to the last, so the
    // index says where to look, and a gallop from there finishes the job.
    const std::size_t n = buckets.size();
    if (n == 0 || index <= buckets.front().index)
        return 0;
    if (index > buckets.back().index)
        return n;
    const auto lo = buckets.front().index;
    const auto hi = buckets.back().index;
    auto at = std::size_t(double(index - lo) / double(hi - lo) * double(n - 1));
    at = std::min(at, n - 1);
    const auto byIndex = [](const SpanBucket &b, std::uint64_t i) { return b.index < i; };
    std::size_t step = 1;
    if (buckets[at].index < index) {
        // The answer is after `at`: [at + 1, at + step] once the gallop stops.
        while (at + step < n && buckets[at + step].index < index) {
            at += step;
            step *= 2;
        }
        const auto first = buckets.begin() + std::ptrdiff_t(at + 1);
        const auto last = buckets.begin() + std::ptrdiff_t(std::min(n, at + step + 1));
        return std::size_t(std::lower_bound(first, last, index, byIndex) - buckets.begin());
    }
    // At or before `at`: back off until a bucket below index is found.
    while (at >= step && buckets[at - step].index >= index) {
        at -= step;
        step *= 2;
    }
    const auto first = buckets.begin() + std::ptrdiff_t(at >= step ? at - step : 0);
    const auto last = buckets.begin() + std::ptrdiff_t(at + 1);
    return std::size_t(std::lower_bound(first, last, index, byIndex) - buckets.begin());
}

std::size_t SpanLevel::nextWideReaching(std::size_t i, std::uint64_t t) const
{
    return nextReachingInBlocks<kWideBlock>(i, wide.size(), wideReach, t,
                                            [this](std::size_t k) { return wide[k].end; });
}

unsigned SpanLod::shiftFor(double ns)
{
    if (!(ns > 1.0))
        return kMinShift;
    const double bits = std::ceil(std::log2(ns));
    return unsigned(std::clamp(bits, double(kMinShift), double(kMaxShift)));
}

void SpanLod::clear()
{
    m_levels.clear();
    m_count = 0;
}

void SpanLod::add(const Span &span)
{
    ++m_count;
    for (auto &[shift, level] : m_levels)
        addTo(level, span);
}

void SpanLod::addTo(SpanLevel &level, const Span &span)
{
    if (isNarrow(span, level.shift)) {
        SpanBucket &bucket = bucketAt(level.buckets, span.begin >> level.shift);
        bucket.add(span);
        // A bucket put in before others moves them: all from it on.
        level.staleFrom = std::min(level.staleFrom, std::size_t(&bucket - level.buckets.data()));
        return;
    }
    auto &wide = level.wide;
    std::size_t at = wide.size();
    if (wide.empty() || wide.back().begin <= span.begin) {
        wide.push_back(span);
    } else {
        at = std::size_t(std::upper_bound(wide.begin(), wide.end(), span.begin,
                                          [](std::uint64_t t, const Span &s) { return t < s.begin; }) -
                         wide.begin());
        wide.insert(wide.begin() + std::ptrdiff_t(at), span);
    }
    // Blocks from the one it landed in shift by one span: recompute them.
    const std::size_t blocks = (wide.size() + SpanLevel::kWideBlock - 1) / SpanLevel::kWideBlock;
    level.wideReach.resize(blocks);
    for (std::size_t b = at / SpanLevel::kWideBlock; b < blocks; ++b) {
        std::uint64_t m = 0;
        for (std::size_t k = b * SpanLevel::kWideBlock; k < std::min(wide.size(), (b + 1) * SpanLevel::kWideBlock); ++k)
            m = std::max(m, wide[k].end);
        level.wideReach[b] = m;
    }
}

void SpanLod::build(SpanLevel &level, const std::vector<Span> &spans) const
{
    level.buckets.clear();
    level.summaries.clear();
    level.staleFrom = 0;
    level.wide.clear();
    // A finer level already built holds everything this one needs, in far
    // fewer entries than the spans: its buckets merge, and its wide spans
    // either stay wide or become narrow here.
    const SpanLevel *finer = nullptr;
    for (const auto &[shift, l] : m_levels) {
        if (shift < level.shift && (l.buckets.size() + l.wide.size()) < spans.size())
            finer = &l;
    }
    if (finer) {
        const unsigned up = level.shift - finer->shift;
        for (const SpanBucket &b : finer->buckets) {
            const std::uint64_t index = b.index >> up;
            if (level.buckets.empty() || level.buckets.back().index != index) {
                level.buckets.push_back(SpanBucket{});
                level.buckets.back().index = index;
            }
            level.buckets.back().merge(b);
        }
        for (const Span &s : finer->wide) {
            if (isNarrow(s, level.shift))
                bucketAt(level.buckets, s.begin >> level.shift).add(s);
            else
                level.wide.push_back(s);
        }
    } else {
        for (const Span &s : spans) {
            if (isNarrow(s, level.shift))
                bucketAt(level.buckets, s.begin >> level.shift).add(s);
            else
                level.wide.push_back(s);
        }
    }
    level.wideReach.clear();
    for (std::size_t k = 0; k < level.wide.size(); ++k) {
        if (k % SpanLevel::kWideBlock == 0)
            level.wideReach.push_back(0);
        level.wideReach.back() = std::max(level.wideReach.back(), level.wide[k].end);
    }
}

const SpanLevel &SpanLod::level(unsigned shift, const std::vector<Span> &spans)
{
    shift = std::clamp(shift, kMinShift, kMaxShift);
    if (m_count != spans.size()) {
        // Filled past add(): nothing built can be trusted.
        m_levels.clear();
        m_count = spans.size();
    }
    auto it = m_levels.find(shift);
    if (it == m_levels.end()) {
        SpanLevel level;
        level.shift = shift;
        build(level, spans);
        it = m_levels.emplace(shift, std::move(level)).first;
    }
    summarize(it->second);
    return it->second;
}

const SpanLevel *SpanLod::current(unsigned shift, std::size_t spanCount) const
{
    if (m_count != spanCount)
        return nullptr;
    const auto it = m_levels.find(std::clamp(shift, kMinShift, kMaxShift));
    if (it == m_levels.end())
        return nullptr;
    const SpanLevel &level = it->second;
    const bool summarised = level.staleFrom == level.buckets.size() && level.summaries.size() == level.buckets.size();
    return summarised ? &level : nullptr;
}

void SpanLod::summarize(SpanLevel &level)
{
    // Only what changed since the last frame: a live run adds to the last
    // buckets, so this is a few per batch, not the whole level.
    level.summaries.resize(level.buckets.size());
    for (std::size_t k = level.staleFrom; k < level.buckets.size(); ++k) {
        const SpanBucket &b = level.buckets[k];
        SpanBucketSummary &out = level.summaries[k];
        out.minBegin = b.minBegin;
        out.maxEnd = b.maxEnd;
        out.count = b.count;
        out.objectId = b.objectId;
        out.state = b.state;
        dominantStates(b.time, out.major, out.minor, out.minorShare);
    }
    level.staleFrom = level.buckets.size();
}

std::size_t SpanLod::memoryBytes() const
{
    std::size_t n = 0;
    for (const auto &[shift, l] : m_levels)
        n += l.buckets.capacity() * sizeof(SpanBucket) + l.summaries.capacity() * sizeof(SpanBucketSummary) +
             l.wide.capacity() * sizeof(Span) +
             l.wideReach.capacity() * sizeof(std::uint64_t);
    return n;
}

// --- counters ---------------------------------------------------------------

void CounterBucket::add(const CounterSample &s)
{
    // Ties keep the earlier sample, whatever order the samples come in.
    if (count == 0 || s.value < minValue || (s.value == minValue && s.time < minTime)) {
        minValue = s.value;
        minTime = s.time;
    }
    if (count == 0 || s.value > maxValue || (s.value == maxValue && s.time < maxTime)) {
        maxValue = s.value;
        maxTime = s.time;
    }
    if (count == 0 || s.time >= lastTime) {
        lastValue = s.value;
        lastTime = s.time;
    }
    ++count;
}

void CounterBucket::merge(const CounterBucket &o)
{
    if (o.count == 0)
        return;
    if (count == 0) {
        const std::uint64_t i = index;
        *this = o;
        index = i;
        return;
    }
    if (o.minValue < minValue || (o.minValue == minValue && o.minTime < minTime)) {
        minValue = o.minValue;
        minTime = o.minTime;
    }
    if (o.maxValue > maxValue || (o.maxValue == maxValue && o.maxTime < maxTime)) {
        maxValue = o.maxValue;
        maxTime = o.maxTime;
    }
    if (o.lastTime >= lastTime) {
        lastValue = o.lastValue;
        lastTime = o.lastTime;
    }
    count += o.count;
}

std::size_t CounterLevel::firstBucket(std::uint64_t index) const
{
    return lowerBucket(buckets, index);
}

void CounterLod::clear()
{
    m_levels.clear();
    m_count = 0;
}

void CounterLod::addTo(CounterLevel &level, const CounterSample &sample)
{
    bucketAt(level.buckets, sample.time >> level.shift).add(sample);
}

void CounterLod::add(const CounterSample &sample)
{
    ++m_count;
    for (auto &[shift, level] : m_levels)
        addTo(level, sample);
}

const CounterLevel &CounterLod::level(unsigned shift, const std::vector<CounterSample> &samples)
{
    shift = std::clamp(shift, SpanLod::kMinShift, SpanLod::kMaxShift);
    if (m_count != samples.size()) {
        m_levels.clear();
        m_count = samples.size();
    }
    auto it = m_levels.find(shift);
    if (it != m_levels.end())
        return it->second;
    CounterLevel level;
    level.shift = shift;
    const CounterLevel *finer = nullptr;
    for (const auto &[s, l] : m_levels)
        if (s < shift && l.buckets.size() < samples.size())
            finer = &l;
    if (finer) {
        for (const CounterBucket &b : finer->buckets) {
            const std::uint64_t index = b.index >> (shift - finer->shift);
            if (level.buckets.empty() || level.buckets.back().index != index) {
                level.buckets.push_back(CounterBucket{});
                level.buckets.back().index = index;
            }
            level.buckets.back().merge(b);
        }
    } else {
        for (const CounterSample &s : samples)
            addTo(level, s);
    }
    return m_levels.emplace(shift, std::move(level)).first->second;
}

} // namespace cl::trace
