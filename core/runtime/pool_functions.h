#pragma once
// The functions a pool can run, found by index, so a fork-server child runs
// the same function the main process submitted without inheriting a pointer.
// (Python pickles a reference to the function by name; this is our version.)
// No Qt.
#include "core/runtime/pool_board.h"
#include "core/runtime/worker_env.h"

#include <cstdint>
#include <string_view>

namespace cl::runtime {

// Runs one task: `env.workerIndex` is the task's index, `env.args` its
// arguments; writes up to kPoolResultWords values to `result`. Returns 0 when
// it did its work, non-zero when it stopped early or failed.
using PoolFunction = int (*)(WorkerEnv &env, std::int64_t *result);

struct PoolFunctionEntry {
    std::string_view name;
    PoolFunction function;
};

// -1 for an unknown name.
int poolFunctionId(std::string_view name);
const PoolFunctionEntry *poolFunction(std::uint32_t id);

} // namespace cl::runtime
