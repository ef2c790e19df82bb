#include "core/runtime/event_loop.h"
#include "core/record/clock.h"

#include <algorithm>
#include <cerrno>
#include <sys/epoll.h>
#include <unistd.h>

namespace cl::runtime {

namespace {
// Stop is a flag, not a wake-up: a loop with nothing ready looks at it this often.
constexpr std::int64_t kStopPollNs = 50'000'000;
constexpr int kMaxEvents = 256;
} // namespace

EventLoop::EventLoop(CoroTracer *tracer, const std::atomic<std::uint32_t> *stop)
    : m_tracer(tracer ? tracer : &m_silent), m_stop(stop), m_epoll(epoll_create1(EPOLL_CLOEXEC))
{
}

EventLoop::~EventLoop()
{
    for (auto &t : m_tasks) {
        if (!t->done) {
            t->task.reset(); // unwinds the frame: its sockets close
            m_tracer->endLane(t->lane);
        }
    }
    if (m_epoll >= 0)
        ::close(m_epoll);
}

TaskRef EventLoop::spawn(Task task, std::string_view name)
{
    auto state = std::make_unique<TaskState>();
    TaskState *t = state.get();
    t->resumeAt = task.handle();
    t->task = std::move(task);
    t->lane = m_tracer->newLane(name);
    m_tasks.push_back(std::move(state));
    ++m_live;
    enqueue(t);
    return t;
}

void EventLoop::enqueue(TaskState *t)
{
    t->queued = true;
    m_ready.push_back(t);
    m_maxReady = std::max(m_maxReady, m_ready.size());
    if (t->started)
        m_tracer->rewait(t->lane, CoroWait::Ready);
    m_tracer->readyDepth(std::int64_t(m_ready.size()));
}

void EventLoop::wake(TaskState *t, std::uint64_t token)
{
    if (t->done || t->queued || t->token != token || t == m_current)
        return;
    ++t->token;
    if (t->ioFd >= 0) {
        epoll_ctl(m_epoll, EPOLL_CTL_DEL, t->ioFd, nullptr);
        t->ioFd = -1;
        --m_ioWaiters;
    }
    enqueue(t);
}

void EventLoop::cancel(TaskRef t)
{
    if (!t || t->done)
        return;
    t->cancelRequested = true;
    if (t->started)
        wake(t, t->token);
}

void EventLoop::cancelAll()
{
    for (auto &t : m_tasks)
        cancel(t.get());
}

void EventLoop::suspendCurrent(std::coroutine_handle<> h, CoroWait why)
{
    m_current->resumeAt = h;
    m_current->wait = why;
}

void EventLoop::afterWait()
{
    TaskState *t = m_current;
    if (t && t->cancelRequested) {
        t->cancelRequested = false; // delivered once, as CancelledError is
        throw Cancelled{};
    }
}

void EventLoop::addTimer(std::uint64_t deadline, TaskState *t)
{
    m_timers.push(Timer{deadline, m_timerSeq++, t, t->token});
}

void EventLoop::print(std::string_view line)
{
    m_tracer->print(m_current ? m_current->lane : m_tracer->hostLane(), line);
}

void EventLoop::finished(TaskState *t)
{
    t->done = true;
    --m_live;
    if (std::exception_ptr e = t->task.error()) {
        try {
            std::rethrow_exception(e);
        } catch (const Cancelled &) {
            t->cancelled = true;
        } catch (...) {
            t->error = e;
        }
    }
    t->task.reset(); // a finished task's frame is not kept, as asyncio keeps only the result
    m_tracer->endLane(t->lane);
    for (auto [joiner, token] : t->joiners) {
        if (joiner->token == token && !joiner->done && --joiner->pendingJoins <= 0)
            wake(joiner, token);
    }
    t->joiners.clear();
}

void EventLoop::dispatch(TaskState *t)
{
    t->queued = false;
    m_tracer->readyDepth(std::int64_t(m_ready.size()));
    if (!t->started && t->cancelRequested) {
        // Cancelled before it ever ran: its body never starts.
        t->started = true;
        t->cancelled = true;
        t->done = true;
        --m_live;
        t->task.reset();
        m_tracer->endLane(t->lane);
        return;
    }
    t->started = true;
    m_current = t;
    ++m_switches;
    m_tracer->resume(t->lane);
    t->resumeAt.resume();
    m_current = nullptr;
    if (t->task.done())
        finished(t);
    else
        m_tracer->suspend(t->lane, t->wait);
}

void EventLoop::pollEvents(std::int64_t timeoutNs)
{
    auto expire = [this] {
        const std::uint64_t now = record::monotonicNs();
        while (!m_timers.empty() && m_timers.top().deadline <= now) {
            const Timer timer = m_timers.top();
            m_timers.pop();
            TaskState *t = timer.task;
            if (t->token == timer.token && t->pendingJoins > 0)
                t->timedOut = true; // a wait_for whose tasks did not all end in time
            wake(t, timer.token);
        }
    };
    expire();
    if (!m_ready.empty())
        timeoutNs = 0;
    else if (!m_timers.empty())
        timeoutNs = std::min<std::int64_t>(
            timeoutNs, std::max<std::int64_t>(0, std::int64_t(m_timers.top().deadline - record::monotonicNs())));
    if (timeoutNs == 0 && m_ioWaiters == 0)
        return;
    epoll_event events[kMaxEvents];
    const timespec ts{time_t(timeoutNs / 1'000'000'000), long(timeoutNs % 1'000'000'000)};
    if (timeoutNs > 0)
        m_tracer->hostBlocked(true);
    int n = epoll_pwait2(m_epoll, events, kMaxEvents, &ts, nullptr);
    if (n < 0 && errno == ENOSYS) // kernels before 5.11: millisecond timeouts
        n = epoll_wait(m_epoll, events, kMaxEvents, int((timeoutNs + 999'999) / 1'000'000));
    if (timeoutNs > 0)
        m_tracer->hostBlocked(false);
    for (int i = 0; i < n; ++i) {
        auto *t = static_cast<TaskState *>(events[i].data.ptr);
        wake(t, t->token);
    }
    expire();
}

bool EventLoop::run()
{
    bool stopped = false;
    int stuck = 0;
    m_tracer->suspend(m_tracer->hostLane(), CoroWait::Switch);
    while (m_live > 0) {
        if (!stopped && m_stop && m_stop->load(std::memory_order_acquire) != 0) {
            stopped = true;
            cancelAll();
        }
        if (!m_ready.empty()) {
            // One round over what is ready now, then a look at timers and
            // sockets, as asyncio's _run_once: a task that yields goes last.
            for (std::size_t n = m_ready.size(); n > 0 && !m_ready.empty(); --n) {
                TaskState *t = m_ready.front();
                m_ready.pop_front();
                dispatch(t);
            }
            pollEvents(0);
            continue;
        }
        if (m_timers.empty() && m_ioWaiters == 0) {
            // Every task awaits another one: nothing can ever wake them.
            if (++stuck > 1)
                break;
            cancelAll();
            continue;
        }
        pollEvents(kStopPollNs);
    }
    m_tracer->resume(m_tracer->hostLane());
    return !stopped;
}

EventLoop::Sleep EventLoop::sleep(std::int64_t ns) { return Sleep{*this, ns}; }
EventLoop::Io EventLoop::readable(int fd) { return Io{*this, fd, false}; }
EventLoop::Io EventLoop::writable(int fd) { return Io{*this, fd, true}; }
EventLoop::Join EventLoop::gather(std::vector<TaskRef> tasks) { return Join{*this, std::move(tasks), -1}; }
EventLoop::Join EventLoop::waitFor(TaskRef t, std::int64_t timeoutNs) { return Join{*this, {t}, timeoutNs}; }

void EventLoop::Sleep::await_suspend(std::coroutine_handle<> h)
{
    loop.suspendCurrent(h, CoroWait::Sleep);
    loop.addTimer(record::monotonicNs() + std::uint64_t(std::max<std::int64_t>(0, ns)), loop.m_current);
}

void EventLoop::Io::await_suspend(std::coroutine_handle<> h)
{
    TaskState *t = loop.m_current;
    loop.suspendCurrent(h, write ? CoroWait::Write : CoroWait::Read);
    epoll_event ev{};
    ev.events = write ? EPOLLOUT : EPOLLIN | EPOLLRDHUP;
    ev.data.ptr = t;
    if (epoll_ctl(loop.m_epoll, EPOLL_CTL_ADD, fd, &ev) == 0) {
        t->ioFd = fd;
        ++loop.m_ioWaiters;
    } else {
        // Not pollable (a regular file) or already watched: let the caller
        // try the operation, which then reports its own error.
        loop.enqueue(t);
    }
}

bool EventLoop::Join::await_ready() const noexcept
{
    return std::all_of(tasks.begin(), tasks.end(), [](TaskRef t) { return !t || t->done; });
}

void EventLoop::Join::await_suspend(std::coroutine_handle<> h)
{
    TaskState *self = loop.m_current;
    loop.suspendCurrent(h, CoroWait::Task);
    self->pendingJoins = 0;
    self->timedOut = false;
    for (TaskRef t : tasks) {
        if (t && !t->done) {
            t->joiners.emplace_back(self, self->token);
            ++self->pendingJoins;
        }
    }
    if (timeoutNs >= 0)
        loop.addTimer(record::monotonicNs() + std::uint64_t(timeoutNs), self);
}

bool EventLoop::Join::await_resume()
{
    loop.m_current->pendingJoins = 0;
    loop.afterWait();
    return await_ready();
}

} // namespace cl::runtime
