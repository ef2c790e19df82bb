#pragma once
// The calling process is the parent of every worker it starts (fork and
// spawn, unlike the fork server). Exits are observed with pidfds, so only
// our own children are waited for (never, say, a fork server). No Qt.
#include "core/runtime/launcher.h"

#include <mutex>
#include <unordered_map>

namespace cl::runtime {

class DirectLauncher : public ProcessLauncher {
public:
    ~DirectLauncher() override; // kills and reaps whatever is still running
    pid_t spawn(record::SharedArena &arena, const SpawnRequest &request) final;
    bool waitAny(ExitStatus &out, int timeoutMs) final;
    void kill(pid_t pid, int signal) final;
    std::size_t running() const final;

protected:
    // Starts one child; returns its pid or -errno. The caller adopts it.
    virtual pid_t startChild(record::SharedArena &arena, const SpawnRequest &request) = 0;

private:
    mutable std::mutex m_mutex;
    std::unordered_map<pid_t, int> m_children; // pid -> pidfd
};

} // namespace cl::runtime
