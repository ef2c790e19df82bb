#include "core/runtime/pool_worker.h"
#include "core/runtime/pool_board.h"

namespace cl::runtime {

int poolWorkerTask(WorkerEnv &env)
{
    const auto a = env.argsAs<PoolWorkerArgs>();
    PoolBoard board(*env.arena, a.boardOffset);
    record::Writer &w = *env.writer;
    if (a.fixedTask < 0)
        board.reportReady();
    bool first = true;
    for (;;) {
        std::int64_t index = -1;
        if (a.fixedTask >= 0) {
            if (first && std::uint32_t(a.fixedTask) < board.capacity() && !env.stopRequested()) {
                index = a.fixedTask;
                board.slot(std::uint32_t(index)).state.store(std::uint32_t(PoolSlotState::Running));
            }
        } else {
            index = board.claim(env);
        }
        first = false;
        if (index < 0)
            break;
        const auto task = std::uint32_t(index);
        board.run(env, task, a.workerNumber);
        // A task cut short by Stop has no result to deliver.
        if (env.stopRequested() || board.aborted())
            break;
        if (a.delivery == PoolDelivery::ToHandler)
            board.publish(w, task);
        else if (a.onResult)
            a.onResult(a.context, task, w);
        else
            board.markHandled(task);
    }
    return board.aborted() || env.stopRequested() ? kPoolWorkerStoppedCode : 0;
}

int poolResultHandlerTask(WorkerEnv &env)
{
    const auto a = env.argsAs<PoolWorkerArgs>();
    if (!a.onResult)
        return 127;
    PoolBoard board(*env.arena, a.boardOffset);
    std::uint32_t cursor = 0;
    for (;;) {
        const std::int64_t index = board.nextCompleted(env, cursor);
        if (index < 0)
            break;
        a.onResult(a.context, std::uint32_t(index), *env.writer);
    }
    return board.aborted() || env.stopRequested() ? kPoolWorkerStoppedCode : 0;
}

} // namespace cl::runtime
