#include "core/scenarios/producer_consumer.h"
#include "core/runtime/bounded_queue.h"
#include "core/scenarios/producer_consumer_tasks.h"

#include <algorithm>

namespace cl::scenarios {

QString ProducerConsumer::title() const { return tr("Producer / consumer with a bounded queue"); }

QString ProducerConsumer::category() const { return tr("Queues"); }

QString ProducerConsumer::description() const
{
    return tr("<p>Producers make items (<i>produce_ms</i> each) and <b>put</b> them into a queue that holds at most "
              "<i>capacity</i> items; consumers <b>get</b> them and use each one for <i>consume_ms</i>. "
              "The queue is real shared memory between the workers, guarded by a lock that survives a killed "
              "worker.</p>"
              "<p>On the timeline, every arrow goes from a put to the get that received that item. A producer "
              "that finds the queue full waits in a <b>queue full</b> span; a consumer that finds it empty "
              "waits in a <b>queue empty</b> span. The <b>queue depth</b> chart under the timeline shows how "
              "many items are waiting, on the same time axis: it never goes above the capacity.</p>"
              "<p>How the consumers end: with <b>a None per consumer</b>, the main process puts one None "
              "after the producers are done, and each consumer leaves when it takes its own. With "
              "<b>daemon consumers</b> and a <b>joinable</b> queue, every consumer calls task_done() after "
              "each item, the main process waits in q.join() until all are done, then ends the consumers "
              "(processes are terminated, as Python does at exit; threads are told to return). With a plain "
              "queue there is nothing to join: the consumers are ended as soon as the producers are done, "
              "and what is still in the queue is lost.</p>"
              "<p>The verdict checks, from what the consumers recorded, that every item was consumed exactly "
              "once and that the depth stayed within the capacity.</p>");
}

QString ProducerConsumer::pythonSnippet(const ParameterValues &v) const
{
    const auto n = [&v](const char *key) { return QString::number(v.integer(QLatin1String(key))); };
    const auto yes = [&v](const char *key, const char *choice) {
        return v.choice(QLatin1String(key)) == QLatin1String(choice) ? QStringLiteral("True") : QStringLiteral("False");
    };
    return QStringLiteral(
               "import multiprocessing, queue, threading, time\n"
               "\n"
               "# The lesson's parameters, as set in the form:\n"
               "producers, consumers, items = %1, %2, %3\n"
               "capacity, produce_ms, consume_ms = %4, %5, %6\n"
               "joinable, daemon, processes = %7, %8, %9  # queue, shutdown, mode\n"
               "\n"
               "def producer(q, p):\n"
               "    for i in range(items):\n"
               "        time.sleep(produce_ms / 1000)     # making the item\n"
               "        q.put(p * items + i)              # waits while the queue is full\n"
               "        print(f'producer-{p + 1}: put item {p * items + i}')\n"
               "\n"
               "def consumer(q, c):\n"
               "    while True:\n"
               "        item = q.get()                    # waits while the queue is empty\n"
               "        if item is None:                  # our own sentinel: leave\n"
               "            if joinable: q.task_done()\n"
               "            return\n"
               "        time.sleep(consume_ms / 1000)     # using the item\n"
               "        print(f'consumer-{c + 1}: consumed item {item}')\n"
               "        if joinable: q.task_done()\n"
               "\n"
               "if __name__ == '__main__':\n"
               "    if processes:\n"
               "        Worker = multiprocessing.Process\n"
               "        q = (multiprocessing.JoinableQueue if joinable else multiprocessing.Queue)(capacity)\n"
               "    else:\n"
               "        Worker, q = threading.Thread, queue.Queue(capacity)  # always joinable\n"
               "    ps = [Worker(target=producer, args=(q, p)) for p in range(producers)]\n"
               "    cs = [Worker(target=consumer, args=(q, c), daemon=daemon) for c in range(consumers)]\n"
               "    for w in ps + cs:\n"
               "        w.start()\n"
               "    for p in ps:\n"
               "        p.join()\n"
               "    if daemon:\n"
               "        if joinable:\n"
               "            q.join()                      # every item got and marked done\n"
               "        # leaving the main program ends the daemon consumers\n"
               "    else:\n"
               "        for _ in cs:\n"
               "            q.put(None)                   # one sentinel per consumer\n"
               "        for c in cs:\n"
               "            c.join()\n")
        .arg(n("producers"), n("consumers"), n("items"), n("capacity"), n("produce_ms"), n("consume_ms"),
             yes("queue", "joinable"), yes("shutdown", "daemon"), yes("mode", "processes"));
}

QList<ParameterSpec> ProducerConsumer::parameters() const
{
    using T = ParameterSpec::Type;
    return {
        {QStringLiteral("producers"), T::Integer, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Producers"), "",
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Workers that make items and put them into the queue."),
         1, 32, 1, {}, {}},
        {QStringLiteral("consumers"), T::Integer, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Consumers"), "",
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Workers that get items from the queue and use them."),
         1, 32, 2, {}, {}},
        {QStringLiteral("items"), T::Integer, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Items per producer"),
         "", QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "How many items each producer makes."), 1, 10000, 10,
         {}, {}},
        {QStringLiteral("capacity"), T::Integer, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Capacity"), "",
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters",
                           "Most items the queue holds (Queue(maxsize)); a put into a full queue waits."),
         1, 1000, 3, {}, {}},
        {QStringLiteral("produce_ms"), T::Integer, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Produce time"),
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "ms"),
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Time a producer takes to make one item."), 0, 10000, 20,
         {}, {}},
        {QStringLiteral("consume_ms"), T::Integer, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Consume time"),
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "ms"),
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Time a consumer takes to use one item."), 0, 10000, 60,
         {}, {}},
        {QStringLiteral("queue"), T::Choice, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Queue"), "",
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters",
                           "A plain queue, or a joinable one whose consumers call task_done() and whose "
                           "join() waits until every item is done."),
         0, 0, 0, {QStringLiteral("plain"), QStringLiteral("joinable")}, QStringLiteral("plain")},
        {QStringLiteral("shutdown"), T::Choice, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Consumers end by"),
         "",
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters",
                           "sentinel: the main process puts one None per consumer. daemon: the main process "
                           "ends the consumers (after q.join() with a joinable queue)."),
         0, 0, 0, {QStringLiteral("sentinel"), QStringLiteral("daemon")}, QStringLiteral("sentinel")},
        {QStringLiteral("mode"), T::Choice, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Workers run as"), "",
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Run producers and consumers as processes or as threads."),
         0, 0, 0, {QStringLiteral("processes"), QStringLiteral("threads")}, QStringLiteral("processes")},
    };
}

