#include "core/scenarios/serial_vs_parallel_tasks.h"
#include "core/runtime/gil.h"
#include "core/runtime/work_unit.h"
#include "core/scenarios/race_tasks.h"

namespace cl::scenarios {

namespace {
bool runUnderGil(record::Writer &w, record::SharedArena &arena, const ParallelJobArgs &a)
{
    runtime::Gil gil(arena, a.gilOffset);
    // A Python thread needs the GIL before it runs a single bytecode.
    if (gil.take(w, a.gilHolder) == 0)
        return false;
    const bool done = a.io ? gil.sleepReleased(w, a.gilHolder, a.ioMs, a.jobObject)
                           : gil.compute(w, a.gilHolder, a.iterations, a.jobObject);
    if (done)
        gil.drop(w, a.gilHolder); // the thread ends, and with it its hold
    return done;
}
} // namespace

bool runParallelJob(record::Writer &w, record::SharedArena &arena, const ParallelJobArgs &a, JobResult &result)
{
    // Measured around the job itself, the same way in every mode, so that
    // starting a process or a thread does not count as the job's work.
    const auto before = runtime::readThreadCpu();
    bool done;
    if (a.gilOffset != 0)
        done = runUnderGil(w, arena, a);
    else if (a.io)
        done = runtime::ioWork(w, arena, a.ioMs, a.jobObject);
    else
        done = runtime::cpuWork(w, arena, a.iterations, a.jobObject);
    const auto after = runtime::readThreadCpu();
    result.endNs = record::monotonicNs();
    if (before && after) {
        result.cpuNs = after->onCpuNs - before->onCpuNs;
        result.runnableNs = after->runnableNs - before->runnableNs;
        result.cpuKnown = 1;
    }
    result.finished = done ? 1 : 0;
    return done;
}

int parallelJobTask(runtime::WorkerEnv &env)
{
    const auto a = env.argsAs<ParallelJobArgs>();
    JobResult &mine = env.arena->object<JobResult>(a.resultsOffset)[env.workerIndex];
    return runParallelJob(*env.writer, *env.arena, a, mine) ? 0 : kStoppedExitCode;
}

} // namespace cl::scenarios
