#include "core/scenarios/lifecycle.h"
#include "core/scenarios/process_lesson_tasks.h"
#include "core/scenarios/run_context.h"

#include <chrono>
#include <csignal>
#include <new>

namespace cl::scenarios {

namespace {
constexpr int kChildren = 2;

QString howItEnded(std::int64_t value)
{
    return value < 0 ? Lifecycle::tr("signal %1 (exit value %2)").arg(-value).arg(value)
                     : Lifecycle::tr("exit code %1").arg(value);
}
} // namespace

QString Lifecycle::title() const { return tr("Process lifecycle: join, daemon, terminate, exit codes"); }

QString Lifecycle::category() const { return tr("Processes and threads"); }

QString Lifecycle::description() const
{
    return tr("<p>The main process starts two children, each working <i>work_ms</i> with <i>threads</i> extra "
              "threads of its own (their TIDs are tracks inside the child's process). <b>child-1</b> ends by "
              "itself with <i>exit_code</i>, or, if <i>signal</i> is set, is ended by that signal: its exit "
              "value is then −N, as Python reports it. <b>child-2</b> is sent SIGTERM (terminate()) after "
              "<i>terminate_after_ms</i>, if set.</p>"
              "<p>With <b>join</b> on, the main process waits for both children (the grey wait on its track). "
              "Without it, its own code ends after <i>parent_ms</i>. Then <b>daemon</b> children are "
              "terminated at once, as Python does at exit; the others are waited for.</p>");
}

QList<ParameterSpec> Lifecycle::parameters() const
{
    using T = ParameterSpec::Type;
    const char *ms = QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "ms");
    return {
        {QStringLiteral("daemon"), T::Choice, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Daemon children"), "",
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Daemon children are terminated when the main code ends."),
         0, 0, 0, {QStringLiteral("on"), QStringLiteral("off")}, QStringLiteral("off")},
        {QStringLiteral("join"), T::Choice, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Join"), "",
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "The main process waits for both children before going on."),
         0, 0, 0, {QStringLiteral("on"), QStringLiteral("off")}, QStringLiteral("on")},
        {QStringLiteral("work_ms"), T::Integer, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Child works"), ms,
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "How long each child (and each of its threads) works."), 0,
         10000, 2000, {}, {}},
        {QStringLiteral("parent_ms"), T::Integer, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Main code runs"),
         ms, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Without join: when the main process's own code ends."),
         0, 10000, 1000, {}, {}},
        {QStringLiteral("terminate_after_ms"), T::Integer,
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Terminate child-2 after"), ms,
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Send SIGTERM to child-2 this long after the start; 0: never."),
         0, 10000, 0, {}, {}},
        {QStringLiteral("exit_code"), T::Integer, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Exit code"), "",
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "child-1's exit code (sys.exit(N))."), 0, 255, 0, {}, {}},
        {QStringLiteral("signal"), T::Integer, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Signal"), "",
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters",
                           "child-1 ends by this signal instead (9 = SIGKILL, 15 = SIGTERM); 0: none."),
         0, 31, 0, {}, {}},
        {QStringLiteral("threads"), T::Integer, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Threads per child"),
         "", QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Extra threads each child starts."), 0, 16, 2, {}, {}},
    };
}

QList<Preset> Lifecycle::presets() const
{
    return {
        {QT_TRANSLATE_NOOP("cl::scenarios::Presets", "As in the notes"),
         {{QStringLiteral("daemon"), QStringLiteral("on")},
          {QStringLiteral("join"), QStringLiteral("off")},
          {QStringLiteral("work_ms"), QStringLiteral("2000")},
          {QStringLiteral("parent_ms"), QStringLiteral("1000")},
          {QStringLiteral("threads"), QStringLiteral("3")}}},
        {QT_TRANSLATE_NOOP("cl::scenarios::Presets", "Quick"),
         {{QStringLiteral("join"), QStringLiteral("on")},
          {QStringLiteral("work_ms"), QStringLiteral("300")},
          {QStringLiteral("terminate_after_ms"), QStringLiteral("100")},
          {QStringLiteral("exit_code"), QStringLiteral("3")},
          {QStringLiteral("threads"), QStringLiteral("1")}}},
    };
}

