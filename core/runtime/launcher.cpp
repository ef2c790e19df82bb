#include "core/runtime/launcher.h"
#include "core/runtime/direct_launcher.h"
#include "core/record/clock.h"
#include "core/runtime/task_registry.h"

#include <cerrno>
#include <mutex>
#include <csignal>
#include <poll.h>
#include <sys/syscall.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <unordered_map>
#include <vector>

namespace cl::runtime {

std::int64_t ExitStatus::value() const
{
    if (WIFEXITED(rawStatus))
        return WEXITSTATUS(rawStatus);
    if (WIFSIGNALED(rawStatus))
        return -std::int64_t(WTERMSIG(rawStatus));
    return 0;
}

bool armParentDeathSignal(pid_t expectedParent)
{
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    // A parent that died before prctl() sends no signal: we were re-parented
    // already, and getppid() says so.
    return getppid() == expectedParent;
}

void runWorkerChild(record::SharedArena &arena, const SpawnRequest &request, pid_t parent)
{
    // If whoever forked us dies, so do we: nothing is left behind after a crash.
    if (!armParentDeathSignal(parent))
        _exit(kOrphanedExitCode);
    // `ps` and `top` show "buyer-3", not the name inherited from the forker.
    prctl(PR_SET_NAME, request.name.c_str());
    // The forker's handlers (the app's quit-on-SIGTERM, a test harness's
    // crash reporter) are not ours: a signal must do to a worker what it
    // does to a plain process.
    for (int sig = 1; sig < NSIG; ++sig) {
        struct sigaction old {};
        if (sigaction(sig, nullptr, &old) == 0 && old.sa_handler != SIG_DFL && old.sa_handler != SIG_IGN)
            signal(sig, SIG_DFL);
    }
    signal(SIGPIPE, SIG_DFL);
    // A worker meets SIGINT/SIGTERM like any program, whatever its forker
    // does with them (the fork server ignores them, the app catches them).
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    const TaskEntry *task = findTask(request.task);
    record::Writer writer(&arena, request.ringIndex);
    writer.workerStart(request.name, getppid(), request.requestTicks);
    int code = 127;
    if (task) {
        WorkerEnv env{&arena, &writer, request.workerIndex, request.args.data(), request.argsSize};
        code = task->function(env);
    } else {
        writer.print("unknown task");
    }
    // From here until someone reaps us we are a zombie; the reaper's exit
    // event closes this span at the moment of the reap.
    writer.spanBegin(trace::SpanState::Zombie);
    // No writer.close() here: the parent closes the ring once it has reaped
    // us, so a ring is never recycled while anyone still counts it as theirs.
    _exit(code);
}

namespace {
// Raw syscalls: glibc 2.36's <sys/pidfd.h> declares these without C linkage.
int openPidfd(pid_t pid) { return int(::syscall(SYS_pidfd_open, pid, 0)); }
int signalPidfd(int fd, int signal) { return int(::syscall(SYS_pidfd_send_signal, fd, signal, nullptr, 0)); }

// fork(): the child is a copy of the calling process and runs the task
// straight away, with everything the parent had in memory.
class ForkLauncher final : public DirectLauncher {
public:
    StartMethod method() const override { return StartMethod::Fork; }

protected:
    pid_t startChild(record::SharedArena &arena, const SpawnRequest &request) override
    {
        const pid_t parent = getpid();
        const pid_t pid = fork();
        if (pid < 0)
            return -errno;
        if (pid == 0)
            runWorkerChild(arena, request, parent);
        return pid;
    }
};
} // namespace

const char *startMethodName(StartMethod method)
{
    switch (method) {
    case StartMethod::Fork:
        return "fork";
    case StartMethod::Spawn:
        return "spawn";
    case StartMethod::ForkServer:
        return "forkserver";
    }
    return "fork";
}

std::optional<StartMethod> parseStartMethod(std::string_view name)
{
    for (StartMethod m : {StartMethod::Fork, StartMethod::Spawn, StartMethod::ForkServer})
        if (name == startMethodName(m))
            return m;
    return std::nullopt;
}

DirectLauncher::~DirectLauncher()
{
    for (auto &[pid, fd] : m_children) {
        ::kill(pid, SIGKILL);
        waitpid(pid, nullptr, 0);
        ::close(fd);
    }
}

pid_t DirectLauncher::spawn(record::SharedArena &arena, const SpawnRequest &request)
{
    const pid_t pid = startChild(arena, request);
    if (pid <= 0)
        return pid;
    const int fd = openPidfd(pid);
    if (fd < 0) {
        const int error = errno;
        // Without a pidfd we cannot wait selectively; do not leave it running.
        ::kill(pid, SIGKILL);
        waitpid(pid, nullptr, 0);
        return -error;
    }
    std::lock_guard lock(m_mutex);
    m_children.emplace(pid, fd);
    return pid;
}

bool DirectLauncher::waitAny(ExitStatus &out, int timeoutMs)
{
    std::vector<pollfd> fds;
    std::vector<pid_t> pids;
    {
        std::lock_guard lock(m_mutex);
        if (m_children.empty())
            return false;
        fds.reserve(m_children.size());
        for (auto &[pid, fd] : m_children) {
            fds.push_back(pollfd{fd, POLLIN, 0});
            pids.push_back(pid);
        }
    }
    const int n = poll(fds.data(), fds.size(), timeoutMs);
    if (n <= 0)
        return false;
    for (std::size_t i = 0; i < fds.size(); ++i) {
        if (!(fds[i].revents & (POLLIN | POLLHUP)))
            continue;
        int status = 0;
        if (waitpid(pids[i], &status, 0) == pids[i]) {
            std::lock_guard lock(m_mutex);
            ::close(fds[i].fd);
            m_children.erase(pids[i]);
            out = ExitStatus{pids[i], status, record::rawTicks(record::ticksAreTsc())};
            return true;
        }
    }
    return false;
}

void DirectLauncher::kill(pid_t pid, int signal)
{
    std::lock_guard lock(m_mutex);
    auto it = m_children.find(pid);
    if (it != m_children.end())
        signalPidfd(it->second, signal); // never hits a recycled pid
}

std::size_t DirectLauncher::running() const
{
    std::lock_guard lock(m_mutex);
    return m_children.size();
}

std::unique_ptr<ProcessLauncher> makeForkLauncher() { return std::make_unique<ForkLauncher>(); }

} // namespace cl::runtime
