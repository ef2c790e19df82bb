#pragma once
// ticket-race with mode = pool (seed 000 §4.2): the buyers are tasks of a
// process pool and share one lock. The notes need a Manager's lock there,
// because a plain multiprocessing.Lock cannot be passed to pool tasks; here
// the lock lives in the run's shared memory, which every worker maps.
#include "core/scenarios/race_tasks.h"
#include "core/scenarios/run_context.h"

namespace cl::scenarios {

// Submits one buyer task per buyer (staggered), closes and joins the pool.
// Returns an error message, or an empty string.
QString runTicketBuyersInPool(RunContext &context, const TicketBuyerArgs &args, int buyers, int poolSize,
                              qint64 staggerMs);

} // namespace cl::scenarios
