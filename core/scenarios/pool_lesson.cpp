#include "core/scenarios/pool_lesson.h"
#include "core/scenarios/pool_host.h"
#include "core/scenarios/pool_tasks.h"
#include "core/runtime/work_unit.h"

#include <chrono>
#include <set>

namespace cl::scenarios {

namespace {
const QString kApproach = QStringLiteral("approach");
const QString kCall = QStringLiteral("call");
} // namespace

QString PoolLesson::title() const { return tr("Process per task vs a process pool"); }

QString PoolLesson::category() const { return tr("Pools"); }

QString PoolLesson::description() const
{
    return tr("<p>The same tasks run two ways. <b>One process per task</b> starts a fresh process for every "
              "task: the timeline grows one row per task, each with its own PID and its yellow "
              "\"starting\" span. <b>A pool</b> starts <i>k</i> worker processes once and reuses them: "
              "exactly <i>k</i> rows labelled \"pool worker 1 · PID …\", each picking up task after task. "
              "Each task is a span labelled with its index, green while it computes and grey while it "
              "sleeps.</p>"
              "<p>How tasks are handed to the pool matters too. <b>map</b> and <b>apply_async</b> submit "
              "everything at once and up to <i>k</i> tasks run together; <b>apply</b> is synchronous: the "
              "main thread waits for each result before it submits the next task, so only one task runs "
              "at a time and the other workers wait on the empty task queue (light blue).</p>"
              "<p>Results travel back through the <b>result handler</b>, a thread of the main process; "
              "the arrows go from the end of each task to it. The wall time counts starting the "
              "workers, the tasks and joining them.</p>"
              "<p>The notes' func1 does almost nothing. With a task time of 0 the first workers to wake "
              "up may take every task before the others get a core: a pool shares out work, it does "
              "not promise every worker a turn. The preset \"As in the notes\" gives each task 5 ms.</p>");
}

QString PoolLesson::pythonSnippet(const ParameterValues &values) const
{
    QString code = QStringLiteral(
        "import os, time\n"
        "from multiprocessing import Pool, Process\n"
        "\n"
        "# The lesson's parameters, as set in the form:\n"
        "tasks, task_ms, work = 100, 10, 'sleep'      # work: 'sleep' or 'cpu'\n"
        "approach, pool_size, call = 'pool', 4, 'map'  # 'process-per-task'; 'apply', 'apply_async'\n"
        "\n"
        "def func1(i):\n"
        "    numb = 0\n"
        "    for j in range(5):\n"
        "        numb += i\n"
        "    if work == 'sleep':\n"
        "        time.sleep(task_ms / 1000)\n"
        "    else:\n"
        "        end = time.perf_counter() + task_ms / 1000\n"
        "        while time.perf_counter() < end:\n"
        "            pass\n"
        "    return numb, os.getpid()\n"
        "\n"
        "if __name__ == '__main__':\n"
        "    start = time.time()\n"
        "    if approach == 'process-per-task':\n"
        "        ps = [Process(target=func1, args=(i,)) for i in range(tasks)]\n"
        "        if call == 'apply':                  # one at a time\n"
        "            for p in ps:\n"
        "                p.start()\n"
        "                p.join()\n"
        "        else:\n"
        "            for p in ps:\n"
        "                p.start()\n"
        "            for p in ps:\n"
        "                p.join()\n"
        "        pids = {p.pid for p in ps}\n"
        "    else:\n"
        "        with Pool(pool_size) as pool:\n"
        "            if call == 'map':\n"
        "                results = pool.map(func1, range(tasks))\n"
        "            elif call == 'apply':            # synchronous: waits for each result\n"
        "                results = [pool.apply(func1, (i,)) for i in range(tasks)]\n"
        "            else:\n"
        "                pending = [pool.apply_async(func1, (i,)) for i in range(tasks)]\n"
        "                pool.close()\n"
        "                pool.join()\n"
        "                results = [r.get() for r in pending]\n"
        "        pids = {pid for _, pid in results}\n"
        "    print('distinct pids:', len(pids), ' wall ms:', round((time.time() - start) * 1000))\n");
    // The constants follow the form, so the code runs what the lesson ran.
    code.replace(QStringLiteral("tasks, task_ms, work = 100, 10, 'sleep'"),
                 QStringLiteral("tasks, task_ms, work = %1, %2, '%3'").arg(QString::number(values.integer(QStringLiteral("tasks"))), QString::number(values.integer(QStringLiteral("task_ms"))), values.choice(QStringLiteral("work"))));
    code.replace(QStringLiteral("approach, pool_size, call = 'pool', 4, 'map'"),
                 QStringLiteral("approach, pool_size, call = '%1', %2, '%3'").arg(values.choice(QStringLiteral("approach")), QString::number(values.integer(QStringLiteral("pool_size"))), values.choice(QStringLiteral("call"))));
    return code;
}

QList<ParameterSpec> PoolLesson::parameters() const
{
    using T = ParameterSpec::Type;
    return {
        {QStringLiteral("tasks"), T::Integer, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Tasks"), "",
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Tasks to run (the notes use 500)."), 1, 2000, 100, {}, {}},
        {QStringLiteral("task_ms"), T::Integer, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Task time"),
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "ms"),
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters",
                           "Work each task does after the notes' small sum (the notes' map example does none)."),
         0, 10000, 10, {}, {}},
        {QStringLiteral("work"), T::Choice, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Work"), "",
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters",
                           "What a task does for its task time: sleep (like time.sleep) or compute (CPU-bound)."),
         0, 0, 0, {QStringLiteral("sleep"), QStringLiteral("cpu")}, QStringLiteral("sleep")},
        {kApproach, T::Choice, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Approach"), "",
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters",
                           "A pool of reused workers, or a fresh process for every task."),
         0, 0, 0, {QStringLiteral("pool"), QStringLiteral("process-per-task")}, QStringLiteral("pool")},
        {QStringLiteral("pool_size"), T::Integer, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Pool size"), "",
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Worker processes in the pool (the notes use 4)."), 1, 64,
         4, {}, {}},
        {kCall, T::Choice, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Call"), "",
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters",
                           "How tasks are submitted: map (all, then wait), apply (one at a time, waiting for "
                           "each result) or apply_async (all, then close and join)."),
         0, 0, 0, {QStringLiteral("map"), QStringLiteral("apply"), QStringLiteral("apply_async")},
         QStringLiteral("map")},
    };
}

