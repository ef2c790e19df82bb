#pragma once
// The fork server: started at the top of main(), before Qt or any thread
// exists, it stays single-threaded and forks workers on request, so the GUI
// process never forks itself. Its children are its own: it reaps them and
// reports each exit back. If the app goes away (socket closed, or the app
// died), it kills and reaps every worker and exits. No Qt.
#include "core/runtime/launcher.h"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <unordered_set>

namespace cl::runtime {

class ForkServerClient final : public ProcessLauncher {
public:
    // Forks the server. Returns nullptr (errno set) if it could not be started.
    static std::unique_ptr<ForkServerClient> start();
    ~ForkServerClient() override; // asks the server to end, and reaps it

    StartMethod method() const override { return StartMethod::ForkServer; }
    pid_t spawn(record::SharedArena &arena, const SpawnRequest &request) override;
    bool waitAny(ExitStatus &out, int timeoutMs) override;
    void kill(pid_t pid, int signal) override;
    std::size_t running() const override;

    pid_t serverPid() const { return m_serverPid; }

private:
    ForkServerClient(int socket, pid_t serverPid) : m_socket(socket), m_serverPid(serverPid) {}
    // Receives one message; exits are queued, a spawn reply is returned via `reply`.
    bool receiveOne(int timeoutMs, pid_t *spawnReply);

    int m_socket;
    pid_t m_serverPid;
    std::mutex m_sendMutex;
    std::mutex m_receiveMutex;
    mutable std::mutex m_stateMutex;
    std::deque<ExitStatus> m_exits;
    std::deque<pid_t> m_spawnReplies;
    std::unordered_set<pid_t> m_running;
};

} // namespace cl::runtime
