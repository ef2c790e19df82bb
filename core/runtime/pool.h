#pragma once
// A pool of k workers, processes or threads, with Python's calls: map,
// apply (synchronous), apply_async with a done callback, close and join.
// Workers are started once and reused; each task is a "Running" span labelled
// "task N" on the worker that ran it, and each result → callback a flow.
// Callbacks run where Python runs them: for a process pool on the result
// handler thread of the main process, for a thread pool on the worker thread
// that ran the task. Used from the run thread; no Qt (the host adapts the
// run's context, see core/scenarios/pool_host.h).
#include "core/record/shared_arena.h"
#include "core/record/writer.h"
#include "core/runtime/pool_board.h"
#include "core/runtime/pool_worker.h"

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace cl::runtime {

struct PoolWorkerState {
    bool ended = false;
    std::int64_t exitValue = 0; // exit code, or -signal
    std::int32_t pid = 0;
};

// What a pool needs from whoever runs it: workers with rings and recorded
// exits, and a way to learn of those exits.
class PoolHost {
public:
    virtual ~PoolHost() = default;
    virtual record::SharedArena &arena() = 0;
    virtual record::Writer &writer() = 0; // the submitting thread's
    // Starts `task` (a registered task) with `args`; returns a handle, or -1.
    virtual int startWorker(bool asThread, const char *task, const std::string &name, int index,
                            const PoolWorkerArgs &args) = 0;
    // Reaps whatever has ended, waiting up to timeoutMs.
    virtual void pollExits(int timeoutMs) = 0;
    virtual std::vector<PoolWorkerState> workerStates(const std::vector<int> &handles) = 0;
    virtual void killWorker(int handle) = 0; // processes only
    virtual bool stopRequested() = 0;
};

struct PoolResult {
    std::uint32_t task = 0;
    std::int32_t status = 0;       // the function's return code
    std::int32_t workerNumber = 0; // 1-based
    std::int32_t pid = 0;          // who ran the task
    std::int32_t tid = 0;
    std::uint32_t callbackObject = 0; // "callback N", the span a callback runs in
    std::uint64_t beganNs = 0; // CLOCK_MONOTONIC
    std::uint64_t endedNs = 0;
    std::array<std::int64_t, kPoolResultWords> values{};
};

// Why a pool call failed. The host's side turns it into a translated message.
struct PoolFailure {
    enum class Kind { None, StartFailed, UnknownFunction, Full, WorkerDied, NotRunning };
    Kind kind = Kind::None;
    std::int32_t workerNumber = 0;
    std::int32_t pid = 0;
    std::int64_t exitValue = 0;
    std::int64_t unfinished = 0; // tasks submitted but not delivered
    std::string detail;          // function name for UnknownFunction
};

// Runs on the thread that delivers a result; `w` is that thread's writer.
using PoolCallback = std::function<void(const PoolResult &result, record::Writer &w)>;

class Pool {
public:
    enum class Kind {
        Processes,      // multiprocessing.Pool / ProcessPoolExecutor
        Threads,        // ThreadPoolExecutor
        ProcessPerTask, // no pool: one fresh Process per task, for comparison
    };

    Pool(PoolHost &host, Kind kind, int size, std::uint32_t capacity);
    ~Pool(); // terminates what still runs and waits for every worker
    Pool(const Pool &) = delete;
    Pool &operator=(const Pool &) = delete;

    // Creates the board and starts the workers (and the result handler).
    bool start();

    // Submits one task; returns its index, or -1 (see failure()).
    std::int64_t applyAsync(std::string_view function, const void *args, std::size_t size,
                            PoolCallback callback = {});
    template<typename Args>
    std::int64_t applyAsync(std::string_view function, const Args &args, PoolCallback callback = {})
    {
        static_assert(sizeof(Args) <= kPoolArgsBytes, "a task's arguments must fit in its slot");
        return applyAsync(function, &args, sizeof(Args), std::move(callback));
    }
    // Submits and waits for the result: one task at a time.
    template<typename Args> bool apply(std::string_view function, const Args &args, PoolResult *out = nullptr)
    {
        static_assert(sizeof(Args) <= kPoolArgsBytes, "a task's arguments must fit in its slot");
        const std::int64_t task = applyAsync(function, &args, sizeof(Args));
        if (task < 0 || !wait(task))
            return false;
        if (out)
            *out = result(std::uint32_t(task));
        return true;
    }
    // Submits every task, then waits for all their results.
    template<typename Args>
    bool map(std::string_view function, const std::vector<Args> &args, std::vector<PoolResult> *out = nullptr)
    {
        static_assert(sizeof(Args) <= kPoolArgsBytes, "a task's arguments must fit in its slot");
        std::vector<std::int64_t> tasks;
        for (const Args &a : args) {
            tasks.push_back(applyAsync(function, &a, sizeof(Args)));
            if (tasks.back() < 0)
                return false;
        }
        if (!waitAllHandled())
            return false;
        if (out)
            for (std::int64_t t : tasks)
                out->push_back(result(std::uint32_t(t)));
        return true;
    }

    bool wait(std::int64_t task);  // until its result was delivered
    bool waitAllHandled();         // until every submitted result was delivered
    void close();                  // no more tasks
    bool join();                   // after close(): until every worker ended
    void terminate();              // abort: kill process workers, stop threads

    PoolResult result(std::uint32_t task) const;
    std::uint32_t submitted() const;
    const PoolFailure &failure() const { return m_failure; }
    const PoolBoard &board() const { return m_board; }
    Kind kind() const { return m_kind; }
    int size() const { return m_size; }

private:
    static void deliverHook(void *self, std::uint32_t task, record::Writer &w);
    void deliver(std::uint32_t task, record::Writer &w);
    bool startTaskProcess(std::uint32_t task);
    // Reaps, and turns a pool worker's unexpected end into a failure.
    bool checkWorkers(int timeoutMs);
    // Waits on `word` until done(); the submitting thread shows as blocked.
    bool waitUntil(const std::atomic<std::uint32_t> &word, const std::function<bool()> &done);
    bool fail(PoolFailure failure);
    // Stops what start() had started; returns false.
    bool abandonStart(PoolFailure failure);
    void waitForWorkers();

    PoolHost &m_host;
    Kind m_kind;
    int m_size;
    std::uint32_t m_capacity;
    std::uint64_t m_boardOffset = 0;
    PoolBoard m_board;
    std::vector<PoolCallback> m_callbacks;     // by task; set before the task is published
    std::vector<int> m_handles;                // host handles: workers, then the result handler
    std::vector<std::int32_t> m_workerNumbers; // per handle; 0 for the result handler
    bool m_started = false;
    bool m_joined = false;
    PoolFailure m_failure;
};

} // namespace cl::runtime