record::SharedArena::Layout Lifecycle::layout(const ParameterValues &values) const
{
    record::SharedArena::Layout l;
    l.ringCount = std::uint32_t(kChildren * (1 + values.integer(QStringLiteral("threads"))) + 1);
    l.ringCapacity = 1024;
    l.objectsBytes = 16 * 1024;
    return l;
}

int Lifecycle::plannedProcesses(const ParameterValues &) const { return kChildren; }

Outcome Lifecycle::run(RunContext &context, const ParameterValues &values) const
{
    using Clock = std::chrono::steady_clock;
    Outcome out;
    auto &arena = context.arena();
    const bool daemon = values.isOn(QStringLiteral("daemon"));
    const bool join = values.isOn(QStringLiteral("join"));
    const qint64 parentMs = values.integer(QStringLiteral("parent_ms"));
    const qint64 terminateMs = values.integer(QStringLiteral("terminate_after_ms"));
    const int threads = int(values.integer(QStringLiteral("threads")));

    const std::uint64_t resultsOffset =
        arena.allocateObject(sizeof(LifecycleResult) * kChildren, alignof(LifecycleResult));
    if (resultsOffset == 0) {
        out.error = tr("could not set up the children's results");
        return out;
    }
    auto *results = arena.object<LifecycleResult>(resultsOffset);
    std::vector<std::uint32_t> threadRings[kChildren];
    int started = 0;
    for (; started < kChildren; ++started) {
        new (&results[started]) LifecycleResult{};
        LifecycleArgs args{};
        args.resultOffset = resultsOffset + sizeof(LifecycleResult) * std::size_t(started);
        args.workMs = values.integer(QStringLiteral("work_ms"));
        args.threads = threads;
        args.exitCode = started == 0 ? std::int32_t(values.integer(QStringLiteral("exit_code"))) : 0;
        args.signal = started == 0 ? std::int32_t(values.integer(QStringLiteral("signal"))) : 0;
        for (int t = 0; t < threads; ++t) {
            const int ring = arena.acquireRing();
            if (ring < 0)
                break;
            args.threadRings[t] = std::uint32_t(ring);
            threadRings[started].push_back(std::uint32_t(ring));
        }
        args.threads = int(threadRings[started].size());
        if (!context.spawn(false, "lifecycle.child", "child-" + std::to_string(started + 1), started, args))
            break;
    }
    const std::vector<WorkerInfo> spawned = context.workers();
    const auto t0 = Clock::now();
    const auto ended = [&context](std::size_t i) { return context.workers()[i].ended; };
    // A child's threads end with its process: their tracks end when it is
    // reaped, and their rings close (a terminated process never gets to).
    bool threadsClosed[kChildren] = {};
    const auto closeThreadsOfEnded = [&] {
        const std::vector<WorkerInfo> now = context.workers();
        for (std::size_t i = 0; i < now.size(); ++i) {
            if (!now[i].ended || threadsClosed[i])
                continue;
            threadsClosed[i] = true;
            for (std::uint32_t ring : threadRings[i]) {
                auto *header = arena.ring(ring).header();
                if (header->ownerTid != 0)
                    context.writer().recordFor(header->ownerPid, header->ownerTid, trace::EventKind::WorkerExit, 0,
                                               0, now[i].exitValue);
                header->state.store(record::RingState::Closed, std::memory_order_release);
            }
        }
    };
    // Waits (reaping) until `until`, or until every child ended when `all`.
    const auto waitUntil = [&](Clock::time_point until, bool all) {
        context.writer().spanBegin(trace::SpanState::Sleep);
        while (!context.stopRequested()) {
            const bool left = context.reapFor(5);
            closeThreadsOfEnded();
            if ((all && !left) || (!all && Clock::now() >= until))
                break;
        }
        context.writer().spanEnd(trace::SpanState::Sleep);
    };
    if (terminateMs > 0 && spawned.size() > 1) {
        waitUntil(t0 + std::chrono::milliseconds(terminateMs), false);
        if (!ended(1))
            context.launcher()->kill(spawned[1].pid, SIGTERM); // p.terminate()
    }
    if (join)
        waitUntil(Clock::time_point::max(), true);
    else
        waitUntil(t0 + std::chrono::milliseconds(parentMs), false);
    // The main code ends here.
    int aliveAtEnd = 0;
    for (std::size_t i = 0; i < spawned.size(); ++i)
        if (!ended(i)) {
            ++aliveAtEnd;
            if (daemon)
                context.launcher()->kill(spawned[i].pid, SIGTERM); // daemons do not outlive the main code
        }
    waitUntil(Clock::time_point::max(), true); // Python waits for non-daemon children at exit
    if (context.stopRequested())
        context.waitAll();
    if (!context.error().isEmpty())
        out.error = context.error();

    closeThreadsOfEnded();
    const std::vector<WorkerInfo> finals = context.workers();
    int threadsSeen = 0;
    for (std::size_t i = 0; i < finals.size(); ++i)
        threadsSeen = std::max(threadsSeen, int(results[i].threadsSeen.load()));
    for (std::size_t i = finals.size(); i < std::size_t(kChildren); ++i)
        for (std::uint32_t ring : threadRings[i])
            arena.ring(ring).header()->state.store(record::RingState::Closed, std::memory_order_release);

    const std::int64_t exit1 = finals.size() > 0 ? finals[0].exitValue : 0;
    const std::int64_t exit2 = finals.size() > 1 ? finals[1].exitValue : 0;
    const int aliveAfter = daemon ? 0 : aliveAtEnd;
    out.metrics = {
        {QStringLiteral("exit_child_1"), exit1, tr("child-1's exit value")},
        {QStringLiteral("exit_child_2"), exit2, tr("child-2's exit value")},
        {QStringLiteral("running_at_main_end"), aliveAtEnd, tr("children running when the main code ended")},
        {QStringLiteral("alive_after_parent"), aliveAfter, tr("children that outlived the main code")},
        {QStringLiteral("threads_seen"), threadsSeen, tr("threads in a child (/proc/self/task)")},
    };
    if (context.stopRequested())
        return out;
    QStringList v;
    v << tr("child-1 ended with %1, child-2 with %2.").arg(howItEnded(exit1), howItEnded(exit2));
    if (join)
        v << tr("join() made the main process wait until both had ended.");
    else if (aliveAtEnd == 0)
        v << tr("The main code ended after %1 ms, when both children had already ended.").arg(parentMs);
    else if (daemon)
        v << tr("The main code ended after %1 ms with %n child(ren) still running: as daemons they were "
                "terminated (SIGTERM) right then.",
                nullptr, aliveAtEnd)
                 .arg(parentMs);
    else
        v << tr("The main code ended after %1 ms with %n child(ren) still running: they are not daemons, so the "
                "main process waited for them before exiting.",
                nullptr, aliveAtEnd)
                 .arg(parentMs);
    if (threadsSeen > 0)
        v << tr("A child saw %1 threads in /proc/self/task: its main thread and %2 of its own.")
                 .arg(threadsSeen)
                 .arg(threadsSeen - 1);
    out.verdict = v.join(QLatin1Char(' '));
    return out;
}

