#include "core/scenarios/lock_contention.h"
#include "core/runtime/shared_mutex.h"
#include "core/runtime/shared_rlock.h"
#include "core/scenarios/lock_contention_tasks.h"
#include "core/scenarios/run_context.h"

#include <algorithm>
#include <chrono>
#include <new>

namespace cl::scenarios {

namespace {
ContentionLock lockKind(const ParameterValues &values)
{
    const QString lock = values.choice(QStringLiteral("lock"));
    if (lock == QLatin1String("mutex"))
        return ContentionLock::Mutex;
    if (lock == QLatin1String("rlock"))
        return ContentionLock::RLock;
    return ContentionLock::None;
}

qint64 roundMs(qint64 ns) { return (ns + 500'000) / 1'000'000; }
} // namespace

QString LockContention::title() const { return tr("Lock contention"); }

QString LockContention::category() const { return tr("Locks and races"); }

QString LockContention::description() const
{
    return tr("<p>Every worker repeats the same turn: take the lock, work <b>inside</b> it for "
              "<i>hold</i> ms, release it, then work <b>outside</b> it for <i>outside</i> ms. Only one "
              "worker can hold the lock at a time, so the time spent inside it is served one worker after "
              "another, however many cores there are.</p>"
              "<p>On the timeline, a blue outline marks each hold (the work done while holding shows "
              "inside it); holds never overlap from one worker to the next. Red spans are waits for the "
              "lock, and each arrow is a hand-over from the worker that released it to the one that got "
              "it. The verdict compares the run's wall time with the held time added up: when they are "
              "close, the lock is the bottleneck and more workers only wait longer.</p>"
              "<p>With <b>rlock</b>, the critical section takes the lock a second time, as a recursive "
              "function would. Its owner gets straight back in, and the hold stays one span; a plain lock "
              "would deadlock there. With <b>none</b>, the workers overlap freely: no waits, no arrows, a "
              "shorter run, and nothing protected.</p>"
              "<p>The work inside and outside the lock is a sleep, as the notes' <tt>time.sleep(2)</tt>.</p>");
}

QString LockContention::pythonSnippet(const ParameterValues &values) const { return snippetFor(values); }

QString LockContention::snippetFor(const ParameterValues &values)
{
    return QStringLiteral(
               "import contextlib, multiprocessing as mp, threading, time\n"
               "\n"
               "WORKERS, ITERATIONS = %1, %2\n"
               "HOLD_MS, OUTSIDE_MS = %3, %4\n"
               "LOCK, MODE = '%5', '%6'   # lock: mutex | rlock | none; mode: processes | threads\n"
               "\n"
               "def work(lock, waited):\n"
               "    for _ in range(ITERATIONS):\n"
               "        asked = time.perf_counter()\n"
               "        with lock:                      # one worker at a time from here\n"
               "            with waited.get_lock():\n"
               "                waited.value += time.perf_counter() - asked\n"
               "            if LOCK == 'rlock':\n"
               "                with lock:              # an RLock lets its owner in again\n"
               "                    time.sleep(HOLD_MS / 1000)\n"
               "            else:\n"
               "                time.sleep(HOLD_MS / 1000)\n"
               "        time.sleep(OUTSIDE_MS / 1000)   # work outside the lock\n"
               "\n"
               "if __name__ == '__main__':\n"
               "    api = threading if MODE == 'threads' else mp\n"
               "    Worker = threading.Thread if MODE == 'threads' else mp.Process\n"
               "    lock = {'mutex': api.Lock, 'rlock': api.RLock}.get(LOCK, contextlib.nullcontext)()\n"
               "    waited = mp.Value('d', 0.0)\n"
               "    start = time.perf_counter()\n"
               "    workers = [Worker(target=work, args=(lock, waited)) for _ in range(WORKERS)]\n"
               "    for w in workers: w.start()\n"
               "    for w in workers: w.join()\n"
               "    held = WORKERS * ITERATIONS * HOLD_MS / 1000\n"
               "    print(f'wall {time.perf_counter() - start:.2f} s, held {held:.2f} s, '\n"
               "          f'waited {waited.value:.2f} s')\n")
        .arg(values.integer(QStringLiteral("workers")))
        .arg(values.integer(QStringLiteral("iterations")))
        .arg(values.integer(QStringLiteral("hold_ms")))
        .arg(values.integer(QStringLiteral("outside_ms")))
        .arg(values.choice(QStringLiteral("lock")), values.choice(QStringLiteral("mode")));
}

QList<ParameterSpec> LockContention::parameters() const
{
    using T = ParameterSpec::Type;
    return {
        {QStringLiteral("workers"), T::Integer, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Workers"), "",
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Workers taking turns at the lock."), 1, 256, 4, {}, {}},
        {QStringLiteral("iterations"), T::Integer, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Iterations"), "",
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Turns each worker takes: lock, work inside, release, work outside."),
         1, 1000, 5, {}, {}},
        {QStringLiteral("hold_ms"), T::Integer, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Work inside the lock"),
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "ms"),
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Time each turn spends holding the lock (the notes use 2000 ms)."),
         0, 5000, 50, {}, {}},
        {QStringLiteral("outside_ms"), T::Integer, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Work outside the lock"),
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "ms"),
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Time each turn spends after releasing the lock, overlapping the others."),
         0, 5000, 50, {}, {}},
        {QStringLiteral("lock"), T::Choice, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Lock"), "",
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters",
                           "A plain lock, a recursive lock that its owner takes twice, or no lock at all."),
         0, 0, 0, {QStringLiteral("mutex"), QStringLiteral("rlock"), QStringLiteral("none")}, QStringLiteral("mutex")},
        {QStringLiteral("mode"), T::Choice, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Workers run as"), "",
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Run the workers as processes or as threads."), 0, 0, 0,
         {QStringLiteral("processes"), QStringLiteral("threads")}, QStringLiteral("processes")},
    };
}

QList<Preset> LockContention::presets() const
{
    return {
        // Seed 000 §3.1: ten processes share a multiprocessing.RLock and sleep 2 s inside it.
        {QT_TRANSLATE_NOOP("cl::scenarios::Presets", "As in the notes"),
         {{QStringLiteral("workers"), QStringLiteral("10")},
          {QStringLiteral("iterations"), QStringLiteral("1")},
          {QStringLiteral("hold_ms"), QStringLiteral("2000")},
          {QStringLiteral("outside_ms"), QStringLiteral("0")},
          {QStringLiteral("lock"), QStringLiteral("rlock")},
          {QStringLiteral("mode"), QStringLiteral("processes")}}},
        {QT_TRANSLATE_NOOP("cl::scenarios::Presets", "Quick"),
         {{QStringLiteral("workers"), QStringLiteral("4")},
          {QStringLiteral("iterations"), QStringLiteral("5")},
          {QStringLiteral("hold_ms"), QStringLiteral("20")},
          {QStringLiteral("outside_ms"), QStringLiteral("20")},
          {QStringLiteral("lock"), QStringLiteral("mutex")},
          {QStringLiteral("mode"), QStringLiteral("processes")}}},
    };
}

record::SharedArena::Layout LockContention::layout(const ParameterValues &values) const
{
    const qint64 workers = values.integer(QStringLiteral("workers"));
    record::SharedArena::Layout l;
    l.ringCount = std::uint32_t(workers);
    // A turn records its wait, hold, hand-over and two sleeps: a dozen events.
    const qint64 perWorker = values.integer(QStringLiteral("iterations")) * 12 + 64;
    std::uint32_t capacity = 1024;
    while (capacity < perWorker && capacity < (1u << 20))
        capacity <<= 1;
    l.ringCapacity = capacity;
    l.objectsBytes = 64 * 1024 + std::size_t(workers) * sizeof(ContentionStats);
    return l;
}

int LockContention::plannedProcesses(const ParameterValues &values) const
{
    return values.choice(QStringLiteral("mode")) == QLatin1String("processes")
               ? int(values.integer(QStringLiteral("workers")))
               : 0;
}

Outcome LockContention::run(RunContext &context, const ParameterValues &values) const
{
    Outcome out;
    const int workers = int(values.integer(QStringLiteral("workers")));
    const bool asThreads = values.choice(QStringLiteral("mode")) == QLatin1String("threads");
    auto &arena = context.arena();

    ContentionArgs args{};
    args.lock = lockKind(values);
    args.iterations = values.integer(QStringLiteral("iterations"));
    args.holdMs = values.integer(QStringLiteral("hold_ms"));
    args.outsideMs = values.integer(QStringLiteral("outside_ms"));
    args.sharedOffset = arena.allocateObject(sizeof(ContentionShared), alignof(ContentionShared));
    args.statsOffset = arena.allocateObject(sizeof(ContentionStats) * std::size_t(workers), alignof(ContentionStats));
    std::uint32_t lockId = 0;
    if (args.lock == ContentionLock::Mutex) {
        args.lockOffset = runtime::SharedMutex::create(arena);
        lockId = args.lockOffset ? runtime::SharedMutex(arena, args.lockOffset).objectId() : 0;
    } else if (args.lock == ContentionLock::RLock) {
        args.lockOffset = runtime::SharedRLock::create(arena);
        lockId = args.lockOffset ? runtime::SharedRLock(arena, args.lockOffset).objectId() : 0;
    }
    if (args.sharedOffset == 0 || args.statsOffset == 0 || (args.lock != ContentionLock::None && args.lockOffset == 0)) {
        out.error = tr("could not set up the shared lock");
        return out;
    }
    auto *shared = new (arena.object<ContentionShared>(args.sharedOffset)) ContentionShared{};
    shared->startLine.store(0);
    shared->lastHolder.store(-1);
    auto *stats = arena.object<ContentionStats>(args.statsOffset);
    for (int i = 0; i < workers; ++i)
        new (&stats[i]) ContentionStats{};
    if (lockId != 0)
        context.writer().nameObject(lockId, args.lock == ContentionLock::RLock ? "RLock" : "Lock"); // as Python names them

    for (int i = 0; i < workers; ++i)
        if (!context.spawn(asThreads, "lock-contention.worker", "worker-" + std::to_string(i + 1), i, args))
            break;
    // The wall time starts when everyone may go, so start-up is not counted as contention.
    const auto t0 = std::chrono::steady_clock::now();
    shared->startLine.store(1, std::memory_order_release);
    context.waitAll();
    const qint64 wallNs = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - t0).count();
    if (!context.error().isEmpty())
        out.error = context.error();

