#pragma once
// Test helper for the bounded queue: what a run gives its workers, without the run.
#include "core/record/collector.h"
#include "core/record/shared_arena.h"
#include "core/record/writer.h"
#include "core/runtime/bounded_queue.h"
#include "core/trace/trace_store.h"

#include <QtGlobal>

#include <thread>

namespace cl::tests {

inline constexpr std::uint32_t kDepth = trace::counter_id::QueueDepth;

// An arena with a few rings, a collector that drains only when asked, and a
// trace store.
struct Rig {
    record::SharedArena arena = record::SharedArena::create({8, 8192, 1 << 16});
    record::Collector collector{arena};
    trace::TraceStore store;

    std::uint32_t ring()
    {
        const int r = arena.acquireRing();
        if (r < 0)
            qFatal("no free ring");
        return std::uint32_t(r);
    }
    const trace::TraceStore &drained()
    {
        collector.drainNow();
        store.ingest(collector.takeBatch());
        return store;
    }
    // A thread with a ring of its own, as a thread worker has.
    template<typename F> std::thread thread(F body)
    {
        const std::uint32_t r = ring();
        return std::thread([this, r, body] {
            record::Writer w(&arena, r);
            body(w);
        });
    }
    // Closed spans plus the ones still open (a waiter killed mid-wait).
    int spans(trace::SpanState state)
    {
        int n = 0;
        for (const auto &w : drained().workers()) {
            for (const auto &s : w.spans)
                n += s.state == state;
            n += w.isOpen(state);
        }
        return n;
    }
};

inline runtime::QueueItem item(std::int64_t v) { return runtime::QueueItem{v, 0, 0}; }

} // namespace cl::tests
