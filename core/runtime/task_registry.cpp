#include "core/runtime/task_registry.h"
#include "core/scenarios/race_tasks.h"
#include "core/scenarios/lock_contention_tasks.h"
#include "core/scenarios/serial_vs_parallel_tasks.h"
#include "core/scenarios/producer_consumer_tasks.h"
#include "core/runtime/pool_worker.h"
#include "core/scenarios/echo_tasks.h"
#include "core/scenarios/fetch_tasks.h"
#include "core/scenarios/process_lesson_tasks.h"
#include "core/runtime/manager.h"
#include "core/scenarios/sharing_tasks.h"

#include <array>

namespace cl::runtime {

namespace {
// One explicit table: no static-initialiser registration that a static
// library link could silently drop.
constexpr std::array kTasks{
    TaskEntry{"ticket-race.buyer", &scenarios::ticketBuyerTask},
    TaskEntry{"counter-race.worker", &scenarios::counterWorkerTask},
    TaskEntry{"test.exit-code", &scenarios::exitCodeTask},
    TaskEntry{"test.sleep", &scenarios::sleepTask},
    TaskEntry{"lock-contention.worker", &scenarios::lockContentionTask},
    TaskEntry{"serial-vs-parallel.job", &scenarios::parallelJobTask},
    TaskEntry{"producer-consumer.producer", &scenarios::producerTask},
    TaskEntry{"producer-consumer.consumer", &scenarios::consumerTask},
    TaskEntry{"pool.worker", &poolWorkerTask},
    TaskEntry{"pool.result-handler", &poolResultHandlerTask},
    TaskEntry{"echo.clients", &scenarios::echoClientsTask},
    TaskEntry{"echo.connection", &scenarios::echoConnectionTask},
    TaskEntry{"echo.forking-server", &scenarios::echoForkingServerTask},
    TaskEntry{"fetch.server", &scenarios::fetchServerTask},
    TaskEntry{"fetch.client", &scenarios::fetchClientTask},
    TaskEntry{"start-methods.child", &scenarios::startMethodsChildTask},
    TaskEntry{"lifecycle.child", &scenarios::lifecycleChildTask},
    TaskEntry{"zombie-orphan.parent", &scenarios::familyParentTask},
    TaskEntry{"manager.server", &managerServerTask},
    TaskEntry{"pipe.child", &scenarios::pipeChildTask},
    TaskEntry{"shared-vs-manager.worker", &scenarios::sharedUpdaterTask},
};
} // namespace

const TaskEntry *findTask(std::string_view name)
{
    for (const auto &t : kTasks)
        if (t.name == name)
            return &t;
    return nullptr;
}

} // namespace cl::runtime