    qint64 waitNs = 0, holdNs = 0, maxWaitNs = 0, acquisitions = 0, handovers = 0;
    for (int i = 0; i < workers; ++i) {
        waitNs += stats[i].waitNs;
        holdNs += stats[i].holdNs;
        maxWaitNs = std::max<qint64>(maxWaitNs, stats[i].maxWaitNs);
        acquisitions += stats[i].acquisitions;
        handovers += stats[i].handovers;
    }
    const qint64 heldPct = wallNs > 0 ? (holdNs * 100 + wallNs / 2) / wallNs : 0;
    out.metrics = {
        {QStringLiteral("wall_ms"), roundMs(wallNs), tr("wall time (ms)")},
        {QStringLiteral("hold_ms_total"), roundMs(holdNs), tr("time inside the lock, all workers (ms)")},
        {QStringLiteral("wait_ms_total"), roundMs(waitNs), tr("time waiting for the lock, all workers (ms)")},
        {QStringLiteral("max_wait_ms"), roundMs(maxWaitNs), tr("longest single wait (ms)")},
        {QStringLiteral("handovers"), handovers, tr("hand-overs to another worker")},
        {QStringLiteral("acquisitions"), acquisitions, tr("acquisitions")},
        {QStringLiteral("held_pct"), heldPct, tr("time inside / wall time (%)")},
    };
    out.verdict = verdictText(args.lock != ContentionLock::None, workers,
                              Totals{wallNs, holdNs, waitNs, maxWaitNs, handovers});
    return out;
}

