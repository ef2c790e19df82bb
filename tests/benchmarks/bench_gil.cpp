// What the GIL model costs: handing the GIL from one thread to another (the
// switch a drop request causes, without the switch interval itself), taking
// and dropping it with nobody waiting (what a thread pays around each sleep
// or I/O call), and, for scale, the same hand-over done with a bare mutex and
// condition variable and nothing recorded. docs/benchmarks.md ("GIL model")
// has the figures and how to run this.
#include "core/record/shared_arena.h"
#include "core/record/writer.h"
#include "core/runtime/gil.h"

#include <benchmark/benchmark.h>

#include <pthread.h>
#include <sched.h>

#include <atomic>
#include <cstdlib>
#include <thread>

using cl::record::SharedArena;
using cl::record::Writer;
using cl::runtime::Gil;

namespace {

// Rings large enough that a whole run's events fit without a collector: a
// collector thread would compete for the same two cores as the threads
// being measured. Iteration counts below are fixed to stay inside them.
constexpr std::uint32_t kRingCapacity = 1u << 20;

struct GilBench {
    SharedArena arena;
    std::uint64_t offset = 0;

    GilBench()
    {
        arena = SharedArena::create({4, kRingCapacity, 1 << 16});
        if (!arena.isValid())
            std::abort();
        offset = Gil::create(arena, 5'000'000, std::uint32_t(arena.acquireRing()));
        if (offset == 0)
            std::abort();
    }
    Writer writer() { return Writer(&arena, std::uint32_t(arena.acquireRing())); }
    std::uint64_t dropped() const
    {
        std::uint64_t n = 0;
        for (std::uint32_t i = 0; i < arena.ringCount(); ++i)
            n += arena.ring(i).header()->dropped.load();
        return n;
    }
};

// Two threads pass the GIL back and forth: each takes it, waits until the
// other is waiting for it (as a drop request says), then hands it over and
// waits until the other has taken it. So every iteration is two hand-overs
// to a thread blocked in take(): wake-up, re-acquisition and the recorded
// events (GilWait end, lane hold end and begin). Timed in wall time, divided
// by the hand-overs counted by the GIL.
void BM_GilHandOver(benchmark::State &state)
{
    GilBench b;
    Gil gil(b.arena, b.offset);
    const std::uint32_t holderA = gil.addHolder("A");
    const std::uint32_t holderB = gil.addHolder("B");
    std::atomic<bool> done{false};
    auto passOn = [&](Writer &w, std::uint32_t holder) {
        gil.take(w, holder);
        while (gil.waiters() == 0 && !done.load(std::memory_order_relaxed))
            sched_yield();
        gil.handOver(w, holder);
    };
    std::thread other([&] {
        Writer w = b.writer();
        while (!done.load(std::memory_order_relaxed))
            passOn(w, holderB);
    });
    Writer w = b.writer();
    const std::uint64_t before = gil.handOvers();
    for (auto _ : state)
        passOn(w, holderA);
    const std::uint64_t handOvers = gil.handOvers() - before;
    done.store(true);
    // The other thread may be waiting for a hand-over that will not come.
    b.arena.requestStop();
    other.join();
    gil.close();
    state.counters["hand_overs"] = double(handOvers);
    state.counters["per_hand_over"] = benchmark::Counter(
        double(handOvers), benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
    state.counters["dropped"] = double(b.dropped());
}
BENCHMARK(BM_GilHandOver)->Iterations(50000)->UseRealTime()->Unit(benchmark::kMicrosecond);

// Take and drop with nobody waiting: a thread pays this around every sleep
// and every blocking call (two lane events included).
void BM_GilTakeDropUncontended(benchmark::State &state)
{
    GilBench b;
    Gil gil(b.arena, b.offset);
    const std::uint32_t holder = gil.addHolder("A");
    Writer w = b.writer();
    for (auto _ : state) {
        gil.take(w, holder);
        gil.drop(w, holder);
    }
    gil.close();
    state.counters["dropped"] = double(b.dropped());
}
BENCHMARK(BM_GilTakeDropUncontended)->Iterations(400000);

// The floor: a strict ping-pong between two threads through one mutex and
// one condition variable, nothing recorded.
void BM_CondvarHandOver(benchmark::State &state)
{
    pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
    pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
    int turn = 0; // 0: this thread, 1: the other, -1: stop
    std::thread other([&] {
        pthread_mutex_lock(&mutex);
        for (;;) {
            while (turn == 0)
                pthread_cond_wait(&cond, &mutex);
            if (turn < 0)
                break;
            turn = 0;
            pthread_cond_signal(&cond);
        }
        pthread_mutex_unlock(&mutex);
    });
    pthread_mutex_lock(&mutex);
    for (auto _ : state) {
        turn = 1;
        pthread_cond_signal(&cond);
        while (turn == 1)
            pthread_cond_wait(&cond, &mutex);
    }
    turn = -1;
    pthread_cond_signal(&cond);
    pthread_mutex_unlock(&mutex);
    other.join();
    // Two hand-overs per iteration: there and back.
    state.counters["per_hand_over"] = benchmark::Counter(
        double(state.iterations()) * 2.0, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_CondvarHandOver)->Iterations(50000)->UseRealTime()->Unit(benchmark::kMicrosecond);

} // namespace
