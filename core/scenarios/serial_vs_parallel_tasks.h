#pragma once
// The job of the serial-vs-parallel lesson: one unit of CPU-bound or
// I/O-bound work, run by a worker process, a thread (with or without the
// GIL model), or one after another by the main thread. No Qt: runs inside
// forked children and worker threads.
#include "core/record/shared_arena.h"
#include "core/record/writer.h"
#include "core/runtime/worker_env.h"

#include <cstdint>

namespace cl::scenarios {

struct JobResult {
    std::int64_t cpuNs;      // CPU time the job's thread used, from /proc
    std::int64_t runnableNs; // time it was ready to run but had no core
    std::uint64_t endNs;     // CLOCK_MONOTONIC when the job ended
    std::int32_t finished;   // 1: ran to the end
    std::int32_t cpuKnown;   // 1: /proc could be read
};

struct ParallelJobArgs {
    std::uint64_t resultsOffset; // JobResult[jobs], indexed by worker index
    std::uint64_t gilOffset;     // 0: no GIL (threads without one, processes, serial)
    std::uint64_t iterations;    // CPU-bound: iterations of the calibrated loop
    std::int64_t ioMs;           // I/O-bound: how long the job waits
    std::int32_t io;             // 1: I/O-bound, 0: CPU-bound
    std::uint32_t jobObject;     // names the job's spans ("job 3")
    std::uint32_t gilHolder;     // the thread's id on the GIL lane
};

// Runs one job on the calling thread and fills `result`. Returns false when
// the run was stopped first.
bool runParallelJob(record::Writer &w, record::SharedArena &arena, const ParallelJobArgs &args, JobResult &result);

// "serial-vs-parallel.job": one job as a worker (a process or a thread).
int parallelJobTask(runtime::WorkerEnv &env);

} // namespace cl::scenarios
