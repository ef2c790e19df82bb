// Pool task dispatch round trip: submit a task that does nothing, its result
// comes back, its done callback runs, and the submitter sees it delivered.
// For the process pool (workers behind the fork server, callbacks on the
// result handler thread) and the thread pool (callbacks on the worker).
// CPython's figures for the same round trip: tests/benchmarks/pool_roundtrip.py.
// docs/benchmarks.md ("Pools") says how to run both and what was measured.
#include "core/record/collector.h"
#include "core/runtime/fork_server.h"
#include "core/runtime/pool.h"
#include "core/scenarios/pool_host.h"
#include "core/scenarios/run_context.h"

#include <benchmark/benchmark.h>

#include <atomic>
#include <memory>

namespace {

using cl::runtime::Pool;

// Started on first use, while the benchmark process has no other thread, as
// main() does in the app.
cl::runtime::ForkServerClient *forkServer()
{
    static std::unique_ptr<cl::runtime::ForkServerClient> server = cl::runtime::ForkServerClient::start();
    return server.get();
}

constexpr std::uint32_t kBoardTasks = 20000; // a fresh pool (timer paused) when it is full

void roundTrip(benchmark::State &state, Pool::Kind kind)
{
    cl::runtime::ForkServerClient *server = forkServer();
    if (!server) {
        state.SkipWithError("could not start the fork server");
        return;
    }
    // Room for several boards: each fresh pool takes a new one from the arena.
    cl::record::SharedArena arena =
        cl::record::SharedArena::create({4, 1 << 16, (1 << 16) + cl::runtime::PoolBoard::bytesFor(kBoardTasks) * 16});
    cl::record::Collector collector(arena);
    collector.start();
    {
        cl::scenarios::RunContext context(arena, collector, server, nullptr);
        context.begin("main");
        cl::scenarios::RunContextPoolHost host(context);
        std::atomic<std::uint64_t> callbacks{0};
        const cl::runtime::PoolCallback done = [&callbacks](const cl::runtime::PoolResult &, cl::record::Writer &) {
            callbacks.fetch_add(1, std::memory_order_relaxed);
        };
        auto pool = std::make_unique<Pool>(host, kind, 1, kBoardTasks);
        if (!pool->start()) {
            state.SkipWithError("could not start the pool");
            return;
        }
        for (int i = 0; i < 100; ++i) // warm-up: pages of the board, the workers' caches
            pool->wait(pool->applyAsync("pool.noop", i, done));
        std::int64_t n = 0;
        for (auto _ : state) {
            if (pool->submitted() == kBoardTasks || (n & 4095) == 4095) {
                state.PauseTiming();
                collector.takeBatch(); // drop the recorded events, as nobody reads them
                if (pool->submitted() == kBoardTasks) {
                    pool->close();
                    pool->join();
                    pool = std::make_unique<Pool>(host, kind, 1, kBoardTasks);
                    if (!pool->start()) {
                        state.SkipWithError("the arena has no room for another pool");
                        break;
                    }
                }
                state.ResumeTiming();
            }
            if (!pool->wait(pool->applyAsync("pool.noop", n, done))) {
                state.SkipWithError("a round trip failed");
                break;
            }
            ++n;
        }
        pool->close();
        pool->join();
        state.counters["callbacks"] = double(callbacks.load());
        context.waitAll();
        context.writer().close();
    }
    collector.stop();
}

void BM_PoolRoundTripProcess(benchmark::State &state) { roundTrip(state, Pool::Kind::Processes); }
BENCHMARK(BM_PoolRoundTripProcess)->Unit(benchmark::kMicrosecond)->UseRealTime();

void BM_PoolRoundTripThread(benchmark::State &state) { roundTrip(state, Pool::Kind::Threads); }
BENCHMARK(BM_PoolRoundTripThread)->Unit(benchmark::kMicrosecond)->UseRealTime();

} // namespace
