#include "core/scenarios/serial_vs_parallel.h"
#include "core/runtime/gil.h"
#include "core/runtime/work_unit.h"
#include "core/scenarios/run_context.h"
#include "core/scenarios/serial_vs_parallel_tasks.h"

#include <algorithm>
#include <new>
#include <optional>
#include <unistd.h>
#include <vector>

namespace cl::scenarios {

namespace {
constexpr const char *kJobTask = "serial-vs-parallel.job";

QString oneDecimal(double v) { return QString::number(v, 'f', 1); }

std::string workerName(bool processes, int index)
{
    // Python's own default names, so the timeline reads like the snippet.
    return (processes ? "Process-" : "Thread-") + std::to_string(index + 1);
}
} // namespace

QString SerialVsParallel::title() const { return tr("Serial vs threads vs processes (the GIL)"); }

QString SerialVsParallel::category() const { return tr("Processes and threads"); }

QString SerialVsParallel::description() const
{
    return tr("<p>The same <b>jobs</b> run four ways: <b>serial</b> (the main thread runs them one after "
              "another), <b>threads</b> (one thread per job, without a GIL, as in C or a free-threaded Python), "
              "<b>gil-threads</b> (one thread per job under a model of CPython's GIL) and <b>processes</b> "
              "(one process per job, each with its own interpreter and its own GIL). A CPU-bound job runs a "
              "loop calibrated on this machine, so that <i>work_ms</i> is that much CPU time of one core in "
              "every mode; an I/O-bound job waits <i>work_ms</i>, as a download does.</p>"
              "<p><b>gil-threads is a model of CPython's GIL, running on real threads</b> (CPython itself is not "
              "involved): a thread must hold a per-process lock to compute; a thread that has waited one switch "
              "interval asks the holder to let go, and the holder hands it over; every thread releases it while it "
              "sleeps or waits for I/O.</p>"
              "<p>On the timeline: green <i>running</i> spans show who computes. With gil-threads at most one "
              "thread is green at any moment, the others wait for the GIL (orange), and the <b>GIL</b> lane above "
              "the threads shows who holds it. With processes, the green spans overlap, one per core. I/O-bound "
              "jobs are grey <i>sleep</i> spans, which overlap in every mode but serial. The CPU chart shows how "
              "many cores were busy.</p>"
              "<p>The verdict compares CPU time with wall time: cores busy = CPU time / wall time "
              "(100% = one core fully used). The first CPU-bound run calibrates the loop: a short running span "
              "on the main thread.</p>");
}

QList<ParameterSpec> SerialVsParallel::parameters() const
{
    using T = ParameterSpec::Type;
    return {
        {QStringLiteral("jobs"), T::Integer, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Jobs"), "",
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters",
                           "Equal jobs to run. Threads and processes modes start one worker per job."),
         1, 32, 4, {}, {}},
        {QStringLiteral("work_ms"), T::Integer, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Work per job"),
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "ms"),
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters",
                           "What one job takes alone: CPU time of one core for CPU-bound work (a loop calibrated "
                           "on this machine), waiting time for I/O-bound work."),
         1, 5000, 200, {}, {}},
        {QStringLiteral("workload"), T::Choice, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Workload"), "",
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters",
                           "cpu: the job computes. io: the job waits (a sleep), as a download or a disk read does."),
         0, 0, 0, {QStringLiteral("cpu"), QStringLiteral("io")}, QStringLiteral("cpu")},
        {QStringLiteral("mode"), T::Choice, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Run as"), "",
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters",
                           "serial: the main thread, one job after another. threads: a thread per job, no GIL. "
                           "gil-threads: a thread per job under the GIL model, as in CPython. processes: a process "
                           "per job."),
         0, 0, 0,
         {QStringLiteral("serial"), QStringLiteral("threads"), QStringLiteral("gil-threads"),
          QStringLiteral("processes")},
         QStringLiteral("gil-threads")},
        {QStringLiteral("switch_ms"), T::Integer, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "GIL switch interval"),
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "ms"),
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters",
                           "How long a thread waits for the GIL before it asks the holder to let go "
                           "(sys.setswitchinterval; CPython's default is 5 ms). Used by gil-threads only."),
         1, 100, 5, {}, {}},
    };
}

QList<Preset> SerialVsParallel::presets() const
{
    return {
        // Seed 003 measures CPU use on a dual-core machine: one thread 50%,
        // several threads 50%, several processes 100%.
        {QT_TRANSLATE_NOOP("cl::scenarios::Presets", "As in the notes"),
         {{QStringLiteral("jobs"), QStringLiteral("2")},
          {QStringLiteral("work_ms"), QStringLiteral("1000")},
          {QStringLiteral("workload"), QStringLiteral("cpu")},
          {QStringLiteral("mode"), QStringLiteral("gil-threads")},
          {QStringLiteral("switch_ms"), QStringLiteral("5")}}},
        {QT_TRANSLATE_NOOP("cl::scenarios::Presets", "Quick"),
         {{QStringLiteral("jobs"), QStringLiteral("2")}, {QStringLiteral("work_ms"), QStringLiteral("100")}}},
    };
}

