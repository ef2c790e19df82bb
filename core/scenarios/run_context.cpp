#include "core/scenarios/run_context.h"
#include "core/runtime/task_registry.h"
#include "core/sample/proc_sampler.h"

#include <QCoreApplication>
#include <algorithm>
#include <chrono>
#include <csignal>
#include <sys/wait.h>
#include <unistd.h>

namespace cl::scenarios {

namespace {
class RunContextText {
    Q_DECLARE_TR_FUNCTIONS(cl::scenarios::RunContext)
};

QString howItEnded(int rawStatus)
{
    if (rawStatus >= 0 && WIFSIGNALED(rawStatus))
        return RunContextText::tr("killed by signal %1").arg(WTERMSIG(rawStatus));
    if (rawStatus >= 0 && WIFEXITED(rawStatus))
        return RunContextText::tr("exit code %1").arg(WEXITSTATUS(rawStatus));
    return RunContextText::tr("its exit status is unknown");
}

QString failureText(const runtime::LauncherFailure &failure, int ownWorkers)
{
    if (ownWorkers > 0)
        return RunContextText::tr("the fork server (pid %1) ended unexpectedly (%2); the run was stopped and its "
                                  "%n running worker process(es) were killed and reaped",
                                  nullptr, ownWorkers)
            .arg(failure.serverPid)
            .arg(howItEnded(failure.rawStatus));
    return RunContextText::tr("the fork server (pid %1) ended unexpectedly (%2); no worker process can be started "
                              "until the application is restarted")
        .arg(failure.serverPid)
        .arg(howItEnded(failure.rawStatus));
}
} // namespace

RunContext::RunContext(record::SharedArena &arena, record::Collector &collector,
                       runtime::ProcessLauncher *launcher, sample::ProcSampler *sampler)
    : m_arena(arena), m_collector(collector), m_launcher(launcher), m_sampler(sampler)
{
}

RunContext::~RunContext()
{
    // A scenario that returned early (an error) must still leave nothing behind.
    bool pending = false;
    {
        std::lock_guard lock(m_mutex);
        for (const auto &w : m_workers)
            pending |= !w.ended;
    }
    if (pending) {
        requestStop();
        waitAll();
    }
}

void RunContext::begin(const std::string &mainName)
{
    const int ring = acquireRing();
    if (ring < 0)
        return;
    m_writer = record::Writer(&m_arena, std::uint32_t(ring));
    m_writer.workerStart(mainName, getppid(), 0);
    // The run's own process does the work in serial modes: its CPU time
    // belongs to the run's (compare measures CPU time from these samples).
    if (m_sampler)
        m_sampler->watch(getpid());
}

int RunContext::acquireRing()
{
    // Rings of finished workers come back once drained; a process-per-task
    // run with more workers than rings waits here for the collector.
    for (int attempt = 0; attempt < 5000; ++attempt) {
        const int ring = m_arena.acquireRing();
        if (ring >= 0)
            return ring;
        reapOnce(1); // a reaped worker's ring becomes free once drained
        m_collector.drainNow();
        if (m_arena.stopRequested())
            return -1;
    }
    return -1;
}

bool RunContext::spawnProcess(runtime::SpawnRequest &request)
{
    if (stopRequested())
        return false;
    if (!m_launcher) {
        std::lock_guard lock(m_mutex);
        m_error = RunContextText::tr("no process launcher is available");
        return false;
    }
    const int ring = acquireRing();
    if (ring < 0) {
        std::lock_guard lock(m_mutex);
        m_error = RunContextText::tr("no free event ring for a new worker");
        return false;
    }
    request.ringIndex = std::uint32_t(ring);
    request.requestTicks = m_writer.now();
    m_usesLauncher = true;
    const pid_t pid = m_launcher->spawn(m_arena, request);
    if (pid <= 0) {
        m_arena.ring(std::uint32_t(ring)).header()->state.store(record::RingState::Closed);
        checkLauncher(); // a dead fork server explains itself better than errno
        std::lock_guard lock(m_mutex);
        if (!m_launcherFailed)
            m_error = RunContextText::tr("could not start a worker process: %1")
                          .arg(QString::fromLocal8Bit(strerror(-pid)));
        return false;
    }
    {
        std::lock_guard lock(m_mutex);
        m_methodUsed = m_launcher->method();
        m_workers.push_back(WorkerInfo{pid, pid, false, false, 0});
        m_rings.push_back(std::uint32_t(ring));
        m_threads.push_back(nullptr);
    }
    if (m_sampler)
        m_sampler->watch(pid);
    if (stopRequested())
        m_launcher->kill(pid, SIGKILL); // Stop raced with this start
    return true;
}

bool RunContext::spawnThread(runtime::SpawnRequest &request)
{
    if (stopRequested())
        return false;
    const runtime::TaskEntry *task = runtime::findTask(request.task);
    const int ring = task ? acquireRing() : -1;
    if (ring < 0) {
        std::lock_guard lock(m_mutex);
        m_error = task ? RunContextText::tr("no free event ring for a new worker")
                       : RunContextText::tr("unknown task %1").arg(QString::fromStdString(request.task));
        return false;
    }
    request.ringIndex = std::uint32_t(ring);
    request.requestTicks = m_writer.now();
    auto slot = std::make_unique<ThreadSlot>();
    ThreadSlot *s = slot.get();
    record::SharedArena *arena = &m_arena;
    slot->thread = std::thread([arena, s, request, task] {
        record::Writer w(arena, request.ringIndex);
        s->tid.store(w.tid());
        w.workerStart(request.name, getpid(), request.requestTicks);
        runtime::WorkerEnv env{arena, &w, request.workerIndex, request.args.data(), request.argsSize};
        s->code = task->function(env);
        // The ring is closed by the run thread after the join (see recordExit).
        s->done.store(true, std::memory_order_release);
    });
    if (m_sampler)
        m_sampler->watch(getpid());
    std::lock_guard lock(m_mutex);
    m_workers.push_back(WorkerInfo{getpid(), 0, true, false, 0});
    m_rings.push_back(std::uint32_t(ring));
    m_threads.push_back(std::move(slot));
    return true;
}

void RunContext::recordExit(std::size_t index, std::int64_t value, std::uint64_t ticks)
{
    WorkerInfo &w = m_workers[index];
    w.ended = true;
    w.exitValue = value;
    m_writer.recordFor(w.pid, w.tid, trace::EventKind::WorkerExit, 0, 0, value, ticks);
    // The only place a worker's ring is closed: the worker has ended, so
    // nothing writes to it any more and the collector may recycle it.
    m_arena.ring(m_rings[index]).header()->state.store(record::RingState::Closed, std::memory_order_release);
}

bool RunContext::reapOnce(int timeoutMs)
{
    bool left = false;
    {
        std::lock_guard lock(m_mutex);
        for (std::size_t i = 0; i < m_workers.size(); ++i) {
            if (m_workers[i].ended)
                continue;
            if (!m_threads[i]) {
                left = true;
                continue;
            }
            ThreadSlot &t = *m_threads[i];
            if (t.done.load(std::memory_order_acquire)) {
                t.thread.join();
                m_workers[i].tid = t.tid.load();
                recordExit(i, t.code);
            } else {
                left = true;
            }
        }
    }
    if (!left)
        return false;
    runtime::ExitStatus status;
    if (m_launcher && m_launcher->running() > 0 && m_launcher->waitAny(status, timeoutMs)) {
        std::lock_guard lock(m_mutex);
        for (std::size_t i = 0; i < m_workers.size(); ++i) {
            if (!m_threads[i] && !m_workers[i].ended && m_workers[i].pid == status.pid) {
                recordExit(i, status.value(), status.reapTicks);
                break;
            }
        }
    } else if (!m_launcher || m_launcher->running() == 0) {
        std::this_thread::sleep_for(std::chrono::milliseconds(timeoutMs > 2 ? 2 : timeoutMs));
    }
    checkLauncher();
    return true;
}

void RunContext::checkLauncher()
{
    // A run of threads does not care whether the fork server lives.
    if (!m_launcher || !m_usesLauncher)
        return;
    if (!m_launcherFailed) {
        const std::optional<runtime::LauncherFailure> failure = m_launcher->failure();
        if (!failure)
            return;
        m_launcherFailed = true;
        {
            std::lock_guard lock(m_mutex);
            int own = 0;
            for (std::size_t i = 0; i < m_workers.size(); ++i)
                own += !m_threads[i] && std::find(failure->workers.begin(), failure->workers.end(),
                                                  m_workers[i].pid) != failure->workers.end();
            m_error = failureText(*failure, own);
        }
        requestStop(); // thread workers return, the scenario starts no one else
    }
    // The launcher reports every worker it had as ended; one it no longer
    // counts but we still wait for would otherwise hang the run.
    if (m_launcher->running() == 0) {
        std::lock_guard lock(m_mutex);
        for (std::size_t i = 0; i < m_workers.size(); ++i)
            if (!m_threads[i] && !m_workers[i].ended)
                recordExit(i, -SIGKILL);
    }
}

void RunContext::waitAll()
{
    // Like join(): the main thread blocks until every worker has ended.
    if (m_writer.isValid())
        m_writer.spanBegin(trace::SpanState::Sleep);
    while (reapOnce(20)) {
    }
    if (m_writer.isValid())
        m_writer.spanEnd(trace::SpanState::Sleep);
}

bool RunContext::sleepMs(std::int64_t ms)
{
    // The main thread reaps while it sleeps (as Python's Process.start()
    // does), so a finished worker's exit shows when it happens, not at join.
    m_writer.spanBegin(trace::SpanState::Sleep);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    bool stopped = false;
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0)
            break;
        if (stopRequested()) {
            stopped = true;
            break;
        }
        const int slice = int(std::min<std::int64_t>(left.count(), 10));
        if (!reapOnce(slice))
            std::this_thread::sleep_for(std::chrono::milliseconds(slice));
    }
    m_writer.spanEnd(trace::SpanState::Sleep);
    return !stopped;
}

void RunContext::requestStop()
{
    m_arena.requestStop();
    std::lock_guard lock(m_mutex);
    for (std::size_t i = 0; i < m_workers.size(); ++i)
        if (!m_threads[i] && !m_workers[i].ended && m_launcher)
            m_launcher->kill(m_workers[i].pid, SIGKILL);
}

runtime::ProcessLauncher *RunContext::swapLauncher(runtime::ProcessLauncher *launcher)
{
    std::lock_guard lock(m_mutex);
    runtime::ProcessLauncher *previous = m_launcher;
    m_launcher = launcher;
    return previous;
}

std::optional<runtime::StartMethod> RunContext::methodUsed() const
{
    std::lock_guard lock(m_mutex);
    return m_methodUsed;
}

void RunContext::watchProcess(pid_t pid, bool kernelStates)
{
    if (m_sampler)
        m_sampler->watch(pid, kernelStates);
}

std::vector<WorkerInfo> RunContext::workers() const
{
    std::lock_guard lock(m_mutex);
    return m_workers;
}

QString RunContext::error() const
{
    std::lock_guard lock(m_mutex);
    return m_error;
}

} // namespace cl::scenarios
