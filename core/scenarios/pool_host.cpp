#include "core/scenarios/pool_host.h"

#include <algorithm>
#include <csignal>
#include <cstring>

namespace cl::scenarios {

int RunContextPoolHost::startWorker(bool asThread, const char *task, const std::string &name, int index,
                                    const runtime::PoolWorkerArgs &args)
{
    // Only the run thread starts workers, so the new one is the next entry.
    const std::size_t handle = m_context.workers().size();
    if (!m_context.spawn(asThread, task, name, index, args))
        return -1;
    return int(handle);
}

std::vector<runtime::PoolWorkerState> RunContextPoolHost::workerStates(const std::vector<int> &handles)
{
    const std::vector<WorkerInfo> all = m_context.workers();
    std::vector<runtime::PoolWorkerState> out;
    out.reserve(handles.size());
    for (int h : handles) {
        runtime::PoolWorkerState s;
        if (h >= 0 && std::size_t(h) < all.size()) {
            s.ended = all[std::size_t(h)].ended;
            s.exitValue = all[std::size_t(h)].exitValue;
            s.pid = all[std::size_t(h)].pid;
        }
        out.push_back(s);
    }
    return out;
}

void RunContextPoolHost::killWorker(int handle)
{
    const std::vector<WorkerInfo> all = m_context.workers();
    if (handle < 0 || std::size_t(handle) >= all.size())
        return;
    const WorkerInfo &w = all[std::size_t(handle)];
    // The launcher only signals children it has not reaped: never a recycled pid.
    if (!w.isThread && !w.ended && m_context.launcher())
        m_context.launcher()->kill(w.pid, SIGKILL);
}

int maxRunningAtOnce(const std::vector<runtime::PoolResult> &results)
{
    // +1 at each start, -1 at each end; an end sorts before a start at the
    // same instant, so back-to-back tasks do not count as overlapping.
    std::vector<std::pair<std::uint64_t, int>> edges;
    edges.reserve(results.size() * 2);
    for (const auto &r : results) {
        edges.emplace_back(r.beganNs, +1);
        edges.emplace_back(r.endedNs, -1);
    }
    std::sort(edges.begin(), edges.end());
    int running = 0;
    int most = 0;
    for (const auto &e : edges) {
        running += e.second;
        most = std::max(most, running);
    }
    return most;
}

QString PoolText::failure(const runtime::PoolFailure &f, const RunContext &context)
{
    using K = runtime::PoolFailure::Kind;
    switch (f.kind) {
    case K::None:
        return {};
    case K::StartFailed:
        if (!context.error().isEmpty())
            return tr("the pool could not start its workers: %1").arg(context.error());
        return tr("the pool could not start its workers (no room in shared memory)");
    case K::UnknownFunction:
        return tr("the pool has no function named \"%1\"").arg(QString::fromStdString(f.detail));
    case K::Full:
        return tr("the pool's task board is full");
    case K::NotRunning:
        return tr("a task was submitted to a pool that is not running");
    case K::WorkerDied: {
        const QString how = f.exitValue < 0
                                ? tr("was killed by signal %1 (%2)")
                                      .arg(-f.exitValue)
                                      .arg(QString::fromLocal8Bit(strsignal(int(-f.exitValue))))
                                : tr("exited with code %1").arg(f.exitValue);
        return tr("pool worker %1 (PID %2) %3 while the pool was running; %4 task(s) were left "
                  "unfinished and the pool was shut down (Python raises BrokenProcessPool here)")
            .arg(f.workerNumber)
            .arg(f.pid)
            .arg(how)
            .arg(f.unfinished);
    }
    }
    return {};
}

} // namespace cl::scenarios
