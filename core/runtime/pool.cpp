#include "core/runtime/pool.h"
#include "core/runtime/pool_functions.h"

#include <chrono>
#include <string>

namespace cl::runtime {

using trace::EventKind;
using trace::SpanState;

namespace {
// How often a waiting submitter looks for workers that died, and how long it
// then listens for exit reports (the fork server client needs a few ms: a
// timeout under 2 ms ends before it reads its socket).
constexpr auto kExitPollInterval = std::chrono::milliseconds(10);
constexpr int kExitListenMs = 5;
constexpr int kHandledWaitMs = 10;
} // namespace

Pool::Pool(PoolHost &host, Kind kind, int size, std::uint32_t capacity)
    : m_host(host), m_kind(kind), m_size(size < 1 ? 1 : size), m_capacity(capacity)
{
}

Pool::~Pool()
{
    if (m_started && !m_joined) {
        terminate();
        waitForWorkers();
    }
}

bool Pool::start()
{
    if (m_started)
        return true;
    m_boardOffset = PoolBoard::create(m_host.arena(), m_capacity);
    if (m_boardOffset == 0)
        return fail({PoolFailure::Kind::StartFailed, 0, 0, 0, 0, "board"});
    m_board = PoolBoard(m_host.arena(), m_boardOffset);
    m_callbacks.assign(m_capacity, {});
    m_started = true;
    record::Writer &w = m_host.writer();
    w.nameObject(m_board.state()->queueObject, "task queue");
    w.nameObject(m_board.state()->resultObject, "result queue");
    if (m_kind == Kind::ProcessPerTask)
        return true; // a process starts with each task

    const bool threads = m_kind == Kind::Threads;
    for (int i = 0; i < m_size; ++i) {
        PoolWorkerArgs args;
        args.boardOffset = m_boardOffset;
        args.workerNumber = i + 1;
        if (threads) {
            // Threads deliver their own results: callbacks run on the worker.
            args.delivery = PoolDelivery::InPlace;
            args.onResult = &Pool::deliverHook;
            args.context = this;
        }
        const int handle =
            m_host.startWorker(threads, "pool.worker", "pool worker " + std::to_string(i + 1), i, args);
        if (handle < 0)
            return abandonStart({PoolFailure::Kind::StartFailed, i + 1, 0, 0, 0, {}});
        m_handles.push_back(handle);
        m_workerNumbers.push_back(i + 1);
    }
    if (!threads) {
        PoolWorkerArgs args;
        args.boardOffset = m_boardOffset;
        args.onResult = &Pool::deliverHook;
        args.context = this;
        const int handle = m_host.startWorker(true, "pool.result-handler", "result handler", 0, args);
        if (handle < 0)
            return abandonStart({PoolFailure::Kind::StartFailed, 0, 0, 0, 0, {}});
        m_handles.push_back(handle);
        m_workerNumbers.push_back(0);
    }
    // Python's Pool(k) returns while its workers are still starting; with
    // tasks that take microseconds the first worker up would then take them
    // all. Waiting until every worker listens shows the k workers sharing.
    const PoolBoardState *st = m_board.state();
    const auto size = std::uint32_t(m_size);
    if (!waitUntil(st->ready, [st, size] { return st->ready.load(std::memory_order_acquire) >= size; }))
        return abandonStart({m_host.stopRequested() ? PoolFailure::Kind::None : PoolFailure::Kind::StartFailed,
                             0, 0, 0, 0, {}});
    return true;
}

bool Pool::abandonStart(PoolFailure failure)
{
    if (failure.kind != PoolFailure::Kind::None)
        fail(std::move(failure));
    terminate();
    waitForWorkers();
    m_joined = true;
    return false;
}

std::int64_t Pool::applyAsync(std::string_view function, const void *args, std::size_t size,
                              PoolCallback callback)
{
    if (!m_started || m_joined || m_failure.kind != PoolFailure::Kind::None) {
        if (m_failure.kind == PoolFailure::Kind::None)
            fail({PoolFailure::Kind::NotRunning, 0, 0, 0, 0, {}});
        return -1;
    }
    const int id = poolFunctionId(function);
    if (id < 0) {
        fail({PoolFailure::Kind::UnknownFunction, 0, 0, 0, 0, std::string(function)});
        return -1;
    }
    const std::uint32_t index = submitted();
    if (index >= m_capacity || size > kPoolArgsBytes) {
        fail({PoolFailure::Kind::Full, 0, 0, 0, 0, {}});
        return -1;
    }
    // Stored before the task is published: the release in submit() orders it.
    m_callbacks[index] = std::move(callback);
    const std::int64_t task = m_board.submit(std::uint16_t(id), args, size);
    if (task < 0) {
        fail({PoolFailure::Kind::Full, 0, 0, 0, 0, {}});
        return -1;
    }
    if (m_kind == Kind::ProcessPerTask && !startTaskProcess(std::uint32_t(task)))
        return -1;
    return task;
}

bool Pool::startTaskProcess(std::uint32_t task)
{
    PoolWorkerArgs args;
    args.boardOffset = m_boardOffset;
    args.workerNumber = std::int32_t(task) + 1;
    args.fixedTask = std::int32_t(task);
    args.delivery = PoolDelivery::InPlace; // a Process has no result handler
    const int handle = m_host.startWorker(false, "pool.worker", "task " + std::to_string(task), int(task), args);
    if (handle < 0)
        return fail({PoolFailure::Kind::StartFailed, std::int32_t(task) + 1, 0, 0, 0, {}});
    m_handles.push_back(handle);
    m_workerNumbers.push_back(std::int32_t(task) + 1);
    return true;
}

void Pool::deliverHook(void *self, std::uint32_t task, record::Writer &w)
{
    static_cast<Pool *>(self)->deliver(task, w);
}

void Pool::deliver(std::uint32_t task, record::Writer &w)
{
    PoolSlot &s = m_board.slot(task);
    // The callback was stored before `submitted` was raised (release). The
    // result reached us through another process, which a sanitizer cannot
    // follow, so acquire `submitted` here too: an edge within this process.
    (void)m_board.state()->submitted.load(std::memory_order_acquire);
    const PoolCallback &callback = m_callbacks[task];
    // A thread pool's result does not travel; the arrow to its callback is
    // drawn all the same, on the worker's own track.
    if (s.flow == 0 && callback) {
        s.flow = m_host.arena().newFlowId();
        w.flowOut(s.flow, m_board.taskObject(task), trace::FlowKind::Callback);
    }
    if (s.flow != 0)
        w.recordAt(w.nowAfterSync(), EventKind::FlowIn, std::uint8_t(trace::FlowKind::Callback), s.flow,
                   m_board.taskObject(task));
    if (callback) {
        const std::uint32_t object = m_board.callbackObject(task);
        w.nameObject(object, "callback " + std::to_string(task));
        w.spanBegin(SpanState::Running, object);
        PoolResult r = result(task);
        r.callbackObject = object;
        callback(r, w);
        w.spanEnd(SpanState::Running, object);
    }
    m_board.markHandled(task);
}

PoolResult Pool::result(std::uint32_t task) const
{
    PoolResult r;
    if (!m_board.isValid() || task >= m_capacity)
        return r;
    const PoolSlot &s = m_board.slot(task);
    r.task = task;
    r.status = s.status;
    r.workerNumber = s.workerNumber;
    r.pid = s.pid;
    r.tid = s.tid;
    r.beganNs = s.beganNs;
    r.endedNs = s.endedNs;
    for (std::size_t i = 0; i < kPoolResultWords; ++i)
        r.values[i] = s.result[i];
    return r;
}

std::uint32_t Pool::submitted() const
{
    return m_board.isValid() ? m_board.state()->submitted.load(std::memory_order_relaxed) : 0;
}

bool Pool::wait(std::int64_t task)
{
    if (task < 0 || std::uint32_t(task) >= m_capacity)
        return false;
    const PoolSlot &s = m_board.slot(std::uint32_t(task));
    return waitUntil(m_board.state()->handled, [&s] {
        return s.state.load(std::memory_order_acquire) == std::uint32_t(PoolSlotState::Handled);
    });
}

bool Pool::waitAllHandled()
{
    const PoolBoardState *st = m_board.state();
    return waitUntil(st->handled, [st] {
        return st->handled.load(std::memory_order_acquire) >= st->submitted.load(std::memory_order_relaxed);
    });
}

bool Pool::waitUntil(const std::atomic<std::uint32_t> &word, const std::function<bool()> &done)
{
    if (!m_started)
        return false;
    record::Writer &w = m_host.writer();
    bool blocked = false;
    bool ok = false;
    auto lastPoll = std::chrono::steady_clock::now();
    for (;;) {
        const std::uint32_t seen = word.load(std::memory_order_acquire);
        if (done()) {
            ok = true;
            break;
        }
        if (m_failure.kind != PoolFailure::Kind::None || m_host.stopRequested() || m_board.aborted())
            break;
        if (!blocked) {
            // Like Python's main thread blocked in map(), apply() or get().
            w.spanBegin(SpanState::Sleep);
            blocked = true;
        }
        PoolBoard::waitChange(word, seen, kHandledWaitMs);
        const auto now = std::chrono::steady_clock::now();
        if (now - lastPoll >= kExitPollInterval) {
            lastPoll = now;
            if (!checkWorkers(kExitListenMs))
                break;
        }
    }
    if (blocked)
        w.recordAt(w.nowAfterSync(), EventKind::SpanEnd, std::uint8_t(SpanState::Sleep), 0, 0);
    return ok;
}

bool Pool::checkWorkers(int timeoutMs)
{
    m_host.pollExits(timeoutMs);
    if (m_host.stopRequested())
        return false;
    const std::vector<PoolWorkerState> states = m_host.workerStates(m_handles);
    for (std::size_t i = 0; i < states.size(); ++i) {
        // Only a clean exit after close() is expected; the result handler
        // (number 0) ends on its own when the board is aborted.
        if (!states[i].ended || m_workerNumbers[i] == 0 || states[i].exitValue == 0)
            continue;
        if (m_kind == Kind::ProcessPerTask) {
            // As with a lone Process that was killed: its task is lost, the others go on.
            const auto task = std::uint32_t(m_workerNumbers[i] - 1);
            PoolSlot &slot = m_board.slot(task);
            if (slot.state.load(std::memory_order_acquire) != std::uint32_t(PoolSlotState::Handled)) {
                slot.status = std::int32_t(states[i].exitValue);
                m_board.markHandled(task);
            }
            continue;
        }
        const PoolBoardState *st = m_board.state();
        const std::int64_t unfinished = std::int64_t(st->submitted.load()) - std::int64_t(st->handled.load());
        fail({PoolFailure::Kind::WorkerDied, m_workerNumbers[i], states[i].pid, states[i].exitValue, unfinished, {}});
        terminate();
        return false;
    }
    return m_failure.kind == PoolFailure::Kind::None;
}

void Pool::close()
{
    if (m_board.isValid())
        m_board.close();
}

bool Pool::join()
{
    if (!m_started || m_joined)
        return m_failure.kind == PoolFailure::Kind::None;
    close();
    // Like Python's main thread blocked in pool.join().
    record::Writer &w = m_host.writer();
    w.spanBegin(SpanState::Sleep);
    for (;;) {
        checkWorkers(kHandledWaitMs);
        bool all = true;
        for (const PoolWorkerState &s : m_host.workerStates(m_handles))
            all &= s.ended;
        if (all)
            break;
    }
    w.spanEnd(SpanState::Sleep);
    m_joined = true;
    return m_failure.kind == PoolFailure::Kind::None && !m_host.stopRequested();
}

void Pool::terminate()
{
    if (!m_board.isValid())
        return;
    m_board.abort();
    if (m_kind == Kind::Threads)
        return; // threads leave when they see the abort
    const std::vector<PoolWorkerState> states = m_host.workerStates(m_handles);
    for (std::size_t i = 0; i < states.size(); ++i)
        if (!states[i].ended && m_workerNumbers[i] != 0)
            m_host.killWorker(m_handles[i]);
}

void Pool::waitForWorkers()
{
    for (;;) {
        bool all = true;
        for (const PoolWorkerState &s : m_host.workerStates(m_handles))
            all &= s.ended;
        if (all)
            return;
        m_host.pollExits(kHandledWaitMs);
    }
}

bool Pool::fail(PoolFailure failure)
{
    if (m_failure.kind == PoolFailure::Kind::None)
        m_failure = std::move(failure);
    return false;
}

} // namespace cl::runtime
