#include "core/runtime/pool_board.h"
#include "core/runtime/futex.h"
#include "core/runtime/pool_functions.h"
#include "core/runtime/worker_env.h"

#include <cstring>
#include <new>
#include <sched.h>
#include <string>

namespace cl::runtime {

using trace::SpanState;

namespace {
// Idle waits wake this often to look at Stop and abort even without a wake-up.
constexpr int kIdleCheckMs = 50;

std::size_t alignUp(std::size_t v, std::size_t a) { return (v + a - 1) & ~(a - 1); }
} // namespace

std::size_t PoolBoard::bytesFor(std::uint32_t capacity)
{
    return alignUp(sizeof(PoolBoardState), 64) + alignUp(sizeof(PoolSlot) * capacity, 64) +
           sizeof(std::atomic<std::uint32_t>) * capacity + 128;
}

std::uint64_t PoolBoard::create(record::SharedArena &arena, std::uint32_t capacity)
{
    if (capacity == 0)
        return 0;
    const std::uint64_t offset = arena.allocateObject(sizeof(PoolBoardState), 64);
    const std::uint64_t slots = arena.allocateObject(sizeof(PoolSlot) * capacity, 64);
    const std::uint64_t completions = arena.allocateObject(sizeof(std::atomic<std::uint32_t>) * capacity, 64);
    if (offset == 0 || slots == 0 || completions == 0)
        return 0;
    auto *s = new (arena.object<PoolBoardState>(offset)) PoolBoardState{};
    s->capacity = capacity;
    s->queueObject = arena.newObjectId();
    s->resultObject = arena.newObjectId();
    // One id per task and one per callback, reserved in one step.
    s->taskObjectBase = arena.header()->nextObjectId.fetch_add(2 * capacity, std::memory_order_relaxed);
    s->slotsOffset = slots;
    s->completionsOffset = completions;
    auto *slot = arena.object<PoolSlot>(slots);
    auto *entry = arena.object<std::atomic<std::uint32_t>>(completions);
    for (std::uint32_t i = 0; i < capacity; ++i) {
        new (&slot[i]) PoolSlot{};
        new (&entry[i]) std::atomic<std::uint32_t>(0);
    }
    return offset;
}

PoolBoard::PoolBoard(record::SharedArena &arena, std::uint64_t offset)
    : m_arena(&arena), m_state(arena.object<PoolBoardState>(offset)),
      m_slots(arena.object<PoolSlot>(m_state->slotsOffset)),
      m_completions(arena.object<std::atomic<std::uint32_t>>(m_state->completionsOffset))
{
}

std::int64_t PoolBoard::submit(std::uint16_t function, const void *args, std::size_t size)
{
    const std::uint32_t index = m_state->submitted.load(std::memory_order_relaxed);
    if (index >= m_state->capacity || size > kPoolArgsBytes || m_state->closed.load(std::memory_order_relaxed))
        return -1;
    PoolSlot &s = m_slots[index];
    s.function = function;
    s.argsSize = std::uint16_t(size);
    if (size > 0)
        std::memcpy(s.args, args, size);
    s.state.store(std::uint32_t(PoolSlotState::Queued), std::memory_order_relaxed);
    // The release publishes the slot's contents to whoever claims it.
    m_state->submitted.store(index + 1, std::memory_order_release);
    m_state->wakeSeq.fetch_add(1, std::memory_order_release);
    futexWake(m_state->wakeSeq, 1);
    return index;
}

void PoolBoard::close()
{
    m_state->closed.store(1, std::memory_order_release);
    m_state->wakeSeq.fetch_add(1, std::memory_order_release);
    futexWake(m_state->wakeSeq);
    m_state->resultSeq.fetch_add(1, std::memory_order_release);
    futexWake(m_state->resultSeq);
}

void PoolBoard::abort()
{
    m_state->aborted.store(1, std::memory_order_release);
    close();
    futexWake(m_state->handled);
}

void PoolBoard::waitChange(const std::atomic<std::uint32_t> &word, std::uint32_t seen, int timeoutMs)
{
    futexWait(word, seen, timeoutMs);
}

void PoolBoard::reportReady()
{
    m_state->ready.fetch_add(1, std::memory_order_release);
    futexWake(m_state->ready);
}

std::int64_t PoolBoard::claim(WorkerEnv &env)
{
    record::Writer &w = *env.writer;
    bool waiting = false;
    std::int64_t got = -1;
    for (;;) {
        // Read the wake sequence first: a submit or close after this read
        // changes it, so the futex wait below cannot miss it.
        const std::uint32_t seq = m_state->wakeSeq.load(std::memory_order_acquire);
        if (aborted() || env.stopRequested())
            break;
        std::uint32_t c = m_state->claimed.load(std::memory_order_relaxed);
        const std::uint32_t s = m_state->submitted.load(std::memory_order_acquire);
        if (c < s) {
            if (m_state->claimed.compare_exchange_weak(c, c + 1, std::memory_order_acq_rel)) {
                got = c;
                break;
            }
            continue;
        }
        if (m_state->closed.load(std::memory_order_acquire))
            break;
        if (!waiting) {
            w.spanBegin(SpanState::QueueEmptyWait, m_state->queueObject);
            waiting = true;
        }
        futexWait(m_state->wakeSeq, seq, kIdleCheckMs);
    }
    if (waiting)
        w.recordAt(w.nowAfterSync(), trace::EventKind::SpanEnd, std::uint8_t(SpanState::QueueEmptyWait),
                   m_state->queueObject, 0);
    if (got >= 0)
        m_slots[got].state.store(std::uint32_t(PoolSlotState::Running), std::memory_order_relaxed);
    return got;
}

void PoolBoard::run(WorkerEnv &env, std::uint32_t index, std::int32_t workerNumber)
{
    record::Writer &w = *env.writer;
    PoolSlot &s = m_slots[index];
    s.workerNumber = workerNumber;
    s.pid = w.pid();
    s.tid = w.tid();
    const std::uint32_t object = taskObject(index);
    w.nameObject(object, "task " + std::to_string(index));
    const PoolFunctionEntry *f = poolFunction(s.function);
    WorkerEnv taskEnv{env.arena, env.writer, std::int32_t(index), s.args, s.argsSize, object};
    w.spanBegin(SpanState::Running, object);
    s.beganNs = record::monotonicNs();
    s.status = f ? f->function(taskEnv, s.result) : 127;
    s.endedNs = record::monotonicNs();
    w.spanEnd(SpanState::Running, object);
}

void PoolBoard::publish(record::Writer &w, std::uint32_t index)
{
    PoolSlot &s = m_slots[index];
    s.flow = m_arena->newFlowId();
    w.flowOut(s.flow, taskObject(index), trace::FlowKind::Callback);
    s.state.store(std::uint32_t(PoolSlotState::Done), std::memory_order_release);
    const std::uint32_t position = m_state->completionReserve.fetch_add(1, std::memory_order_acq_rel);
    m_completions[position].store(index + 1, std::memory_order_release);
    m_state->completed.fetch_add(1, std::memory_order_release);
    m_state->resultSeq.fetch_add(1, std::memory_order_release);
    futexWake(m_state->resultSeq, 1);
}

std::int64_t PoolBoard::nextCompleted(WorkerEnv &env, std::uint32_t &cursor)
{
    record::Writer &w = *env.writer;
    bool waiting = false;
    std::int64_t got = -1;
    for (;;) {
        const std::uint32_t seq = m_state->resultSeq.load(std::memory_order_acquire);
        if (aborted() || env.stopRequested())
            break;
        const std::uint32_t c = m_state->completed.load(std::memory_order_acquire);
        if (cursor < c) {
            const std::uint32_t entry = m_completions[cursor].load(std::memory_order_acquire);
            if (entry != 0) {
                got = std::int64_t(entry) - 1;
                ++cursor;
                break;
            }
            // Another worker reserved this entry and is about to write it.
            sched_yield();
            continue;
        }
        if (m_state->closed.load(std::memory_order_acquire) &&
            cursor >= m_state->submitted.load(std::memory_order_acquire))
            break;
        if (!waiting) {
            w.spanBegin(SpanState::QueueEmptyWait, m_state->resultObject);
            waiting = true;
        }
        futexWait(m_state->resultSeq, seq, kIdleCheckMs);
    }
    if (waiting)
        w.recordAt(w.nowAfterSync(), trace::EventKind::SpanEnd, std::uint8_t(SpanState::QueueEmptyWait),
                   m_state->resultObject, 0);
    return got;
}

void PoolBoard::markHandled(std::uint32_t index)
{
    m_slots[index].state.store(std::uint32_t(PoolSlotState::Handled), std::memory_order_release);
    m_state->handled.fetch_add(1, std::memory_order_release);
    futexWake(m_state->handled);
}

} // namespace cl::runtime
