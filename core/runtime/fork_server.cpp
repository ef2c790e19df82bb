#include "core/runtime/fork_server.h"
#include "core/record/clock.h"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <unordered_set>

namespace cl::runtime {

namespace {

enum class MessageType : std::uint32_t { Spawn = 1, Spawned, Exited, Kill, Shutdown };

struct Message {
    MessageType type;
    std::int32_t pid;
    std::int32_t status; // raw wait status (Exited), -errno (Spawned failure), signal (Kill)
    std::int32_t workerIndex;
    std::uint32_t ringIndex;
    std::uint32_t argsSize;
    std::uint64_t requestTicks;
    char task[64];
    char name[64];
    unsigned char args[kMaxTaskArgs];
};

bool sendMessage(int socket, const Message &m, int fdToPass = -1)
{
    iovec iov{const_cast<Message *>(&m), sizeof m};
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))];
    if (fdToPass >= 0) {
        msg.msg_control = control;
        msg.msg_controllen = sizeof control;
        cmsghdr *c = CMSG_FIRSTHDR(&msg);
        c->cmsg_level = SOL_SOCKET;
        c->cmsg_type = SCM_RIGHTS;
        c->cmsg_len = CMSG_LEN(sizeof(int));
        std::memcpy(CMSG_DATA(c), &fdToPass, sizeof(int));
    }
    ssize_t n;
    do {
        n = sendmsg(socket, &msg, MSG_NOSIGNAL);
    } while (n < 0 && errno == EINTR);
    return n == ssize_t(sizeof m);
}

// Returns bytes read (0 on EOF, -1 on error); `fd` receives a passed descriptor.
ssize_t receiveMessage(int socket, Message &m, int *fd)
{
    iovec iov{&m, sizeof m};
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))];
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
    ssize_t n;
    do {
        n = recvmsg(socket, &msg, MSG_CMSG_CLOEXEC);
    } while (n < 0 && errno == EINTR);
    if (fd)
        *fd = -1;
    for (cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
            int received;
            std::memcpy(&received, CMSG_DATA(c), sizeof(int));
            if (fd)
                *fd = received;
            else
                ::close(received);
        }
    }
    return n;
}

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

[[noreturn]] void serverMain(int socket)
{
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    prctl(PR_SET_NAME, "cl-forkserver");
    // Ctrl+C reaches the whole process group: the app decides how a run
    // stops, and the server ends with the app (socket closed, or PDEATHSIG).
    signal(SIGINT, SIG_IGN);
    signal(SIGTERM, SIG_IGN);
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
                    const pid_t pid = fork();
                    if (pid == 0) {
                        ::close(socket);
                        ::close(sigfd);
                        sigprocmask(SIG_UNBLOCK, &mask, nullptr);
                        runWorkerChild(arena, request);
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

} // namespace

std::unique_ptr<ForkServerClient> ForkServerClient::start()
{
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) != 0)
        return nullptr;
    const pid_t pid = fork();
    if (pid < 0) {
        const int error = errno;
        ::close(sv[0]);
        ::close(sv[1]);
        errno = error;
        return nullptr;
    }
    if (pid == 0) {
        ::close(sv[0]);
        serverMain(sv[1]);
    }
    ::close(sv[1]);
    return std::unique_ptr<ForkServerClient>(new ForkServerClient(sv[0], pid));
}

ForkServerClient::~ForkServerClient()
{
    Message m{};
    m.type = MessageType::Shutdown;
    sendMessage(m_socket, m);
    ::close(m_socket);
    waitpid(m_serverPid, nullptr, 0);
}

pid_t ForkServerClient::spawn(record::SharedArena &arena, const SpawnRequest &request)
{
    Message m{};
    m.type = MessageType::Spawn;
    m.workerIndex = request.workerIndex;
    m.ringIndex = request.ringIndex;
    m.requestTicks = request.requestTicks;
    std::strncpy(m.task, request.task.c_str(), sizeof m.task - 1);
    std::strncpy(m.name, request.name.c_str(), sizeof m.name - 1);
    m.argsSize = std::uint32_t(request.argsSize);
    std::memcpy(m.args, request.args.data(), request.argsSize);
    {
        std::lock_guard lock(m_sendMutex);
        if (!sendMessage(m_socket, m, arena.fd()))
            return -EPIPE;
    }
    // Replies come in request order; exits that arrive meanwhile are queued.
    for (;;) {
        {
            std::lock_guard lock(m_stateMutex);
            if (!m_spawnReplies.empty()) {
                const pid_t reply = m_spawnReplies.front();
                m_spawnReplies.pop_front();
                return reply;
            }
        }
        if (!receiveOne(1000, nullptr)) {
            // A dead server cannot answer: fail rather than hang.
            if (::kill(m_serverPid, 0) != 0 || waitpid(m_serverPid, nullptr, WNOHANG) == m_serverPid)
                return -ECHILD;
        }
    }
}

bool ForkServerClient::receiveOne(int timeoutMs, pid_t *)
{
    std::lock_guard lock(m_receiveMutex);
    pollfd p{m_socket, POLLIN, 0};
    if (poll(&p, 1, timeoutMs) <= 0)
        return false;
    Message m{};
    if (receiveMessage(m_socket, m, nullptr) <= 0)
        return false;
    std::lock_guard state(m_stateMutex);
    if (m.type == MessageType::Spawned) {
        // Counted as running here, before its exit message can be handed out.
        if (m.pid > 0)
            m_running.insert(m.pid);
        m_spawnReplies.push_back(m.pid > 0 ? m.pid : m.status);
    }
    else if (m.type == MessageType::Exited)
        m_exits.push_back(ExitStatus{m.pid, m.status, m.requestTicks});
    return true;
}

bool ForkServerClient::waitAny(ExitStatus &out, int timeoutMs)
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    for (;;) {
        {
            std::lock_guard lock(m_stateMutex);
            if (!m_exits.empty()) {
                out = m_exits.front();
                m_exits.pop_front();
                m_running.erase(out.pid);
                return true;
            }
        }
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0)
            return false;
        receiveOne(int(left.count()), nullptr);
    }
}

void ForkServerClient::kill(pid_t pid, int signal)
{
    Message m{};
    m.type = MessageType::Kill;
    m.pid = pid;
    m.status = signal;
    std::lock_guard lock(m_sendMutex);
    sendMessage(m_socket, m);
}

std::size_t ForkServerClient::running() const
{
    std::lock_guard lock(m_stateMutex);
    return m_running.size();
}

} // namespace cl::runtime