QList<Preset> PoolLesson::presets() const
{
    return {
        {QT_TRANSLATE_NOOP("cl::scenarios::Presets", "As in the notes"),
         {{QStringLiteral("tasks"), QStringLiteral("500")},
          {QStringLiteral("task_ms"), QStringLiteral("5")},
          {QStringLiteral("work"), QStringLiteral("sleep")},
          {kApproach, QStringLiteral("pool")},
          {QStringLiteral("pool_size"), QStringLiteral("4")},
          {kCall, QStringLiteral("map")}}},
        {QT_TRANSLATE_NOOP("cl::scenarios::Presets", "As in the notes, one process per task"),
         {{QStringLiteral("tasks"), QStringLiteral("500")},
          {QStringLiteral("task_ms"), QStringLiteral("5")},
          {QStringLiteral("work"), QStringLiteral("sleep")},
          {kApproach, QStringLiteral("process-per-task")},
          {kCall, QStringLiteral("map")}}},
        {QT_TRANSLATE_NOOP("cl::scenarios::Presets", "As in the notes: apply, one at a time"),
         {{QStringLiteral("tasks"), QStringLiteral("10")},
          {QStringLiteral("task_ms"), QStringLiteral("500")},
          {QStringLiteral("work"), QStringLiteral("sleep")},
          {kApproach, QStringLiteral("pool")},
          {QStringLiteral("pool_size"), QStringLiteral("4")},
          {kCall, QStringLiteral("apply")}}},
        {QT_TRANSLATE_NOOP("cl::scenarios::Presets", "Quick"),
         {{QStringLiteral("tasks"), QStringLiteral("40")},
          {QStringLiteral("task_ms"), QStringLiteral("20")},
          {kApproach, QStringLiteral("pool")},
          {QStringLiteral("pool_size"), QStringLiteral("4")},
          {kCall, QStringLiteral("apply_async")}}},
    };
}

record::SharedArena::Layout PoolLesson::layout(const ParameterValues &values) const
{
    record::SharedArena::Layout l;
    const auto tasks = std::uint32_t(values.integer(QStringLiteral("tasks")));
    if (values.choice(kApproach) == QLatin1String("process-per-task")) {
        l.ringCount = tasks; // every task's process may be alive at once
        l.ringCapacity = 1024;
    } else {
        l.ringCount = std::uint32_t(values.integer(QStringLiteral("pool_size"))) + 1; // + the result handler
        l.ringCapacity = 16384;
    }
    l.objectsBytes = 64 * 1024 + runtime::PoolBoard::bytesFor(tasks);
    return l;
}