QString Lifecycle::pythonSnippet(const ParameterValues &values) const
{
    // Code, not prose: it stays in English like any Python source would.
    const auto py = [](bool on) { return on ? QStringLiteral("True") : QStringLiteral("False"); };
    QStringList c;
    c << QStringLiteral("# Process lifecycle: start, join, daemon, terminate, exit codes, threads.")
      << QStringLiteral("# Save it as lifecycle.py and run: python3 lifecycle.py")
      << QStringLiteral("import multiprocessing") << QStringLiteral("import os") << QStringLiteral("import sys")
      << QStringLiteral("import threading") << QStringLiteral("import time") << QString()
      << QStringLiteral("DAEMON = %1").arg(py(values.isOn(QStringLiteral("daemon"))))
      << QStringLiteral("JOIN = %1").arg(py(values.isOn(QStringLiteral("join"))))
      << QStringLiteral("WORK_MS = %1").arg(values.integer(QStringLiteral("work_ms")))
      << QStringLiteral("PARENT_MS = %1").arg(values.integer(QStringLiteral("parent_ms")))
      << QStringLiteral("TERMINATE_AFTER_MS = %1  # 0: never").arg(values.integer(QStringLiteral("terminate_after_ms")))
      << QStringLiteral("EXIT_CODE = %1").arg(values.integer(QStringLiteral("exit_code")))
      << QStringLiteral("SIGNAL = %1  # 0: none").arg(values.integer(QStringLiteral("signal")))
      << QStringLiteral("THREADS = %1").arg(values.integer(QStringLiteral("threads"))) << QString() << QString()
      << QStringLiteral("def child(exit_code, sig):")
      << QStringLiteral("    me = multiprocessing.current_process()")
      << QStringLiteral("    threads = [threading.Thread(target=time.sleep, args=(WORK_MS / 1000,)) for _ in range(THREADS)]")
      << QStringLiteral("    for t in threads:") << QStringLiteral("        t.start()")
      << QStringLiteral("    print(f\"{me.name} (PID {os.getpid()}, PPID {os.getppid()}): \"")
      << QStringLiteral("          f\"{threading.active_count()} threads\", flush=True)")
      << QStringLiteral("    time.sleep(WORK_MS / 1000)") << QStringLiteral("    for t in threads:")
      << QStringLiteral("        t.join()") << QStringLiteral("    if sig:")
      << QStringLiteral("        os.kill(os.getpid(), sig)  # exitcode -sig")
      << QStringLiteral("    sys.exit(exit_code)") << QString() << QString()
      << QStringLiteral("if __name__ == \"__main__\":")
      << QStringLiteral("    c1 = multiprocessing.Process(target=child, args=(EXIT_CODE, SIGNAL), name=\"child-1\", daemon=DAEMON)")
      << QStringLiteral("    c2 = multiprocessing.Process(target=child, args=(0, 0), name=\"child-2\", daemon=DAEMON)")
      << QStringLiteral("    t0 = time.monotonic()") << QStringLiteral("    c1.start()") << QStringLiteral("    c2.start()")
      << QStringLiteral("    if TERMINATE_AFTER_MS:") << QStringLiteral("        time.sleep(TERMINATE_AFTER_MS / 1000)")
      << QStringLiteral("        c2.terminate()  # SIGTERM") << QStringLiteral("    if JOIN:")
      << QStringLiteral("        c1.join()") << QStringLiteral("        c2.join()") << QStringLiteral("    else:")
      << QStringLiteral("        time.sleep(max(0.0, PARENT_MS / 1000 - (time.monotonic() - t0)))")
      << QStringLiteral("    alive = [p.name for p in (c1, c2) if p.is_alive()]")
      << QStringLiteral("    print(f\"main code ends; still running: {alive}\", flush=True)")
      << QStringLiteral("    for p in (c1, c2):  # what multiprocessing does at exit")
      << QStringLiteral("        if p.daemon and p.is_alive():") << QStringLiteral("            p.terminate()")
      << QStringLiteral("        p.join()") << QStringLiteral("        print(f\"{p.name}: exitcode {p.exitcode}\")");
    return c.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace cl::scenarios
