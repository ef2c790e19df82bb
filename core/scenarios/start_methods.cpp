#include "core/scenarios/start_methods.h"
#include "core/scenarios/process_lesson_tasks.h"
#include "core/scenarios/run_context.h"
#include "core/scenarios/run_session.h"
#include "core/trace/messages.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <new>

namespace cl::scenarios {

namespace {
// The parent's value of the global before its children start.
constexpr std::int64_t kParentValue = 1;

QString methodLabel(const QString &method)
{
    if (method == QLatin1String("spawn"))
        return cl::scenarios::StartMethods::tr("spawn");
    if (method == QLatin1String("forkserver"))
        return cl::scenarios::StartMethods::tr("the fork server");
    return cl::scenarios::StartMethods::tr("fork");
}
} // namespace

QString StartMethods::title() const { return tr("Start methods: fork, spawn, fork server"); }

QString StartMethods::category() const { return tr("Processes and threads"); }

QString StartMethods::description() const
{
    return tr("<p>A child process can start in three ways. <b>fork</b> copies the parent: its memory, its "
              "open files with their buffers, even its locks, and the child runs at once. <b>spawn</b> starts "
              "a fresh program (here the worker program <i>cl-worker</i>, as Python starts a new interpreter "
              "that imports the module again) that finds its task by name and gets only its arguments. The "
              "<b>fork server</b> is a small process started with the app, before anything else, that forks "
              "the children on request: they are copies of that clean process, not of the parent.</p>"
              "<p>The <i>starting</i> span of each child runs from the parent's request to the first "
              "instruction of its task: spawn, which loads a program, is visibly the slowest.</p>"
              "<p>The demos: <b>isolation</b> — the parent sets a global to 1 and each child adds 123 to its "
              "own copy; the parent's value does not change. A spawned child finds the program's initial 0. "
              "<b>inherited-lock</b> — the parent's thread holds a lock while the children start; a forked "
              "child's copy of the lock is held by a thread that does not exist in the child, so its acquire "
              "waits until the timeout (a long red wait). <b>double-flush</b> — the parent writes a line into a "
              "buffered file and starts the children before flushing it: every forked child flushes its copy "
              "of that buffer, so the line appears once per child, and once more from the parent.</p>");
}

QList<ParameterSpec> StartMethods::parameters() const
{
    using T = ParameterSpec::Type;
    return {
        {QStringLiteral("method"), T::Choice, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Start method"), "",
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters",
                           "How the children start: a copy of the app (fork), a fresh worker program (spawn) "
                           "or a copy of the fork server (forkserver)."),
         0, 0, 0, {QStringLiteral("fork"), QStringLiteral("spawn"), QStringLiteral("forkserver")},
         QStringLiteral("fork")},
        {QStringLiteral("children"), T::Integer, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Children"), "",
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Child processes to start, one after another."), 1, 64, 4,
         {}, {}},
        {QStringLiteral("demo"), T::Choice, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Demo"), "",
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters",
                           "What the children do: nothing (latency), change a global (isolation), take a lock "
                           "the parent holds (inherited-lock), or write to a file with the parent's unflushed "
                           "line in its buffer (double-flush)."),
         0, 0, 0,
         {QStringLiteral("latency"), QStringLiteral("isolation"), QStringLiteral("inherited-lock"),
          QStringLiteral("double-flush")},
         QStringLiteral("latency")},
        {QStringLiteral("timeout_ms"), T::Integer, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Acquire timeout"),
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "ms"),
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters",
                           "inherited-lock: how long a child waits for the lock before giving up."),
         10, 10000, 1000, {}, {}},
    };
}

QList<Preset> StartMethods::presets() const
{
    return {
        {QT_TRANSLATE_NOOP("cl::scenarios::Presets", "As in the notes"),
         {{QStringLiteral("method"), QStringLiteral("fork")},
          {QStringLiteral("children"), QStringLiteral("1")},
          {QStringLiteral("demo"), QStringLiteral("double-flush")}}},
        {QT_TRANSLATE_NOOP("cl::scenarios::Presets", "Quick"),
         {{QStringLiteral("method"), QStringLiteral("spawn")},
          {QStringLiteral("children"), QStringLiteral("4")},
          {QStringLiteral("demo"), QStringLiteral("latency")},
          {QStringLiteral("timeout_ms"), QStringLiteral("300")}}},
    };
}

