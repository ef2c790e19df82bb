// The recording path's costs: one event written by a worker, the collector
// draining rings, the trace store ingesting batches. Goals (DESIGN.md, bars):
// <= 20 ns per recorded event, >= 50 M events/s through the collector.
// docs/benchmarks.md says how to run this and what was measured.
#include "core/record/clock.h"
#include "core/record/collector.h"
#include "core/record/shared_arena.h"
#include "core/record/writer.h"
#include "core/trace/trace_store.h"

#include <benchmark/benchmark.h>

#include <sched.h>

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

using cl::record::Collector;
using cl::record::Ring;
using cl::record::SharedArena;
using cl::record::Writer;
using cl::trace::Event;
using cl::trace::EventKind;
using cl::trace::SpanState;

namespace {

// The arena a scenario gets by default: 64 rings of 8192 events.
SharedArena makeArena(std::uint32_t rings = 64, std::uint32_t capacity = 8192)
{
    SharedArena arena = SharedArena::create({rings, capacity, 1 << 16});
    if (!arena.isValid())
        std::abort();
    return arena;
}

// ---- the pieces an event is made of -----------------------------------------

void BM_ReadTsc(benchmark::State &state)
{
    const bool tsc = cl::record::ticksAreTsc();
    for (auto _ : state)
        benchmark::DoNotOptimize(cl::record::rawTicks(tsc));
    state.SetLabel(tsc ? "rdtsc" : "no stable TSC: clock_gettime");
}
BENCHMARK(BM_ReadTsc);

void BM_ClockGettime(benchmark::State &state)
{
    for (auto _ : state)
        benchmark::DoNotOptimize(cl::record::monotonicNs());
}
BENCHMARK(BM_ClockGettime);

void BM_SchedGetcpu(benchmark::State &state)
{
    for (auto _ : state)
        benchmark::DoNotOptimize(sched_getcpu());
}
BENCHMARK(BM_SchedGetcpu);

// ---- one recorded event --------------------------------------------------------

// Writer::record() as a worker calls it: clock read, sched_getcpu, 32-byte
// store into the shared ring, head published. Every `kBurst` events the ring is
// emptied with the timer paused, so it never fills (a full ring would measure
// the cheaper drop path instead).
enum class Stamp { Tsc, ClockGettime, TscAfterSync };

template<Stamp How>
void recordEvents(benchmark::State &state)
{
    constexpr std::int64_t kBurst = 4096;
    SharedArena arena = makeArena(1);
    const int index = arena.acquireRing();
    Writer writer(&arena, std::uint32_t(index));
    Ring reader = arena.ring(std::uint32_t(index));
    std::vector<Event> sink(kBurst);
    std::int64_t n = 0;
    for (auto _ : state) {
        if constexpr (How == Stamp::ClockGettime)
            writer.recordAt(cl::record::monotonicNs(), EventKind::Counter, 0, 1, n);
        else if constexpr (How == Stamp::TscAfterSync)
            writer.recordAt(writer.nowAfterSync(), EventKind::Counter, 0, 1, n);
        else
            writer.record(EventKind::Counter, 0, 1, n);
        if (++n % kBurst == 0) {
            state.PauseTiming();
            reader.drain(sink.data(), sink.size());
            state.ResumeTiming();
        }
    }
    state.SetItemsProcessed(state.iterations());
    state.counters["dropped"] = double(reader.header()->dropped.load());
}

void BM_RecordEvent(benchmark::State &state) { recordEvents<Stamp::Tsc>(state); }
BENCHMARK(BM_RecordEvent);

// The same event stamped by clock_gettime instead of the TSC: what the clock
// choice in clock.h buys.
void BM_RecordEventClockGettime(benchmark::State &state) { recordEvents<Stamp::ClockGettime>(state); }
BENCHMARK(BM_RecordEventClockGettime);

// The stamp a lock acquisition uses (lfence; rdtsc), so the hand-over never
// appears to arrive before it was sent. Paid once per acquisition.
void BM_RecordEventAfterSync(benchmark::State &state) { recordEvents<Stamp::TscAfterSync>(state); }
BENCHMARK(BM_RecordEventAfterSync);

// Writer::record() while another thread drains the ring as fast as it can:
// the cache lines of the slots and of head/tail now move between cores, as
// in a live run. "dropped_pct" is the share of events the reader did not make
// room for in time (dropping is cheaper than storing, so a high share flatters
// the figure; on a machine with idle cores it stays near 0).
void BM_RecordEventConcurrentDrain(benchmark::State &state)
{
    SharedArena arena = makeArena(1);
    const int index = arena.acquireRing();
    Writer writer(&arena, std::uint32_t(index));
    Ring reader = arena.ring(std::uint32_t(index));
    std::atomic<bool> done{false};
    std::thread drainer([&] {
        std::vector<Event> sink(8192);
        while (!done.load(std::memory_order_relaxed)) {
            if (reader.drain(sink.data(), sink.size()) == 0)
                std::this_thread::yield();
        }
    });
    std::int64_t n = 0;
    for (auto _ : state)
        writer.record(EventKind::Counter, 0, 1, n++);
    done.store(true);
    drainer.join();
    state.SetItemsProcessed(state.iterations());
    state.counters["dropped_pct"] =
        100.0 * double(reader.header()->dropped.load()) / double(std::max<benchmark::IterationCount>(state.iterations(), 1));
}
BENCHMARK(BM_RecordEventConcurrentDrain)->UseRealTime();

// ---- the collector ---------------------------------------------------------------

// A worker's typical mix: state spans around lock use, counters, and with
// `printEvery` > 0 a 40-byte printed line every that many events (a string
// definition plus two text chunks the collector reassembles).
void fillRing(Writer &w, std::size_t events, std::size_t printEvery)
{
    std::size_t i = 0;
    while (i < events) {
        if (printEvery != 0 && i % printEvery == 0 && events - i >= 4) {
            w.print("tickets left: 9 ... buying (worker 12)..");
            i += 4;
            continue;
        }
        switch (i % 4) {
        case 0: w.spanBegin(SpanState::LockWait, 7); break;
        case 1: w.spanEnd(SpanState::LockWait, 7); break;
        case 2: w.counter(cl::trace::counter_id::TicketsLeft, std::int64_t(i)); break;
        default: w.spanBegin(SpanState::LockHold, 7); break;
        }
        ++i;
    }
}

// Collector::drainNow() over rings filled beforehand (timer paused): decode,
// tick-to-ns conversion, string reassembly, handing the batch over. Arguments:
// rings, events per ring, print every N events (0: none).
void BM_CollectorIngest(benchmark::State &state)
{
    const auto rings = std::uint32_t(state.range(0));
    const auto perRing = std::size_t(state.range(1));
    const auto printEvery = std::size_t(state.range(2));
    SharedArena arena = makeArena(rings, std::uint32_t(perRing));
    std::vector<Writer> writers;
    for (std::uint32_t r = 0; r < rings; ++r)
        writers.emplace_back(&arena, std::uint32_t(arena.acquireRing()));
    Collector collector(arena);
    std::size_t drained = 0;
    for (auto _ : state) {
        state.PauseTiming();
        for (auto &w : writers)
            fillRing(w, perRing, printEvery);
        state.ResumeTiming();
        drained += collector.drainNow();
        state.PauseTiming();
        benchmark::DoNotOptimize(collector.takeBatch());
        state.ResumeTiming();
    }
    state.SetItemsProcessed(std::int64_t(drained));
    state.counters["dropped"] = double(collector.droppedTotal());
}
BENCHMARK(BM_CollectorIngest)
    ->Args({8, 8192, 0})
    ->Args({8, 8192, 64})
    ->Args({64, 1024, 0})
    ->Unit(benchmark::kMicrosecond);

// ---- the trace store ---------------------------------------------------------------

// A batch shaped like the collector's: one run of time-ordered events per
// writer, the writers' runs one after another (so the store has to merge).
cl::record::Batch makeBatch(int workers, int eventsPerWorker)
{
    cl::record::Batch batch;
    std::uint32_t nextString = 1;
    for (int w = 0; w < workers; ++w) {
        const std::int32_t pid = 1000 + w / 4; // four threads per process
        const std::int32_t tid = 1000 + w;
        std::uint64_t t = 1000000 + std::uint64_t(w) * 37;
        for (int i = 0; i < eventsPerWorker; ++i, t += 250) {
            Event e{};
            e.timeNs = t;
            e.pid = pid;
            e.tid = tid;
            switch (i % 8) {
            case 0: e.kind = EventKind::SpanBegin; e.arg = std::uint8_t(SpanState::LockWait); e.objectId = 7; break;
            case 1: e.kind = EventKind::SpanEnd; e.arg = std::uint8_t(SpanState::LockWait); e.objectId = 7; break;
            case 2: e.kind = EventKind::SpanBegin; e.arg = std::uint8_t(SpanState::LockHold); e.objectId = 7; break;
            case 3: e.kind = EventKind::Counter; e.objectId = cl::trace::counter_id::TicketsLeft; e.value = i; break;
            case 4: e.kind = EventKind::SpanEnd; e.arg = std::uint8_t(SpanState::LockHold); e.objectId = 7; break;
            case 5: e.kind = EventKind::SpanBegin; e.arg = std::uint8_t(SpanState::Running); break;
            case 6: e.kind = EventKind::SpanEnd; e.arg = std::uint8_t(SpanState::Running); break;
            default:
                if (i % 64 == 7) {
                    e.kind = EventKind::Print;
                    e.objectId = nextString;
                    batch.strings.emplace_back(nextString++, "tickets left: 9 ... buying");
                } else {
                    e.kind = EventKind::Counter;
                    e.objectId = cl::trace::counter_id::QueueDepth;
                    e.value = i % 10;
                }
                break;
            }
            batch.events.push_back(e);
        }
    }
    return batch;
}

// TraceStore::ingest() of one batch into an empty store (cleared with the
// timer paused). Arguments: writers, events per writer.
void BM_TraceStoreIngest(benchmark::State &state)
{
    const cl::record::Batch batch = makeBatch(int(state.range(0)), int(state.range(1)));
    cl::trace::TraceStore store;
    for (auto _ : state) {
        state.PauseTiming();
        store.clear();
        state.ResumeTiming();
        store.ingest(batch);
    }
    state.SetItemsProcessed(state.iterations() * std::int64_t(batch.events.size()));
}
BENCHMARK(BM_TraceStoreIngest)->Args({16, 4096})->Args({256, 256})->Unit(benchmark::kMicrosecond);

} // namespace

BENCHMARK_MAIN();
