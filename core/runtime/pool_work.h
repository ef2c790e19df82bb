#pragma once
// The unit of work a pool task does for `ms` milliseconds: sleeping (like
// time.sleep in the notes) or computing (a CPU-bound loop). A stand-in kept
// private to the pool lessons until the shared calibrated work unit
// (core/runtime/work_unit.*) is available to switch to. No Qt.
#include "core/runtime/worker_env.h"

#include <cstdint>

namespace cl::runtime {

enum class PoolWorkKind : std::int32_t { Sleep = 0, Cpu = 1 };

// Returns false when the run was stopped before the work was done.
bool doPoolWork(WorkerEnv &env, PoolWorkKind kind, std::int64_t ms);

} // namespace cl::runtime
