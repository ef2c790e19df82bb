#include "core/scenarios/process_lesson_tasks.h"
#include "core/record/clock.h"
#include "core/runtime/launcher.h"
#include "core/scenarios/race_tasks.h"
#include "core/trace/messages.h"

#include <chrono>
#include <csignal>
#include <cstdio>
#include <dirent.h>
#include <string>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace cl::scenarios {

namespace {

void say(record::Writer &w, trace::MessageId id, std::initializer_list<std::string> args)
{
    std::string joined;
    for (const std::string &a : args) {
        if (!joined.empty())
            joined += trace::kMessageArgSeparator;
        joined += a;
    }
    w.printMessage(std::int64_t(id), joined);
}

int countTasks()
{
    int n = 0;
    if (DIR *d = opendir("/proc/self/task")) {
        while (dirent *e = readdir(d))
            n += e->d_name[0] != '.';
        closedir(d);
    }
    return n;
}

} // namespace

std::int64_t &isolationGlobal()
{
    static std::int64_t value = kGlobalAtStart;
    return value;
}

std::timed_mutex &inheritedLock()
{
    static std::timed_mutex lock;
    return lock;
}

std::FILE *&bufferedFile()
{
    static std::FILE *file = nullptr;
    return file;
}

int startMethodsChildTask(runtime::WorkerEnv &env)
{
    // The task's first instruction: the end of the start latency.
    const std::uint64_t now = record::monotonicNs();
    const auto a = env.argsAs<StartArgs>();
    StartResult &r = env.arena->object<StartResult>(a.resultsOffset)[env.workerIndex];
    r.startNs.store(std::int64_t(now - a.requestNs));
    record::Writer &w = *env.writer;
    switch (a.demo) {
    case StartDemo::Latency:
        break;
    case StartDemo::Isolation: {
        std::int64_t &value = isolationGlobal();
        r.valueSeen.store(value);
        say(w, trace::MessageId::ValueSeen, {"value", std::to_string(value)});
        value += kChildAddition; // this process's copy only
        say(w, trace::MessageId::ValueSeen, {"value", std::to_string(value)});
        break;
    }
    case StartDemo::InheritedLock: {
        // Under fork the lock's memory was copied while the parent's thread
        // held it, and no thread of this process will ever release it.
        const auto t0 = std::chrono::steady_clock::now();
        w.spanBegin(trace::SpanState::LockWait, std::uint32_t(a.lockObjectId));
        const bool got = inheritedLock().try_lock_for(std::chrono::milliseconds(a.lockTimeoutMs));
        w.spanEnd(trace::SpanState::LockWait, std::uint32_t(a.lockObjectId));
        const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0);
        if (got) {
            r.acquired.store(1);
            w.spanBegin(trace::SpanState::LockHold, std::uint32_t(a.lockObjectId));
            say(w, trace::MessageId::LockAcquired, {std::to_string(waited.count())});
            inheritedLock().unlock();
            w.spanEnd(trace::SpanState::LockHold, std::uint32_t(a.lockObjectId));
        } else {
            say(w, trace::MessageId::LockAcquireTimedOut, {std::to_string(waited.count())});
        }
        break;
    }
    case StartDemo::DoubleFlush: {
        // A forked child holds a copy of the parent's unflushed buffer, and
        // its flush writes that copy too. A fresh program has no buffer.
        std::FILE *f = bufferedFile();
        const bool own = f == nullptr;
        if (own)
            f = std::fopen(a.filePath, "a");
        if (f) {
            std::fprintf(f, "child-%d: written by PID %d\n", env.workerIndex + 1, int(getpid()));
            std::fflush(f);
            if (own)
                std::fclose(f);
        }
        break;
    }
    }
    r.done.store(1);
    return 0;
}