QList<Preset> ProducerConsumer::presets() const
{
    return {
        // Seed 003: two producers of five items each (a sleep of 1–3 s per
        // item), two daemon consumers (up to 1 s per item) and a JoinableQueue.
        {QT_TRANSLATE_NOOP("cl::scenarios::Presets", "As in the notes"),
         {{QStringLiteral("producers"), QStringLiteral("2")},
          {QStringLiteral("consumers"), QStringLiteral("2")},
          {QStringLiteral("items"), QStringLiteral("5")},
          {QStringLiteral("capacity"), QStringLiteral("5")},
          {QStringLiteral("produce_ms"), QStringLiteral("2000")},
          {QStringLiteral("consume_ms"), QStringLiteral("500")},
          {QStringLiteral("queue"), QStringLiteral("joinable")},
          {QStringLiteral("shutdown"), QStringLiteral("daemon")},
          {QStringLiteral("mode"), QStringLiteral("processes")}}},
        // Slow consumers behind a small queue: it fills up and the producer waits.
        {QT_TRANSLATE_NOOP("cl::scenarios::Presets", "Quick"),
         {{QStringLiteral("producers"), QStringLiteral("1")},
          {QStringLiteral("consumers"), QStringLiteral("2")},
          {QStringLiteral("items"), QStringLiteral("12")},
          {QStringLiteral("capacity"), QStringLiteral("3")},
          {QStringLiteral("produce_ms"), QStringLiteral("10")},
          {QStringLiteral("consume_ms"), QStringLiteral("60")},
          {QStringLiteral("queue"), QStringLiteral("plain")},
          {QStringLiteral("shutdown"), QStringLiteral("sentinel")}}},
        // Fast consumers: they wait for items, the queue stays nearly empty.
        {QT_TRANSLATE_NOOP("cl::scenarios::Presets", "Quick, slow producers"),
         {{QStringLiteral("producers"), QStringLiteral("2")},
          {QStringLiteral("consumers"), QStringLiteral("3")},
          {QStringLiteral("items"), QStringLiteral("8")},
          {QStringLiteral("capacity"), QStringLiteral("3")},
          {QStringLiteral("produce_ms"), QStringLiteral("60")},
          {QStringLiteral("consume_ms"), QStringLiteral("10")},
          {QStringLiteral("queue"), QStringLiteral("joinable")},
          {QStringLiteral("shutdown"), QStringLiteral("daemon")}}},
    };
}

record::SharedArena::Layout ProducerConsumer::layout(const ParameterValues &values) const
{
    const qint64 producers = values.integer(QStringLiteral("producers"));
    const qint64 consumers = values.integer(QStringLiteral("consumers"));
    const qint64 total = producers * values.integer(QStringLiteral("items"));
    record::SharedArena::Layout l;
    l.ringCount = std::uint32_t(producers + consumers);
    // About a dozen events per item (wait and sleep spans, the flow, the depth,
    // a printed line), and one consumer may get them all. The collector drains
    // as the run goes, so this is headroom for a busy machine, not the total.
    const qint64 perWorker = total * 12 + 256;
    std::uint32_t capacity = 4096;
    while (capacity < perWorker && capacity < (1u << 18))
        capacity <<= 1;
    l.ringCapacity = capacity;
    const auto capacityItems = std::uint32_t(values.integer(QStringLiteral("capacity")));
    l.objectsBytes = 64 * 1024 + runtime::BoundedQueue::bytesFor(capacityItems) +
                     std::size_t(total) * sizeof(PcItemRecord) + std::size_t(consumers) * sizeof(PcConsumerRecord);
    return l;
}

int ProducerConsumer::plannedProcesses(const ParameterValues &values) const
{
    if (values.choice(QStringLiteral("mode")) != QLatin1String("processes"))
        return 0;
    return int(values.integer(QStringLiteral("producers")) + values.integer(QStringLiteral("consumers")));
}

} // namespace cl::scenarios
