#pragma once
// Test and benchmark helper: a trace of N spans over R rows, shaped like a
// busy lock lesson (each row back to back: running, waiting, holding,
// sometimes sleeping, with the occasional long span), filled through the
// store's own ingest path a row at a time so memory stays at the spans.
#include "trace_builder.h"
#include "core/trace/trace_store.h"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <vector>

namespace cl::tests {

struct SyntheticTrace {
    std::uint64_t spans = 1'000'000;
    int rows = 200;
    std::uint64_t durationNs = 10'000'000'000ull; // every row spans the same 10 s
    std::uint32_t seed = 1;
    std::uint64_t t0 = 1'000'000'000'000ull;
    int printEvery = 0; // a printed line every that many spans (0: none)
};

// A small, fast, reproducible generator (numbers, not cryptography).
struct Lcg {
    std::uint64_t state;
    explicit Lcg(std::uint64_t seed) : state(seed * 6364136223846793005ull + 1442695040888963407ull) {}
    std::uint32_t next()
    {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        return std::uint32_t(state >> 33);
    }
    std::uint64_t below(std::uint64_t n) { return n == 0 ? 0 : next() % n; }
};

inline void fillSyntheticTrace(trace::TraceStore &store, const SyntheticTrace &spec)
{
    using trace::EventKind;
    using trace::SpanState;
    store.setItemLimit(spec.spans * 2 + 1'000'000);
    Lcg rnd(spec.seed);
    const std::uint64_t perRow = spec.spans / std::uint64_t(spec.rows);
    // Mean span length so that a row's spans fill its duration.
    const std::uint64_t mean = spec.durationNs / std::max<std::uint64_t>(1, perRow);
    constexpr SpanState kCycle[] = {SpanState::Running, SpanState::LockWait, SpanState::LockHold, SpanState::Running,
                                    SpanState::Sleep};
    std::vector<trace::Event> events;
    for (int r = 0; r < spec.rows; ++r) {
        const std::int32_t pid = 10000 + r;
        events.clear();
        events.push_back(ev(EventKind::WorkerStart, pid, pid, spec.t0));
        std::uint64_t t = spec.t0 + rnd.below(mean);
        const std::uint64_t n = perRow + (std::uint64_t(r) < spec.spans % std::uint64_t(spec.rows) ? 1 : 0);
        for (std::uint64_t i = 0; i < n; ++i) {
            // Mostly around the mean, one in 64 up to 40 times it.
            const std::uint64_t len = rnd.below(64) == 0 ? mean * (1 + rnd.below(40)) : 1 + rnd.below(mean * 3 / 2);
            const SpanState s = kCycle[rnd.below(std::size(kCycle))];
            const std::uint32_t object = s == SpanState::LockWait || s == SpanState::LockHold ? 7 : 0;
            events.push_back(ev(EventKind::SpanBegin, pid, pid, t, std::uint8_t(s), object));
            events.push_back(ev(EventKind::SpanEnd, pid, pid, t + len, std::uint8_t(s), object));
            if (spec.printEvery > 0 && i % std::uint64_t(spec.printEvery) == 0)
                events.push_back(ev(EventKind::Print, pid, pid, t, 0, 1));
            t += len / 2 + rnd.below(len / 2 + 1) + 1; // sometimes overlapping: nested and late closes
        }
        store.addEvents(std::move(events));
        events = {};
    }
}

} // namespace cl::tests
