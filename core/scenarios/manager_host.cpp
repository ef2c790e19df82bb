#include "core/scenarios/manager_host.h"

#include <chrono>
#include <cstring>
#include <csignal>

namespace cl::scenarios {

using runtime::ManagerState;

QString ManagerHost::start()
{
    auto &arena = m_context.arena();
    m_stateOffset = ManagerState::create(arena);
    if (m_stateOffset == 0)
        return tr("could not set up the manager in shared memory");
    runtime::ManagerServerArgs args{m_stateOffset};
    if (!m_context.spawn(false, "manager.server", "manager", 0, args))
        return m_context.error().isEmpty() ? tr("could not start the manager process") : m_context.error();
    m_pid = m_context.workers().back().pid;
    ManagerState *state = arena.object<ManagerState>(m_stateOffset);
    // Like Manager.start(): return once the server listens.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (state->ready.load(std::memory_order_acquire) == 0) {
        if (m_context.stopRequested())
            return {};
        if (managerEnded() || std::chrono::steady_clock::now() > deadline) {
            m_context.requestStop();
            return tr("the manager process (pid %1) ended or did not answer before it was ready").arg(m_pid);
        }
        m_context.reapFor(1);
    }
    if (state->ready.load() != 1)
        return tr("the manager process (pid %1) could not listen on its socket: %2")
            .arg(m_pid)
            .arg(QString::fromLocal8Bit(strerror(state->setupError.load())));
    m_context.writer().nameObject(state->objectId, "manager");
    if (m_connection.connect(arena, m_stateOffset) != runtime::ManagerStatus::Ok)
        return tr("could not connect to the manager process (pid %1)").arg(m_pid);
    return {};
}

std::uint32_t ManagerHost::create(runtime::ManagerOp op, std::int64_t initial, const char *name,
                                  std::uint32_t &objectId)
{
    const std::uint32_t handle = m_connection.create(m_context.writer(), op, initial, &objectId);
    if (handle != 0)
        m_context.writer().nameObject(objectId, name);
    return handle;
}

bool ManagerHost::managerEnded(std::int64_t *exitValue) const
{
    for (const WorkerInfo &w : m_context.workers())
        if (w.pid == m_pid && !w.isThread) {
            if (exitValue)
                *exitValue = w.exitValue;
            return w.ended;
        }
    return true;
}

void ManagerHost::markGone()
{
    if (m_stateOffset != 0)
        m_context.arena().object<ManagerState>(m_stateOffset)->gone.store(1, std::memory_order_release);
}

bool ManagerHost::diedEarly()
{
    return !m_askedToEnd && m_pid != 0 && managerEnded();
}

void ManagerHost::waitForWorkers()
{
    record::Writer &w = m_context.writer();
    w.spanBegin(trace::SpanState::Sleep);
    for (;;) {
        bool others = false;
        for (const WorkerInfo &info : m_context.workers())
            others |= !info.ended && info.pid != m_pid;
        // A waiting client must not outlive a manager that can no longer answer.
        if (m_pid != 0 && managerEnded())
            markGone();
        if (!others || !m_context.reapFor(20))
            break;
    }
    w.spanEnd(trace::SpanState::Sleep);
}

QString ManagerHost::finish()
{
    if (m_pid == 0)
        return {};
    // Stop pressed by the user ends the manager too; that is no failure.
    const bool userStopped = m_context.stopRequested();
    bool gone = managerEnded();
    if (!gone) {
        m_askedToEnd = true;
        const runtime::ManagerStatus s = m_connection.shutdown(m_context.writer());
        // Gone: it died, not reaped yet. Anything else: stop it the hard way.
        if (s == runtime::ManagerStatus::Gone)
            gone = true;
        else if (s != runtime::ManagerStatus::Ok)
            m_context.requestStop();
        m_connection.close();
    }
    // It answers shutdown and returns at once; the deadline is for a server
    // that stopped answering (it is then killed with the rest of the run).
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    std::int64_t exitValue = 0;
    while (!managerEnded(&exitValue)) {
        if (std::chrono::steady_clock::now() > deadline)
            m_context.requestStop();
        m_context.reapFor(20);
    }
    markGone();
    m_connection.close();
    if (!gone || userStopped)
        return {};
    const QString how = exitValue < 0 ? tr("killed by signal %1").arg(-exitValue) : tr("exit code %1").arg(exitValue);
    return tr("the manager process (pid %1) ended before the run was over (%2): its proxies got no reply, so the "
              "workers could not finish")
        .arg(m_pid)
        .arg(how);
}

} // namespace cl::scenarios
