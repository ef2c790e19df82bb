#include "core/scenarios/counter_race.h"
#include "core/runtime/shared_counter.h"
#include "core/runtime/shared_mutex.h"
#include "core/scenarios/race_tasks.h"
#include "core/scenarios/run_context.h"

#include <algorithm>
#include <new>

namespace cl::scenarios {

namespace {
// Enough samples to draw the value's climb without flooding the rings.
constexpr qint64 kCounterSamplesPerWorker = 500;
} // namespace

QString CounterRace::title() const { return tr("Counter race (lost updates)"); }

QString CounterRace::category() const { return tr("Locks and races"); }

QString CounterRace::description() const
{
    return tr("<p>Every worker adds 1 to one shared value, many times: it <b>reads</b> the value, "
              "computes value + 1 (the read→write gap), then <b>writes</b> it. Two workers that read the same value both write the same "
              "result, and one of the two additions is lost.</p>"
              "<p>The workers wait at a start line so they really run at the same time. The verdict "
              "compares the expected total with the value the workers left behind.</p>"
              "<p>With the lock on, read and write happen inside one critical section and the total is "
              "exact, at the price of the waiting you see as red spans.</p>");
}

QString CounterRace::pythonSnippet(const ParameterValues &values) const
{
    // Code, not prose: it stays in English like any Python source would.
    const bool threads = values.choice(QStringLiteral("mode")) == QLatin1String("threads");
    const bool lock = values.isOn(QStringLiteral("lock"));
    const QString mp = threads ? QStringLiteral("threading") : QStringLiteral("multiprocessing");
    QStringList c;
    c << QStringLiteral("# Counter race (lost updates) with %1 %2.")
             .arg(threads ? QStringLiteral("threads") : QStringLiteral("processes"),
                  lock ? QStringLiteral("and a lock") : QStringLiteral("and no lock"))
      << QStringLiteral("# Save it as counter_race.py and run: python3 counter_race.py");
    c << QStringLiteral("import %1").arg(mp);
    if (!threads)
        c << QStringLiteral("import os");
    c << QStringLiteral("import time") << QString();
    c << QStringLiteral("WORKERS = %1").arg(values.integer(QStringLiteral("workers")))
      << QStringLiteral("INCREMENTS = %1").arg(values.integer(QStringLiteral("increments")))
      << QStringLiteral("GAP_NS = %1  # the read->write gap: computing value + 1").arg(values.integer(QStringLiteral("gap_ns")));
    if (threads) {
        c << QString()
          << QStringLiteral("counter = 0  # threads share their process's memory: a global is the shared value");
        if (lock)
            c << QStringLiteral("lock = threading.Lock()");
        c << QStringLiteral("start_line = threading.Barrier(WORKERS)");
    }
    c << QString() << QString()
      << QStringLiteral("def say(line):")
      << QStringLiteral("    # One write per line, so lines of different workers never run together.")
      << QStringLiteral("    print(line + \"\\n\", end=\"\", flush=True)")
      << QString() << QString()
      << QStringLiteral("def add_one(value):")
      << QStringLiteral("    # Stands for the work between reading the value and writing it back.")
      << QStringLiteral("    until = time.perf_counter_ns() + GAP_NS")
      << QStringLiteral("    while time.perf_counter_ns() < until:")
      << QStringLiteral("        pass")
      << QStringLiteral("    return value + 1")
      << QString() << QString();
    const QString shared = threads ? QStringLiteral("counter") : QStringLiteral("n.value");
    if (threads)
        c << QStringLiteral("def worker(name):") << QStringLiteral("    global counter");
    else
        c << QStringLiteral("def worker(name, n, %1start_line):").arg(lock ? QStringLiteral("lock, ") : QString());
    c << QStringLiteral("    start_line.wait()  # all start together, so they really overlap")
      << QStringLiteral("    last = 0")
      << QStringLiteral("    for _ in range(INCREMENTS):");
    if (lock)
        c << QStringLiteral("        with lock:  # read and write in one critical section")
          << QStringLiteral("            last = add_one(%1)").arg(shared)
          << QStringLiteral("            %1 = last").arg(shared);
    else
        c << QStringLiteral("        last = add_one(%1)  # read...").arg(shared)
          << QStringLiteral("        %1 = last  # ...write: another worker may have written in between").arg(shared);
    c << QStringLiteral("    say(f\"{name} (%1): done: {INCREMENTS} increments, last wrote {last}\")")
             .arg(threads ? QStringLiteral("TID {threading.get_native_id()}") : QStringLiteral("PID {os.getpid()}"))
      << QString() << QString();

    QString indent;
    if (threads) {
        c << QStringLiteral("workers = [threading.Thread(target=worker, args=(f\"worker-{i + 1}\",)) for i in range(WORKERS)]");
    } else {
        indent = QStringLiteral("    ");
        c << QStringLiteral("if __name__ == \"__main__\":  # required: spawn and forkserver children import this file")
          << QStringLiteral("    n = multiprocessing.Value(\"q\", 0, lock=False)  # shared memory, no lock of its own");
        if (lock)
            c << QStringLiteral("    lock = multiprocessing.Lock()");
        c << QStringLiteral("    start_line = multiprocessing.Barrier(WORKERS)")
          << QStringLiteral("    workers = [multiprocessing.Process(target=worker, args=(f\"worker-{i + 1}\", n, %1start_line))")
                 .arg(lock ? QStringLiteral("lock, ") : QString())
          << QStringLiteral("               for i in range(WORKERS)]");
    }
    const QString final = threads ? QStringLiteral("counter") : QStringLiteral("n.value");
    for (const QString &line : {QStringLiteral("for w in workers:"), QStringLiteral("    w.start()"),
                                QStringLiteral("for w in workers:"), QStringLiteral("    w.join()"),
                                QStringLiteral("expected = WORKERS * INCREMENTS"),
                                QStringLiteral("lost = expected - %1").arg(final), QStringLiteral("if lost > 0:"),
                                QStringLiteral("    print(f\"Lost updates: {lost}. Expected {expected}, \""),
                                QStringLiteral("          f\"but the shared value ended at {%1}.\")").arg(final),
                                QStringLiteral("else:"),
                                QStringLiteral("    print(f\"Exact: the shared value ended at {%1}, as expected.\")").arg(final)})
        c << indent + line;
    return c.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QList<ParameterSpec> CounterRace::parameters() const
{
    using T = ParameterSpec::Type;
    return {
        {QStringLiteral("workers"), T::Integer, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Workers"), "",
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Workers adding to the shared value."), 1, 256, 4, {}, {}},
        {QStringLiteral("increments"), T::Integer, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Increments"), "",
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Additions of 1 made by each worker."), 1, 1000000, 10000,
         {}, {}},
        {QStringLiteral("gap_ns"), T::Integer, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Read→write gap"),
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "ns"),
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters",
                           "Time spent computing value + 1 between the read and the write, as an interpreter "
                           "does. With 0 the window is one machine instruction and updates are rarely lost."),
         0, 1000000, 200, {}, {}},
        {QStringLiteral("lock"), T::Choice, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Lock"), "",
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Hold a shared lock around each read and write."), 0, 0, 0,
         {QStringLiteral("on"), QStringLiteral("off")}, QStringLiteral("off")},
        {QStringLiteral("mode"), T::Choice, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Workers run as"), "",
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Run the workers as processes or as threads."), 0, 0, 0,
         {QStringLiteral("processes"), QStringLiteral("threads")}, QStringLiteral("processes")},
    };
}

QList<Preset> CounterRace::presets() const
{
    return {
        {QT_TRANSLATE_NOOP("cl::scenarios::Presets", "As in the notes"),
         {{QStringLiteral("workers"), QStringLiteral("100")},
          {QStringLiteral("increments"), QStringLiteral("1")},
          {QStringLiteral("lock"), QStringLiteral("off")},
          {QStringLiteral("mode"), QStringLiteral("processes")}}},
        {QT_TRANSLATE_NOOP("cl::scenarios::Presets", "Quick"),
         {{QStringLiteral("workers"), QStringLiteral("4")},
          {QStringLiteral("increments"), QStringLiteral("10000")},
          {QStringLiteral("gap_ns"), QStringLiteral("200")}}},
    };
}

record::SharedArena::Layout CounterRace::layout(const ParameterValues &values) const
{
    record::SharedArena::Layout l;
    l.ringCount = std::uint32_t(values.integer(QStringLiteral("workers")));
    // With the lock, every increment records its hold (and wait, and hand-over).
    const qint64 increments = values.integer(QStringLiteral("increments"));
    const qint64 perWorker = (values.isOn(QStringLiteral("lock")) ? increments * 6 : 0) + 2 * kCounterSamplesPerWorker + 64;
    std::uint32_t capacity = 1024;
    while (capacity < perWorker && capacity < (1u << 20))
        capacity <<= 1;
    l.ringCapacity = capacity;
    l.objectsBytes = 64 * 1024;
    return l;
}

int CounterRace::plannedProcesses(const ParameterValues &values) const
{
    // Every worker is one process, and all of them may be alive at once.
    return values.choice(QStringLiteral("mode")) == QLatin1String("processes")
               ? int(values.integer(QStringLiteral("workers")))
               : 0;
}

Outcome CounterRace::run(RunContext &context, const ParameterValues &values) const
{
    Outcome out;
    const int workers = int(values.integer(QStringLiteral("workers")));
    const qint64 increments = values.integer(QStringLiteral("increments"));
    const bool useLock = values.isOn(QStringLiteral("lock"));
    const bool asThreads = values.choice(QStringLiteral("mode")) == QLatin1String("threads");
    auto &arena = context.arena();

    CounterWorkerArgs args{};
    args.counterOffset = runtime::SharedCounter::create(arena, 0);
    args.lockOffset = useLock ? runtime::SharedMutex::create(arena) : 0;
    args.progressOffset =
        arena.allocateObject(sizeof(CounterProgress) * std::size_t(workers), alignof(CounterProgress));
    args.increments = increments;
    args.sampleEvery = std::max<qint64>(1, increments / kCounterSamplesPerWorker);
    args.gapNs = values.integer(QStringLiteral("gap_ns"));
    if (args.counterOffset == 0 || args.progressOffset == 0 || (useLock && args.lockOffset == 0)) {
        out.error = tr("could not set up the shared value");
        return out;
    }
    auto *progress = arena.object<CounterProgress>(args.progressOffset);
    for (int i = 0; i < workers; ++i)
        new (&progress[i]) CounterProgress{0};
    auto *counter = arena.object<runtime::SharedCounter>(args.counterOffset);
    context.writer().counter(trace::counter_id::SharedValue, 0);
    context.writer().nameObject(trace::counter_id::SharedValue, "shared value");
    if (useLock)
        context.writer().nameObject(runtime::SharedMutex(arena, args.lockOffset).objectId(), "value lock");

    int started = 0;
    for (; started < workers; ++started)
        if (!context.spawn(asThreads, "counter-race.worker", "worker-" + std::to_string(started + 1), started, args))
            break;
    // Everyone is started: open the start line so they overlap for real.
    counter->startLine.store(1, std::memory_order_release);
    context.waitAll();
    if (!context.error().isEmpty())
        out.error = context.error();

    // Only additions the workers really made are expected: one that was
    // stopped or killed before the end made fewer, and those are not lost.
    const qint64 planned = qint64(started) * increments;
    qint64 expected = 0;
    for (int i = 0; i < started; ++i)
        expected += progress[i].made.load();
    const qint64 final = counter->value.load();
    context.writer().counter(trace::counter_id::SharedValue, final);
    const qint64 lost = expected - final;
    out.metrics = {
        {QStringLiteral("expected"), expected, tr("expected")},
        {QStringLiteral("final"), final, tr("final value")},
        {QStringLiteral("lost"), lost, tr("lost updates")},
    };
    out.problem = lost > 0;
    if (lost > 0)
        out.verdict = tr("Lost updates: %1. Expected %2, but the shared value ended at %3.")
                          .arg(lost)
                          .arg(expected)
                          .arg(final);
    else if (lost == 0)
        out.verdict = tr("Exact: the shared value ended at %1, as expected.").arg(final);
    else
        out.verdict = tr("The shared value ended at %1, %2 above the %3 additions the workers recorded: a worker "
                         "killed right after writing had no time to record its addition.")
                          .arg(final)
                          .arg(-lost)
                          .arg(expected);
    if (expected < planned)
        out.verdict += QLatin1Char(' ')
            + tr("%1 of the %2 planned additions were never made (a worker was stopped or killed first); they "
                 "do not count as lost.")
                  .arg(planned - expected)
                  .arg(planned);
    return out;
}

} // namespace cl::scenarios
