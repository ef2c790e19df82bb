#pragma once
// Test helper: a comparison of three hand-made runs with known figures.
// serial: one worker for 400 ms. processes: two workers side by side for
// 200 ms on two cores. threads: four threads for 250 ms, with lock waits,
// GIL waits and a queue, and no CPU samples.
#include "core/scenarios/compare.h"
#include "store_builder.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace cl::tests {

inline constexpr std::uint64_t kCompareBase = 1'000'000'000ull; // each run's first event

inline std::shared_ptr<trace::TraceStore> finishedStore(std::vector<trace::Event> events, std::uint64_t wallNs)
{
    auto store = std::make_shared<trace::TraceStore>();
    store->ingest(batch(std::move(events)));
    store->metadata()["run_end_ns"] = std::to_string(kCompareBase + wallNs);
    return store;
}

// A worker that runs for [fromMs, toMs) after the base.
inline void running(std::vector<trace::Event> &e, std::int32_t pid, std::int32_t tid, std::uint64_t fromMs,
                    std::uint64_t toMs)
{
    e.push_back(begin(pid, tid, kCompareBase + fromMs * kMs, trace::SpanState::Running));
    e.push_back(end(pid, tid, kCompareBase + toMs * kMs, trace::SpanState::Running));
}

// The sampler's passes every 50 ms: `cores` per-core samples and a
// fully-busy sample for each of `pids`.
inline void cpuSamples(std::vector<trace::Event> &e, int cores, const std::vector<std::int32_t> &pids,
                       std::uint64_t untilMs)
{
    using trace::EventKind;
    for (std::uint64_t t = 50; t <= untilMs; t += 50) {
        for (int c = 0; c < cores; ++c)
            e.push_back(ev(EventKind::CpuSample, 1, 1, kCompareBase + t * kMs, 0, std::uint32_t(c), 500));
        for (std::int32_t pid : pids)
            e.push_back(ev(EventKind::CpuSample, 1, 1, kCompareBase + t * kMs, 1, std::uint32_t(pid), 1000));
    }
}

inline scenarios::CompareRun compareRun(const QString &label, std::shared_ptr<trace::TraceStore> store)
{
    scenarios::CompareRun r;
    r.label = label;
    r.result.wallMs = scenarios::runWindow(*store).ms();
    r.result.valid = true;
    r.store = std::move(store);
    return r;
}

inline scenarios::CompareSet builtCompareSet()
{
    using trace::EventKind;
    using trace::SpanState;
    const std::uint64_t b = kCompareBase;
    scenarios::CompareSet set;
    set.scenarioId = QStringLiteral("test");
    set.scenarioTitle = QStringLiteral("Test lesson");
    set.key = QStringLiteral("mode");
    {
        std::vector<trace::Event> e{ev(EventKind::WorkerStart, 10, 10, b)};
        running(e, 10, 10, 0, 400);
        cpuSamples(e, 2, {10}, 450);
        set.runs.push_back(compareRun(QStringLiteral("serial"), finishedStore(std::move(e), 400 * kMs)));
    }
    {
        std::vector<trace::Event> e{ev(EventKind::WorkerStart, 20, 20, b)};
        running(e, 21, 21, 0, 200);
        running(e, 22, 22, 0, 200);
        cpuSamples(e, 2, {21, 22}, 250); // the pass at 250 ms lies past the run's end
        set.runs.push_back(compareRun(QStringLiteral("processes"), finishedStore(std::move(e), 200 * kMs)));
    }
    {
        std::vector<trace::Event> e{ev(EventKind::WorkerStart, 30, 30, b)};
        for (std::int32_t tid = 31; tid <= 34; ++tid)
            running(e, 30, tid, 50, 250);
        e.push_back(begin(30, 31, b + 10 * kMs, SpanState::LockWait));
        e.push_back(end(30, 31, b + 40 * kMs, SpanState::LockWait));
        e.push_back(begin(30, 32, b + 20 * kMs, SpanState::LockWait));
        e.push_back(end(30, 32, b + 40 * kMs, SpanState::LockWait));
        e.push_back(begin(30, 33, b + 0 * kMs, SpanState::GilWait));
        e.push_back(end(30, 33, b + 10 * kMs, SpanState::GilWait));
        // A model's lane is no worker: its spans count for nothing.
        running(e, 30, -1, 0, 250);
        for (const auto &[t, depth] : std::vector<std::pair<std::uint64_t, int>>{{5, 1}, {6, 5}, {7, 3}})
            e.push_back(ev(EventKind::Counter, 30, 31, b + t * kMs, 0, trace::counter_id::QueueDepth, depth));
        set.runs.push_back(compareRun(QStringLiteral("threads"), finishedStore(std::move(e), 250 * kMs)));
    }
    set.measure();
    return set;
}

} // namespace cl::tests
