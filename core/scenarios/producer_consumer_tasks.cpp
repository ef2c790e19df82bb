#include "core/scenarios/producer_consumer_tasks.h"
#include "core/record/clock.h"
#include "core/runtime/bounded_queue.h"
#include "core/scenarios/race_tasks.h"
#include "core/trace/messages.h"

#include <algorithm>
#include <cerrno>
#include <ctime>
#include <new>
#include <string>

namespace cl::scenarios {

using runtime::BoundedQueue;
using runtime::QueueItem;
using runtime::QueueStatus;
using trace::MessageId;

namespace {
// Using an item takes consume_ms. A daemon consumer ended while it works
// (a thread told to return: the queue was shut down at once) stops there,
// as a terminated process would, and the item is not consumed.
bool consumeFor(runtime::WorkerEnv &env, BoundedQueue &queue, std::int64_t ms)
{
    record::Writer &w = *env.writer;
    w.spanBegin(trace::SpanState::Sleep);
    const std::uint64_t deadline = record::monotonicNs() + std::uint64_t(ms) * 1'000'000ull;
    bool finished = true;
    for (;;) {
        const std::uint64_t now = record::monotonicNs();
        if (now >= deadline)
            break;
        if (env.stopRequested() || queue.isShutDownImmediately()) {
            finished = false;
            break;
        }
        const std::uint64_t slice = std::min<std::uint64_t>(deadline - now, 5'000'000ull);
        timespec ts{0, long(slice)};
        nanosleep(&ts, nullptr);
    }
    w.spanEnd(trace::SpanState::Sleep);
    return finished;
}
} // namespace

void initConsumerRecords(PcConsumerRecord *records, int count)
{
    for (int i = 0; i < count; ++i) {
        auto *r = new (&records[i]) PcConsumerRecord{};
        pthread_mutexattr_t attr;
        pthread_mutexattr_init(&attr);
        pthread_mutexattr_setpshared(&attr, PTHREAD_PROCESS_SHARED);
        pthread_mutexattr_setrobust(&attr, PTHREAD_MUTEX_ROBUST);
        pthread_mutex_init(&r->life, &attr);
        pthread_mutexattr_destroy(&attr);
    }
}

bool consumerAlive(PcConsumerRecord &record)
{
    if (record.started.load(std::memory_order_acquire) == 0)
        return true; // not running yet: the run context knows whether it ever will
    const int rc = pthread_mutex_trylock(&record.life);
    if (rc == EBUSY)
        return true;
    if (rc == EOWNERDEAD)
        pthread_mutex_consistent(&record.life);
    if (rc == 0 || rc == EOWNERDEAD)
        pthread_mutex_unlock(&record.life);
    return false;
}

int producerTask(runtime::WorkerEnv &env)
{
    const auto a = env.argsAs<PcWorkerArgs>();
    record::Writer &w = *env.writer;
    BoundedQueue queue(*env.arena, a.queueOffset);
    auto *items = env.arena->object<PcItemRecord>(a.itemsOffset);
    for (std::int64_t i = 0; i < a.itemsPerProducer; ++i) {
        if (a.produceMs > 0 && !env.sleepMs(a.produceMs)) // making the item
            return kStoppedExitCode;
        const std::int64_t id = std::int64_t(env.workerIndex) * a.itemsPerProducer + i;
        const QueueStatus st = queue.put(w, QueueItem{id, 0, 0});
        if (st != QueueStatus::Ok) // Stopped, or shut down because no consumer is left
            return kStoppedExitCode;
        items[id].produced.store(1, std::memory_order_release);
        w.printMessage(std::int64_t(MessageId::ItemPut), std::to_string(id));
    }
    return 0;
}

int consumerTask(runtime::WorkerEnv &env)
{
    const auto a = env.argsAs<PcWorkerArgs>();
    record::Writer &w = *env.writer;
    BoundedQueue queue(*env.arena, a.queueOffset);
    auto *items = env.arena->object<PcItemRecord>(a.itemsOffset);
    PcConsumerRecord &mine = env.arena->object<PcConsumerRecord>(a.consumersOffset)[env.workerIndex];
    // Held until this worker ends (a thread returning, a process exiting or
    // killed): the kernel hands it back then. Never unlocked on purpose.
    if (pthread_mutex_lock(&mine.life) == EOWNERDEAD)
        pthread_mutex_consistent(&mine.life);
    mine.started.store(1, std::memory_order_release);
    for (;;) {
        QueueItem item;
        const QueueStatus st = queue.get(w, item);
        if (st == QueueStatus::ShutDown)
            return 0; // a daemon thread told to return
        if (st != QueueStatus::Ok)
            return kStoppedExitCode;
        if (item.isNone) {
            mine.sentinels.fetch_add(1, std::memory_order_relaxed);
            if (queue.joinable())
                queue.taskDone(w);
            w.printMessage(std::int64_t(MessageId::SentinelTaken), {});
            return 0;
        }
        if (a.consumeMs > 0 && !consumeFor(env, queue, a.consumeMs))
            return env.stopRequested() ? kStoppedExitCode : 0;
        // Whatever the queue handed out is counted, even an id it should never
        // have held: the main process decides what is wrong with it.
        if (item.value >= 0 && item.value < a.totalItems)
            items[item.value].consumed.fetch_add(1, std::memory_order_relaxed);
        else
            mine.strays.fetch_add(1, std::memory_order_relaxed);
        w.printMessage(std::int64_t(MessageId::ItemConsumed),
                       std::to_string(item.value) + trace::kMessageArgSeparator +
                           std::to_string(item.value / std::max<std::int64_t>(1, a.itemsPerProducer) + 1));
        if (queue.joinable())
            queue.taskDone(w);
    }
}

} // namespace cl::scenarios
