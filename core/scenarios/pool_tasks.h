#pragma once
// Functions the pool lessons submit to a pool (see runtime/pool_functions.h).
// They run in pool workers, forked children or threads, so no Qt.
#include "core/runtime/pool_work.h"
#include "core/runtime/worker_env.h"

#include <cstdint>

namespace cl::scenarios {

// The notes' func1(i): adds i five times and returns it, after `workMs` of work.
struct PoolNotesArgs {
    std::int64_t value;
    std::int64_t workMs;
    runtime::PoolWorkKind work;
    std::uint64_t cpuIterations = 0; // the calibrated loop count for workMs (Cpu)
};

// result[0] = the task's index. For round-trip measurements and tests.
int poolNoopFunction(runtime::WorkerEnv &env, std::int64_t *result);
// result[0] = 5 * value.
int poolNotesFunction(runtime::WorkerEnv &env, std::int64_t *result);
// A ticket buyer (TicketBuyerArgs; the task index is the buyer's index) run
// as a pool task. result[0] = 1 if it bought a ticket.
int ticketPoolBuyerFunction(runtime::WorkerEnv &env, std::int64_t *result);

} // namespace cl::scenarios
