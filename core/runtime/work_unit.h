#pragma once
// Units of work that mean the same in every mode. A CPU-bound unit is a fixed
// number of iterations of one loop, calibrated once per process so that
// `ms` of work is `ms` of one core's CPU time on this machine; an I/O-bound
// unit is an instrumented sleep (the core is free meanwhile). A lesson turns
// work_ms into iterations once, in the main process, and hands the count to
// every worker, so serial, threads and processes all run exactly the same
// loop. No Qt: runs inside forked children and worker threads.
#include "core/record/shared_arena.h"
#include "core/record/writer.h"
#include "core/runtime/worker_env.h"

#include <cstdint>
#include <optional>

namespace cl::runtime {

struct CpuCalibration {
    double nsPerIteration = 0.0;      // CPU time of one iteration of the loop
    std::uint64_t iterationsPerMs = 0; // what one millisecond of work runs
};

// Calibrates on the first call (a few tens of ms of CPU), then returns the
// cached result. Thread-safe.
const CpuCalibration &cpuCalibration();
// True once this process has calibrated (cpuCalibration() then costs nothing).
bool isCpuCalibrated();
// Iterations of the loop that make `ms` of one core's CPU time (>= 1 for ms > 0).
std::uint64_t cpuIterationsForMs(std::int64_t ms);

// The loop itself, uninstrumented: `iterations` dependent steps starting from
// `state`. Returns the final state, which depends on every step.
std::uint64_t spinLoop(std::uint64_t iterations, std::uint64_t state);

// A CPU-bound unit: `iterations` of the loop as one Running span (objectId
// names the job, 0 for none). Checks Stop about once a millisecond; returns
// false when the run was stopped before the work was done.
bool cpuWork(record::Writer &w, const record::SharedArena &arena, std::uint64_t iterations,
             std::uint32_t objectId = 0);
inline bool cpuWork(WorkerEnv &env, std::uint64_t iterations, std::uint32_t objectId = 0)
{
    return cpuWork(*env.writer, *env.arena, iterations, objectId);
}

// An I/O-bound unit: a sleep of `ms` as one Sleep span (objectId names the
// job). Wakes early on Stop and then returns false.
bool ioWork(record::Writer &w, const record::SharedArena &arena, std::int64_t ms, std::uint32_t objectId = 0);
inline bool ioWork(WorkerEnv &env, std::int64_t ms, std::uint32_t objectId = 0)
{
    return ioWork(*env.writer, *env.arena, ms, objectId);
}

// What the kernel accounts for the calling thread, from
// /proc/thread-self/schedstat (nanoseconds; the utime+stime of
// /proc/thread-self/stat, which counts in 10 ms ticks, when schedstat is
// missing). nullopt when neither can be read.
struct ThreadCpu {
    std::int64_t onCpuNs = 0;      // time spent running
    std::int64_t runnableNs = 0;   // time spent runnable, waiting for a core (0 from stat)
};
std::optional<ThreadCpu> readThreadCpu();

} // namespace cl::runtime
