#pragma once
// Tasks are found by name, so a fork-server child (or a spawned worker) can
// run one without inheriting a function pointer. No Qt.
#include "core/runtime/worker_env.h"

#include <string_view>

namespace cl::runtime {

using TaskFunction = int (*)(WorkerEnv &env);

struct TaskEntry {
    std::string_view name;
    TaskFunction function;
};

const TaskEntry *findTask(std::string_view name);

} // namespace cl::runtime
