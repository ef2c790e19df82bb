#pragma once
// A bounded FIFO queue in the run's shared arena, like multiprocessing.Queue
// (and queue.Queue between threads): put/get that block, with a timeout, or
// fail at once (the *_nowait variants); qsize/empty/full; and, when created
// joinable, task_done/join as in JoinableQueue. shutdown() follows Python
// 3.13's Queue.shutdown().
//
// Instrumented: every put and get records the queue depth (a counter), every
// put → get is a flow (the item carries its flow id), and a put that waits for
// room or a get that waits for an item is a "queue full" / "queue empty" span.
//
// The ring is guarded by a robust process-shared mutex that is only held for a
// few stores, never while waiting. Waiting is a futex on a sequence word:
// unlike a process-shared condition variable (glibc 2.36), a waiter killed in
// the middle of a wait leaves nothing behind that could block the others.
// Waits wake up every few ms to notice Stop, since threads cannot be killed.
// No Qt: used inside forked children.
#include "core/record/shared_arena.h"
#include "core/record/writer.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <pthread.h>

namespace cl::runtime {

// One slot of the ring: the payload is a number (an item id) or None.
struct QueueItem {
    std::int64_t value = 0;
    std::uint32_t isNone = 0; // Python's None, the usual "no more items" sentinel
    std::uint32_t flowId = 0; // set by put(), read by get() to close the flow
};

enum class QueueStatus {
    Ok,
    Full,            // queue.Full: put_nowait on a full queue, or put timed out
    Empty,           // queue.Empty: get_nowait on an empty queue, or get timed out
    TimedOut,        // join(timeout) returned with tasks still unfinished
    ShutDown,        // queue.ShutDown: put after shutdown(), get after it drained
    Stopped,         // the run was stopped while waiting
    GaveUp,          // the caller's give-up condition came true while waiting
    TooManyTaskDone, // ValueError: task_done() called more times than items were put
    NotJoinable,     // task_done()/join() on a plain queue
};

// One line, in English, naming the problem and its Python equivalent
// (diagnostics and tests; lessons translate their own texts).
const char *queueStatusText(QueueStatus status);

struct BoundedQueueState {
    pthread_mutex_t mutex;
    std::uint32_t capacity;
    std::uint32_t objectId;     // spans and flows name this object
    std::uint32_t depthCounter; // counter id of the depth track
    std::uint32_t joinable;
    // Guarded by the mutex. head and tail only grow and each is one store, so
    // a worker killed inside the critical section leaves a consistent ring.
    std::uint64_t head; // items taken so far
    std::uint64_t tail; // items put so far
    std::uint64_t tasksDone;
    std::uint64_t maxDepth;
    std::uint64_t blockedPuts;
    std::uint64_t blockedGets;
    // Futex words: bumped (under the mutex) whenever what they stand for changes.
    std::atomic<std::uint32_t> itemAdded;
    std::atomic<std::uint32_t> roomMade;
    std::atomic<std::uint32_t> tasksAllDone;
    std::atomic<std::uint32_t> waitingPutters;
    std::atomic<std::uint32_t> waitingGetters;
    std::atomic<std::uint32_t> waitingJoiners;
    std::atomic<std::uint32_t> shutdown; // 0: open, 1: shut down, 2: shut down at once

    QueueItem *items() { return reinterpret_cast<QueueItem *>(this + 1); }
};

struct QueueStats {
    std::uint64_t puts = 0;
    std::uint64_t gets = 0;
    std::uint64_t maxDepth = 0;
    std::uint64_t blockedPuts = 0; // put() calls that had to wait for room
    std::uint64_t blockedGets = 0; // get() calls that had to wait for an item
    std::uint64_t unfinishedTasks = 0;
};

// Asked between wait slices (every few ms, without the queue's mutex): true
// ends the wait with GaveUp. Lets a caller stop waiting for something that
// can no longer happen (say, every consumer has died) without a timeout.
using GiveUp = std::function<bool()>;

class BoundedQueue {
public:
    static constexpr std::int64_t kForever = -1;

    // Creates the queue in the arena (main process, before workers start).
    // Returns 0 if the arena has no room. The depth is recorded under
    // `depthCounter` (trace::counter_id::QueueDepth for a lesson's one queue).
    static std::uint64_t create(record::SharedArena &arena, std::uint32_t capacity, bool joinable,
                                std::uint32_t depthCounter);
    static std::size_t bytesFor(std::uint32_t capacity);

    BoundedQueue(record::SharedArena &arena, std::uint64_t offset)
        : m_state(arena.object<BoundedQueueState>(offset)), m_arena(&arena)
    {
    }

    std::uint32_t objectId() const { return m_state->objectId; }
    std::uint32_t capacity() const { return m_state->capacity; }
    bool joinable() const { return m_state->joinable != 0; }

    // put(item, block, timeout): Full when it cannot (block=false, or no room
    // within timeoutMs); kForever waits as long as it takes.
    QueueStatus put(record::Writer &w, QueueItem item, bool block = true, std::int64_t timeoutMs = kForever,
                    const GiveUp &giveUp = {});
    QueueStatus putNowait(record::Writer &w, QueueItem item) { return put(w, item, false); }
    QueueStatus get(record::Writer &w, QueueItem &out, bool block = true, std::int64_t timeoutMs = kForever,
                    const GiveUp &giveUp = {});
    QueueStatus getNowait(record::Writer &w, QueueItem &out) { return get(w, out, false); }

    std::uint64_t qsize();
    bool empty() { return qsize() == 0; }
    bool full() { return qsize() >= m_state->capacity; }

    // JoinableQueue: one task_done() per item got; join() waits until every
    // item put so far is done (shown as a sleep span naming the queue).
    QueueStatus taskDone(record::Writer &w);
    QueueStatus join(record::Writer &w, std::int64_t timeoutMs = kForever, const GiveUp &giveUp = {});

    // Later puts fail with ShutDown; gets take what is left, then fail with
    // ShutDown. With `immediate`, what is left is dropped (and counted done)
    // and gets fail at once. Wakes every waiter. Any process may call it.
    void shutdown(record::Writer &w, bool immediate);
    bool isShutDown() const { return m_state->shutdown.load(std::memory_order_acquire) != 0; }
    bool isShutDownImmediately() const { return m_state->shutdown.load(std::memory_order_acquire) == 2; }

    QueueStats stats();

private:
    enum class WaitResult { Woken, TimedOut, Stopped, GaveUp };
    // Why a put or get that found no room (no item) fails after its last
    // wait, or Ok when it may wait again; `none` is Full or Empty.
    static QueueStatus waitOutcome(bool block, WaitResult last, QueueStatus none);
    bool lock();
    void unlock();
    // Called with the mutex held; returns with it held again.
    WaitResult waitOn(std::atomic<std::uint32_t> &word, std::atomic<std::uint32_t> &waiters,
                      std::uint64_t deadlineNs, const GiveUp &giveUp);
    void recordDepth(record::Writer &w, std::uint64_t ticks);

    BoundedQueueState *m_state;
    record::SharedArena *m_arena;
};

} // namespace cl::runtime
