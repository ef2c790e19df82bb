#include "core/scenarios/pool_tasks.h"
#include "core/scenarios/race_tasks.h"

namespace cl::scenarios {

int poolNoopFunction(runtime::WorkerEnv &env, std::int64_t *result)
{
    result[0] = env.workerIndex;
    return 0;
}

int poolNotesFunction(runtime::WorkerEnv &env, std::int64_t *result)
{
    const auto a = env.argsAs<PoolNotesArgs>();
    // volatile: the loop is the notes' work, keep it from folding into 5 * i.
    volatile std::int64_t numb = 0;
    for (int j = 0; j < 5; ++j)
        numb = numb + a.value;
    result[0] = numb;
    return runtime::doPoolWork(env, a.work, a.workMs, a.cpuIterations) ? 0 : kStoppedExitCode;
}

int ticketPoolBuyerFunction(runtime::WorkerEnv &env, std::int64_t *result)
{
    const int code = ticketBuyerTask(env);
    const auto a = env.argsAs<TicketBuyerArgs>();
    result[0] = env.arena->object<BuyerResult>(a.resultsOffset)[env.workerIndex].bought;
    return code;
}

} // namespace cl::scenarios
