#include "core/runtime/fork_server.h"
#include "core/record/clock.h"
#include "core/runtime/fork_server_protocol.h"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <unordered_map>
#include <unordered_set>

namespace cl::runtime {

using namespace forkserver;

namespace {

// Reaps, without blocking for long, every child of ours in process group
// `group` (a dead server's workers, re-parented to us). Never waitpid(-1):
// this process may have children that are none of our business.
std::unordered_map<pid_t, int> reapGroup(pid_t group)
{
    std::unordered_map<pid_t, int> reaped;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    for (;;) {
        int status = 0;
        const pid_t pid = waitpid(-group, &status, WNOHANG);
        if (pid > 0) {
            reaped[pid] = status;
            continue;
        }
        if (pid < 0 && errno == EINTR)
            continue;
        if (pid < 0 || std::chrono::steady_clock::now() >= deadline)
            break; // ECHILD: none of ours is left in the group
        usleep(1000); // killed, not yet dead
    }
    return reaped;
}

} // namespace

std::unique_ptr<ForkServerClient> ForkServerClient::start()
{
    // If the server dies, its workers come to us rather than to init, so we
    // can reap them and report how they ended (see handleServerDeath).
    prctl(PR_SET_CHILD_SUBREAPER, 1);
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) != 0)
        return nullptr;
    const pid_t parent = getpid();
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
        forkserver::serverMain(sv[1], parent);
    }
    setpgid(pid, pid); // the server does the same; whichever comes first wins
    ::close(sv[1]);
    return std::unique_ptr<ForkServerClient>(new ForkServerClient(sv[0], pid));
}

ForkServerClient::~ForkServerClient()
{
    std::lock_guard lock(m_receiveMutex);
    const bool alive = !m_dead.load();
    if (alive) {
        Message m{};
        m.type = MessageType::Shutdown;
        sendMessage(m_socket, m);
    }
    ::close(m_socket);
    if (alive) {
        // It kills and reaps its workers, then exits.
        while (waitpid(m_serverPid, nullptr, 0) < 0 && errno == EINTR) {
        }
        // Had it died unnoticed, its workers were re-parented to us.
        reapGroup(m_serverPid);
    }
}

pid_t ForkServerClient::spawn(record::SharedArena &arena, const SpawnRequest &request)
{
    std::lock_guard spawnLock(m_spawnMutex);
    if (m_dead.load())
        return -ECHILD;
    Message m{};
    m.type = MessageType::Spawn;
    m.workerIndex = request.workerIndex;
    m.ringIndex = request.ringIndex;
    m.requestTicks = request.requestTicks;
    std::strncpy(m.task, request.task.c_str(), sizeof m.task - 1);
    std::strncpy(m.name, request.name.c_str(), sizeof m.name - 1);
    m.argsSize = std::uint32_t(request.argsSize);
    std::memcpy(m.args, request.args.data(), request.argsSize);
    bool sent;
    {
        std::lock_guard lock(m_sendMutex);
        sent = sendMessage(m_socket, m, arena.fd());
    }
    if (!sent) {
        const int error = errno;
        if (error != EPIPE && error != ECONNRESET)
            return -error;
        // The other end is closed: the server is dead. Account for it now
        // (its last messages are still read first), not at the next wait.
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
        while (!m_dead.load() && std::chrono::steady_clock::now() < deadline)
            receiveOne(100);
        return m_dead.load() ? -ECHILD : -error;
    }
    // Replies come in request order, and m_spawnMutex allows one request at
    // a time; exits that arrive meanwhile are queued.
    for (;;) {
        {
            std::lock_guard lock(m_stateMutex);
            if (!m_spawnReplies.empty()) {
                const pid_t reply = m_spawnReplies.front();
                m_spawnReplies.pop_front();
                return reply;
            }
            if (m_dead.load())
                return -ECHILD; // a dead server cannot answer: fail rather than hang
        }
        receiveOne(1000);
    }
}

bool ForkServerClient::receiveOne(int timeoutMs)
{
    std::lock_guard lock(m_receiveMutex);
    if (m_dead.load())
        return false;
    pollfd p{m_socket, POLLIN, 0};
    if (poll(&p, 1, timeoutMs) <= 0)
        return false; // nothing yet (or EINTR): the caller loops
    // Read on POLLHUP/POLLERR too: a dying server's last messages come
    // first, then end-of-file (0) or the error (-1).
    Message m{};
    if (receiveMessage(m_socket, m, nullptr) <= 0) {
        handleServerDeath();
        return false;
    }
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

void ForkServerClient::handleServerDeath()
{
    // Until we reap the server its pid, and so its group id, cannot be
    // reused: this reaches only the server and its workers. Workers that
    // were between fork() and arming their parent-death signal die here too.
    ::kill(-m_serverPid, SIGKILL);
    int serverStatus = -1;
    pid_t reaped;
    do {
        reaped = waitpid(m_serverPid, &serverStatus, 0);
    } while (reaped < 0 && errno == EINTR);
    if (reaped != m_serverPid)
        serverStatus = -1;
    // Once the server is reaped its orphans have been re-parented to us;
    // the group also holds any worker whose spawn reply never came.
    const std::unordered_map<pid_t, int> workers = reapGroup(m_serverPid);

    std::lock_guard state(m_stateMutex);
    std::unordered_set<pid_t> reported;
    for (const ExitStatus &e : m_exits)
        reported.insert(e.pid);
    const std::uint64_t ticks = record::rawTicks(record::ticksAreTsc());
    m_failure = LauncherFailure{m_serverPid, serverStatus, {}};
    for (pid_t pid : m_running) {
        if (reported.count(pid))
            continue; // it ended, and was reported, before the server died
        const auto it = workers.find(pid);
        // Not found: not re-parented to us (no subreaper), or reaped by the
        // server just before it died. Either way it is gone, killed above
        // or by its parent-death signal; SIGKILL is the wait status of that.
        const int status = it != workers.end() ? it->second : SIGKILL;
        m_exits.push_back(ExitStatus{pid, status, ticks});
        m_failure.workers.push_back(pid);
    }
    m_dead.store(true);
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
            if (m_dead.load())
                return false; // nothing more will ever come
        }
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0)
            return false;
        receiveOne(int(left.count()));
    }
}

void ForkServerClient::kill(pid_t pid, int signal)
{
    if (m_dead.load())
        return; // every worker is gone already
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

std::optional<LauncherFailure> ForkServerClient::failure() const
{
    std::lock_guard lock(m_stateMutex);
    if (!m_dead.load())
        return std::nullopt;
    return m_failure;
}

} // namespace cl::runtime