QString LockContention::duration(qint64 ns)
{
    if (ns >= 1'000'000'000)
        return tr("%1 s").arg(double(ns) / 1e9, 0, 'f', 1);
    return tr("%1 ms").arg(roundMs(ns));
}

QString LockContention::verdictText(bool locked, int workers, const Totals &t)
{
    if (!locked)
        return tr("Without a lock, %1 of work meant for the critical section overlapped: the run took %2 and "
                  "no worker waited. Nothing kept the workers apart.")
            .arg(duration(t.holdNs), duration(t.wallNs));
    const QString changes = t.handovers == 1 ? tr("once") : tr("%1 times").arg(t.handovers);
    QString text = tr("The lock serialised %1 of holding into a %2 run: workers waited %3 in total, the longest "
                      "wait was %4, and the lock changed hands %5.")
                       .arg(duration(t.holdNs), duration(t.wallNs), duration(t.waitNs), duration(t.maxWaitNs), changes);
    const qint64 heldPct = t.wallNs > 0 ? (t.holdNs * 100 + t.wallNs / 2) / t.wallNs : 0;
    text += QLatin1Char(' ');
    if (workers == 1)
        text += tr("With one worker there is nobody to wait for.");
    else if (heldPct >= 85)
        text += tr("Holding filled %1% of the run: the lock is the bottleneck, and more workers would only wait "
                   "longer.")
                    .arg(heldPct);
    else
        text += tr("Holding filled %1% of the run; the rest overlapped outside the lock.").arg(heldPct);
    return text;
}

} // namespace cl::scenarios
