#pragma once
// Runs a runtime::Pool inside a scenario: workers start through the run's
// context (the fork server for processes, std::thread for threads), so their
// rings, exits and kernel ids are recorded like any other worker's.
#include "core/runtime/pool.h"
#include "core/scenarios/run_context.h"

#include <QCoreApplication>
#include <QString>

namespace cl::scenarios {

class RunContextPoolHost final : public runtime::PoolHost {
public:
    explicit RunContextPoolHost(RunContext &context) : m_context(context) {}

    record::SharedArena &arena() override { return m_context.arena(); }
    record::Writer &writer() override { return m_context.writer(); }
    int startWorker(bool asThread, const char *task, const std::string &name, int index,
                    const runtime::PoolWorkerArgs &args) override;
    void pollExits(int timeoutMs) override { m_context.reapFor(timeoutMs); }
    std::vector<runtime::PoolWorkerState> workerStates(const std::vector<int> &handles) override;
    void killWorker(int handle) override;
    bool stopRequested() override { return m_context.stopRequested(); }

private:
    RunContext &m_context;
};

// The most tasks whose [beganNs, endedNs] overlapped at one instant.
int maxRunningAtOnce(const std::vector<runtime::PoolResult> &results);

class PoolText {
    Q_DECLARE_TR_FUNCTIONS(cl::scenarios::PoolText)
public:
    // One sentence saying what went wrong; empty when nothing did.
    static QString failure(const runtime::PoolFailure &failure, const RunContext &context);
};

} // namespace cl::scenarios