record::SharedArena::Layout SerialVsParallel::layout(const ParameterValues &values) const
{
    record::SharedArena::Layout l;
    // One ring per worker and one for the GIL lane. The collector drains
    // every few ms, and even a 1 ms switch interval writes only a few
    // thousand events a second per ring.
    l.ringCount = std::uint32_t(values.integer(QStringLiteral("jobs"))) + 1;
    l.ringCapacity = 8192;
    l.objectsBytes = 64 * 1024;
    return l;
}

Outcome SerialVsParallel::run(RunContext &context, const ParameterValues &values) const
{
    Outcome out;
    const int jobs = int(values.integer(QStringLiteral("jobs")));
    const qint64 workMs = values.integer(QStringLiteral("work_ms"));
    const bool io = values.choice(QStringLiteral("workload")) == QLatin1String("io");
    const QString mode = values.choice(QStringLiteral("mode"));
    const bool serial = mode == QLatin1String("serial");
    const bool gilThreads = mode == QLatin1String("gil-threads");
    const bool processes = mode == QLatin1String("processes");
    auto &arena = context.arena();
    record::Writer &w = context.writer();

    const std::uint64_t resultsOffset = arena.allocateObject(sizeof(JobResult) * std::size_t(jobs), alignof(JobResult));
    if (resultsOffset == 0) {
        out.error = tr("could not set up the jobs' results");
        return out;
    }
    JobResult *results = arena.object<JobResult>(resultsOffset);
    for (int i = 0; i < jobs; ++i)
        new (&results[i]) JobResult{};

    std::optional<runtime::Gil> gil;
    std::uint64_t gilOffset = 0;
    if (gilThreads) {
        const int laneRing = arena.acquireRing();
        if (laneRing >= 0)
            gilOffset = runtime::Gil::create(arena, values.integer(QStringLiteral("switch_ms")) * 1'000'000,
                                             std::uint32_t(laneRing));
        if (gilOffset == 0) {
            if (laneRing >= 0)
                arena.ring(std::uint32_t(laneRing)).header()->state.store(record::RingState::Closed);
            out.error = tr("could not set up the GIL model");
            return out;
        }
        gil.emplace(arena, gilOffset);
    }

    if (!io && !runtime::isCpuCalibrated()) {
        // The first CPU-bound run of this process measures the loop; show
        // that time for what it is rather than as an unexplained gap.
        const std::uint32_t calibrating = arena.newObjectId();
        w.nameObject(calibrating, "calibrating the CPU loop");
        w.spanBegin(trace::SpanState::Running, calibrating);
        runtime::cpuCalibration();
        w.spanEnd(trace::SpanState::Running, calibrating);
    }

    ParallelJobArgs base{};
    base.resultsOffset = resultsOffset;
    base.gilOffset = gilOffset;
    // Calibrated here, once per process: every worker gets the same count.
    base.iterations = io ? 0 : runtime::cpuIterationsForMs(workMs);
    base.ioMs = io ? workMs : 0;
    base.io = io ? 1 : 0;
    std::vector<ParallelJobArgs> args(std::size_t(jobs), base);
    for (int i = 0; i < jobs; ++i) {
        auto &a = args[std::size_t(i)];
        a.jobObject = arena.newObjectId();
        w.nameObject(a.jobObject, "job " + std::to_string(i + 1));
        if (gil)
            a.gilHolder = gil->addHolder(workerName(false, i));
    }

    const std::uint64_t t0 = record::monotonicNs();
    if (serial) {
        for (int i = 0; i < jobs; ++i)
            if (!runParallelJob(w, arena, args[std::size_t(i)], results[i]))
                break;
    } else {
        for (int i = 0; i < jobs; ++i)
            if (!context.spawn(!processes, kJobTask, workerName(processes, i), i, args[std::size_t(i)]))
                break;
        context.waitAll();
    }
    const std::uint64_t returned = record::monotonicNs();
    qint64 handOvers = 0;
    qint64 gilWaitNs = 0;
    if (gil) {
        handOvers = qint64(gil->handOvers());
        gilWaitNs = qint64(gil->waitNs());
        gil->close();
    }
    if (!context.error().isEmpty())
        out.error = context.error();

    qint64 done = 0, cpuNs = 0, runnableNs = 0;
    std::uint64_t lastEnd = t0;
    for (int i = 0; i < jobs; ++i) {
        const JobResult &r = results[i];
        done += r.finished;
        cpuNs += r.cpuKnown ? r.cpuNs : 0;
        runnableNs += r.cpuKnown ? r.runnableNs : 0;
        lastEnd = std::max(lastEnd, r.endNs);
    }
    // Until the last job ended; a job that never reported (killed) ends the
    // measurement when the run noticed.
    const std::uint64_t end = done == jobs ? lastEnd : returned;
    const qint64 wallMs = std::max<qint64>(1, qint64((end - t0 + 500'000) / 1'000'000));
    const qint64 cpuMs = (cpuNs + 500'000) / 1'000'000;
    out.metrics = {
        {QStringLiteral("wall_ms"), wallMs, tr("wall time (ms)")},
        {QStringLiteral("cpu_ms"), cpuMs, tr("CPU time (ms)")},
        {QStringLiteral("cores_busy_pct"), (cpuNs / 10'000 + wallMs / 2) / wallMs, tr("cores busy (%, 100 = one core)")},
        {QStringLiteral("serial_estimate_ms"), qint64(jobs) * workMs, tr("one after another (ms, jobs × work)")},
        {QStringLiteral("speedup_pct"), qint64(jobs) * workMs * 100 / wallMs, tr("speed-up (%, 100 = as serial)")},
        {QStringLiteral("jobs_done"), done, tr("jobs done")},
        {QStringLiteral("waiting_for_core_ms"), (runnableNs + 500'000) / 1'000'000,
         tr("ready but waiting for a core (ms)")},
    };
    if (!io)
        out.metrics.append({QStringLiteral("iterations_per_ms"), qint64(runtime::cpuCalibration().iterationsPerMs),
                            tr("loop iterations per ms of CPU")});
    if (gil) {
        out.metrics.append({QStringLiteral("gil_handovers"), handOvers, tr("GIL hand-overs")});
        out.metrics.append({QStringLiteral("gil_wait_ms"), (gilWaitNs + 500'000) / 1'000'000,
                            tr("time waiting for the GIL (ms)")});
    }
    out.problem = done < jobs;
    out.verdict = verdict(values, out);
    return out;
}

QString SerialVsParallel::verdict(const ParameterValues &values, const Outcome &out) const
{
    const qint64 jobs = values.integer(QStringLiteral("jobs"));
    const bool io = values.choice(QStringLiteral("workload")) == QLatin1String("io");
    const QString mode = values.choice(QStringLiteral("mode"));
    const qint64 wall = out.metric(QStringLiteral("wall_ms"));
    const qint64 estimate = out.metric(QStringLiteral("serial_estimate_ms"));
    const qint64 done = out.metric(QStringLiteral("jobs_done"));
    const qint64 cpu = out.metric(QStringLiteral("cpu_ms"));
    const qint64 waitingForCore = out.metric(QStringLiteral("waiting_for_core_ms"));
    const QString cores = oneDecimal(double(out.metric(QStringLiteral("cores_busy_pct"))) / 100.0);
    const QString speedup = oneDecimal(double(estimate) / double(std::max<qint64>(1, wall)));
    const long online = sysconf(_SC_NPROCESSORS_ONLN);

    if (done < jobs)
        return tr("Only %1 of %2 jobs finished: a worker ended early, so the times cover part of the work.")
            .arg(done)
            .arg(jobs);
    QString text;
    if (mode == QLatin1String("serial")) {
        text = io ? tr("serial: the %1 waits ran one after another and took %2 ms; the CPU was idle meanwhile "
                       "(%3 cores busy).")
                        .arg(jobs).arg(wall).arg(cores)
                  : tr("serial: one thread ran the %1 jobs one after another in %2 ms and kept %3 cores busy. "
                       "This is the baseline for the other modes.")
                        .arg(jobs).arg(wall).arg(cores);
    } else if (io) {
        text = tr("%1: the %2 waits overlapped and took %3 ms instead of %4 ms one after another (%5× faster), "
                  "while the CPU stayed almost idle (%6 cores busy).")
                   .arg(choiceLabel(mode)).arg(jobs).arg(wall).arg(estimate).arg(speedup, cores);
        if (mode == QLatin1String("gil-threads"))
            text += QLatin1Char(' ') + tr("Each thread released the GIL while it waited, as CPython does around "
                                          "blocking I/O.");
    } else if (mode == QLatin1String("gil-threads")) {
        text = tr("gil-threads kept %1 cores busy: the GIL let one thread compute at a time, so the %2 threads "
                  "took %3 ms, no faster than one after another (%4 ms). The GIL changed hands %5 times.")
                   .arg(cores).arg(jobs).arg(wall).arg(estimate).arg(out.metric(QStringLiteral("gil_handovers")));
    } else {
        text = tr("%1 used %2 cores (this machine has %3): the jobs computed side by side and took %4 ms; one "
                  "after another they take %5 ms.")
                   .arg(choiceLabel(mode), cores).arg(online).arg(wall).arg(estimate);
        if (wall * 10 < estimate * 9)
            text += QLatin1Char(' ') + tr("That is %1× faster.").arg(speedup);
        if (mode == QLatin1String("processes"))
            text += QLatin1Char(' ') + tr("Each process has its own interpreter and its own GIL.");
    }
    // On a shared machine other programs take cores too; say so rather than
    // let it pass for the mode's fault.
    if (cpu > 0 && waitingForCore * 5 > cpu)
        text += QLatin1Char(' ') + tr("The machine was busy: the workers were ready but waited %1 ms in total "
                                      "for a free core.")
                                       .arg(waitingForCore);
    return text;
}

int SerialVsParallel::plannedProcesses(const ParameterValues &values) const
{
    // Processes mode starts one process per job; the other modes use threads.
    return values.choice(QStringLiteral("mode")) == QLatin1String("processes") ? int(values.integer(QStringLiteral("jobs")))
                                                                                : 0;
}

} // namespace cl::scenarios
