#include "core/runtime/coro_tracer.h"

#include <algorithm>
#include <atomic>
#include <pthread.h>
#include <unistd.h>

namespace cl::runtime {

using trace::EventKind;
using trace::SpanState;

namespace {
// Lane tids of one process never repeat, whichever thread or run made them:
// -1 is the GIL's lane, coroutines count down from -2.
std::atomic<std::int32_t> g_nextLane{2};
thread_local std::int32_t t_tid = 0; // this thread's kernel id, once asked

constexpr const char *kWaitNames[] = {"ready to run",        "sleep",     "read (socket)",
                                      "write (socket)",      "switched away",
                                      "awaiting another task", "generator"};
static_assert(std::size(kWaitNames) == std::size_t(CoroWait::Count));

SpanState stateOf(CoroWait why)
{
    switch (why) {
    case CoroWait::Sleep:
    case CoroWait::Read:
    case CoroWait::Write:
        return SpanState::Sleep;
    default:
        return SpanState::Suspended;
    }
}
} // namespace

CoroTracer::CoroTracer(record::Writer *writer)
    : m_writer(writer && writer->isValid() ? writer : nullptr), m_pid(::getpid()), m_hostTid(::gettid()),
      m_current(m_hostTid)
{
    noteThread();
    if (!m_writer)
        return;
    m_hostTid = m_writer->tid();
    m_current = m_hostTid;
    for (std::size_t i = 0; i < std::size(m_objects); ++i) {
        m_objects[i] = m_writer->arena()->newObjectId();
        m_writer->nameObject(m_objects[i], kWaitNames[i]);
    }
    m_readyCounter = m_writer->arena()->newObjectId();
    m_writer->nameObject(m_readyCounter, "ready queue");
    m_epollObject = m_writer->arena()->newObjectId();
    m_writer->nameObject(m_epollObject, "epoll_wait");
    m_writer->spanBegin(SpanState::Running);
}

CoroTracer::~CoroTracer()
{
    for (std::size_t i = 0; i < m_lanes.size(); ++i)
        endLane(m_firstLane - std::int32_t(i));
    if (m_writer && m_host.state == SpanState::Running)
        m_writer->spanEnd(SpanState::Running);
}

CoroTracer::LaneState *CoroTracer::lane(std::int32_t tid)
{
    if (tid == m_hostTid)
        return &m_host;
    const std::int64_t i = std::int64_t(m_firstLane) - tid;
    return i >= 0 && i < std::int64_t(m_lanes.size()) ? &m_lanes[std::size_t(i)] : nullptr;
}

void CoroTracer::noteThread()
{
    // Counted where code runs, not assumed: a lane resumed by another thread shows up here.
    // gettid() is a system call; a switch costs a few nanoseconds without it.
    // A forked child starts with its parent thread's cache: reset there.
    static const int atfork = pthread_atfork(nullptr, nullptr, [] { t_tid = 0; });
    (void)atfork;
    if (t_tid == 0)
        t_tid = ::gettid();
    const std::int32_t tid = t_tid;
    if (tid == m_lastThread)
        return;
    m_lastThread = tid;
    if (std::find(m_threads.begin(), m_threads.end(), tid) == m_threads.end())
        m_threads.push_back(tid);
}

std::int32_t CoroTracer::newLane(std::string_view name)
{
    // Lanes of one tracer take consecutive tids, so finding a lane's state is arithmetic.
    const std::int32_t tid = -g_nextLane.fetch_add(1, std::memory_order_relaxed);
    if (m_lanes.empty())
        m_firstLane = tid;
    if (std::int64_t(m_firstLane) - tid != std::int64_t(m_lanes.size())) {
        // Another tracer took tids meanwhile: keep the arithmetic by padding with ended lanes.
        while (std::int64_t(m_firstLane) - tid > std::int64_t(m_lanes.size()))
            m_lanes.push_back(LaneState{SpanState::Suspended, 0, true});
    }
    m_lanes.push_back(LaneState{SpanState::Suspended, m_objects[std::size_t(CoroWait::Ready)], false});
    if (m_writer) {
        const std::uint64_t t = m_writer->now();
        const std::uint32_t nameId = m_writer->defineString(name);
        m_writer->recordFor(m_pid, tid, EventKind::WorkerStart, trace::kLaneOfThread, nameId, m_hostTid, t);
        m_writer->recordFor(m_pid, tid, EventKind::SpanBegin, std::uint8_t(SpanState::Suspended),
                            m_objects[std::size_t(CoroWait::Ready)], 0, t);
    }
    return tid;
}

void CoroTracer::endLane(std::int32_t tid)
{
    LaneState *l = lane(tid);
    if (!l || l->ended || tid == m_hostTid)
        return;
    l->ended = true;
    if (l->state == SpanState::Running) {
        --m_active;
        m_lastOut = tid; // a task that ended hands over to the next one too
        m_lastOutTicks = m_writer ? m_writer->now() : 0;
    }
    if (m_current == tid)
        m_current = m_hostTid;
    if (m_writer) {
        const std::uint64_t t = m_writer->now();
        m_writer->recordFor(m_pid, tid, EventKind::SpanEnd, std::uint8_t(l->state), l->object, 0, t);
        m_writer->recordFor(m_pid, tid, EventKind::WorkerExit, 0, 0, 0, t);
    }
}

void CoroTracer::enter(std::int32_t tid, SpanState s, std::uint32_t object, std::uint64_t t)
{
    LaneState *l = lane(tid);
    if (!l || l->ended)
        return;
    if (l->state == SpanState::Running && s != SpanState::Running)
        --m_active;
    else if (l->state != SpanState::Running && s == SpanState::Running)
        m_maxActive = std::max(m_maxActive, ++m_active);
    if (m_writer) {
        // The host's own track shows only its running time, not a "suspended" bar.
        if (tid != m_hostTid || l->state == SpanState::Running)
            m_writer->recordFor(m_pid, tid, EventKind::SpanEnd, std::uint8_t(l->state), l->object, 0, t);
        if (tid != m_hostTid || s == SpanState::Running)
            m_writer->recordFor(m_pid, tid, EventKind::SpanBegin, std::uint8_t(s), object, 0, t);
    }
    l->state = s;
    l->object = object;
}

void CoroTracer::switchTo(std::int32_t from, CoroWait why, std::int32_t to)
{
    const std::uint64_t t = m_writer ? m_writer->now() : 0;
    enter(from, stateOf(why), m_objects[std::size_t(why)], t);
    if (m_writer) {
        const std::uint32_t flow = m_writer->arena()->newFlowId();
        m_writer->recordFor(m_pid, from, EventKind::FlowOut, 0, flow, m_objects[std::size_t(CoroWait::Switch)], t);
        m_writer->recordFor(m_pid, to, EventKind::FlowIn, 0, flow, m_objects[std::size_t(CoroWait::Switch)], t);
    }
    noteThread();
    enter(to, SpanState::Running, 0, t);
    m_current = to;
}

void CoroTracer::resume(std::int32_t tid)
{
    noteThread();
    const std::uint64_t t = m_writer ? m_writer->now() : 0;
    if (m_writer && m_lastOut != 0 && m_lastOut != tid) {
        // The loop's switch: from the coroutine that yielded to the one it resumes now.
        const std::uint32_t flow = m_writer->arena()->newFlowId();
        const std::uint32_t object = m_objects[std::size_t(CoroWait::Ready)];
        m_writer->recordFor(m_pid, m_lastOut, EventKind::FlowOut, 0, flow, object, m_lastOutTicks);
        m_writer->recordFor(m_pid, tid, EventKind::FlowIn, 0, flow, object, t);
    }
    m_lastOut = 0;
    enter(tid, SpanState::Running, 0, t);
    m_current = tid;
}

void CoroTracer::suspend(std::int32_t tid, CoroWait why)
{
    const std::uint64_t t = m_writer ? m_writer->now() : 0;
    enter(tid, stateOf(why), m_objects[std::size_t(why)], t);
    if (tid != m_hostTid) {
        m_lastOut = tid;
        m_lastOutTicks = t;
    }
    if (m_current == tid)
        m_current = m_hostTid;
}

void CoroTracer::rewait(std::int32_t tid, CoroWait why)
{
    const LaneState *l = lane(tid);
    if (!l || l->state == SpanState::Running)
        return;
    enter(tid, stateOf(why), m_objects[std::size_t(why)], m_writer ? m_writer->now() : 0);
}

void CoroTracer::print(std::int32_t tid, std::string_view line)
{
    if (!m_writer)
        return;
    const std::uint32_t id = m_writer->defineString(line);
    m_writer->recordFor(m_pid, tid, EventKind::Print, 0, id, 0);
}

void CoroTracer::readyDepth(std::int64_t depth)
{
    if (m_writer)
        m_writer->counter(m_readyCounter, depth);
}

void CoroTracer::hostBlocked(bool blocked)
{
    if (!m_writer)
        return;
    if (blocked)
        m_writer->spanBegin(SpanState::Sleep, m_epollObject);
    else
        m_writer->spanEnd(SpanState::Sleep, m_epollObject);
}

} // namespace cl::runtime
