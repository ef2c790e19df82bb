#include "core/runtime/pool_functions.h"
#include "core/scenarios/log_pool_tasks.h"
#include "core/scenarios/pool_tasks.h"

#include <array>

namespace cl::runtime {

namespace {
// One explicit table, like the task registry: indices are the same in every
// process started from this executable.
constexpr std::array kFunctions{
    PoolFunctionEntry{"pool.noop", &scenarios::poolNoopFunction},
    PoolFunctionEntry{"pool.notes-task", &scenarios::poolNotesFunction},
    PoolFunctionEntry{"log-pool.count-file", &scenarios::logCountFileFunction},
    PoolFunctionEntry{"ticket-race.pool-buyer", &scenarios::ticketPoolBuyerFunction},
};
} // namespace

int poolFunctionId(std::string_view name)
{
    for (std::size_t i = 0; i < kFunctions.size(); ++i)
        if (kFunctions[i].name == name)
            return int(i);
    return -1;
}

const PoolFunctionEntry *poolFunction(std::uint32_t id)
{
    return id < kFunctions.size() ? &kFunctions[id] : nullptr;
}

} // namespace cl::runtime
