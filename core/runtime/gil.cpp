#include "core/runtime/gil.h"
#include "core/runtime/work_unit.h"

#include <algorithm>
#include <ctime>
#include <new>
#include <unistd.h>

namespace cl::runtime {

using trace::EventKind;
using trace::SpanState;

namespace {
// Between two looks at the drop request the holder runs this many
// iterations of the loop: about ten microseconds, so a requested switch
// happens promptly, as between CPython's bytecodes. A fixed count, so
// computing never waits for a calibration.
constexpr std::uint64_t kSliceIterations = 1u << 12;
// Threads cannot be killed: every wait wakes this often to notice Stop.
constexpr std::int64_t kStopPollNs = 10'000'000;

// Waits on `cond` for at most `ns`; true when the wait timed out.
bool waitFor(pthread_cond_t &cond, pthread_mutex_t &mutex, std::int64_t ns)
{
    timespec deadline;
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    deadline.tv_sec += time_t(ns / 1'000'000'000);
    deadline.tv_nsec += long(ns % 1'000'000'000);
    if (deadline.tv_nsec >= 1'000'000'000) {
        deadline.tv_sec += 1;
        deadline.tv_nsec -= 1'000'000'000;
    }
    return pthread_cond_timedwait(&cond, &mutex, &deadline) != 0;
}

void initMonotonicCond(pthread_cond_t &cond)
{
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&cond, &attr);
    pthread_condattr_destroy(&attr);
}
} // namespace

std::uint64_t Gil::create(record::SharedArena &arena, std::int64_t switchIntervalNs, std::uint32_t laneRing)
{
    const std::uint64_t offset = arena.allocateObject(sizeof(GilState), alignof(GilState));
    if (offset == 0)
        return 0;
    auto *s = new (arena.object<GilState>(offset)) GilState{};
    // Process-private on purpose: the GIL belongs to one interpreter, and
    // every process has its own.
    pthread_mutex_init(&s->mutex, nullptr);
    initMonotonicCond(s->cond);
    initMonotonicCond(s->switchCond);
    s->intervalNs = switchIntervalNs > 0 ? switchIntervalNs : 1;
    s->objectId = arena.newObjectId();
    s->pid = ::getpid();
    s->lane = record::Writer(&arena, laneRing);
    // The lane is a track of this process that no thread owns.
    const std::uint32_t name = s->lane.defineString("GIL");
    s->lane.recordFor(s->pid, kGilLaneTid, EventKind::WorkerStart, 0, name, ::getppid());
    s->lane.nameObject(s->objectId, "GIL");
    return offset;
}

std::uint32_t Gil::addHolder(std::string_view name)
{
    const std::uint32_t id = m_arena->newObjectId();
    pthread_mutex_lock(&m_state->mutex);
    m_state->lane.nameObject(id, name);
    pthread_mutex_unlock(&m_state->mutex);
    return id;
}

void Gil::close()
{
    m_state->lane.close();
    pthread_cond_destroy(&m_state->switchCond);
    pthread_cond_destroy(&m_state->cond);
    pthread_mutex_destroy(&m_state->mutex);
}

std::uint64_t Gil::handOvers() const
{
    pthread_mutex_lock(&m_state->mutex);
    const std::uint64_t n = m_state->handOvers;
    pthread_mutex_unlock(&m_state->mutex);
    return n;
}

std::uint64_t Gil::dropRequests() const
{
    pthread_mutex_lock(&m_state->mutex);
    const std::uint64_t n = m_state->dropRequests;
    pthread_mutex_unlock(&m_state->mutex);
    return n;
}

std::uint64_t Gil::take(record::Writer &w, std::uint32_t holder)
{
    GilState &s = *m_state;
    pthread_mutex_lock(&s.mutex);
    const bool waited = s.holder != 0;
    if (waited) {
        ++s.waiters;
        const std::uint64_t since = record::monotonicNs();
        w.spanBegin(SpanState::GilWait, s.objectId);
        while (s.holder != 0) {
            if (m_arena->stopRequested()) {
                --s.waiters;
                s.waitNs += record::monotonicNs() - since;
                w.spanEnd(SpanState::GilWait, s.objectId);
                pthread_mutex_unlock(&s.mutex);
                return 0;
            }
            // CPython's take_gil(): wait one interval; if it passed and the
            // GIL did not change hands meanwhile, ask the holder to drop it.
            const std::uint64_t switchBefore = s.switchNumber;
            const bool timedOut = waitFor(s.cond, s.mutex, s.intervalNs);
            if (timedOut && s.holder != 0 && s.switchNumber == switchBefore) {
                s.dropRequest.store(1, std::memory_order_relaxed);
                ++s.dropRequests;
            }
        }
        --s.waiters;
        s.waitNs += record::monotonicNs() - since;
    }
    s.holder = holder;
    if (s.lastHolder != holder) {
        if (s.lastHolder != 0)
            ++s.handOvers;
        s.lastHolder = holder;
        ++s.switchNumber;
    }
    pthread_cond_broadcast(&s.switchCond); // a thread that dropped on request waits for this
    s.dropRequest.store(0, std::memory_order_relaxed); // a pending request was meant for the previous holder
    // Ordered stamp: never earlier than the release this take follows, so the
    // previous holder's Running span ends before this one's begins.
    const std::uint64_t t = w.nowAfterSync();
    if (waited)
        w.recordAt(t, EventKind::SpanEnd, std::uint8_t(SpanState::GilWait), s.objectId, 0);
    s.lane.recordFor(s.pid, kGilLaneTid, EventKind::SpanBegin, std::uint8_t(SpanState::LockHold), holder, 0, t);
    pthread_mutex_unlock(&s.mutex);
    return t;
}

void Gil::drop(record::Writer &w, std::uint32_t holder, std::uint64_t at)
{
    GilState &s = *m_state;
    const std::uint64_t t = at != 0 ? at : w.now();
    pthread_mutex_lock(&s.mutex);
    if (s.holder == holder) {
        s.lane.recordFor(s.pid, kGilLaneTid, EventKind::SpanEnd, std::uint8_t(SpanState::LockHold), holder, 0, t);
        s.holder = 0;
        pthread_cond_signal(&s.cond);
    }
    pthread_mutex_unlock(&s.mutex);
}

std::uint64_t Gil::waitNs() const
{
    pthread_mutex_lock(&m_state->mutex);
    const std::uint64_t n = m_state->waitNs;
    pthread_mutex_unlock(&m_state->mutex);
    return n;
}

std::uint32_t Gil::waiters() const
{
    pthread_mutex_lock(&m_state->mutex);
    const std::uint32_t n = m_state->waiters;
    pthread_mutex_unlock(&m_state->mutex);
    return n;
}

void Gil::handOver(record::Writer &w, std::uint32_t holder, std::uint64_t at)
{
    GilState &s = *m_state;
    if (at == 0)
        at = w.now();
    pthread_mutex_lock(&s.mutex);
    s.lane.recordFor(s.pid, kGilLaneTid, EventKind::SpanEnd, std::uint8_t(SpanState::LockHold), holder, 0, at);
    s.holder = 0;
    pthread_cond_signal(&s.cond);
    // FORCE_SWITCHING: until someone else has taken the GIL, do not ask for
    // it again, or the dropper would usually win it straight back. Nobody
    // waiting means nobody to hand it to.
    s.dropRequest.store(0, std::memory_order_relaxed);
    while (s.lastHolder == holder && s.waiters > 0 && !m_arena->stopRequested())
        waitFor(s.switchCond, s.mutex, kStopPollNs);
    pthread_mutex_unlock(&s.mutex);
}

bool Gil::compute(record::Writer &w, std::uint32_t holder, std::uint64_t iterations, std::uint32_t job)
{
    GilState &s = *m_state;
    std::uint64_t state = std::uint64_t(w.tid()) * 0x9e3779b97f4a7c15ull;
    w.spanBegin(SpanState::Running, job);
    for (std::uint64_t done = 0; done < iterations;) {
        if (m_arena->stopRequested()) {
            const std::uint64_t t = w.now();
            w.recordAt(t, EventKind::SpanEnd, std::uint8_t(SpanState::Running), job, 0);
            drop(w, holder, t);
            return false;
        }
        if (s.dropRequest.load(std::memory_order_relaxed) != 0) {
            // Stamped before the release, so it precedes the next holder's start.
            const std::uint64_t t = w.now();
            w.recordAt(t, EventKind::SpanEnd, std::uint8_t(SpanState::Running), job, 0);
            handOver(w, holder, t);
            const std::uint64_t back = take(w, holder);
            if (back == 0)
                return false;
            w.recordAt(back, EventKind::SpanBegin, std::uint8_t(SpanState::Running), job, 0);
        }
        const std::uint64_t slice = std::min(kSliceIterations, iterations - done);
        state = spinLoop(slice, state);
        done += slice;
    }
    w.spanEnd(SpanState::Running, job);
    return true;
}

bool Gil::sleepReleased(record::Writer &w, std::uint32_t holder, std::int64_t ms, std::uint32_t job)
{
    drop(w, holder);
    if (!ioWork(w, *m_arena, ms, job))
        return false;
    return take(w, holder) != 0;
}

} // namespace cl::runtime
