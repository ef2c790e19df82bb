#pragma once
// The worker body of the lock-contention lesson. Runs in forked children or
// in threads, so no Qt. Each worker keeps its own totals in shared memory;
// the verdict adds them up, it does not read them back from the trace.
#include "core/runtime/worker_env.h"

#include <atomic>
#include <cstdint>

namespace cl::scenarios {

enum class ContentionLock : std::int32_t { None = 0, Mutex = 1, RLock = 2 };

struct ContentionShared {
    std::atomic<std::uint32_t> startLine; // workers wait here so they contend from the start
    std::atomic<std::int32_t> lastHolder; // worker index of the last holder, -1 at first
};

// One per worker, written only by that worker.
struct ContentionStats {
    std::int64_t waitNs;
    std::int64_t holdNs;
    std::int64_t maxWaitNs;
    std::int64_t acquisitions;
    std::int64_t handovers; // acquisitions where the previous holder was another worker
    std::int32_t finished;
};

struct ContentionArgs {
    std::uint64_t sharedOffset;
    std::uint64_t statsOffset; // ContentionStats[workers]
    std::uint64_t lockOffset;  // SharedMutex or SharedRLock; 0 with ContentionLock::None
    ContentionLock lock;
    std::int64_t iterations;
    std::int64_t holdMs;    // work inside the lock
    std::int64_t outsideMs; // work outside it
};

int lockContentionTask(runtime::WorkerEnv &env);

} // namespace cl::scenarios
