// The fork server process itself: single-threaded, forks workers on request,
// reaps them and reports each exit. No Qt.
#include "core/record/clock.h"
#include "core/runtime/fork_server_protocol.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>
#include <unordered_set>

namespace cl::runtime::forkserver {

namespace {

SpawnRequest toRequest(const Message &m)
{
    SpawnRequest r;
    r.task = std::string(m.task, strnlen(m.task, sizeof m.task));
    r.name = std::string(m.name, strnlen(m.name, sizeof m.name));
    r.workerIndex = m.workerIndex;
    r.ringIndex = m.ringIndex;
    r.requestTicks = m.requestTicks;
    r.argsSize = std::min<std::size_t>(m.argsSize, kMaxTaskArgs);
    std::memcpy(r.args.data(), m.args, r.argsSize);
    return r;
}

void killAndReapAll(std::unordered_set<pid_t> &children)
{
    for (pid_t pid : children)
        ::kill(pid, SIGKILL);
    for (pid_t pid : children)
        waitpid(pid, nullptr, 0);
    children.clear();
}

} // namespace

void serverMain(int socket, pid_t parent)
{
    if (!armParentDeathSignal(parent))
        _exit(kOrphanedExitCode);
    // Lead a process group, so the client can kill exactly us and our
    // workers should we die (also set from the parent side: no race).
    setpgid(0, 0);
    prctl(PR_SET_NAME, "cl-forkserver");
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGCHLD);
    sigprocmask(SIG_BLOCK, &mask, nullptr);
    const int sigfd = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);
    std::unordered_set<pid_t> children;

    for (;;) {
        pollfd fds[2] = {{socket, POLLIN, 0}, {sigfd, POLLIN, 0}};
        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        if (fds[1].revents & POLLIN) {
            signalfd_siginfo info;
            while (read(sigfd, &info, sizeof info) > 0) {
            }
            int status;
            pid_t pid;
            while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
                children.erase(pid);
                Message reply{};
                reply.type = MessageType::Exited;
                reply.pid = pid;
                reply.status = status;
                reply.requestTicks = record::rawTicks(record::ticksAreTsc()); // when it was reaped
                sendMessage(socket, reply);
            }
        }
        if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
            Message m{};
            int fd = -1;
            const ssize_t n = receiveMessage(socket, m, &fd);
            if (n <= 0)
                break; // the app went away
            if (m.type == MessageType::Shutdown) {
                if (fd >= 0)
                    ::close(fd);
                break;
            }
            if (m.type == MessageType::Kill) {
                // Only our own, not yet reaped, children: a recycled pid is never hit.
                if (children.count(m.pid))
                    ::kill(m.pid, m.status);
            } else if (m.type == MessageType::Spawn) {
                Message reply{};
                reply.type = MessageType::Spawned;
                record::SharedArena arena = fd >= 0 ? record::SharedArena::attach(fd) : record::SharedArena();
                if (!arena.isValid()) {
                    reply.pid = 0;
                    reply.status = -EINVAL;
                    if (fd >= 0)
                        ::close(fd);
                } else {
                    const SpawnRequest request = toRequest(m);
                    const pid_t self = getpid();
                    const pid_t pid = fork();
                    if (pid == 0) {
                        ::close(socket);
                        ::close(sigfd);
                        sigprocmask(SIG_UNBLOCK, &mask, nullptr);
                        runWorkerChild(arena, request, self);
                    }
                    reply.pid = pid > 0 ? pid : 0;
                    reply.status = pid > 0 ? 0 : -errno;
                    if (pid > 0)
                        children.insert(pid);
                }
                sendMessage(socket, reply);
            } else if (fd >= 0) {
                ::close(fd);
            }
        }
    }
    killAndReapAll(children);
    _exit(0);
}

} // namespace cl::runtime::forkserver
