#include "core/scenarios/catalogue.h"
#include "core/scenarios/counter_race.h"
#include "core/scenarios/lock_contention.h"
#include "core/scenarios/serial_vs_parallel.h"
#include "core/scenarios/producer_consumer.h"
#include "core/scenarios/ticket_race.h"

namespace cl::scenarios {

const QList<const Scenario *> &catalogue()
{
    static const TicketRace ticketRace;
    static const CounterRace counterRace;
    static const LockContention lockContention;
    static const SerialVsParallel serialVsParallel;
    static const ProducerConsumer producerConsumer;
    static const QList<const Scenario *> all{&serialVsParallel, &ticketRace, &counterRace, &lockContention,
                                             &producerConsumer};
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
