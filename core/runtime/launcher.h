#pragma once
// Starting worker processes and learning how they ended. Three real start
// methods: fork (a copy of the calling process), spawn (posix_spawn + exec of
// the worker executable, which finds its task by name) and a fork server (a
// small single-threaded process started before any GUI thread, which forks
// on request). No Qt: the launcher's child side runs in forked children.
#include "core/record/shared_arena.h"
#include "core/runtime/worker_env.h"

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

namespace cl::runtime {

enum class StartMethod { Fork, Spawn, ForkServer };

// "fork", "spawn", "forkserver": the names the CLI and the summary use.
const char *startMethodName(StartMethod method);
std::optional<StartMethod> parseStartMethod(std::string_view name);

struct SpawnRequest {
    std::string task;
    std::string name;
    std::int32_t workerIndex = 0;
    std::uint32_t ringIndex = 0;
    std::uint64_t requestTicks = 0; // when the parent asked, for the "starting" span
    std::array<unsigned char, kMaxTaskArgs> args{};
    std::size_t argsSize = 0;

    template<typename T> void setArgs(const T &value)
    {
        static_assert(sizeof(T) <= kMaxTaskArgs);
        std::memcpy(args.data(), static_cast<const void *>(&value), sizeof(T));
        argsSize = sizeof(T);
    }
};

struct ExitStatus {
    pid_t pid = 0;
    int rawStatus = 0;
    std::uint64_t reapTicks = 0; // raw event-clock ticks when it was reaped
    // Exit code when it exited, -N when signal N ended it (as Python reports it).
    std::int64_t value() const;
};

// Why a launcher can start no more workers: its fork server ended under it.
struct LauncherFailure {
    pid_t serverPid = 0;
    int rawStatus = -1;        // the server's wait status; -1 if it could not be reaped
    std::vector<pid_t> workers; // running at that moment; every one was killed and reaped
};

class ProcessLauncher {
public:
    virtual ~ProcessLauncher() = default;
    virtual StartMethod method() const = 0;
    // Returns the child's pid, or -errno.
    virtual pid_t spawn(record::SharedArena &arena, const SpawnRequest &request) = 0;
    // Waits up to timeoutMs for any child started here to end and reaps it.
    virtual bool waitAny(ExitStatus &out, int timeoutMs) = 0;
    virtual void kill(pid_t pid, int signal) = 0;
    virtual std::size_t running() const = 0;
    // Set once the launcher is unusable; every spawn then fails at once.
    virtual std::optional<LauncherFailure> failure() const { return std::nullopt; }
};

std::unique_ptr<ProcessLauncher> makeForkLauncher();
// Starts every worker as a fresh process running `workerExecutable` (see
// spawn_launcher.h for how it finds the executable).
std::unique_ptr<ProcessLauncher> makeSpawnLauncher(std::string workerExecutable);

// Exit code of a child whose parent died between fork() and arming its
// parent-death signal: it would otherwise live on as an orphan.
inline constexpr int kOrphanedExitCode = 125;

// In a freshly forked child: die with SIGKILL when the parent dies, and
// return false if `expectedParent` (the forker's getpid() before fork) is
// already gone, since then the signal will never come.
bool armParentDeathSignal(pid_t expectedParent);

// The body of every worker child: bind a writer, run the task, _exit.
// `parent` is the forker's pid, taken before fork().
[[noreturn]] void runWorkerChild(record::SharedArena &arena, const SpawnRequest &request, pid_t parent);

} // namespace cl::runtime
