// The level-of-detail buckets must say exactly what a brute-force reduction
// of the spans says, at every level, however the spans arrived (in batches,
// late, nested), and whichever level was built first.
#include "synthetic_trace.h"
#include "trace_builder.h"
#include "core/trace/span_lod.h"
#include "core/trace/trace_store.h"

#include <QTest>

#include <algorithm>
#include <iterator>
#include <map>
#include <tuple>
#include <vector>

using namespace cl;
using trace::CounterBucket;
using trace::CounterSample;
using trace::Event;
using trace::EventKind;
using trace::Span;
using trace::SpanBucket;
using trace::SpanState;
using trace::TraceStore;
using tests::ev;

namespace {
constexpr std::uint64_t kT0 = 5'000'000'000'000ull;

std::map<std::uint64_t, SpanBucket> bruteBuckets(const std::vector<Span> &spans, unsigned shift)
{
    std::map<std::uint64_t, SpanBucket> out;
    for (const Span &s : spans) {
        if ((s.end - s.begin) >> shift)
            continue;
        SpanBucket &b = out[s.begin >> shift];
        b.index = s.begin >> shift;
        b.add(s);
    }
    return out;
}

std::vector<Span> bruteWide(const std::vector<Span> &spans, unsigned shift)
{
    std::vector<Span> out;
    for (const Span &s : spans)
        if ((s.end - s.begin) >> shift)
            out.push_back(s);
    return out;
}

auto key(const Span &s)
{
    return std::make_tuple(s.begin, s.end, int(s.state), s.objectId);
}

void sortSpans(std::vector<Span> &v)
{
    std::sort(v.begin(), v.end(), [](const Span &a, const Span &b) { return key(a) < key(b); });
}

// Which span is "first" in a bucket depends on arrival order; it only
// matters (and is compared) for a bucket of one span.
bool sameBucket(const SpanBucket &a, const SpanBucket &b)
{
    if (a.index != b.index || a.count != b.count || a.minBegin != b.minBegin || a.maxEnd != b.maxEnd || a.time != b.time)
        return false;
    return a.count != 1 || (a.state == b.state && a.objectId == b.objectId);
}

void compareLevel(const TraceStore &store, int worker, unsigned shift)
{
    const auto &spans = store.workers()[std::size_t(worker)].spans;
    const trace::SpanLevel &level = store.spanLevel(worker, shift);
    QCOMPARE(level.shift, shift);
    const auto brute = bruteBuckets(spans, shift);
    QCOMPARE(level.buckets.size(), brute.size());
    auto it = brute.begin();
    for (const SpanBucket &b : level.buckets) {
        QVERIFY2(sameBucket(b, it->second), qPrintable(QStringLiteral("shift %1, bucket %2").arg(shift).arg(b.index)));
        ++it;
    }
    // What frames draw from: each bucket's summary, current however the
    // spans arrived (in order, out of order, into a bucket before others).
    QCOMPARE(level.summaries.size(), level.buckets.size());
    for (std::size_t k = 0; k < level.buckets.size(); ++k) {
        const SpanBucket &b = level.buckets[k];
        const trace::SpanBucketSummary &sum = level.summaries[k];
        trace::SpanState major, minor;
        float share = 0.0f;
        trace::dominantStates(b.time, major, minor, share);
        QVERIFY2(sum.minBegin == b.minBegin && sum.maxEnd == b.maxEnd && sum.count == b.count &&
                     sum.state == b.state && sum.objectId == b.objectId && sum.major == major &&
                     sum.minor == minor && sum.minorShare == share,
                 qPrintable(QStringLiteral("shift %1, summary of bucket %2").arg(shift).arg(b.index)));
    }
    // firstBucket() guesses from the index and gallops: the same answer as
    // a binary search for every index, in the gaps between buckets too.
    const auto byIndex = [](const SpanBucket &b, std::uint64_t i) { return b.index < i; };
    const auto lowerBound = [&](std::uint64_t i) {
        return std::size_t(std::lower_bound(level.buckets.begin(), level.buckets.end(), i, byIndex) -
                           level.buckets.begin());
    };
    for (const SpanBucket &b : level.buckets)
        for (std::uint64_t i : {b.index == 0 ? 0 : b.index - 1, b.index, b.index + 1, b.index + 3})
            QCOMPARE(level.firstBucket(i), lowerBound(i));
    QCOMPARE(level.firstBucket(0), std::size_t(0));
    QCOMPARE(level.firstBucket(~std::uint64_t(0)), level.buckets.size());
    for (std::size_t k = 1; k < level.wide.size(); ++k)
        QVERIFY(level.wide[k - 1].begin <= level.wide[k].begin);
    auto wide = level.wide;
    auto bruteW = bruteWide(spans, shift);
    sortSpans(wide);
    sortSpans(bruteW);
    QCOMPARE(wide.size(), bruteW.size());
    for (std::size_t k = 0; k < wide.size(); ++k)
        QVERIFY(key(wide[k]) == key(bruteW[k]));
}

void addRandomSpans(std::vector<Event> &events, tests::Lcg &rnd, std::int32_t pid, std::uint64_t from, std::uint64_t to,
                    int n)
{
    for (int i = 0; i < n; ++i) {
        const std::uint64_t b = from + rnd.below(to - from);
        // Lengths over many powers of two, so spans are narrow at some
        // levels and wide at others.
        const std::uint64_t len = rnd.below(std::uint64_t(1) << (4 + rnd.below(26)));
        const auto s = SpanState(rnd.below(std::uint64_t(SpanState::Count)));
        events.push_back(ev(EventKind::SpanBegin, pid, pid, b, std::uint8_t(s), std::uint32_t(rnd.below(4))));
        events.push_back(ev(EventKind::SpanEnd, pid, pid, b + len, std::uint8_t(s), std::uint32_t(rnd.below(4))));
    }
}
} // namespace

