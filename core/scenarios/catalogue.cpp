#include "core/scenarios/catalogue.h"
#include "core/scenarios/counter_race.h"
#include "core/scenarios/lock_contention.h"
#include "core/scenarios/serial_vs_parallel.h"
#include "core/scenarios/producer_consumer.h"
#include "core/scenarios/ticket_race.h"
#include "core/scenarios/log_pool.h"
#include "core/scenarios/pool_callbacks.h"
#include "core/scenarios/pool_lesson.h"
#include "core/scenarios/coroutines.h"
#include "core/scenarios/echo_server.h"
#include "core/scenarios/fetch.h"
#include "core/scenarios/start_methods.h"
#include "core/scenarios/lifecycle.h"
#include "core/scenarios/zombie_orphan.h"
#include "core/scenarios/pipe_lesson.h"
#include "core/scenarios/shared_vs_manager.h"

namespace cl::scenarios {

const QList<const Scenario *> &catalogue()
{
    static const TicketRace ticketRace;
    static const CounterRace counterRace;
    static const LockContention lockContention;
    static const SerialVsParallel serialVsParallel;
    static const ProducerConsumer producerConsumer;
    static const PoolLesson pool;
    static const PoolCallbacks poolCallbacks;
    static const LogPool logPool;
    static const CoroutinesLesson coroutines;
    static const EchoServerLesson echoServer;
    static const FetchLesson fetch;
    static const StartMethods startMethods;
    static const Lifecycle lifecycle;
    static const ZombieOrphan zombieOrphan;
    static const PipeLesson pipe;
    static const SharedVsManager sharedVsManager;
    // The notes' order: processes and threads, pools, locks and races, queues.
    static const QList<const Scenario *> all{&serialVsParallel, &startMethods, &lifecycle, &zombieOrphan, &pool,         &poolCallbacks, &logPool,
                                             &ticketRace,       &counterRace,  &lockContention,
                                             &pipe,             &sharedVsManager, &producerConsumer,
                                             &coroutines,       &fetch,        &echoServer};
    return all;
}

const Scenario *findScenario(const QString &id)
{
    for (const Scenario *s : catalogue())
        if (s->id() == id)
            return s;
    return nullptr;
}

} // namespace cl::scenarios
