#include "core/runtime/pool_work.h"
#include "core/runtime/work_unit.h"

#include <algorithm>

namespace cl::runtime {

namespace {
// The task is already a Running span of its pool worker: the loop runs
// uninstrumented, in slices, so Stop is seen within about a millisecond.
bool computeIterations(WorkerEnv &env, std::uint64_t iterations, std::uint64_t slice)
{
    std::uint64_t state = 0x9e3779b97f4a7c15ull ^ std::uint64_t(env.workerIndex);
    while (iterations > 0) {
        const std::uint64_t n = std::min(iterations, slice);
        state = spinLoop(n, state);
        iterations -= n;
        if (env.stopRequested())
            return false;
    }
    (void)state; // spinLoop keeps every step; nothing to publish
    return true;
}
} // namespace

bool doPoolWork(WorkerEnv &env, PoolWorkKind kind, std::int64_t ms, std::uint64_t iterations)
{
    if (ms <= 0)
        return !env.stopRequested();
    if (kind != PoolWorkKind::Cpu)
        return env.sleepMs(ms);
    if (iterations == 0)
        iterations = cpuIterationsForMs(ms);
    const std::uint64_t perMs = std::max<std::uint64_t>(1, iterations / std::uint64_t(ms));
    return computeIterations(env, iterations, perMs);
}

} // namespace cl::runtime
