#include "core/scenarios/zombie_orphan.h"
#include "core/runtime/launcher.h"
#include "core/sample/proc_sampler.h"
#include "core/scenarios/process_lesson_tasks.h"
#include "core/scenarios/run_context.h"

#include <QFile>
#include <chrono>
#include <csignal>
#include <new>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace cl::scenarios {

namespace {
std::optional<sample::PidStat> readStat(pid_t pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QByteArray text = f.readAll();
    return sample::parsePidStat(std::string_view(text.constData(), std::size_t(text.size())));
}
} // namespace

QString ZombieOrphan::title() const { return tr("Zombies and orphans"); }

QString ZombieOrphan::category() const { return tr("Processes and threads"); }

QString ZombieOrphan::description() const
{
    return tr("<p>A worker process, the <b>parent</b>, forks a <b>child</b>. What the timeline shows of the "
              "child's state comes from the kernel: the /proc sampler reads <i>/proc/PID/stat</i>.</p>"
              "<p><b>zombie</b>: the child ends after <i>child_ms</i>, but its parent is busy for "
              "<i>reap_after_ms</i> before it calls wait(). Until then the kernel keeps the child's exit "
              "status, and reports its state as <b>Z</b>: the zombie span. Every process is a zombie for a "
              "moment; one whose parent never waits stays one.</p>"
              "<p><b>orphan</b>: the parent ends after <i>parent_exit_after_ms</i> while its child still runs. "
              "The kernel gives the child a new parent: the nearest ancestor that is a <i>child subreaper</i> "
              "(this app is one), or init. The child's PPID changes (a line on its track), and the app reaps it "
              "when it ends, so no zombie is left.</p>");
}

QString ZombieOrphan::pythonSnippet(const ParameterValues &values) const
{
    // Code, not prose: it stays in English like any Python source would.
    const bool orphan = values.choice(QStringLiteral("case")) == QLatin1String("orphan");
    QStringList c;
    c << QStringLiteral("# Zombies and orphans: the %1 case, with the kernel's view from /proc.")
             .arg(orphan ? QStringLiteral("orphan") : QStringLiteral("zombie"))
      << QStringLiteral("# Save it as zombie_orphan.py and run: python3 zombie_orphan.py (Linux)");
    if (orphan)
        c << QStringLiteral("import ctypes");
    c << QStringLiteral("import os") << QStringLiteral("import time") << QString()
      << QStringLiteral("CHILD_MS = %1").arg(values.integer(QStringLiteral("child_ms")));
    if (orphan)
        c << QStringLiteral("PARENT_EXIT_AFTER_MS = %1").arg(values.integer(QStringLiteral("parent_exit_after_ms")));
    else
        c << QStringLiteral("REAP_AFTER_MS = %1").arg(values.integer(QStringLiteral("reap_after_ms")));
    c << QString() << QString() << QStringLiteral("def state_of(pid):")
      << QStringLiteral("    with open(f\"/proc/{pid}/stat\") as f:")
      << QStringLiteral("        fields = f.read().rsplit(\")\", 1)[1].split()")
      << QStringLiteral("    return fields[0], int(fields[1])  # state (Z = zombie), PPID") << QString() << QString();
    if (!orphan) {
        c << QStringLiteral("child = os.fork()") << QStringLiteral("if child == 0:")
          << QStringLiteral("    time.sleep(CHILD_MS / 1000)") << QStringLiteral("    os._exit(0)")
          << QStringLiteral("print(f\"parent (PID {os.getpid()}) started child {child}\", flush=True)")
          << QStringLiteral("os.waitid(os.P_PID, child, os.WEXITED | os.WNOWAIT)  # it ended; not reaped yet")
          << QStringLiteral("state, ppid = state_of(child)")
          << QStringLiteral("print(f\"child {child}: state {state}, PPID {ppid}\", flush=True)")
          << QStringLiteral("time.sleep(REAP_AFTER_MS / 1000)  # busy elsewhere: the child stays a zombie")
          << QStringLiteral("print(f\"child {child}: state {state_of(child)[0]} after {REAP_AFTER_MS} ms\", flush=True)")
          << QStringLiteral("os.waitpid(child, 0)  # reaped: the kernel forgets it")
          << QStringLiteral("print(f\"reaped; /proc/{child} exists: {os.path.exists(f'/proc/{child}')}\")");
    } else {
        c << QStringLiteral("PR_SET_CHILD_SUBREAPER = 36")
          << QStringLiteral("# Orphans of our descendants come to us, not to init (PID 1).")
          << QStringLiteral("ctypes.CDLL(None).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)")
          << QStringLiteral("parent = os.fork()") << QStringLiteral("if parent == 0:")
          << QStringLiteral("    child = os.fork()") << QStringLiteral("    if child == 0:")
          << QStringLiteral("        before = os.getppid()")
          << QStringLiteral("        time.sleep((PARENT_EXIT_AFTER_MS + CHILD_MS) / 1000)")
          << QStringLiteral("        print(f\"child (PID {os.getpid()}): PPID {before} -> {os.getppid()}\", flush=True)")
          << QStringLiteral("        os._exit(0)")
          << QStringLiteral("    time.sleep(PARENT_EXIT_AFTER_MS / 1000)")
          << QStringLiteral("    print(f\"parent (PID {os.getpid()}) exits; child {child} is an orphan\", flush=True)")
          << QStringLiteral("    os._exit(0)")
          << QStringLiteral("os.waitpid(parent, 0)")
          << QStringLiteral("orphan, status = os.wait()  # re-parented to us, and ours to reap")
          << QStringLiteral("print(f\"main (PID {os.getpid()}) reaped the orphan {orphan}\")");
    }
    return c.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QList<ParameterSpec> ZombieOrphan::parameters() const
{
    using T = ParameterSpec::Type;
    const char *ms = QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "ms");
    return {
        {QStringLiteral("case"), T::Choice, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Case"), "",
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters",
                           "zombie: the parent reaps its ended child late. orphan: the parent ends first."),
         0, 0, 0, {QStringLiteral("zombie"), QStringLiteral("orphan")}, QStringLiteral("zombie")},
        {QStringLiteral("child_ms"), T::Integer, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Child works"), ms,
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters",
                           "How long the child runs (for an orphan: after its parent ended)."),
         0, 10000, 300, {}, {}},
        {QStringLiteral("reap_after_ms"), T::Integer, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Reap after"), ms,
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters",
                           "zombie: how long after the child ended its parent calls wait()."),
         0, 10000, 1000, {}, {}},
        {QStringLiteral("parent_exit_after_ms"), T::Integer,
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Parent exits after"), ms,
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "orphan: how long after starting the child its parent ends."),
         0, 10000, 300, {}, {}},
    };
}