int lifecycleChildTask(runtime::WorkerEnv &env)
{
    const auto a = env.argsAs<LifecycleArgs>();
    auto &result = *env.arena->object<LifecycleResult>(a.resultOffset);
    std::vector<std::thread> threads;
    const int extra = std::min<int>(a.threads, int(std::size(a.threadRings)));
    for (int i = 0; i < extra; ++i) {
        threads.emplace_back([&env, &a, i] {
            // A ring of its own; the lesson closes it once the process is
            // reaped (a terminated process never gets to).
            record::Writer w(env.arena, a.threadRings[i]);
            w.workerStart("thread-" + std::to_string(i + 1), getpid(), 0);
            runtime::WorkerEnv mine{env.arena, &w, env.workerIndex, nullptr, 0};
            mine.sleepMs(a.workMs);
        });
    }
    const int seen = countTasks();
    result.threadsSeen.store(seen);
    say(*env.writer, trace::MessageId::ChildThreads, {std::to_string(seen), std::to_string(getpid()),
                                                       std::to_string(getppid())});
    const bool finished = env.sleepMs(a.workMs);
    for (std::thread &t : threads)
        t.join();
    if (!finished)
        return kStoppedExitCode;
    result.finished.store(1);
    if (a.signal != 0) {
        ::raise(a.signal);
        for (;;)
            ::pause();
    }
    return a.exitCode;
}

namespace {

// The child of the family: its own track, its own life. Never returns.
[[noreturn]] void familyChild(runtime::WorkerEnv &env, const FamilyArgs &a, FamilyBoard &board, pid_t parent,
                              std::uint64_t requestTicks)
{
    prctl(PR_SET_NAME, "child");
    record::Writer w(env.arena, a.childRing);
    w.workerStart("child", getppid(), requestTicks);
    board.ppidBefore.store(int(getppid()));
    runtime::WorkerEnv mine{env.arena, &w, 0, nullptr, 0};
    if (!a.orphan) {
        // Dies with its parent, like every worker.
        if (!runtime::armParentDeathSignal(parent))
            _exit(runtime::kOrphanedExitCode);
        mine.sleepMs(a.childLifeMs);
        board.childExited.store(1);
        // From here the kernel keeps us as a zombie until the parent waits.
        _exit(0);
    }
    // An orphan outlives its parent: no parent-death signal now (it would
    // fire at the re-parenting). Once adopted, die with the adopter.
    const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(a.childLifeMs);
    w.spanBegin(trace::SpanState::Sleep);
    bool adopted = false;
    while (std::chrono::steady_clock::now() < end && !env.arena->stopRequested()) {
        if (!adopted && getppid() != parent) {
            adopted = true;
            prctl(PR_SET_PDEATHSIG, SIGKILL);
        }
        usleep(2000);
    }
    w.spanEnd(trace::SpanState::Sleep);
    _exit(env.arena->stopRequested() ? kStoppedExitCode : 0);
}

} // namespace

int familyParentTask(runtime::WorkerEnv &env)
{
    const auto a = env.argsAs<FamilyArgs>();
    auto &board = *env.arena->object<FamilyBoard>(a.boardOffset);
    const pid_t self = getpid();
    const std::uint64_t requestTicks = env.writer->now();
    const pid_t child = fork();
    if (child < 0)
        return 1;
    if (child == 0)
        familyChild(env, a, board, self, requestTicks);
    board.childPid.store(int(child));
    if (a.orphan) {
        // The parent ends while its child still runs.
        env.sleepMs(a.parentExitAfterMs);
        board.parentExiting.store(1);
        return 0;
    }
    // Wait for the child to end without reaping it (WNOWAIT): it stays a zombie.
    siginfo_t info{};
    while (waitid(P_PID, id_t(child), &info, WEXITED | WNOWAIT) != 0 && errno == EINTR) {
    }
    // Busy with something else for a while: the child stays a zombie.
    env.sleepMs(a.reapAfterMs);
    int status = 0;
    while (waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    runtime::ExitStatus exit{child, status, env.writer->now()};
    env.writer->recordFor(child, child, trace::EventKind::WorkerExit, 0, 0, exit.value(), exit.reapTicks);
    board.childReaped.store(1);
    return 0;
}

} // namespace cl::scenarios
