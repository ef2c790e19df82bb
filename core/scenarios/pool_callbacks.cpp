#include "core/scenarios/pool_callbacks.h"
#include "core/scenarios/pool_host.h"
#include "core/scenarios/pool_tasks.h"
#include "core/trace/messages.h"

#include <set>
#include <unistd.h>

namespace cl::scenarios {

namespace {
const QString kPool = QStringLiteral("pool");

std::string messageArgs(std::initializer_list<std::int64_t> values)
{
    std::string out;
    for (std::int64_t v : values) {
        if (!out.empty())
            out += trace::kMessageArgSeparator;
        out += std::to_string(v);
    }
    return out;
}
} // namespace

QString PoolCallbacks::title() const { return tr("Pool callbacks: thread pool vs process pool"); }

QString PoolCallbacks::category() const { return tr("Pools"); }

QString PoolCallbacks::description() const
{
    return tr("<p>Every task is submitted with <b>apply_async</b> (Python: <code>submit()</code> plus "
              "<code>add_done_callback(done)</code>); when it finishes, <code>done</code> runs with its "
              "result. The question is <i>where</i> it runs.</p>"
              "<p>With a <b>process pool</b>, the result has to travel back to the main process: "
              "follow the arrows from each task's end on a \"pool worker\" row to the row called "
              "<b>result handler</b>, a thread of the main process. Every callback (a green span "
              "labelled \"callback N\") runs there, one after another, whichever worker ran the "
              "task.</p>"
              "<p>With a <b>thread pool</b>, the worker thread that ran the task runs the callback "
              "itself, right after the task, on its own row. There is no result handler.</p>"
              "<p>Tasks sleep (grey), callbacks compute (green), so the two are easy to tell apart.</p>"
              "<p>The console shows the PID and TID each callback printed; the verdict counts them.</p>");
}

QString PoolCallbacks::pythonSnippet(const ParameterValues &values) const
{
    QString code = QStringLiteral(
        "import os, threading, time\n"
        "from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor\n"
        "\n"
        "# The lesson's parameters, as set in the form:\n"
        "pool, tasks, pool_size = 'processes', 12, 4   # pool: 'processes' or 'threads'\n"
        "task_ms, callback_ms = 200, 50\n"
        "\n"
        "def task(num):\n"
        "    time.sleep(task_ms / 1000)\n"
        "    return num * 5\n"
        "\n"
        "def done(future):\n"
        "    print('done: task returned', future.result(), '- callback in PID', os.getpid(),\n"
        "          'TID', threading.get_native_id())\n"
        "    end = time.perf_counter() + callback_ms / 1000\n"
        "    while time.perf_counter() < end:        # the callback's own work\n"
        "        pass\n"
        "\n"
        "if __name__ == '__main__':\n"
        "    print('main: PID', os.getpid(), 'TID', threading.get_native_id())\n"
        "    Executor = ProcessPoolExecutor if pool == 'processes' else ThreadPoolExecutor\n"
        "    with Executor(pool_size) as executor:       # leaving the block: shutdown(wait=True)\n"
        "        for i in range(tasks):\n"
        "            executor.submit(task, i).add_done_callback(done)\n");
    // The constants follow the form, so the code runs what the lesson ran.
    code.replace(QStringLiteral("pool, tasks, pool_size = 'processes', 12, 4"),
                 QStringLiteral("pool, tasks, pool_size = '%1', %2, %3").arg(values.choice(QStringLiteral("pool")), QString::number(values.integer(QStringLiteral("tasks"))), QString::number(values.integer(QStringLiteral("pool_size")))));
    code.replace(QStringLiteral("task_ms, callback_ms = 200, 50"),
                 QStringLiteral("task_ms, callback_ms = %1, %2").arg(QString::number(values.integer(QStringLiteral("task_ms"))), QString::number(values.integer(QStringLiteral("callback_ms")))));
    return code;
}

QList<ParameterSpec> PoolCallbacks::parameters() const
{
    using T = ParameterSpec::Type;
    return {
        {kPool, T::Choice, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Pool"), "",
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "A pool of worker processes or of worker threads."), 0, 0,
         0, {QStringLiteral("processes"), QStringLiteral("threads")}, QStringLiteral("processes")},
        {QStringLiteral("tasks"), T::Integer, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Tasks"), "",
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Tasks submitted, each with a done callback (the notes use 50)."),
         1, 500, 12, {}, {}},
        {QStringLiteral("pool_size"), T::Integer, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Pool size"), "",
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Workers in the pool (the notes use 4)."), 1, 32, 4, {}, {}},
        {QStringLiteral("task_ms"), T::Integer, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Task time"),
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "ms"),
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "How long each task sleeps (the notes use 2000 ms)."), 0,
         10000, 200, {}, {}},
        {QStringLiteral("callback_ms"), T::Integer, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Callback time"),
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "ms"),
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters",
                           "How long each callback computes after printing (the notes' callback sleeps 2000 ms)."),
         0, 10000, 50, {}, {}},
    };
}

