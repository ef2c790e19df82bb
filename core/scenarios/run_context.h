#pragma once
// What a scenario's run() uses: the arena, its own writer, and real workers
// (processes through the chosen launcher, or threads), each with a ring of
// its own. Every worker started here is waited for and its exit recorded.
#include "core/record/collector.h"
#include "core/record/shared_arena.h"
#include "core/record/writer.h"
#include "core/runtime/launcher.h"

#include <QString>
#include <atomic>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace cl::sample {
class ProcSampler;
}

namespace cl::scenarios {

struct WorkerInfo {
    std::int32_t pid = 0;
    std::int32_t tid = 0;
    bool isThread = false;
    bool ended = false;
    std::int64_t exitValue = 0;
};

class RunContext {
public:
    RunContext(record::SharedArena &arena, record::Collector &collector, runtime::ProcessLauncher *launcher,
               sample::ProcSampler *sampler);
    ~RunContext();

    record::SharedArena &arena() { return m_arena; }
    // The run thread's own writer ("main" track). Valid after begin().
    record::Writer &writer() { return m_writer; }
    void begin(const std::string &mainName);

    // Starts a worker running `task`; returns false (and sets error()) on failure.
    template<typename Args>
    bool spawn(bool asThread, const char *task, const std::string &name, int index, const Args &args)
    {
        runtime::SpawnRequest r;
        r.task = task;
        r.name = name;
        r.workerIndex = index;
        r.setArgs(args);
        return asThread ? spawnThread(r) : spawnProcess(r);
    }
    // Waits for every worker, recording each exit. Returns when all ended.
    void waitAll();
    bool sleepMs(std::int64_t ms); // instrumented, on the main track; false if stopped
    // Records the exits of workers that have ended, waiting up to timeoutMs
    // for one. Records no span: for a caller that shows its own wait (say,
    // for some of the workers). Returns false once every worker has ended.
    bool reapFor(int timeoutMs) { return reapOnce(timeoutMs); }

    // Any thread: kill processes, tell threads to return.
    void requestStop();
    bool stopRequested() const { return m_arena.stopRequested(); }

    std::vector<WorkerInfo> workers() const;
    QString error() const;
    runtime::ProcessLauncher *launcher() const { return m_launcher; }
    // Starts the next processes with `launcher` (not owned) instead; returns
    // the one used so far. Only while no process started here is running.
    runtime::ProcessLauncher *swapLauncher(runtime::ProcessLauncher *launcher);
    // How the last process started here was started, if any was.
    std::optional<runtime::StartMethod> methodUsed() const;
    // The /proc sampler also follows `pid` (a worker's own child): its CPU,
    // and, with kernelStates, its state (a zombie span) and parent changes.
    void watchProcess(pid_t pid, bool kernelStates);

private:
    bool spawnProcess(runtime::SpawnRequest &request);
    bool spawnThread(runtime::SpawnRequest &request);
    int acquireRing();
    // Joins finished threads and reaps at most one process (waiting up to
    // timeoutMs). Returns false once every worker has ended.
    bool reapOnce(int timeoutMs);
    void recordExit(std::size_t index, std::int64_t value, std::uint64_t ticks = 0);
    // Notices a launcher that can start no more workers (its fork server
    // died): reports it as the run's error and stops the run. Run thread only.
    void checkLauncher();

    struct ThreadSlot {
        std::thread thread;
        std::atomic<std::int32_t> tid{0};
        std::atomic<bool> done{false};
        std::int64_t code = 0;
    };

    record::SharedArena &m_arena;
    record::Collector &m_collector;
    runtime::ProcessLauncher *m_launcher;
    sample::ProcSampler *m_sampler;
    record::Writer m_writer;
    mutable std::mutex m_mutex;
    std::vector<WorkerInfo> m_workers;
    std::vector<std::uint32_t> m_rings;           // per worker
    std::vector<std::unique_ptr<ThreadSlot>> m_threads; // per worker (null for processes)
    QString m_error;
    bool m_usesLauncher = false;   // run thread only: a process was asked for
    bool m_launcherFailed = false; // run thread only
    std::optional<runtime::StartMethod> m_methodUsed; // guarded by m_mutex
};

} // namespace cl::scenarios
