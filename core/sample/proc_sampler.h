#pragma once
// CPU use as the kernel accounts it: per core from /proc/stat and per watched
// process from /proc/<pid>/stat, written as CpuSample events into a ring of
// the run's arena so the samples reach the trace store on the same path (and
// the same clock) as everything the workers record. Runs on its own
// std::thread in the main process; std and POSIX only.
#include "core/record/shared_arena.h"

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace cl::sample {

// One "cpuN" line of /proc/stat, in clock ticks since boot.
struct CoreTimes {
    int core = 0;
    std::uint64_t total = 0;  // user+nice+system+idle+iowait+irq+softirq+steal
    std::uint64_t idle = 0;
    std::uint64_t iowait = 0;

    std::uint64_t busy() const { return total - idle - iowait; }
};

// The fields of /proc/<pid>/stat the product uses.
struct PidStat {
    std::int32_t pid = 0;
    std::string comm;
    char state = '?';
    std::int32_t ppid = 0;
    std::uint64_t utime = 0; // clock ticks
    std::uint64_t stime = 0;
    std::int64_t numThreads = 0;
};

// Per-core lines only (the aggregate "cpu" line is skipped); malformed lines
// are skipped, not fatal. Cores keep the kernel's numbers, which have gaps
// when a CPU is offline.
std::vector<CoreTimes> parseProcStat(std::string_view text);
// nullopt when the text is not a stat line. comm may hold spaces and ')'.
std::optional<PidStat> parsePidStat(std::string_view text);

// Busy permille between two readings of one core; 0 when no tick elapsed.
std::int64_t corePermille(const CoreTimes &before, const CoreTimes &after);
// Permille of one core used over `elapsedNs` of wall time (> 1000 when several
// threads ran at once).
std::int64_t processPermille(std::uint64_t ticksBefore, std::uint64_t ticksAfter, std::uint64_t elapsedNs,
                             long ticksPerSecond);

class ProcSampler {
public:
    explicit ProcSampler(record::SharedArena &arena,
                         std::chrono::milliseconds interval = std::chrono::milliseconds(50));
    ~ProcSampler();
    ProcSampler(const ProcSampler &) = delete;
    ProcSampler &operator=(const ProcSampler &) = delete;

    // Takes a ring of the arena and starts the thread. False when every ring is
    // in use (drain the collector and retry) or the sampler already runs.
    bool start();
    // Takes a last sample, closes the ring (the collector recycles it) and
    // joins. Safe to call twice, or without start().
    void stop();
    bool isRunning() const { return m_thread.joinable(); }

    // Thread-safe. The pid is sampled from the next tick on until its /proc
    // entry disappears (reaped); watching a pid twice is harmless. With
    // kernelStates the sampler also draws what the kernel says about it on
    // its track: a zombie span while its state is Z (it ends when the pid is
    // reaped), and a line when its parent changes (an orphan re-parented).
    void watch(pid_t pid, bool kernelStates = false);

    std::chrono::milliseconds interval() const { return m_interval; }
    // Completed sampling passes, the first (baseline) one included. Acquire:
    // whatever a counted pass wrote is in the ring once this is seen.
    std::uint64_t passes() const { return m_passes.load(std::memory_order_acquire); }

private:
    void run(std::uint32_t ringIndex);

    record::SharedArena &m_arena;
    const std::chrono::milliseconds m_interval;
    std::thread m_thread;
    std::atomic<std::uint64_t> m_passes{0};

    std::mutex m_mutex; // guards everything below
    std::condition_variable m_wake;
    bool m_stopping = false;
    std::vector<std::pair<pid_t, bool>> m_newPids;
};

} // namespace cl::sample
