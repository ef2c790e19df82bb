#pragma once
// The main process's side of a Manager for a lesson: starts the server as a
// worker process of the run ("manager", its own PID track), waits until it
// listens, keeps the run's own connection to it, and at the end asks it to
// shut down and reaps it. If the manager ended before that (killed), says so
// in one sentence.
#include "core/runtime/manager.h"
#include "core/scenarios/run_context.h"

#include <QCoreApplication>
#include <QString>

namespace cl::scenarios {

class ManagerHost {
    Q_DECLARE_TR_FUNCTIONS(cl::scenarios::ManagerHost)
public:
    explicit ManagerHost(RunContext &context) : m_context(context) {}

    // Starts the manager; returns an error sentence, or empty.
    QString start();
    std::uint64_t stateOffset() const { return m_stateOffset; }
    std::int32_t pid() const { return m_pid; }
    runtime::ManagerConnection &connection() { return m_connection; }
    record::Writer &writer() { return m_context.writer(); }
    // Creates a proxied object and names it for the timeline; 0 on failure.
    std::uint32_t create(runtime::ManagerOp op, std::int64_t initial, const char *name, std::uint32_t &objectId);

    // Like join() on every worker but the manager (a sleep span on the main track).
    void waitForWorkers();
    // True once the manager has ended (killed, crashed) without being asked to.
    bool diedEarly();
    // Asks the manager to shut down and reaps it. Returns an error sentence
    // if it had ended before (and the run was not stopped), else empty.
    QString finish();

private:
    bool managerEnded(std::int64_t *exitValue = nullptr) const;
    void markGone();

    RunContext &m_context;
    std::uint64_t m_stateOffset = 0;
    std::int32_t m_pid = 0;
    bool m_askedToEnd = false;
    runtime::ManagerConnection m_connection;
};

} // namespace cl::scenarios
