#include "core/runtime/worker_env.h"

#include <algorithm>
#include <ctime>
#include <sched.h>

namespace cl::runtime {

namespace {
void sleepNs(std::int64_t ns)
{
    timespec ts{time_t(ns / 1000000000), long(ns % 1000000000)};
    while (nanosleep(&ts, &ts) != 0) {
    }
}
} // namespace

bool WorkerEnv::sleepMs(std::int64_t ms)
{
    writer->spanBegin(trace::SpanState::Sleep, taskObject);
    const std::uint64_t deadline = record::monotonicNs() + std::uint64_t(ms) * 1000000ull;
    bool stopped = false;
    for (;;) {
        const std::uint64_t now = record::monotonicNs();
        if (now >= deadline)
            break;
        if (stopRequested()) {
            stopped = true;
            break;
        }
        // Slices keep Stop responsive for thread workers, which cannot be killed.
        sleepNs(std::int64_t(std::min<std::uint64_t>(deadline - now, 10'000'000ull)));
    }
    writer->spanEnd(trace::SpanState::Sleep, taskObject);
    return !stopped;
}

bool WorkerEnv::waitForStartLine(const std::atomic<std::uint32_t> &go)
{
    // Spin (yielding) rather than sleep: a sleeper wakes up to a tick late,
    // and the workers would no longer start together.
    while (go.load(std::memory_order_acquire) == 0) {
        if (stopRequested())
            return false;
        sched_yield();
    }
    return true;
}

} // namespace cl::runtime