class TstSpanLod : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void shiftFor();
    void levelsMatchBruteForce_data();
    void levelsMatchBruteForce();
    void wideSpansReachingAWindow();
    void countersMatchBruteForce_data();
    void countersMatchBruteForce();
    void clearForgetsLevels();
};

void TstSpanLod::shiftFor()
{
    QCOMPARE(trace::SpanLod::shiftFor(0.5), trace::SpanLod::kMinShift);
    QCOMPARE(trace::SpanLod::shiftFor(1000.0), 10u);   // 1024 ns
    QCOMPARE(trace::SpanLod::shiftFor(1024.0), 10u);
    QCOMPARE(trace::SpanLod::shiftFor(1025.0), 11u);
    QCOMPARE(trace::SpanLod::shiftFor(3e9), 32u);
}

void TstSpanLod::levelsMatchBruteForce_data()
{
    QTest::addColumn<std::uint32_t>("seed");
    QTest::addColumn<int>("batches");
    QTest::addColumn<bool>("late");        // some batches land before earlier ones
    QTest::addColumn<QList<int>>("shifts"); // asked for in this order after every batch
    QTest::newRow("one batch, fine first") << 1u << 1 << false << QList<int>{8, 12, 16, 20, 26};
    QTest::newRow("one batch, coarse first") << 2u << 1 << false << QList<int>{26, 20, 12, 8};
    QTest::newRow("live batches") << 3u << 8 << false << QList<int>{10, 14, 22};
    QTest::newRow("late batches") << 4u << 8 << true << QList<int>{18, 11, 24};
    QTest::newRow("late batches, new level each time") << 5u << 6 << true << QList<int>{9, 13, 17, 21, 25, 29};
}

void TstSpanLod::levelsMatchBruteForce()
{
    QFETCH(std::uint32_t, seed);
    QFETCH(int, batches);
    QFETCH(bool, late);
    QFETCH(QList<int>, shifts);
    tests::Lcg rnd(seed);
    TraceStore store;
    store.addEvents({ev(EventKind::WorkerStart, 7, 7, kT0), ev(EventKind::WorkerStart, 8, 8, kT0)});
    const std::uint64_t slice = 200'000'000; // 200 ms of trace per batch
    for (int b = 0; b < batches; ++b) {
        std::vector<Event> events;
        // A late batch covers a slice already passed, so its spans insert
        // in the middle of the row.
        const int at = late && b % 3 == 2 ? int(rnd.below(std::uint64_t(b))) : b;
        addRandomSpans(events, rnd, 7, kT0 + std::uint64_t(at) * slice, kT0 + std::uint64_t(at + 1) * slice, 3000);
        addRandomSpans(events, rnd, 8, kT0 + std::uint64_t(at) * slice, kT0 + std::uint64_t(at + 1) * slice, 500);
        store.addEvents(std::move(events));
        // After each batch, the levels asked for so far (kept up to date by
        // the ingest) and, the first time, the new ones.
        for (int i = 0; i <= std::min(b, int(shifts.size()) - 1); ++i) {
            compareLevel(store, 0, unsigned(shifts[i]));
            if (QTest::currentTestFailed())
                return;
        }
    }
    for (int shift : shifts)
        compareLevel(store, 1, unsigned(shift));
    // A level over everything sums every span exactly once.
    const auto &spans = store.workers().front().spans;
    const auto &top = store.spanLevel(0, 40);
    std::uint64_t count = top.wide.size();
    for (const auto &bucket : top.buckets)
        count += bucket.count;
    QCOMPARE(count, std::uint64_t(spans.size()));
}

