#pragma once
// The fork server: started at the top of main(), before Qt or any thread
// exists, it stays single-threaded and forks workers on request, so the GUI
// process never forks itself. Its children are its own: it reaps them and
// reports each exit back. If the app goes away (socket closed, or the app
// died), it kills and reaps every worker and exits. No Qt.
//
// If the server itself dies (killed, crashed), the client notices the closed
// socket, kills what is left of the server's process group (the server leads
// it, so it holds exactly the server and its workers), reaps the server, then
// the workers: start() made this process a child subreaper, so they are
// re-parented to it. Every worker that was running is then reported as
// ended, and the client refuses further spawns.
#include "core/runtime/launcher.h"

#include <atomic>
#include <deque>
#include <mutex>
#include <unordered_set>

namespace cl::runtime {

class ForkServerClient final : public ProcessLauncher {
public:
    // Forks the server. Returns nullptr (errno set) if it could not be started.
    // Makes the calling process a child subreaper (see above).
    static std::unique_ptr<ForkServerClient> start();
    ~ForkServerClient() override; // asks the server to end, and reaps it

    StartMethod method() const override { return StartMethod::ForkServer; }
    pid_t spawn(record::SharedArena &arena, const SpawnRequest &request) override;
    bool waitAny(ExitStatus &out, int timeoutMs) override;
    void kill(pid_t pid, int signal) override;
    std::size_t running() const override;
    std::optional<LauncherFailure> failure() const override;

    pid_t serverPid() const { return m_serverPid; }

private:
    ForkServerClient(int socket, pid_t serverPid) : m_socket(socket), m_serverPid(serverPid) {}
    // Receives one message; exits are queued, spawn replies too. Notices a
    // dead server. Returns false if nothing was received.
    bool receiveOne(int timeoutMs);
    // The server is gone: reap it and its workers, and account for every
    // worker that was running. Called with m_receiveMutex held.
    void handleServerDeath();

    int m_socket;
    pid_t m_serverPid;
    std::atomic<bool> m_dead{false};
    std::mutex m_spawnMutex; // one spawn at a time: replies are matched by order
    std::mutex m_sendMutex;
    std::mutex m_receiveMutex;
    mutable std::mutex m_stateMutex;
    std::deque<ExitStatus> m_exits;
    std::deque<pid_t> m_spawnReplies;
    std::unordered_set<pid_t> m_running;
    LauncherFailure m_failure; // valid once m_dead
};

} // namespace cl::runtime
