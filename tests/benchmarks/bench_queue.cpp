// The bounded queue's put → get latency, recorded as a run records it (a
// flow, the depth counter, wait spans, a collector draining the rings).
// Ping-pong: A puts into one queue, B gets it and puts it into a second
// queue, A gets it back; one iteration is two put → get hops. The hop is the
// figure to compare with CPython (tests/benchmarks/queue_latency.py).
// docs/benchmarks.md ("Queues") says how to run this and what was measured.
#include "core/record/collector.h"
#include "core/record/shared_arena.h"
#include "core/record/writer.h"
#include "core/runtime/bounded_queue.h"

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using cl::record::Collector;
using cl::record::SharedArena;
using cl::record::Writer;
using cl::runtime::BoundedQueue;
using cl::runtime::QueueItem;
using cl::runtime::QueueStatus;

namespace {

struct QueueRig {
    SharedArena arena = SharedArena::create({4, 1 << 16, 1 << 16});
    Collector collector{arena};
    std::uint64_t there = 0, back = 0;

    explicit QueueRig(std::uint32_t capacity)
    {
        if (!arena.isValid())
            std::abort();
        there = BoundedQueue::create(arena, capacity, false, 3);
        back = BoundedQueue::create(arena, capacity, false, 4);
        // Drained as in a live run, so the rings never fill and the cost of
        // recording is the cost of storing events, not of dropping them.
        collector.start();
    }
    std::uint32_t ring()
    {
        const int r = arena.acquireRing();
        if (r < 0)
            std::abort();
        return std::uint32_t(r);
    }
};

// B's side: send back whatever arrives, until None.
void echo(QueueRig &rig, std::uint32_t ring)
{
    Writer w(&rig.arena, ring);
    BoundedQueue in(rig.arena, rig.there), out(rig.arena, rig.back);
    for (;;) {
        QueueItem item;
        if (in.get(w, item) != QueueStatus::Ok || item.isNone)
            return;
        out.put(w, item);
    }
}

// A's side: the timed loop.
void pingPong(benchmark::State &state, QueueRig &rig, Writer &w)
{
    BoundedQueue out(rig.arena, rig.there), in(rig.arena, rig.back);
    QueueItem item;
    std::int64_t i = 0;
    for (auto _ : state) {
        out.put(w, QueueItem{i++, 0, 0});
        in.get(w, item);
        benchmark::DoNotOptimize(item.value);
        if ((i & 1023) == 0)
            benchmark::DoNotOptimize(rig.collector.takeBatch()); // what the GUI's timer does
    }
    out.put(w, QueueItem{0, 1, 0});
    state.counters["hop"] = benchmark::Counter(double(state.iterations()) * 2,
                                               benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

void BM_QueuePutGetProcesses(benchmark::State &state)
{
    QueueRig rig(std::uint32_t(state.range(0)));
    const std::uint32_t childRing = rig.ring();
    const pid_t pid = fork();
    if (pid < 0)
        std::abort();
    if (pid == 0) {
        echo(rig, childRing);
        _exit(0);
    }
    Writer w(&rig.arena, rig.ring());
    pingPong(state, rig, w);
    waitpid(pid, nullptr, 0);
}
BENCHMARK(BM_QueuePutGetProcesses)->Arg(1)->Arg(64)->UseRealTime();

void BM_QueuePutGetThreads(benchmark::State &state)
{
    QueueRig rig(std::uint32_t(state.range(0)));
    const std::uint32_t otherRing = rig.ring();
    std::thread other([&] { echo(rig, otherRing); });
    Writer w(&rig.arena, rig.ring());
    pingPong(state, rig, w);
    other.join();
}
BENCHMARK(BM_QueuePutGetThreads)->Arg(1)->Arg(64)->UseRealTime();

// One put and one get on the same thread, never waiting: the cost of the
// operations themselves (lock, copy, three recorded events each way).
void BM_QueuePutGetUncontended(benchmark::State &state)
{
    QueueRig rig(8);
    Writer w(&rig.arena, rig.ring());
    BoundedQueue q(rig.arena, rig.there);
    QueueItem item;
    std::int64_t i = 0;
    for (auto _ : state) {
        q.put(w, QueueItem{i++, 0, 0});
        q.get(w, item);
        benchmark::DoNotOptimize(item.value);
        if ((i & 1023) == 0)
            benchmark::DoNotOptimize(rig.collector.takeBatch());
    }
}
BENCHMARK(BM_QueuePutGetUncontended);

} // namespace
