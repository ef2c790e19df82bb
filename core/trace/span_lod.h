#pragma once
// Level-of-detail summaries of one worker's spans and of one counter track,
// so that a zoomed-out view touches data in proportion to its pixels, not to
// the events recorded.
//
// A level is a bucket duration of 2^shift ns. Spans belong to the bucket
// holding their begin. Each bucket sums the spans that are narrower than the
// bucket ("narrow at this level": they would fold into a run when drawn)
// per state, with their count and extent; the spans at least as long as the
// bucket are kept apart, in begin order, to be drawn one by one. Zoomed out
// to nsPerPixel, a view asks for the level whose buckets are a few pixels
// wide: one row then costs (its width / bucket width) buckets plus the wide
// spans, which do not overlap much in a row, whatever the span count.
//
// Levels are built when first asked for (a finer level already built is
// merged instead of re-reading the spans) and kept up to date as spans
// arrive, wherever in time they land: a bucket is a sum, so order does not
// matter. Only the levels a view has used are kept.
#include "core/trace/event.h"

#include <array>
#include <cstdint>
#include <map>
#include <vector>

namespace cl::trace {

struct Span;
struct CounterSample;

inline constexpr std::size_t kSpanStates = std::size_t(SpanState::Count);

struct SpanBucket {
    std::uint64_t index = 0;    // begin >> shift
    std::uint64_t minBegin = 0; // of the spans in it
    std::uint64_t maxEnd = 0;
    std::array<std::uint64_t, kSpanStates> time{}; // span time per state
    std::uint32_t count = 0;
    // The first span added: what a bucket of one span draws as.
    std::uint32_t objectId = 0;
    SpanState state = SpanState::Running;

    void add(const Span &s);
    void merge(const SpanBucket &o);
    bool operator==(const SpanBucket &) const = default;
};

// What a frame draws of a bucket, beside the bucket: a third of its size
// (no time per state), so a zoomed-out frame of a few hundred thousand
// buckets reads megabytes rather than tens of them, and finds the states to
// paint worked out already.
struct SpanBucketSummary {
    std::uint64_t minBegin = 0;
    std::uint64_t maxEnd = 0;
    std::uint32_t count = 0;
    std::uint32_t objectId = 0;           // the first span's
    float minorShare = 0.0f;              // the runner-up's share of the span time
    SpanState state = SpanState::Running; // the first span's
    SpanState major = SpanState::Running; // the state covering the most time
    SpanState minor = SpanState::Running; // the runner-up; major when there is none
};

// The state covering most of `time`, the runner-up and its share of the
// total (0 and minor == major when no other state has time). Ties go to the
// lower state.
void dominantStates(const std::array<std::uint64_t, kSpanStates> &time, SpanState &major, SpanState &minor,
                    float &share);

struct SpanLevel {
    unsigned shift = 0;
    std::vector<SpanBucket> buckets; // sorted by index; spans shorter than 2^shift
    // One per bucket, brought up to date by SpanLod::level().
    std::vector<SpanBucketSummary> summaries;
    std::size_t staleFrom = 0; // summaries from this bucket on need redoing
    std::vector<Span> wide;          // spans of 2^shift or longer, sorted by begin
    // Max end per block of kWideBlock wide spans: finds the wide spans that
    // began before a window and still reach into it without walking them all.
    std::vector<std::uint64_t> wideReach;
    static constexpr std::size_t kWideBlock = 32;

    std::uint64_t bucketNs() const { return std::uint64_t(1) << shift; }
    // First bucket whose index >= index.
    std::size_t firstBucket(std::uint64_t index) const;
    // Index of the first wide span at or after `from` that ends at or after t.
    std::size_t nextWideReaching(std::size_t from, std::uint64_t t) const;
};

class SpanLod {
public:
    static constexpr unsigned kMinShift = 6;  // 64 ns: finer than any view's pixels
    static constexpr unsigned kMaxShift = 62;

    // The smallest level whose buckets are at least ns wide.
    static unsigned shiftFor(double ns);

    // Brings the built levels up to date with spans (which is the track's
    // sorted span vector). Spans added through add() are already counted;
    // spans that arrived some other way (a size mismatch) rebuild.
    const SpanLevel &level(unsigned shift, const std::vector<Span> &spans);
    // The level level() would return without changing anything (built, up
    // to date with `spanCount` spans and summarised), or null. Only reads,
    // so several threads may ask at once while nothing adds spans.
    const SpanLevel *current(unsigned shift, std::size_t spanCount) const;
    // A span the store has just kept.
    void add(const Span &span);
    void clear();

    std::size_t builtLevels() const { return m_levels.size(); }
    std::size_t memoryBytes() const;

private:
    void addTo(SpanLevel &level, const Span &span);
    void build(SpanLevel &level, const std::vector<Span> &spans) const;
    static void summarize(SpanLevel &level);

    std::map<unsigned, SpanLevel> m_levels;
    std::size_t m_count = 0; // spans seen through add()
};

// A counter's level: per bucket of 2^shift ns, its samples' min and max
// (with their times, so a line through them keeps its shape) and last value.
struct CounterBucket {
    std::uint64_t index = 0;
    std::uint64_t minTime = 0;
    std::uint64_t maxTime = 0;
    std::uint64_t lastTime = 0;
    std::int64_t minValue = 0;
    std::int64_t maxValue = 0;
    std::int64_t lastValue = 0;
    std::uint32_t count = 0;

    void add(const CounterSample &s);
    void merge(const CounterBucket &o);
    bool operator==(const CounterBucket &) const = default;
};

struct CounterLevel {
    unsigned shift = 0;
    std::vector<CounterBucket> buckets; // sorted by index
    std::size_t firstBucket(std::uint64_t index) const;
};

class CounterLod {
public:
    const CounterLevel &level(unsigned shift, const std::vector<CounterSample> &samples);
    void add(const CounterSample &sample);
    void clear();

private:
    static void addTo(CounterLevel &level, const CounterSample &sample);

    std::map<unsigned, CounterLevel> m_levels;
    std::size_t m_count = 0;
};

} // namespace cl::trace
