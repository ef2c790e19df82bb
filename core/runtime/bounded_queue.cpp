#include "core/runtime/bounded_queue.h"
#include "core/record/clock.h"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <ctime>
#include <linux/futex.h>
#include <new>
#include <sys/syscall.h>
#include <unistd.h>

namespace cl::runtime {

using trace::EventKind;
using trace::SpanState;

namespace {
// How long a waiter sleeps before it looks at the stop flag again. Threads
// cannot be killed, so this bounds how long Stop takes to reach them.
constexpr std::uint64_t kWaitSliceNs = 10'000'000;

std::uint32_t *futexWord(std::atomic<std::uint32_t> &word)
{
    static_assert(sizeof(std::atomic<std::uint32_t>) == sizeof(std::uint32_t));
    return reinterpret_cast<std::uint32_t *>(&word);
}

// Not FUTEX_PRIVATE: the word lives in memory shared between processes.
void futexWait(std::atomic<std::uint32_t> &word, std::uint32_t expected, std::uint64_t ns)
{
    timespec ts{time_t(ns / 1'000'000'000), long(ns % 1'000'000'000)};
    ::syscall(SYS_futex, futexWord(word), FUTEX_WAIT, expected, &ts, nullptr, 0);
}

void futexWake(std::atomic<std::uint32_t> &word, int count)
{
    ::syscall(SYS_futex, futexWord(word), FUTEX_WAKE, count, nullptr, nullptr, 0);
}

std::uint64_t deadlineFor(std::int64_t timeoutMs)
{
    return timeoutMs < 0 ? 0 : record::monotonicNs() + std::uint64_t(timeoutMs) * 1'000'000ull;
}
} // namespace

QueueStatus BoundedQueue::waitOutcome(bool block, WaitResult last, QueueStatus none)
{
    if (!block || last == WaitResult::TimedOut)
        return none;
    if (last == WaitResult::Stopped)
        return QueueStatus::Stopped;
    if (last == WaitResult::GaveUp)
        return QueueStatus::GaveUp;
    return QueueStatus::Ok;
}

const char *queueStatusText(QueueStatus status)
{
    switch (status) {
    case QueueStatus::Ok:
        return "ok";
    case QueueStatus::Full:
        return "the queue is full (queue.Full): no room for the item without waiting, or none within the timeout";
    case QueueStatus::Empty:
        return "the queue is empty (queue.Empty): no item without waiting, or none within the timeout";
    case QueueStatus::TimedOut:
        return "join() timed out: some items put in the queue are not marked done yet";
    case QueueStatus::ShutDown:
        return "the queue is shut down (queue.ShutDown): no more puts, and nothing left to get";
    case QueueStatus::Stopped:
        return "the run was stopped while waiting on the queue";
    case QueueStatus::GaveUp:
        return "gave up waiting on the queue: what it waited for could no longer happen";
    case QueueStatus::TooManyTaskDone:
        return "task_done() called more times than there were items put (ValueError)";
    case QueueStatus::NotJoinable:
        return "task_done() and join() need a joinable queue (JoinableQueue)";
    }
    return "unknown queue status";
}

std::size_t BoundedQueue::bytesFor(std::uint32_t capacity)
{
    return sizeof(BoundedQueueState) + sizeof(QueueItem) * std::size_t(capacity);
}

std::uint64_t BoundedQueue::create(record::SharedArena &arena, std::uint32_t capacity, bool joinable,
                                   std::uint32_t depthCounter)
{
    if (capacity == 0)
        return 0;
    const std::uint64_t offset = arena.allocateObject(bytesFor(capacity), alignof(BoundedQueueState));
    if (offset == 0)
        return 0;
    auto *s = new (arena.object<BoundedQueueState>(offset)) BoundedQueueState{};
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_setpshared(&attr, PTHREAD_PROCESS_SHARED);
    // A worker killed inside put() or get() must not hang the others.
    pthread_mutexattr_setrobust(&attr, PTHREAD_MUTEX_ROBUST);
    pthread_mutex_init(&s->mutex, &attr);
    pthread_mutexattr_destroy(&attr);
    s->capacity = capacity;
    s->objectId = arena.newObjectId();
    s->depthCounter = depthCounter;
    s->joinable = joinable ? 1 : 0;
    for (std::uint32_t i = 0; i < capacity; ++i)
        new (&s->items()[i]) QueueItem{};
    return offset;
}

bool BoundedQueue::lock()
{
    const int rc = pthread_mutex_lock(&m_state->mutex);
    if (rc == EOWNERDEAD) {
        // The owner died between two single-store steps: the ring is whole.
        pthread_mutex_consistent(&m_state->mutex);
        return true;
    }
    return rc == 0;
}

void BoundedQueue::unlock() { pthread_mutex_unlock(&m_state->mutex); }

BoundedQueue::WaitResult BoundedQueue::waitOn(std::atomic<std::uint32_t> &word, std::atomic<std::uint32_t> &waiters,
                                              std::uint64_t deadlineNs, const GiveUp &giveUp)
{
    // The word is read under the mutex: any change made after we unlock
    // makes the futex wait return at once, so no wake-up is lost.
    const std::uint32_t seen = word.load(std::memory_order_acquire);
    waiters.fetch_add(1, std::memory_order_relaxed);
    unlock();
    const auto verdict = [&] {
        if (m_arena->stopRequested())
            return WaitResult::Stopped;
        if (deadlineNs != 0 && record::monotonicNs() >= deadlineNs)
            return WaitResult::TimedOut;
        if (giveUp && giveUp())
            return WaitResult::GaveUp;
        return WaitResult::Woken;
    };
    WaitResult result = verdict();
    if (result == WaitResult::Woken) {
        const std::uint64_t now = record::monotonicNs();
        futexWait(word, seen, deadlineNs != 0 ? std::min(kWaitSliceNs, deadlineNs - std::min(deadlineNs, now))
                                              : kWaitSliceNs);
        result = verdict();
    }
    waiters.fetch_sub(1, std::memory_order_relaxed);
    lock();
    return result;
}

void BoundedQueue::recordDepth(record::Writer &w, std::uint64_t ticks)
{
    w.recordAt(ticks, EventKind::Counter, 0, m_state->depthCounter, std::int64_t(m_state->tail - m_state->head));
}

QueueStatus BoundedQueue::put(record::Writer &w, QueueItem item, bool block, std::int64_t timeoutMs,
                              const GiveUp &giveUp)
{
    BoundedQueueState &s = *m_state;
    const std::uint32_t id = s.objectId;
    if (timeoutMs == 0)
        block = false;
    const std::uint64_t deadline = block ? deadlineFor(timeoutMs) : 0;
    if (!lock())
        return QueueStatus::Stopped;
    bool waited = false;
    WaitResult last = WaitResult::Woken;
    for (;;) {
        QueueStatus failure = QueueStatus::Ok;
        if (s.shutdown.load(std::memory_order_relaxed) != 0)
            failure = QueueStatus::ShutDown;
        else if (s.tail - s.head < s.capacity)
            break;
        else
            failure = waitOutcome(block, last, QueueStatus::Full);
        if (failure != QueueStatus::Ok) {
            unlock();
            if (waited)
                w.spanEnd(SpanState::QueueFullWait, id);
            return failure;
        }
        if (!waited) {
            waited = true;
            ++s.blockedPuts;
            w.spanBegin(SpanState::QueueFullWait, id);
        }
        last = waitOn(s.roomMade, s.waitingPutters, deadline, giveUp);
    }
    // Stamped inside the critical section, ordered after the acquisition: the
    // depth samples of all workers come out in the order the ring changed.
    const std::uint64_t t = w.nowAfterSync();
    if (waited)
        w.recordAt(t, EventKind::SpanEnd, std::uint8_t(SpanState::QueueFullWait), id, 0);
    item.flowId = m_arena->newFlowId();
    s.items()[s.tail % s.capacity] = item;
    ++s.tail; // one store: from here on the item is in the queue
    s.maxDepth = std::max(s.maxDepth, s.tail - s.head);
    w.recordAt(t, EventKind::FlowOut, std::uint8_t(trace::FlowKind::Queue), item.flowId, id);
    recordDepth(w, t);
    s.itemAdded.fetch_add(1, std::memory_order_release);
    const bool wake = s.waitingGetters.load(std::memory_order_relaxed) > 0;
    unlock();
    if (wake)
        futexWake(s.itemAdded, 1);
    return QueueStatus::Ok;
}

QueueStatus BoundedQueue::get(record::Writer &w, QueueItem &out, bool block, std::int64_t timeoutMs,
                              const GiveUp &giveUp)
{
    BoundedQueueState &s = *m_state;
    const std::uint32_t id = s.objectId;
    if (timeoutMs == 0)
        block = false;
    const std::uint64_t deadline = block ? deadlineFor(timeoutMs) : 0;
    if (!lock())
        return QueueStatus::Stopped;
    bool waited = false;
    WaitResult last = WaitResult::Woken;
    for (;;) {
        QueueStatus failure = QueueStatus::Ok;
        if (s.tail != s.head)
            break; // after a plain shutdown() what is left can still be taken
        if (s.shutdown.load(std::memory_order_relaxed) != 0)
            failure = QueueStatus::ShutDown;
        else
            failure = waitOutcome(block, last, QueueStatus::Empty);
        if (failure != QueueStatus::Ok) {
            unlock();
            if (waited)
                w.spanEnd(SpanState::QueueEmptyWait, id);
            return failure;
        }
        if (!waited) {
            waited = true;
            ++s.blockedGets;
            w.spanBegin(SpanState::QueueEmptyWait, id);
        }
        last = waitOn(s.itemAdded, s.waitingGetters, deadline, giveUp);
    }
    const std::uint64_t t = w.nowAfterSync();
    if (waited)
        w.recordAt(t, EventKind::SpanEnd, std::uint8_t(SpanState::QueueEmptyWait), id, 0);
    out = s.items()[s.head % s.capacity];
    ++s.head; // one store: from here on the item is ours
    if (out.flowId != 0)
        w.recordAt(t, EventKind::FlowIn, std::uint8_t(trace::FlowKind::Queue), out.flowId, id);
    recordDepth(w, t);
    s.roomMade.fetch_add(1, std::memory_order_release);
    const bool wake = s.waitingPutters.load(std::memory_order_relaxed) > 0;
    unlock();
    if (wake)
        futexWake(s.roomMade, 1);
    return QueueStatus::Ok;
}

std::uint64_t BoundedQueue::qsize()
{
    if (!lock())
        return 0;
    const std::uint64_t n = m_state->tail - m_state->head;
    unlock();
    return n;
}

QueueStatus BoundedQueue::taskDone(record::Writer &)
{
    BoundedQueueState &s = *m_state;
    if (!s.joinable)
        return QueueStatus::NotJoinable;
    if (!lock())
        return QueueStatus::Stopped;
    if (s.tasksDone >= s.tail) {
        unlock();
        return QueueStatus::TooManyTaskDone;
    }
    ++s.tasksDone;
    const bool allDone = s.tasksDone == s.tail;
    if (allDone)
        s.tasksAllDone.fetch_add(1, std::memory_order_release);
    unlock();
    if (allDone)
        futexWake(s.tasksAllDone, INT_MAX);
    return QueueStatus::Ok;
}

QueueStatus BoundedQueue::join(record::Writer &w, std::int64_t timeoutMs, const GiveUp &giveUp)
{
    BoundedQueueState &s = *m_state;
    if (!s.joinable)
        return QueueStatus::NotJoinable;
    const std::uint64_t deadline = deadlineFor(timeoutMs);
    if (!lock())
        return QueueStatus::Stopped;
    if (s.tasksDone == s.tail) {
        unlock();
        return QueueStatus::Ok;
    }
    w.spanBegin(SpanState::Sleep, s.objectId);
    QueueStatus result = QueueStatus::Ok;
    while (s.tasksDone != s.tail && result == QueueStatus::Ok) {
        switch (waitOn(s.tasksAllDone, s.waitingJoiners, deadline, giveUp)) {
        case WaitResult::Woken:
            break;
        case WaitResult::TimedOut:
            result = s.tasksDone == s.tail ? QueueStatus::Ok : QueueStatus::TimedOut;
            break;
        case WaitResult::Stopped:
            result = QueueStatus::Stopped;
            break;
        case WaitResult::GaveUp:
            result = QueueStatus::GaveUp;
            break;
        }
    }
    unlock();
    w.spanEnd(SpanState::Sleep, s.objectId);
    return result;
}

void BoundedQueue::shutdown(record::Writer &w, bool immediate)
{
    BoundedQueueState &s = *m_state;
    if (!lock())
        return;
    const std::uint32_t mode = std::max(s.shutdown.load(std::memory_order_relaxed), immediate ? 2u : 1u);
    s.shutdown.store(mode, std::memory_order_release);
    if (immediate && s.tail != s.head) {
        // As Python does: what is dropped counts as done, so join() returns.
        s.tasksDone = std::min(s.tail, s.tasksDone + (s.tail - s.head));
        s.head = s.tail;
        recordDepth(w, w.nowAfterSync());
    }
    if (s.tasksDone == s.tail)
        s.tasksAllDone.fetch_add(1, std::memory_order_release);
    s.itemAdded.fetch_add(1, std::memory_order_release);
    s.roomMade.fetch_add(1, std::memory_order_release);
    unlock();
    futexWake(s.itemAdded, INT_MAX);
    futexWake(s.roomMade, INT_MAX);
    futexWake(s.tasksAllDone, INT_MAX);
}

QueueStats BoundedQueue::stats()
{
    QueueStats out;
    if (!lock())
        return out;
    const BoundedQueueState &s = *m_state;
    out.puts = s.tail;
    out.gets = s.head;
    out.maxDepth = s.maxDepth;
    out.blockedPuts = s.blockedPuts;
    out.blockedGets = s.blockedGets;
    out.unfinishedTasks = s.tail - s.tasksDone;
    unlock();
    return out;
}

} // namespace cl::runtime