record::SharedArena::Layout StartMethods::layout(const ParameterValues &values) const
{
    record::SharedArena::Layout l;
    l.ringCount = std::uint32_t(values.integer(QStringLiteral("children")) + 1);
    l.ringCapacity = 1024;
    l.objectsBytes = 64 * 1024;
    return l;
}

int StartMethods::plannedProcesses(const ParameterValues &values) const
{
    return int(values.integer(QStringLiteral("children")));
}

Outcome StartMethods::run(RunContext &context, const ParameterValues &values) const
{
    Outcome out;
    const QString methodName = values.choice(QStringLiteral("method"));
    const runtime::StartMethod method =
        runtime::parseStartMethod(methodName.toStdString()).value_or(runtime::StartMethod::Fork);
    const int children = int(values.integer(QStringLiteral("children")));
    const QString demoName = values.choice(QStringLiteral("demo"));
    const StartDemo demo = demoName == QLatin1String("isolation")        ? StartDemo::Isolation
                           : demoName == QLatin1String("inherited-lock") ? StartDemo::InheritedLock
                           : demoName == QLatin1String("double-flush")   ? StartDemo::DoubleFlush
                                                                         : StartDemo::Latency;
    auto &arena = context.arena();
    record::Writer &main = context.writer();

    // The launcher first: a fork server started now must not see the state
    // the parent sets up below, just as one started with the app does not.
    std::unique_ptr<runtime::ProcessLauncher> own;
    if (!context.launcher() || context.launcher()->method() != method) {
        QString why;
        own = makeLauncher(method, &why);
        if (!own) {
            out.error = why;
            return out;
        }
    }
    runtime::ProcessLauncher *previous = own ? context.swapLauncher(own.get()) : nullptr;
    struct Restore {
        RunContext &context;
        runtime::ProcessLauncher *previous;
        bool swapped;
        ~Restore()
        {
            context.waitAll(); // before our launcher goes away
            if (swapped)
                context.swapLauncher(previous);
        }
    } restore{context, previous, own != nullptr};

    StartArgs args{};
    args.demo = demo;
    args.lockTimeoutMs = std::int32_t(values.integer(QStringLiteral("timeout_ms")));
    args.resultsOffset = arena.allocateObject(sizeof(StartResult) * std::size_t(children), alignof(StartResult));
    if (args.resultsOffset == 0) {
        out.error = tr("could not set up the children's results");
        return out;
    }
    auto *results = arena.object<StartResult>(args.resultsOffset);
    for (int i = 0; i < children; ++i)
        new (&results[i]) StartResult{};

    QTemporaryDir dir; // double-flush: the file, removed with the directory
    QString filePath;
    if (demo == StartDemo::Isolation) {
        isolationGlobal() = kParentValue;
        main.printMessage(std::int64_t(trace::MessageId::ValueSeen),
                          std::string("value") + trace::kMessageArgSeparator + std::to_string(kParentValue));
    } else if (demo == StartDemo::InheritedLock) {
        args.lockObjectId = std::int32_t(arena.newObjectId());
        main.nameObject(std::uint32_t(args.lockObjectId), "lock");
        inheritedLock().lock();
        main.spanBegin(trace::SpanState::LockHold, std::uint32_t(args.lockObjectId));
    } else if (demo == StartDemo::DoubleFlush) {
        filePath = dir.filePath(QStringLiteral("demo.txt"));
        const QByteArray path = QFile::encodeName(filePath);
        if (!dir.isValid() || path.size() >= qsizetype(sizeof args.filePath)) {
            out.error = tr("could not create a temporary file for the demo");
            return out;
        }
        std::memcpy(args.filePath, path.constData(), std::size_t(path.size()));
        bufferedFile() = std::fopen(path.constData(), "a");
        if (!bufferedFile()) {
            out.error = tr("could not create a temporary file for the demo");
            return out;
        }
        // Stays in the FILE's buffer: nothing is written to the file yet.
        std::fputs("parent: written before the children started\n", bufferedFile());
    }

    int started = 0;
    for (; started < children; ++started) {
        args.requestNs = record::monotonicNs();
        if (!context.spawn(false, "start-methods.child", "child-" + std::to_string(started + 1), started, args))
            break;
    }
    context.waitAll();
    if (!context.error().isEmpty())
        out.error = context.error();

    std::vector<std::int64_t> startUs;
    int done = 0, acquired = 0;
    std::int64_t seen = -1;
    for (int i = 0; i < started; ++i) {
        if (!results[i].done.load())
            continue;
        ++done;
        startUs.push_back(results[i].startNs.load() / 1000);
        acquired += results[i].acquired.load();
        if (seen < 0)
            seen = results[i].valueSeen.load();
    }
    std::sort(startUs.begin(), startUs.end());
    const qint64 p50 = startUs.empty() ? 0 : startUs[(startUs.size() - 1) / 2];
    const qint64 max = startUs.empty() ? 0 : startUs.back();
    out.metrics = {{QStringLiteral("start_us_p50"), p50, tr("start latency, median (µs)")},
                   {QStringLiteral("start_us_max"), max, tr("start latency, max (µs)")}};
    const QString how = methodLabel(methodName);
    out.verdict = tr("With %1, %2 children started in %3 µs (median), at most %4 µs, from the request to the "
                     "first instruction of their task.")
                      .arg(how)
                      .arg(done)
                      .arg(p50)
                      .arg(max);

    switch (demo) {
    case StartDemo::Latency:
        break;
    case StartDemo::Isolation: {
        const std::int64_t after = isolationGlobal();
        isolationGlobal() = kGlobalAtStart;
        main.printMessage(std::int64_t(trace::MessageId::ValueSeen),
                          std::string("value") + trace::kMessageArgSeparator + std::to_string(after));
        out.metrics.append({QStringLiteral("parent_value_after"), after, tr("parent's value afterwards")});
        out.metrics.append({QStringLiteral("child_value_seen"), seen, tr("value a child found")});
        out.verdict += QLatin1Char(' ')
            + tr("Each child found value = %1 and changed its own copy to %2; the parent's value is still %3: "
                 "processes do not share memory.")
                  .arg(seen)
                  .arg(seen + kChildAddition)
                  .arg(after);
        if (seen == kGlobalAtStart)
            out.verdict += QLatin1Char(' ') + tr("The children found the program's initial 0, not the parent's 1: "
                                                 "they did not copy the parent.");
        break;
    }
    case StartDemo::InheritedLock:
        main.spanEnd(trace::SpanState::LockHold, std::uint32_t(args.lockObjectId));
        inheritedLock().unlock();
        out.metrics.append({QStringLiteral("child_acquired"), acquired, tr("children that got the lock")});
        out.problem = acquired < done;
        if (acquired < done)
            out.verdict += QLatin1Char(' ')
                + tr("%1 of %2 children never got the lock: it was held by the parent's thread when they were "
                     "forked, so each child's copy of it is held by a thread that does not exist in the child, "
                     "and its acquire timed out after %3 ms.")
                      .arg(done - acquired)
                      .arg(done)
                      .arg(args.lockTimeoutMs);
        else
            out.verdict += QLatin1Char(' ')
                + tr("Every child got its lock at once: a fresh program (spawn), or a copy of a process that never "
                     "took the lock (the fork server), has a free lock of its own.");
        break;
    case StartDemo::DoubleFlush: {
        std::fclose(bufferedFile()); // the parent's buffer reaches the file only now
        bufferedFile() = nullptr;
        QFile file(filePath);
        qint64 lines = 0, parentLines = 0;
        if (file.open(QIODevice::ReadOnly)) {
            for (const QByteArray &line : file.readAll().split('\n')) {
                if (line.isEmpty())
                    continue;
                ++lines;
                parentLines += line.startsWith("parent");
                main.print(line.toStdString()); // the file, line by line, in the console
            }
        }
        out.metrics.append({QStringLiteral("lines_written"), lines, tr("lines in the file")});
        out.metrics.append({QStringLiteral("parent_line_copies"), parentLines, tr("copies of the parent's line")});
        out.problem = parentLines > 1;
        if (parentLines > 1)
            out.verdict += QLatin1Char(' ')
                + tr("The file has %1 lines and the parent's line %2 times: each forked child flushed its copy of "
                     "the parent's unflushed buffer. Flush before starting children.")
                      .arg(lines)
                      .arg(parentLines);
        else
            out.verdict += QLatin1Char(' ')
                + tr("The file has %1 lines and the parent's line once: the children had no copy of its buffer.")
                      .arg(lines);
        break;
    }
    }
    return out;
}

} // namespace cl::scenarios
