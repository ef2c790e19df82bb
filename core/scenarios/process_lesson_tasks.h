#pragma once
// The worker bodies of the process lessons (start methods, lifecycle,
// zombies and orphans). They run in forked or spawned children, so no Qt.
// Arguments are trivially copyable; results go to slots in the arena.
#include "core/runtime/worker_env.h"

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <mutex>

namespace cl::scenarios {

// --- start-methods ----------------------------------------------------------

enum class StartDemo : std::int32_t { Latency, Isolation, InheritedLock, DoubleFlush };

// One per child, written by the child.
struct StartResult {
    std::atomic<std::int64_t> startNs;  // from the parent's request to the task's first instruction
    std::atomic<std::int64_t> valueSeen; // isolation: the global as the child found it
    std::atomic<std::int32_t> acquired;  // inherited-lock: 1 when its acquire succeeded
    std::atomic<std::int32_t> done;
};

struct StartArgs {
    std::uint64_t resultsOffset; // StartResult[children]
    std::uint64_t requestNs;     // monotonic clock when the parent asked for this child
    StartDemo demo;
    std::int32_t lockTimeoutMs;
    std::int32_t lockObjectId; // for the wait span
    char filePath[192];        // double-flush
};

// The parent's globals: plain process memory, never shared. A forked child
// gets a copy; a spawned one (and a fork server's, forked at start-up) has
// them as the program starts.
inline constexpr std::int64_t kGlobalAtStart = 0;
inline constexpr std::int64_t kChildAddition = 123;
std::int64_t &isolationGlobal();
std::timed_mutex &inheritedLock();
// The parent's buffered file (double-flush); null in a fresh program.
std::FILE *&bufferedFile();

int startMethodsChildTask(runtime::WorkerEnv &env);

// --- lifecycle --------------------------------------------------------------

struct LifecycleResult {
    std::atomic<std::int32_t> threadsSeen; // in /proc/self/task while its threads ran
    std::atomic<std::int32_t> finished;    // reached the end of its work
};

struct LifecycleArgs {
    std::uint64_t resultOffset; // LifecycleResult
    std::int64_t workMs;
    std::int32_t threads;    // extra threads started inside the child
    std::int32_t exitCode;
    std::int32_t signal;     // raised at the end instead of exiting (0: none)
    std::uint32_t threadRings[16];
};

int lifecycleChildTask(runtime::WorkerEnv &env);

// --- zombie-orphan ----------------------------------------------------------

// Written by the parent worker (the child's pid) and by the child.
struct FamilyBoard {
    std::atomic<std::int32_t> childPid;
    std::atomic<std::int32_t> childExited;  // zombie case: the child has called _exit
    std::atomic<std::int32_t> parentExiting; // orphan case: the parent is about to exit
    std::atomic<std::int32_t> childReaped;  // zombie case: the parent reaped it
    std::atomic<std::int32_t> ppidBefore;   // the child's getppid() at its start
};

struct FamilyArgs {
    std::uint64_t boardOffset;
    std::uint32_t childRing;
    std::int32_t orphan;          // 0: zombie case
    std::int64_t childLifeMs;     // how long the child works
    std::int64_t reapAfterMs;     // zombie: the parent reaps this long after the child ended
    std::int64_t parentExitAfterMs; // orphan: the parent exits this long after starting the child
};

int familyParentTask(runtime::WorkerEnv &env);

} // namespace cl::scenarios
