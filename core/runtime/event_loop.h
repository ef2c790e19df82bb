#pragma once
// A single-threaded event loop for Task coroutines, as asyncio's: spawned
// tasks wait in a ready queue; a task runs until it awaits a timer (sleep),
// socket readiness (epoll) or other tasks (gather, wait with a timeout), and
// the loop then runs the next ready one. Cancellation wakes the task with a
// Cancelled exception at its await point, so its locals (sockets...) are
// destroyed as it unwinds. Every task is a lane of the thread that runs the
// loop (see CoroTracer). No Qt: used in forked children and threads.
#include "core/runtime/coro_task.h"
#include "core/runtime/coro_tracer.h"

#include <atomic>
#include <coroutine>
#include <cstdint>
#include <deque>
#include <memory>
#include <queue>
#include <string>
#include <vector>

namespace cl::runtime {

class EventLoop;

// The loop's record of one spawned task. Stays valid until the loop dies.
struct TaskState {
    Task task;
    std::coroutine_handle<> resumeAt; // innermost suspended coroutine of the task
    std::int32_t lane = 0;
    bool started = false;
    bool done = false;
    bool cancelRequested = false;
    bool cancelled = false; // ended by Cancelled
    bool queued = false;
    CoroWait wait = CoroWait::Ready;
    std::uint64_t token = 0;  // bumped by each wake-up; stale timers and joins carry an old one
    int ioFd = -1;
    int pendingJoins = 0;
    bool timedOut = false;
    std::vector<std::pair<TaskState *, std::uint64_t>> joiners;
    std::exception_ptr error;
};
using TaskRef = TaskState *;

class EventLoop {
public:
    explicit EventLoop(CoroTracer *tracer = nullptr, const std::atomic<std::uint32_t> *stop = nullptr);
    // Destroys the frames of tasks that never finished (their locals unwind).
    ~EventLoop();
    EventLoop(const EventLoop &) = delete;
    EventLoop &operator=(const EventLoop &) = delete;

    // asyncio.create_task(): queued to run when the loop gets to it.
    TaskRef spawn(Task task, std::string_view name);
    // Runs until every task has ended, or the stop flag is set (then every
    // task is cancelled and unwinds). False when stopped.
    bool run();
    void cancel(TaskRef t);

    // Awaitables, for the running task.
    struct Sleep;
    struct Io;
    struct Join;
    Sleep sleep(std::int64_t ns);
    Io readable(int fd);
    Io writable(int fd);
    // asyncio.gather(): until every task in `tasks` has ended.
    Join gather(std::vector<TaskRef> tasks);
    // asyncio.wait_for() without the cancel: true if `t` ended within timeoutNs.
    Join waitFor(TaskRef t, std::int64_t timeoutNs);

    TaskState *current() const { return m_current; }
    CoroTracer *tracer() const { return m_tracer; }
    void print(std::string_view line); // on the current task's lane
    std::size_t liveTasks() const { return m_live; }
    std::size_t maxReady() const { return m_maxReady; }
    std::uint64_t switches() const { return m_switches; }

    struct Sleep {
        EventLoop &loop;
        std::int64_t ns;
        bool await_ready() const noexcept { return false; }
        void await_suspend(std::coroutine_handle<> h);
        void await_resume() { loop.afterWait(); }
    };
    struct Io {
        EventLoop &loop;
        int fd;
        bool write;
        bool await_ready() const noexcept { return false; }
        void await_suspend(std::coroutine_handle<> h);
        void await_resume() { loop.afterWait(); }
    };
    struct Join {
        EventLoop &loop;
        std::vector<TaskRef> tasks;
        std::int64_t timeoutNs; // < 0: none
        bool await_ready() const noexcept;
        void await_suspend(std::coroutine_handle<> h);
        bool await_resume(); // false: timed out
    };

private:
    friend struct TaskFinisher;
    void suspendCurrent(std::coroutine_handle<> h, CoroWait why);
    void afterWait();
    void wake(TaskState *t, std::uint64_t token);
    void enqueue(TaskState *t);
    void addTimer(std::uint64_t deadline, TaskState *t);
    void finished(TaskState *t);
    void dispatch(TaskState *t);
    void pollEvents(std::int64_t timeoutNs);
    void cancelAll();

    struct Timer {
        std::uint64_t deadline;
        std::uint64_t seq;
        TaskState *task;
        std::uint64_t token;
        bool operator>(const Timer &o) const { return deadline != o.deadline ? deadline > o.deadline : seq > o.seq; }
    };

    CoroTracer *m_tracer;
    CoroTracer m_silent; // when none is given
    const std::atomic<std::uint32_t> *m_stop;
    int m_epoll = -1;
    std::vector<std::unique_ptr<TaskState>> m_tasks;
    std::deque<TaskState *> m_ready;
    std::priority_queue<Timer, std::vector<Timer>, std::greater<>> m_timers;
    std::uint64_t m_timerSeq = 0;
    std::size_t m_ioWaiters = 0;
    std::size_t m_live = 0;
    std::size_t m_maxReady = 0;
    std::uint64_t m_switches = 0;
    TaskState *m_current = nullptr;
};

} // namespace cl::runtime