void TstSpanLod::wideSpansReachingAWindow()
{
    TraceStore store;
    tests::fillSyntheticTrace(store, {.spans = 20000, .rows = 2, .durationNs = 2'000'000'000ull, .seed = 9, .t0 = kT0});
    tests::Lcg rnd(17);
    for (unsigned shift : {12u, 16u, 20u, 24u}) {
        const auto &level = store.spanLevel(1, shift);
        for (int q = 0; q < 200; ++q) {
            const std::uint64_t begin = kT0 + rnd.below(2'000'000'000ull);
            const std::uint64_t end = begin + rnd.below(100'000'000ull) + 1;
            std::vector<Span> got;
            for (std::size_t i = level.nextWideReaching(0, begin); i < level.wide.size() && level.wide[i].begin < end;
                 i = level.nextWideReaching(i + 1, begin))
                got.push_back(level.wide[i]);
            std::vector<Span> expected;
            for (const Span &s : level.wide)
                if (s.begin < end && s.end >= begin)
                    expected.push_back(s);
            QCOMPARE(got.size(), expected.size());
            for (std::size_t k = 0; k < got.size(); ++k)
                QVERIFY(key(got[k]) == key(expected[k]));
        }
    }
}

void TstSpanLod::countersMatchBruteForce_data()
{
    QTest::addColumn<std::uint32_t>("seed");
    QTest::addColumn<bool>("late");
    QTest::newRow("in order") << 21u << false;
    QTest::newRow("late samples") << 22u << true;
}

void TstSpanLod::countersMatchBruteForce()
{
    QFETCH(std::uint32_t, seed);
    QFETCH(bool, late);
    tests::Lcg rnd(seed);
    TraceStore store;
    std::uint64_t t = kT0;
    const std::vector<unsigned> shifts{10, 16, 13, 22};
    for (int b = 0; b < 6; ++b) {
        std::vector<Event> events;
        for (int i = 0; i < 4000; ++i) {
            t += rnd.below(5000);
            // Few distinct values, so equal minima and maxima test the ties.
            const std::uint64_t at = late && i % 7 == 0 ? kT0 + rnd.below(t - kT0 + 1) : t;
            events.push_back(ev(EventKind::Counter, 1, 1, at, 0, trace::counter_id::QueueDepth,
                                std::int64_t(rnd.below(6)) - 2));
        }
        store.addEvents(std::move(events));
        const auto &samples = store.counters().front().samples;
        for (std::size_t k = 0; k <= std::min<std::size_t>(std::size_t(b), shifts.size() - 1); ++k) {
            const unsigned shift = shifts[k];
            std::map<std::uint64_t, CounterBucket> brute;
            for (const CounterSample &s : samples) {
                CounterBucket &bucket = brute[s.time >> shift];
                bucket.index = s.time >> shift;
                bucket.add(s);
            }
            const auto &level = store.counterLevel(0, shift);
            QCOMPARE(level.buckets.size(), brute.size());
            auto it = brute.begin();
            for (const CounterBucket &bucket : level.buckets) {
                QVERIFY2(bucket == it->second, qPrintable(QStringLiteral("shift %1 bucket %2").arg(shift).arg(bucket.index)));
                // The last value is the one a step line holds: the latest sample's.
                const auto last = std::upper_bound(samples.begin(), samples.end(), bucket.lastTime,
                                                   [](std::uint64_t tt, const CounterSample &s) { return tt < s.time; });
                QCOMPARE(std::prev(last)->value, bucket.lastValue);
                ++it;
            }
        }
    }
}

void TstSpanLod::clearForgetsLevels()
{
    TraceStore store;
    tests::fillSyntheticTrace(store, {.spans = 5000, .rows = 1, .seed = 3});
    QVERIFY(!store.spanLevel(0, 20).buckets.empty());
    store.clear();
    tests::fillSyntheticTrace(store, {.spans = 100, .rows = 1, .seed = 4});
    compareLevel(store, 0, 20);
}

QTEST_GUILESS_MAIN(TstSpanLod)
#include "tst_span_lod.moc"
