#pragma once
// The bodies of a pool's workers. A pool worker is started once and loops:
// claim the next task, run it, hand the result on. The result handler is a
// thread of the main process that takes results from the completion list and
// runs their callbacks there, as Python's process pools do. No Qt.
#include "core/record/writer.h"
#include "core/runtime/worker_env.h"

#include <cstdint>

namespace cl::runtime {

// Called with a finished task's index on the thread that delivers it.
using PoolResultHook = void (*)(void *context, std::uint32_t task, record::Writer &w);

enum class PoolDelivery : std::uint32_t {
    ToHandler, // publish to the completion list (process pools)
    InPlace,   // the worker delivers it itself: runs onResult, or just marks it handled
};

struct PoolWorkerArgs {
    std::uint64_t boardOffset = 0;
    std::int32_t workerNumber = 0;  // 1-based, as in "pool worker 1"
    std::int32_t fixedTask = -1;    // >= 0: run exactly this task, then exit (process per task)
    PoolDelivery delivery = PoolDelivery::ToHandler;
    // Threads of the main process only: a pointer means nothing in a child.
    PoolResultHook onResult = nullptr;
    void *context = nullptr;
};

// Exit code of a pool worker that left because the pool was aborted or the run stopped.
inline constexpr int kPoolWorkerStoppedCode = 3;

int poolWorkerTask(WorkerEnv &env);
// Thread only: takes PoolWorkerArgs with onResult set.
int poolResultHandlerTask(WorkerEnv &env);

} // namespace cl::runtime
