#include "core/runtime/greenlet.h"

namespace cl::runtime {

std::coroutine_handle<> GreenletBody::promise_type::Final::await_suspend(std::coroutine_handle<promise_type> h) noexcept
{
    promise_type &p = h.promise();
    if (p.hub) {
        CoroTracer &tracer = p.hub->m_tracer;
        tracer.switchTo(p.lane, CoroWait::Switch, tracer.hostLane());
        tracer.endLane(p.lane);
        ++p.hub->m_switches;
    }
    return std::noop_coroutine(); // back to whoever resumed the chain: main
}

void GreenletHub::create(Greenlet &g, std::string_view name, GreenletBody body)
{
    g.m_body = std::move(body);
    g.m_lane = m_tracer.newLane(name);
    g.m_started = false;
    auto &p = g.m_body.handle().promise();
    p.hub = this;
    p.lane = g.m_lane;
}

bool GreenletHub::switchFromMain(Greenlet &g)
{
    if (g.dead())
        return false;
    g.m_started = true;
    ++m_switches;
    m_tracer.switchTo(m_tracer.hostLane(), CoroWait::Switch, g.m_lane);
    g.m_body.handle().resume();
    return true;
}

std::coroutine_handle<> GreenletHub::Switch::await_suspend(std::coroutine_handle<>) noexcept
{
    const std::int32_t from = hub.m_tracer.current();
    ++hub.m_switches;
    if (!target || target->dead()) {
        hub.m_tracer.switchTo(from, CoroWait::Switch, hub.m_tracer.hostLane());
        return std::noop_coroutine();
    }
    target->m_started = true;
    hub.m_tracer.switchTo(from, CoroWait::Switch, target->m_lane);
    return target->m_body.handle();
}

} // namespace cl::runtime