QList<Preset> ZombieOrphan::presets() const
{
    return {
        {QT_TRANSLATE_NOOP("cl::scenarios::Presets", "As in the notes"),
         {{QStringLiteral("case"), QStringLiteral("zombie")},
          {QStringLiteral("child_ms"), QStringLiteral("500")},
          {QStringLiteral("reap_after_ms"), QStringLiteral("2000")}}},
        {QT_TRANSLATE_NOOP("cl::scenarios::Presets", "Quick"),
         {{QStringLiteral("child_ms"), QStringLiteral("100")},
          {QStringLiteral("reap_after_ms"), QStringLiteral("300")},
          {QStringLiteral("parent_exit_after_ms"), QStringLiteral("100")}}},
    };
}

record::SharedArena::Layout ZombieOrphan::layout(const ParameterValues &) const
{
    record::SharedArena::Layout l;
    l.ringCount = 3; // the parent, its child, and one spare
    l.ringCapacity = 1024;
    l.objectsBytes = 16 * 1024;
    return l;
}

int ZombieOrphan::plannedProcesses(const ParameterValues &) const { return 2; }

Outcome ZombieOrphan::run(RunContext &context, const ParameterValues &values) const
{
    Outcome out;
    const bool orphan = values.choice(QStringLiteral("case")) == QLatin1String("orphan");
    auto &arena = context.arena();
    // Orphans of our descendants come to us, not to init, and we reap them.
    prctl(PR_SET_CHILD_SUBREAPER, 1);
    const pid_t app = getpid();

    FamilyArgs args{};
    args.orphan = orphan ? 1 : 0;
    args.reapAfterMs = values.integer(QStringLiteral("reap_after_ms"));
    args.parentExitAfterMs = values.integer(QStringLiteral("parent_exit_after_ms"));
    args.childLifeMs = values.integer(QStringLiteral("child_ms")) + (orphan ? args.parentExitAfterMs : 0);
    args.boardOffset = arena.allocateObject(sizeof(FamilyBoard), alignof(FamilyBoard));
    const int ring = arena.acquireRing();
    if (args.boardOffset == 0 || ring < 0) {
        out.error = tr("could not set up the parent and child");
        return out;
    }
    args.childRing = std::uint32_t(ring);
    auto *board = new (arena.object<FamilyBoard>(args.boardOffset)) FamilyBoard{};
    if (!context.spawn(false, "zombie-orphan.parent", "parent", 0, args)) {
        arena.ring(args.childRing).header()->state.store(record::RingState::Closed);
        out.error = context.error();
        return out;
    }
    const pid_t parent = context.workers().front().pid;

    using Clock = std::chrono::steady_clock;
    pid_t child = 0;
    bool childGone = false, reapedHere = false;
    std::optional<Clock::time_point> zombieSince;
    double zombieMs = 0;
    std::int32_t ppidBefore = 0, ppidAfter = 0;
    std::int64_t childExit = 0;
    // Long enough for every phase; past it (or on Stop) the child is killed.
    const auto deadline = Clock::now() + std::chrono::milliseconds(args.childLifeMs + args.reapAfterMs + 10000);
    for (;;) {
        const bool workersLeft = context.reapFor(2);
        if (child == 0 && board->childPid.load() > 0) {
            child = board->childPid.load();
            context.watchProcess(child, true); // the zombie span and the PPID line come from /proc
        }
        if (child != 0 && !childGone) {
            const std::optional<sample::PidStat> stat = readStat(child);
            if (!stat) {
                childGone = true; // reaped by its parent
            } else {
                if (ppidBefore == 0)
                    ppidBefore = board->ppidBefore.load() ? board->ppidBefore.load() : stat->ppid;
                ppidAfter = stat->ppid;
                if (stat->state == 'Z' && !zombieSince)
                    zombieSince = Clock::now();
                if (stat->ppid == app) {
                    // Adopted: ours to reap, as soon as it ends.
                    if (context.stopRequested() || Clock::now() > deadline)
                        ::kill(child, SIGKILL);
                    int status = 0;
                    if (waitpid(child, &status, WNOHANG) == child) {
                        childGone = reapedHere = true;
                        childExit = runtime::ExitStatus{child, status, 0}.value();
                        context.writer().recordFor(child, child, trace::EventKind::WorkerExit, 0, 0, childExit);
                    }
                }
            }
            if (childGone && zombieSince)
                zombieMs = std::chrono::duration<double, std::milli>(Clock::now() - *zombieSince).count();
        }
        if (!workersLeft && (child == 0 || childGone))
            break;
        if (!workersLeft && child == 0)
            break;
    }
    // Nobody writes to the child's ring any more: it ended and was reaped.
    arena.ring(args.childRing).header()->state.store(record::RingState::Closed, std::memory_order_release);
    if (!context.error().isEmpty())
        out.error = context.error();

    out.metrics = {
        {QStringLiteral("zombie_seen_ms"), qint64(zombieMs + 0.5), tr("state Z in /proc (ms)")},
        {QStringLiteral("ppid_before"), ppidBefore, tr("child's PPID at first")},
        {QStringLiteral("ppid_after"), ppidAfter, tr("child's PPID at the end")},
        {QStringLiteral("reaped"), childGone ? 1 : 0, tr("child reaped")},
        {QStringLiteral("parent_pid"), parent, tr("parent's PID")},
        {QStringLiteral("app_pid"), app, tr("the app's PID")},
    };
    if (context.stopRequested())
        return out;
    if (!orphan) {
        out.verdict = zombieMs > 0
            ? tr("The child ended, but its parent (PID %1) waited %2 ms before reaping it: for %3 ms the kernel "
                 "reported it in state Z, a zombie. wait() reaped it and its /proc entry went away.")
                  .arg(parent)
                  .arg(args.reapAfterMs)
                  .arg(qint64(zombieMs + 0.5))
            : tr("The child was reaped before the sampler saw it as a zombie: its parent waited only %1 ms.")
                  .arg(args.reapAfterMs);
    } else if (ppidAfter == app) {
        out.verdict = tr("The parent (PID %1) ended while its child ran: the kernel re-parented the child from PPID "
                         "%2 to PPID %3, this app (a child subreaper), which reaped it when it ended (exit value %4).")
                          .arg(parent)
                          .arg(ppidBefore)
                          .arg(ppidAfter)
                          .arg(childExit);
    } else {
        out.problem = true;
        out.verdict = tr("The child's PPID went from %1 to %2, not to this app (PID %3).")
                          .arg(ppidBefore)
                          .arg(ppidAfter)
                          .arg(app);
    }
    Q_UNUSED(reapedHere);
    return out;
}

} // namespace cl::scenarios
