#include "core/runtime/shared_mutex.h"

#include <cerrno>
#include <ctime>
#include <new>

namespace cl::runtime {

using trace::SpanState;

std::uint64_t SharedMutex::create(record::SharedArena &arena)
{
    const std::uint64_t offset = arena.allocateObject(sizeof(SharedMutexState), alignof(SharedMutexState));
    if (offset == 0)
        return 0;
    initialise(arena.object<SharedMutexState>(offset), arena);
    return offset;
}

void SharedMutex::initialise(SharedMutexState *state, record::SharedArena &arena)
{
    auto *s = new (state) SharedMutexState{};
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_setpshared(&attr, PTHREAD_PROCESS_SHARED);
    // A worker killed while holding the lock must not hang the others.
    pthread_mutexattr_setrobust(&attr, PTHREAD_MUTEX_ROBUST);
    pthread_mutex_init(&s->mutex, &attr);
    pthread_mutexattr_destroy(&attr);
    s->waiters.store(0);
    s->handOverFlow.store(0);
    s->objectId = arena.newObjectId();
}

bool SharedMutex::acquire()
{
    for (;;) {
        if (m_arena->stopRequested())
            return false;
        timespec deadline;
        clock_gettime(CLOCK_REALTIME, &deadline);
        deadline.tv_nsec += 20'000'000; // wake now and then to notice Stop (threads cannot be killed)
        if (deadline.tv_nsec >= 1'000'000'000) {
            deadline.tv_sec += 1;
            deadline.tv_nsec -= 1'000'000'000;
        }
        const int rc = pthread_mutex_timedlock(&m_state->mutex, &deadline);
        if (rc == 0)
            return true;
        if (rc == EOWNERDEAD) {
            pthread_mutex_consistent(&m_state->mutex);
            return true;
        }
    }
}

bool SharedMutex::lock(record::Writer &w)
{
    using trace::EventKind;
    const std::uint32_t id = m_state->objectId;
    int rc = pthread_mutex_trylock(&m_state->mutex);
    if (rc == EOWNERDEAD) {
        pthread_mutex_consistent(&m_state->mutex);
        rc = 0;
    }
    const bool waited = rc != 0;
    if (waited) {
        m_state->waiters.fetch_add(1, std::memory_order_relaxed);
        w.spanBegin(SpanState::LockWait, id);
        const bool got = acquire();
        m_state->waiters.fetch_sub(1, std::memory_order_relaxed);
        if (!got) {
            w.spanEnd(SpanState::LockWait, id);
            return false;
        }
    }
    // One ordered stamp for everything that happens at the acquisition, so
    // the hand-over never appears to arrive before it was sent.
    const std::uint64_t t = w.nowAfterSync();
    if (waited)
        w.recordAt(t, EventKind::SpanEnd, std::uint8_t(SpanState::LockWait), id, 0);
    // Whoever gets the lock next completes the hand-over, waiter or not.
    if (const std::uint32_t flow = m_state->handOverFlow.exchange(0, std::memory_order_acq_rel))
        w.recordAt(t, EventKind::FlowIn, std::uint8_t(trace::FlowKind::Lock), flow, id);
    w.recordAt(t, EventKind::SpanBegin, std::uint8_t(SpanState::LockHold), id, 0);
    return true;
}

void SharedMutex::unlock(record::Writer &w)
{
    const std::uint32_t id = m_state->objectId;
    w.spanEnd(SpanState::LockHold, id);
    if (m_state->waiters.load(std::memory_order_relaxed) > 0) {
        const std::uint32_t flow = m_arena->newFlowId();
        m_state->handOverFlow.store(flow, std::memory_order_release);
        w.flowOut(flow, id, trace::FlowKind::Lock);
    }
    pthread_mutex_unlock(&m_state->mutex);
}

} // namespace cl::runtime
