#pragma once
// The unit of work a pool task does for `ms` milliseconds: sleeping (like
// time.sleep in the notes) or computing: the calibrated loop of
// work_unit.h, so `ms` is that much CPU time of one core, as in every other
// lesson (a pool of 4 on 2 cores then takes twice as long, as it should). No Qt.
#include "core/runtime/worker_env.h"

#include <cstdint>

namespace cl::runtime {

enum class PoolWorkKind : std::int32_t { Sleep = 0, Cpu = 1 };

// Returns false when the run was stopped before the work was done.
// `iterations`: the loop count for `ms`, worked out once by the main process
// (a worker that calibrated itself would pay tens of ms per process); 0 lets
// this process calibrate, as callbacks in the main process do.
bool doPoolWork(WorkerEnv &env, PoolWorkKind kind, std::int64_t ms, std::uint64_t iterations = 0);

} // namespace cl::runtime
