#include "core/runtime/pool_work.h"
#include "core/record/clock.h"

namespace cl::runtime {

namespace {
// Real arithmetic the compiler cannot drop: a xorshift chain whose result is
// published through a volatile sink.
volatile std::uint64_t g_sink;

bool computeFor(WorkerEnv &env, std::int64_t ms)
{
    const std::uint64_t until = record::monotonicNs() + std::uint64_t(ms) * 1000000ull;
    std::uint64_t x = 0x9e3779b97f4a7c15ull ^ std::uint64_t(env.workerIndex);
    for (;;) {
        for (int i = 0; i < 4096; ++i) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
        }
        g_sink = x;
        if (record::monotonicNs() >= until)
            return true;
        if (env.stopRequested())
            return false;
    }
}
} // namespace

bool doPoolWork(WorkerEnv &env, PoolWorkKind kind, std::int64_t ms)
{
    if (ms <= 0)
        return !env.stopRequested();
    return kind == PoolWorkKind::Cpu ? computeFor(env, ms) : env.sleepMs(ms);
}

} // namespace cl::runtime
