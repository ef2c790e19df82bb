#include "core/scenarios/shared_vs_manager.h"
#include "core/runtime/shared_value.h"
#include "core/scenarios/manager_host.h"
#include "core/scenarios/race_tasks.h"
#include "core/scenarios/run_context.h"
#include "core/scenarios/sharing_tasks.h"

#include <QStringList>
#include <algorithm>
#include <new>

namespace cl::scenarios {

namespace {
constexpr std::uint32_t kArrayLength = 4;
constexpr qint64 kSamplesPerWorker = 200;

SharedStore storeOf(const ParameterValues &values)
{
    const QString s = values.choice(QStringLiteral("store"));
    return s == QLatin1String("manager") ? SharedStore::Manager
           : s == QLatin1String("array") ? SharedStore::Array
                                         : SharedStore::Value;
}
} // namespace

QString SharedVsManager::title() const { return tr("Shared memory vs a manager process"); }

QString SharedVsManager::category() const { return tr("Sharing data"); }

QString SharedVsManager::description() const
{
    return tr("<p>Every worker process adds 1 to a shared number, <i>updates</i> times: <tt>x += 1</tt>, a read "
              "and then a write.</p>"
              "<p><b>Value</b> and <b>Array</b> live in shared memory that every worker maps: a read or a write "
              "is a plain memory access, a few nanoseconds. Without their lock (<tt>lock=False</tt>), two "
              "workers can read the same number and one update is lost; with it (<tt>with v.get_lock():</tt>) "
              "none is, at the price of the red waits.</p>"
              "<p>With the <b>manager</b>, the number lives in another process, the manager, and every access is a "
              "round trip over a socket to it: its own row shows each request it serves (green), the arrows go "
              "there and back. The same update costs tens of microseconds instead of nanoseconds; "
              "<i>us_per_update</i> shows the difference. A manager's <tt>Value</tt> is no safer than shared "
              "memory: <tt>v.value += 1</tt> is still a read and a write, and only the manager's "
              "<tt>Lock()</tt> keeps updates from being lost.</p>"
              "<p>The verdict compares the updates the workers made with the final value.</p>");
}

QString SharedVsManager::pythonSnippet(const ParameterValues &values) const
{
    // Code, not prose: it stays in English like any Python source would.
    const SharedStore store = storeOf(values);
    const bool lock = values.isOn(QStringLiteral("lock"));
    QStringList c;
    c << QStringLiteral("# x += 1 from many processes, through %1, %2.")
             .arg(store == SharedStore::Manager ? QStringLiteral("a manager's Value")
                  : store == SharedStore::Array ? QStringLiteral("a shared Array")
                                                : QStringLiteral("a shared Value"),
                  lock ? QStringLiteral("with a lock") : QStringLiteral("no lock"))
      << QStringLiteral("# Save it as shared_counter.py and run: python3 shared_counter.py")
      << QStringLiteral("import multiprocessing") << QStringLiteral("import os") << QStringLiteral("import time")
      << QString() << QStringLiteral("WORKERS = %1").arg(values.integer(QStringLiteral("workers")))
      << QStringLiteral("UPDATES = %1").arg(values.integer(QStringLiteral("updates")));
    if (store == SharedStore::Array)
        c << QStringLiteral("SLOTS = %1  # update u goes to slot u mod SLOTS").arg(kArrayLength);
    c << QString() << QString();
    QString in = QStringLiteral("        ");
    if (store == SharedStore::Manager) {
        c << QStringLiteral("def worker(i, x, lock, done):");
    } else {
        c << QStringLiteral("def worker(i, x, done):");
        if (lock)
            c << QStringLiteral("    lock = x.get_lock()  # the lock that came with the shared memory");
    }
    c << QStringLiteral("    start = time.perf_counter()") << QStringLiteral("    for u in range(UPDATES):");
    if (lock) {
        c << in + QStringLiteral("with lock:");
        in += QStringLiteral("    ");
    }
    if (store == SharedStore::Array)
        c << in + QStringLiteral("x[u % SLOTS] += 1  # a read, then a write");
    else if (store == SharedStore::Manager)
        c << in + QStringLiteral("x.value += 1  # two round trips to the manager: get, then set");
    else
        c << in + QStringLiteral("x.value += 1  # a read, then a write");
    c << QStringLiteral("    ns = (time.perf_counter() - start) * 1e9 / UPDATES")
      << QStringLiteral("    print(f\"worker-{i + 1} (PID {os.getpid()}): done: {UPDATES} updates, {ns:.0f} ns each\\n\", "
                        "end=\"\", flush=True)");
    if (store == SharedStore::Manager)
        c << QStringLiteral("    done.append(UPDATES)  # one more round trip");
    c << QString() << QString() << QStringLiteral("if __name__ == \"__main__\":");
    QString finalValue = QStringLiteral("x.value");
    if (store == SharedStore::Manager) {
        c << QStringLiteral("    manager = multiprocessing.Manager()  # starts the manager's server process")
          << QStringLiteral("    x = manager.Value(\"i\", 0)  # a proxy: the number lives in the manager")
          << QStringLiteral("    lock = manager.Lock()%1").arg(lock ? QString() : QStringLiteral("  # made, but not used"))
          << QStringLiteral("    done = manager.list()")
          << QStringLiteral("    args = lambda i: (i, x, lock, done)");
    } else {
        if (store == SharedStore::Array) {
            c << QStringLiteral("    x = multiprocessing.Array(\"i\", SLOTS, lock=%1)").arg(lock ? QStringLiteral("True") : QStringLiteral("False"));
            finalValue = QStringLiteral("sum(x)");
        } else {
            c << QStringLiteral("    x = multiprocessing.Value(\"i\", 0, lock=%1)").arg(lock ? QStringLiteral("True") : QStringLiteral("False"));
        }
        c << QStringLiteral("    done = None") << QStringLiteral("    args = lambda i: (i, x, done)");
    }
    c << QStringLiteral("    workers = [multiprocessing.Process(target=worker, args=args(i)) for i in range(WORKERS)]")
      << QStringLiteral("    for w in workers:") << QStringLiteral("        w.start()")
      << QStringLiteral("    for w in workers:") << QStringLiteral("        w.join()")
      << QStringLiteral("    expected, final = WORKERS * UPDATES, %1").arg(finalValue)
      << QStringLiteral("    if final < expected:")
      << QStringLiteral("        print(f\"Lost updates: {expected - final}. Expected {expected}, but the value ended at {final}.\")")
      << QStringLiteral("    else:")
      << QStringLiteral("        print(f\"Exact: the value ended at {final}, as expected.\")");
    if (store == SharedStore::Manager)
        c << QStringLiteral("    manager.shutdown()");
    return c.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QList<ParameterSpec> SharedVsManager::parameters() const
{
    using T = ParameterSpec::Type;
    return {
        {QStringLiteral("workers"), T::Integer, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Workers"), "",
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Worker processes updating the shared number (the notes use 100)."), 1, 128, 4,
         {}, {}},
        {QStringLiteral("updates"), T::Integer, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Updates"), "",
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Times each worker adds 1."), 1, 1000000, 2000, {}, {}},
        {QStringLiteral("store"), T::Choice, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Shared through"), "",
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters",
                           "A Value or an Array in shared memory, or a Value in a manager's server process."),
         0, 0, 0, {QStringLiteral("value"), QStringLiteral("array"), QStringLiteral("manager")}, QStringLiteral("value")},
        {QStringLiteral("lock"), T::Choice, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Lock"), "",
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters",
                           "Hold the lock around each read and write (get_lock(), or the manager's Lock())."),
         0, 0, 0, {QStringLiteral("on"), QStringLiteral("off")}, QStringLiteral("off")},
    };
}

QList<Preset> SharedVsManager::presets() const
{
    return {
        {QT_TRANSLATE_NOOP("cl::scenarios::Presets", "As in the notes"),
         {{QStringLiteral("workers"), QStringLiteral("100")},
          {QStringLiteral("updates"), QStringLiteral("1")},
          {QStringLiteral("store"), QStringLiteral("manager")},
          {QStringLiteral("lock"), QStringLiteral("on")}}},
        {QT_TRANSLATE_NOOP("cl::scenarios::Presets", "Quick"),
         {{QStringLiteral("workers"), QStringLiteral("3")},
          {QStringLiteral("updates"), QStringLiteral("200")},
          {QStringLiteral("store"), QStringLiteral("manager")},
          {QStringLiteral("lock"), QStringLiteral("on")}}},
    };
}

record::SharedArena::Layout SharedVsManager::layout(const ParameterValues &values) const
{
    record::SharedArena::Layout l;
    const qint64 workers = values.integer(QStringLiteral("workers"));
    const qint64 updates = values.integer(QStringLiteral("updates"));
    const bool manager = storeOf(values) == SharedStore::Manager;
    const bool lock = values.isOn(QStringLiteral("lock"));
    l.ringCount = std::uint32_t(workers + 1);
    // Per update: a lock records up to 5 events, a manager round trip 4 on
    // each side. The collector drains while it runs; this bounds a burst.
    const qint64 perWorker = updates * ((lock ? 5 : 0) + (manager ? 12 : 0)) + 2 * kSamplesPerWorker + 64;
    std::uint32_t capacity = 1024;
    while (capacity < perWorker * (manager ? 2 : 1) && capacity < (1u << 18))
        capacity <<= 1;
    l.ringCapacity = capacity;
    l.objectsBytes = 64 * 1024 + std::size_t(workers) * sizeof(UpdaterResult);
    return l;
}

int SharedVsManager::plannedProcesses(const ParameterValues &values) const
{
    return int(values.integer(QStringLiteral("workers"))) + (storeOf(values) == SharedStore::Manager ? 1 : 0);
}

Outcome SharedVsManager::run(RunContext &context, const ParameterValues &values) const
{
    Outcome out;
    const int workers = int(values.integer(QStringLiteral("workers")));
    const qint64 updates = values.integer(QStringLiteral("updates"));
    const SharedStore store = storeOf(values);
    const bool lock = values.isOn(QStringLiteral("lock"));
    auto &arena = context.arena();
    record::Writer &w = context.writer();
    ManagerHost manager(context);

    SharedUpdaterArgs args{};
    args.store = store;
    args.withLock = lock ? 1 : 0;
    args.updates = updates;
    args.sampleEvery = std::max<qint64>(1, updates / kSamplesPerWorker);
    args.arrayOffset = runtime::SharedArray::create(arena, store == SharedStore::Array ? kArrayLength : 1, lock);
    args.resultsOffset = arena.allocateObject(sizeof(UpdaterResult) * std::size_t(workers), alignof(UpdaterResult));
    args.startLineOffset = arena.allocateObject(sizeof(std::atomic<std::uint32_t>), alignof(std::atomic<std::uint32_t>));
    if (args.arrayOffset == 0 || args.resultsOffset == 0 || args.startLineOffset == 0) {
        out.error = tr("could not set up the shared value");
        return out;
    }
    auto *results = arena.object<UpdaterResult>(args.resultsOffset);
    for (int i = 0; i < workers; ++i)
        new (&results[i]) UpdaterResult{};
    auto *startLine = new (arena.object<std::atomic<std::uint32_t>>(args.startLineOffset)) std::atomic<std::uint32_t>(0);
    runtime::SharedArray array(arena, args.arrayOffset);
    w.counter(trace::counter_id::SharedValue, 0);
    w.nameObject(trace::counter_id::SharedValue, "shared value");
    if (lock && store != SharedStore::Manager)
        w.nameObject(array.lock()->objectId(), store == SharedStore::Array ? "array lock" : "value lock");

    if (store == SharedStore::Manager) {
        out.error = manager.start();
        if (out.error.isEmpty() && manager.pid() != 0) {
            args.managerOffset = manager.stateOffset();
            args.valueHandle = manager.create(runtime::ManagerOp::CreateValue, 0, "x (manager Value)", args.valueObject);
            args.lockHandle = manager.create(runtime::ManagerOp::CreateLock, 0, "lock (manager Lock)", args.lockObject);
            args.listHandle = manager.create(runtime::ManagerOp::CreateList, 0, "done (manager list)", args.listObject);
            if (args.valueHandle == 0 || args.lockHandle == 0 || args.listHandle == 0)
                out.error = tr("could not create the proxied objects in the manager process (pid %1)").arg(manager.pid());
        }
        if (!out.error.isEmpty() || manager.pid() == 0) {
            const QString ended = manager.finish();
            context.waitAll();
            if (out.error.isEmpty())
                out.error = ended.isEmpty() ? context.error() : ended;
            return out;
        }
    }

    int started = 0;
    for (; started < workers; ++started)
        if (!context.spawn(false, "shared-vs-manager.worker", "worker-" + std::to_string(started + 1), started, args))
            break;
    startLine->store(1, std::memory_order_release); // everyone starts together
    qint64 final = 0;
    qint64 listed = 0;
    QString managerError;
    bool finalKnown = true;
    if (store == SharedStore::Manager) {
        manager.waitForWorkers();
        runtime::ValueProxy x(manager.connection(), args.valueHandle, args.valueObject);
        runtime::ListProxy done(manager.connection(), args.listHandle, args.listObject);
        std::int64_t v = 0, n = 0;
        finalKnown = !manager.diedEarly() && x.get(w, v) == runtime::ManagerStatus::Ok &&
                     done.size(w, n) == runtime::ManagerStatus::Ok;
        final = v;
        listed = n;
        managerError = manager.finish();
    }
    context.waitAll();
    if (store != SharedStore::Manager)
        final = array.sum();

    QStringList errors;
    if (!context.error().isEmpty())
        errors << context.error();
    if (!managerError.isEmpty())
        errors << managerError;
    out.error = errors.join(QStringLiteral("; "));

    qint64 expected = 0, elapsedNs = 0;
    for (int i = 0; i < started; ++i) {
        expected += results[i].made.load();
        elapsedNs = std::max<qint64>(elapsedNs, results[i].elapsedNs.load());
    }
    // Per update of one worker: how long one "x += 1" took, waits included.
    const qint64 perWorker = started > 0 ? expected / started : 0;
    const qint64 nsPerUpdate = perWorker > 0 ? elapsedNs / perWorker : 0;
    if (finalKnown)
        w.counter(trace::counter_id::SharedValue, final);
    const qint64 lost = expected - final;
    out.metrics = {
        {QStringLiteral("expected"), expected, tr("expected")},
        {QStringLiteral("final"), final, tr("final value")},
        {QStringLiteral("lost"), lost, tr("lost updates")},
        {QStringLiteral("us_per_update"), (nsPerUpdate + 500) / 1000, tr("µs per update")},
        {QStringLiteral("ns_per_update"), nsPerUpdate, tr("ns per update")},
        {QStringLiteral("manager_pid"), manager.pid(), tr("manager PID")},
    };
    if (store == SharedStore::Manager)
        out.metrics.append({QStringLiteral("workers_reported"), listed, tr("workers in the manager's list")});
    if (!finalKnown) {
        out.verdict = tr("The final value could not be read from the manager, so lost updates were not counted.");
        return out;
    }
    out.problem = lost > 0;
    const QString cost = nsPerUpdate < 10000
                             ? tr("One update took %1 ns on average.").arg(nsPerUpdate)
                         : nsPerUpdate < 10000000
                             ? tr("One update took %1 µs on average.").arg(double(nsPerUpdate) / 1000.0, 0, 'f', 1)
                             : tr("One update took %1 ms on average, waits included.")
                                   .arg(double(nsPerUpdate) / 1e6, 0, 'f', 1);
    if (lost > 0)
        out.verdict = tr("Lost updates: %1. Expected %2, but the value ended at %3.").arg(lost).arg(expected).arg(final);
    else
        out.verdict = tr("Exact: the value ended at %1, as expected.").arg(final);
    out.verdict += QLatin1Char(' ') + cost;
    if (expected < qint64(started) * updates)
        out.verdict += QLatin1Char(' ') + tr("%1 of the %2 planned updates were never made (a worker was stopped or "
                                             "cut off first); they do not count as lost.")
                                              .arg(qint64(started) * updates - expected)
                                              .arg(qint64(started) * updates);
    return out;
}

} // namespace cl::scenarios