QList<Preset> PoolCallbacks::presets() const
{
    return {
        {QT_TRANSLATE_NOOP("cl::scenarios::Presets", "As in the notes"),
         {{QStringLiteral("tasks"), QStringLiteral("50")},
          {QStringLiteral("pool_size"), QStringLiteral("4")},
          {QStringLiteral("task_ms"), QStringLiteral("2000")},
          {QStringLiteral("callback_ms"), QStringLiteral("2000")}}},
        {QT_TRANSLATE_NOOP("cl::scenarios::Presets", "Quick"),
         {{QStringLiteral("tasks"), QStringLiteral("12")},
          {QStringLiteral("pool_size"), QStringLiteral("4")},
          {QStringLiteral("task_ms"), QStringLiteral("200")},
          {QStringLiteral("callback_ms"), QStringLiteral("50")}}},
    };
}

record::SharedArena::Layout PoolCallbacks::layout(const ParameterValues &values) const
{
    record::SharedArena::Layout l;
    l.ringCount = std::uint32_t(values.integer(QStringLiteral("pool_size"))) + 1;
    l.ringCapacity = 8192;
    l.objectsBytes = 64 * 1024 + runtime::PoolBoard::bytesFor(std::uint32_t(values.integer(QStringLiteral("tasks"))));
    return l;
}

Outcome PoolCallbacks::run(RunContext &context, const ParameterValues &values) const
{
    Outcome out;
    const auto tasks = std::uint32_t(values.integer(QStringLiteral("tasks")));
    const bool threads = values.choice(kPool) == QLatin1String("threads");
    const qint64 callbackMs = values.integer(QStringLiteral("callback_ms"));
    PoolNotesArgs args{};
    args.workMs = values.integer(QStringLiteral("task_ms"));
    args.work = runtime::PoolWorkKind::Sleep;

    // Filled by the callbacks, each on whichever thread runs it, one entry each.
    struct Seen {
        std::int32_t pid = 0, tid = 0;
        std::int32_t taskPid = 0, taskTid = 0;
        bool ran = false;
    };
    std::vector<Seen> seen(tasks);
    record::SharedArena &arena = context.arena();
    const runtime::PoolCallback done = [&seen, &arena, callbackMs](const runtime::PoolResult &r, record::Writer &w) {
        Seen &s = seen[r.task];
        s.pid = ::getpid();
        s.tid = ::gettid();
        s.taskPid = r.pid;
        s.taskTid = r.tid;
        w.printMessage(std::int64_t(trace::MessageId::PoolCallbackRan),
                       messageArgs({r.task, r.values[0], s.pid, s.tid}));
        runtime::WorkerEnv env{&arena, &w, std::int32_t(r.task), nullptr, 0, r.callbackObject};
        runtime::doPoolWork(env, runtime::PoolWorkKind::Cpu, callbackMs);
        s.ran = true;
    };

    RunContextPoolHost host(context);
    runtime::Pool pool(host, threads ? runtime::Pool::Kind::Threads : runtime::Pool::Kind::Processes,
                       int(values.integer(QStringLiteral("pool_size"))), tasks);
    bool ok = pool.start();
    for (std::uint32_t i = 0; ok && i < tasks; ++i) {
        args.value = i;
        ok = pool.applyAsync("pool.notes-task", args, done) >= 0;
    }
    pool.close();
    ok = pool.join() && ok;
    if (!ok && !context.stopRequested())
        out.error = PoolText::failure(pool.failure(), context);

    const std::int32_t mainPid = ::getpid();
    const std::int32_t mainTid = context.writer().tid();
    qint64 callbacks = 0, inMain = 0, onWorkers = 0, onMainThread = 0;
    std::set<std::int32_t> callbackTids;
    for (const Seen &s : seen) {
        if (!s.ran)
            continue;
        ++callbacks;
        inMain += s.pid == mainPid;
        onWorkers += s.pid == s.taskPid && s.tid == s.taskTid;
        onMainThread += s.tid == mainTid;
        callbackTids.insert(s.tid);
    }
    out.metrics = {
        {QStringLiteral("tasks"), tasks, tr("tasks")},
        {QStringLiteral("callbacks"), callbacks, tr("callbacks run")},
        {QStringLiteral("callbacks_in_main"), inMain, tr("callbacks in the main process")},
        {QStringLiteral("callback_threads"), qint64(callbackTids.size()), tr("threads that ran callbacks")},
        {QStringLiteral("callbacks_on_task_thread"), onWorkers, tr("callbacks on the thread that ran the task")},
        {QStringLiteral("callbacks_on_main_thread"), onMainThread, tr("callbacks on the main thread")},
    };
    out.problem = callbacks < qint64(tasks);
    if (out.problem)
        out.verdict = tr("Only %1 of %2 callbacks ran.").arg(callbacks).arg(tasks);
    else if (threads)
        out.verdict = tr("Thread pool: %1 of %2 callbacks ran on the worker thread that ran their task (%3 "
                         "threads of the main process, PID %4); none needed a result handler.")
                          .arg(onWorkers)
                          .arg(callbacks)
                          .arg(callbackTids.size())
                          .arg(mainPid);
    else
        out.verdict = tr("Process pool: %1 of %2 callbacks ran in the main process (PID %3) on %4 thread, the "
                         "result handler; %5 ran in a pool worker.")
                          .arg(inMain)
                          .arg(callbacks)
                          .arg(mainPid)
                          .arg(callbackTids.size())
                          .arg(onWorkers);
    return out;
}

int PoolCallbacks::plannedProcesses(const ParameterValues &values) const
{
    if (values.choice(QStringLiteral("pool")) != QLatin1String("processes"))
        return 0;
    return int(values.integer(QStringLiteral("pool_size"))) + 1;
}

} // namespace cl::scenarios