Outcome PoolLesson::run(RunContext &context, const ParameterValues &values) const
{
    Outcome out;
    const auto tasks = std::uint32_t(values.integer(QStringLiteral("tasks")));
    const int poolSize = int(values.integer(QStringLiteral("pool_size")));
    const bool perTask = values.choice(kApproach) == QLatin1String("process-per-task");
    const QString call = values.choice(kCall);
    PoolNotesArgs args{};
    args.workMs = values.integer(QStringLiteral("task_ms"));
    args.work = values.choice(QStringLiteral("work")) == QLatin1String("cpu") ? runtime::PoolWorkKind::Cpu
                                                                             : runtime::PoolWorkKind::Sleep;
    // Calibrated here, before the clock starts, and handed to every task.
    if (args.work == runtime::PoolWorkKind::Cpu)
        args.cpuIterations = runtime::cpuIterationsForMs(args.workMs);

    RunContextPoolHost host(context);
    const auto t0 = std::chrono::steady_clock::now();
    runtime::Pool pool(host, perTask ? runtime::Pool::Kind::ProcessPerTask : runtime::Pool::Kind::Processes,
                       poolSize, tasks);
    bool ok = pool.start();
    if (ok && call == QLatin1String("map")) {
        std::vector<PoolNotesArgs> all(tasks, args);
        for (std::uint32_t i = 0; i < tasks; ++i)
            all[i].value = i;
        ok = pool.map("pool.notes-task", all);
    } else if (ok && call == QLatin1String("apply")) {
        for (std::uint32_t i = 0; ok && i < tasks; ++i) {
            args.value = i;
            ok = pool.apply("pool.notes-task", args);
        }
    } else if (ok) {
        for (std::uint32_t i = 0; ok && i < tasks; ++i) {
            args.value = i;
            ok = pool.applyAsync("pool.notes-task", args) >= 0;
        }
    }
    pool.close();
    ok = pool.join() && ok;
    const double wallMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    if (!ok && !context.stopRequested())
        out.error = PoolText::failure(pool.failure(), context);

    std::vector<runtime::PoolResult> results;
    qint64 done = 0;
    std::set<std::int32_t> pids;
    for (std::uint32_t i = 0; i < pool.submitted(); ++i) {
        const runtime::PoolResult r = pool.result(i);
        const bool finished = pool.board().slot(i).state.load() == std::uint32_t(runtime::PoolSlotState::Handled);
        if (!finished || r.status != 0 || r.values[0] != 5 * std::int64_t(i))
            continue;
        ++done;
        pids.insert(r.pid);
        results.push_back(r);
    }
    const int maxRunning = maxRunningAtOnce(results);
    out.metrics = {
        {QStringLiteral("tasks"), tasks, tr("tasks")},
        {QStringLiteral("tasks_done"), done, tr("tasks done")},
        {QStringLiteral("distinct_pids"), qint64(pids.size()), tr("distinct worker PIDs")},
        {QStringLiteral("max_running"), maxRunning, tr("most tasks running at once")},
        {QStringLiteral("wall_ms"), qint64(wallMs + 0.5), tr("wall time (ms)")},
    };
    out.problem = done < qint64(tasks);
    if (out.problem) {
        out.verdict = tr("Only %1 of %2 tasks finished.").arg(done).arg(tasks);
        return out;
    }
    if (perTask)
        out.verdict = tr("Each of the %1 tasks ran in a process of its own: %2 distinct PIDs, %3 ms in all.")
                          .arg(tasks)
                          .arg(pids.size())
                          .arg(qint64(wallMs + 0.5));
    else
        out.verdict = tr("A pool of %1 ran all %2 tasks; %3 worker PIDs took part, each running about %4 tasks, "
                         "in %5 ms.")
                          .arg(poolSize)
                          .arg(tasks)
                          .arg(pids.size())
                          .arg(pids.empty() ? 0 : (qint64(tasks) + qint64(pids.size()) / 2) / qint64(pids.size()))
                          .arg(qint64(wallMs + 0.5));
    if (call == QLatin1String("apply"))
        out.verdict += QLatin1Char(' ') + tr("apply() is synchronous: the most tasks running at any moment was %1.")
                                              .arg(maxRunning);
    else
        out.verdict += QLatin1Char(' ') + tr("The most tasks running at the same moment was %1.").arg(maxRunning);
    return out;
}

int PoolLesson::plannedProcesses(const ParameterValues &values) const
{
    // One process per task may have them all alive at once; a pool has its
    // workers and the result handler.
    if (values.choice(QStringLiteral("approach")) == QLatin1String("process-per-task"))
        return int(values.integer(QStringLiteral("tasks")));
    return int(values.integer(QStringLiteral("pool_size"))) + 1;
}

} // namespace cl::scenarios
