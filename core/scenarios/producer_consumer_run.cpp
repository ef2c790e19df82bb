// ProducerConsumer::run(): starts the workers, ends the consumers the way the
// parameters say, then checks exactly-once from what the consumers recorded.
#include "core/runtime/bounded_queue.h"
#include "core/scenarios/producer_consumer.h"
#include "core/scenarios/producer_consumer_tasks.h"
#include "core/scenarios/run_context.h"
#include "core/trace/messages.h"

#include <algorithm>
#include <csignal>
#include <new>
#include <string>

namespace cl::scenarios {

namespace {
using runtime::BoundedQueue;
using runtime::QueueItem;
using runtime::QueueStatus;
using trace::MessageId;

// How often the main process looks at its workers while it waits for them.
constexpr std::int64_t kPollMs = 10;

struct Roles {
    RunContext &context;
    PcConsumerRecord *records;
    int producers = 0; // workers [0, producers) of the context
    int consumers = 0; // then the consumers

    bool producersEnded() const
    {
        const auto ws = context.workers();
        for (int i = 0; i < producers; ++i)
            if (!ws[std::size_t(i)].ended)
                return false;
        return true;
    }
    int consumersAlive() const
    {
        const auto ws = context.workers();
        int alive = 0;
        for (int c = 0; c < consumers; ++c)
            alive += !ws[std::size_t(producers + c)].ended && consumerAlive(records[c]);
        return alive;
    }
};

struct Tally {
    qint64 produced = 0, consumed = 0, duplicates = 0, missing = 0, sentinels = 0;
};

Tally tally(const PcItemRecord *items, qint64 total, const PcConsumerRecord *records, int consumers)
{
    Tally t;
    for (qint64 i = 0; i < total; ++i) {
        const qint64 times = items[i].consumed.load();
        const bool produced = items[i].produced.load() != 0;
        t.produced += produced;
        t.consumed += times;
        t.duplicates += std::max<qint64>(0, times - 1);
        t.missing += produced && times == 0;
    }
    // An id no producer made counts as a duplicate too: something the queue
    // handed out that was not one of the items put.
    for (int c = 0; c < consumers; ++c) {
        t.consumed += records[c].strays.load();
        t.duplicates += records[c].strays.load();
        t.sentinels += records[c].sentinels.load();
    }
    return t;
}
} // namespace

Outcome ProducerConsumer::run(RunContext &context, const ParameterValues &values) const
{
    Outcome out;
    const int producers = int(values.integer(QStringLiteral("producers")));
    const int consumers = int(values.integer(QStringLiteral("consumers")));
    const qint64 itemsEach = values.integer(QStringLiteral("items"));
    const auto capacity = std::uint32_t(values.integer(QStringLiteral("capacity")));
    const bool joinable = values.choice(QStringLiteral("queue")) == QLatin1String("joinable");
    const bool daemon = values.choice(QStringLiteral("shutdown")) == QLatin1String("daemon");
    const bool asThreads = values.choice(QStringLiteral("mode")) == QLatin1String("threads");
    const qint64 total = qint64(producers) * itemsEach;
    auto &arena = context.arena();
    record::Writer &w = context.writer();

    PcWorkerArgs args{};
    args.queueOffset = BoundedQueue::create(arena, capacity, joinable, trace::counter_id::QueueDepth);
    args.itemsOffset = arena.allocateObject(sizeof(PcItemRecord) * std::size_t(total), alignof(PcItemRecord));
    args.consumersOffset =
        arena.allocateObject(sizeof(PcConsumerRecord) * std::size_t(consumers), alignof(PcConsumerRecord));
    args.itemsPerProducer = itemsEach;
    args.totalItems = total;
    args.produceMs = values.integer(QStringLiteral("produce_ms"));
    args.consumeMs = values.integer(QStringLiteral("consume_ms"));
    if (args.queueOffset == 0 || args.itemsOffset == 0 || args.consumersOffset == 0) {
        out.error = tr("could not set up the queue in shared memory");
        return out;
    }
    auto *items = arena.object<PcItemRecord>(args.itemsOffset);
    for (qint64 i = 0; i < total; ++i)
        new (&items[i]) PcItemRecord{};
    auto *records = arena.object<PcConsumerRecord>(args.consumersOffset);
    initConsumerRecords(records, consumers);
    BoundedQueue queue(arena, args.queueOffset);
    w.nameObject(queue.objectId(), "q"); // as the Python snippet calls it
    w.nameObject(trace::counter_id::QueueDepth, "depth of q");
    w.counter(trace::counter_id::QueueDepth, 0);

    // Producers first, then consumers, as the notes start them.
    Roles roles{context, records, 0, 0};
    for (int p = 0; p < producers && roles.producers == p; ++p)
        roles.producers += context.spawn(asThreads, "producer-consumer.producer", "producer-" + std::to_string(p + 1),
                                         p, args);
    for (int c = 0; c < consumers && roles.producers == producers && roles.consumers == c; ++c)
        roles.consumers += context.spawn(asThreads, "producer-consumer.consumer", "consumer-" + std::to_string(c + 1),
                                         c, args);
    if (roles.producers < producers || roles.consumers < consumers) {
        queue.shutdown(w, true); // whoever did start returns
        context.waitAll();
        out.error = context.error().isEmpty() && !context.stopRequested() ? tr("could not start every worker")
                                                                          : context.error();
        if (out.error.isEmpty())
            out.verdict = tr("Stopped before every worker had started.");
        return out;
    }

    // p.join() for every producer. If every consumer is gone, nobody will
    // ever make room again: shut the queue so waiting producers return.
    w.spanBegin(trace::SpanState::Sleep);
    while (!roles.producersEnded() && !context.stopRequested()) {
        if (roles.consumersAlive() == 0 && !queue.isShutDown())
            queue.shutdown(w, true);
        context.reapFor(kPollMs); // exits show when they happen, as p.join() would see them
    }
    w.spanEnd(trace::SpanState::Sleep);
    const bool lostConsumer = roles.consumersAlive() < consumers;
    const auto noConsumerLeft = [&roles] { return roles.consumersAlive() == 0; };
    const auto aConsumerDied = [&roles] { return roles.consumersAlive() < roles.consumers; };

    bool drained = false;
    bool terminated = false; // we sent the consumers SIGTERM
    if (!context.stopRequested() && !daemon) {
        w.printMessage(std::int64_t(MessageId::PuttingSentinels), std::to_string(consumers));
        for (int c = 0; c < consumers; ++c)
            if (queue.put(w, QueueItem{0, 1, 0}, true, BoundedQueue::kForever, noConsumerLeft) != QueueStatus::Ok)
                break;
    } else if (!context.stopRequested()) {
        QueueStatus joined = QueueStatus::Ok;
        if (joinable && !lostConsumer) {
            joined = queue.join(w, BoundedQueue::kForever, aConsumerDied);
            if (joined == QueueStatus::Ok)
                w.printMessage(std::int64_t(MessageId::QueueJoined), {});
        }
        if (lostConsumer || joined == QueueStatus::GaveUp) {
            // A dead consumer never calls task_done() for the item it held, so
            // join() would wait for ever: let the others finish what is left.
            drained = true;
            queue.shutdown(w, false);
        } else if (joined == QueueStatus::Ok) {
            w.printMessage(std::int64_t(MessageId::EndingDaemons), {});
            if (asThreads) {
                queue.shutdown(w, true); // daemon threads are told to return
            } else {
                // terminate(), as Python does to daemonic children at exit.
                // Only once each has started: until then a child forked from
                // the GUI still has the GUI's SIGTERM handler.
                const auto allStarted = [&] {
                    const auto ws = context.workers();
                    for (int c = 0; c < consumers; ++c)
                        if (!ws[std::size_t(producers + c)].ended && records[c].started.load() == 0)
                            return false;
                    return true;
                };
                while (!allStarted() && !context.stopRequested())
                    context.reapFor(1);
                const auto ws = context.workers();
                terminated = true;
                for (int c = 0; c < consumers; ++c)
                    if (!ws[std::size_t(producers + c)].ended && context.launcher())
                        context.launcher()->kill(ws[std::size_t(producers + c)].pid, SIGTERM);
            }
        }
    }
    context.waitAll();
    if (!context.error().isEmpty())
        out.error = context.error();

    const Tally t = tally(items, total, records, consumers);
    // Consumers that ended by a signal nobody in this run sent (killed from
    // outside, or crashed). Stop kills everyone: not counted then.
    qint64 died = 0;
    if (!context.stopRequested()) {
        const auto ws = context.workers();
        for (int c = 0; c < consumers; ++c) {
            const qint64 ev = ws[std::size_t(producers + c)].exitValue;
            died += ev < 0 && !(terminated && ev == -SIGTERM);
        }
    }
    const runtime::QueueStats stats = queue.stats();
    out.metrics = {
        {QStringLiteral("expected"), total, tr("items to make")},
        {QStringLiteral("produced"), t.produced, tr("produced")},
        {QStringLiteral("consumed"), t.consumed, tr("consumed")},
        {QStringLiteral("duplicates"), t.duplicates, tr("consumed twice or more")},
        {QStringLiteral("missing"), t.missing, tr("never consumed")},
        {QStringLiteral("max_depth"), qint64(stats.maxDepth), tr("largest queue depth")},
        {QStringLiteral("capacity"), qint64(capacity), tr("capacity")},
        {QStringLiteral("blocked_puts"), qint64(stats.blockedPuts), tr("puts that waited for room")},
        {QStringLiteral("blocked_gets"), qint64(stats.blockedGets), tr("gets that waited for an item")},
        {QStringLiteral("sentinels_taken"), t.sentinels, tr("None sentinels taken")},
        {QStringLiteral("consumers_died"), died, tr("consumers that died")},
    };

    QStringList problems;
    if (t.produced < total)
        problems << tr("Only %1 of %2 items were produced.").arg(t.produced).arg(total);
    if (t.duplicates > 0)
        problems << tr("Items consumed more than once: %1.").arg(t.duplicates);
    if (t.missing > 0) {
        if (lostConsumer || drained)
            problems << tr("Items put but never consumed: %1. A consumer died with an item in hand.").arg(t.missing);
        else if (daemon && !joinable)
            problems << tr("Items put but never consumed: %1. With a plain queue there is no join(): the daemon "
                           "consumers were ended as soon as the producers were done. A joinable queue and "
                           "q.join() wait for them.")
                            .arg(t.missing);
        else
            problems << tr("Items put but never consumed: %1.").arg(t.missing);
    }
    if (stats.maxDepth > capacity)
        problems << tr("The queue held %1 items, above its capacity of %2.").arg(stats.maxDepth).arg(capacity);
    out.problem = !problems.isEmpty();
    QStringList notes;
    notes << tr("%1 puts waited for room, %2 gets waited for an item.").arg(stats.blockedPuts).arg(stats.blockedGets);
    if (died > 0)
        notes << tr("Consumers that died during the run: %1; the others took over.").arg(died);
    if (out.problem) {
        out.verdict = tr("Not every item was consumed exactly once. %1 %2")
                          .arg(problems.join(QLatin1Char(' ')), notes.join(QLatin1Char(' ')));
        return out;
    }
    out.verdict = tr("Every item was consumed exactly once: %1 items, and the queue never held more than %2 "
                     "(capacity %3). %4")
                      .arg(total)
                      .arg(stats.maxDepth)
                      .arg(capacity)
                      .arg(notes.join(QLatin1Char(' ')));
    if (died == 0 && !daemon)
        out.verdict += QLatin1Char(' ') + tr("Each consumer left after taking its own None.");
    else if (died == 0 && joinable)
        out.verdict += QLatin1Char(' ') + tr("q.join() returned once every item was marked done; then the daemon "
                                             "consumers were ended.");
    return out;
}

} // namespace cl::scenarios
