#include "core/scenarios/ticket_race_pool.h"
#include "core/scenarios/pool_host.h"

namespace cl::scenarios {

QString runTicketBuyersInPool(RunContext &context, const TicketBuyerArgs &args, int buyers, int poolSize,
                              qint64 staggerMs)
{
    RunContextPoolHost host(context);
    runtime::Pool pool(host, runtime::Pool::Kind::Processes, poolSize, std::uint32_t(buyers));
    bool ok = pool.start();
    // The task index is the buyer's index: its BuyerResult entry.
    for (int i = 0; ok && i < buyers; ++i) {
        ok = pool.applyAsync("ticket-race.pool-buyer", args) >= 0;
        if (ok && staggerMs > 0 && i + 1 < buyers)
            ok = context.sleepMs(staggerMs);
    }
    pool.close();
    ok = pool.join() && ok;
    if (!ok && !context.stopRequested())
        return PoolText::failure(pool.failure(), context);
    return {};
}

} // namespace cl::scenarios
