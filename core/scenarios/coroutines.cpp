#include "core/scenarios/coroutines.h"
#include "core/runtime/coroutine_demos.h"
#include "core/scenarios/run_context.h"

#include <algorithm>
#include <bit>

namespace cl::scenarios {

namespace {
const QString kDemo = QStringLiteral("demo");
const QString kTasks = QStringLiteral("tasks");
const QString kTaskMs = QStringLiteral("task_ms");
const QString kFirstMs = QStringLiteral("first_sleep_ms");
const QString kItems = QStringLiteral("items");
const QString kCount = QStringLiteral("count");

qint64 toMs(std::uint64_t ns) { return qint64((ns + 500'000) / 1'000'000); }
} // namespace

QString joinPrinted(const std::vector<std::string> &lines, int limit)
{
    QStringList parts;
    for (std::size_t i = 0; i < lines.size() && int(i) < limit; ++i)
        parts << QString::fromStdString(lines[i]);
    QString text = parts.join(QStringLiteral(", "));
    if (int(lines.size()) > limit)
        text += QCoreApplication::translate("cl::scenarios::CoroutinesLesson", " … (%n lines in all)", nullptr,
                                            int(lines.size()));
    return text;
}

QString CoroutinesLesson::title() const { return tr("Coroutines: switch, generators, event loop"); }

QString CoroutinesLesson::category() const { return tr("Coroutines and I/O"); }

QString CoroutinesLesson::description() const
{
    return tr("<p>Coroutines are functions that stop in the middle and continue later, all on <b>one thread</b>. "
              "Here they are real C++20 coroutines, run by a real event loop on the run thread; each coroutine is a "
              "<b>lane</b> under that thread on the timeline: green while it runs, grey while it sleeps or waits "
              "for a socket, pale while it is suspended. Only one lane of a thread is ever green: arrows show each "
              "hand-over from the coroutine that stops to the one that continues.</p>"
              "<ul><li><b>switch</b>: greenlet-style explicit switches. func1 prints 1 and switches to func2, which "
              "prints 3 and switches back; func1 prints 2, func2 prints 4. The order is 1, 3, 2, 4.</li>"
              "<li><b>generator</b>: a producer sends <i>items</i> baozi to two consumer generators; each "
              "<tt>send()</tt> resumes a consumer at its <tt>yield</tt>.</li>"
              "<li><b>event-loop</b>: as asyncio: func1 prints 1, sleeps <i>first_sleep_ms</i>, prints 2; func2 "
              "prints 3, sleeps twice as long, prints 4. The sleeps overlap: the run takes the longer one, not the "
              "sum.</li>"
              "<li><b>sync-vs-async</b>: <i>tasks</i> waits of <i>task_ms</i>, first awaited one after another, "
              "then spawned together and gathered.</li>"
              "<li><b>many</b>: <i>count</i> coroutines (up to 100 000) all sleeping <i>task_ms</i> at once on one "
              "thread; the summary gives the memory of one suspended coroutine.</li></ul>"
              "<p>The metrics count the kernel threads that ran coroutine code and the most coroutines of one thread "
              "running at the same instant, which must be 1.</p>");
}

QList<ParameterSpec> CoroutinesLesson::parameters() const
{
    using T = ParameterSpec::Type;
    return {
        {kDemo, T::Choice, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Demo"), "",
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters",
                           "switch: greenlet-style explicit switches. generator: producer and consumers over yield. "
                           "event-loop: two tasks sleeping at once. sync-vs-async: the same waits one after another, "
                           "then together. many: thousands of coroutines on one thread."),
         0, 0, 0,
         {QStringLiteral("switch"), QStringLiteral("generator"), QStringLiteral("event-loop"),
          QStringLiteral("sync-vs-async"), QStringLiteral("many")},
         QStringLiteral("event-loop")},
        {kFirstMs, T::Integer, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "First sleep"),
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "ms"),
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters",
                           "event-loop: func1 sleeps this long, func2 twice as long (1 s and 2 s in the notes)."),
         1, 5000, 1000, {}, {}},
        {kTasks, T::Integer, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Tasks"), "",
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "sync-vs-async: how many waits."), 1, 1000, 10, {}, {}},
        {kTaskMs, T::Integer, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Wait per task"),
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "ms"),
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters",
                           "sync-vs-async and many: how long each coroutine sleeps (0.5 s in the notes)."),
         0, 5000, 500, {}, {}},
        {kItems, T::Integer, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Items"), "",
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "generator: baozi the producer sends to each consumer."), 1,
         100, 3, {}, {}},
        {kCount, T::Integer, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Coroutines"), "",
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "many: how many coroutines run on the one thread."), 1,
         100000, 10000, {}, {}},
    };
}

QList<Preset> CoroutinesLesson::presets() const
{
    return {
        // Seed 000 §6.2 sleeps 1 s and 2 s; seed 002 compares 10 tasks of 0.5 s.
        {QT_TRANSLATE_NOOP("cl::scenarios::Presets", "As in the notes"),
         {{kDemo, QStringLiteral("event-loop")},
          {kFirstMs, QStringLiteral("1000")},
          {kTasks, QStringLiteral("10")},
          {kTaskMs, QStringLiteral("500")},
          {kItems, QStringLiteral("3")},
          {kCount, QStringLiteral("10000")}}},
        {QT_TRANSLATE_NOOP("cl::scenarios::Presets", "Quick"),
         {{kDemo, QStringLiteral("sync-vs-async")},
          {kFirstMs, QStringLiteral("100")},
          {kTasks, QStringLiteral("10")},
          {kTaskMs, QStringLiteral("50")},
          {kCount, QStringLiteral("1000")}}},
    };
}

record::SharedArena::Layout CoroutinesLesson::layout(const ParameterValues &values) const
{
    // Every lane writes through the run thread's ring: about 25 events per
    // coroutine (its name, start, spans, hand-overs, ready-queue depth).
    // Pages are touched only as events arrive, and the collector drains
    // while the loop runs.
    const QString demo = values.choice(kDemo);
    std::uint64_t coroutines = 4;
    if (demo == QLatin1String("many"))
        coroutines = std::uint64_t(values.integer(kCount));
    else if (demo == QLatin1String("sync-vs-async"))
        coroutines = std::uint64_t(values.integer(kTasks)) * 2;
    else if (demo == QLatin1String("generator"))
        coroutines = std::uint64_t(values.integer(kItems)) * 2;
    record::SharedArena::Layout l;
    l.ringCount = 4;
    l.ringCapacity = std::uint32_t(std::bit_ceil(std::clamp<std::uint64_t>(coroutines * 32, 8192, 1u << 22)));
    l.objectsBytes = 64 * 1024;
    return l;
}

Outcome CoroutinesLesson::run(RunContext &context, const ParameterValues &values) const
{
    Outcome out;
    const QString demo = values.choice(kDemo);
    const auto *stop = &context.arena().header()->stopRequested;
    runtime::CoroTracer tracer(&context.writer());
    runtime::CoroDemoResult r;
    if (demo == QLatin1String("switch"))
        r = runtime::runSwitchDemo(tracer);
    else if (demo == QLatin1String("generator"))
        r = runtime::runGeneratorDemo(tracer, int(values.integer(kItems)));
    else if (demo == QLatin1String("event-loop"))
        r = runtime::runEventLoopDemo(tracer, values.integer(kFirstMs), stop);
    else if (demo == QLatin1String("sync-vs-async"))
        r = runtime::runSyncVsAsyncDemo(tracer, int(values.integer(kTasks)), values.integer(kTaskMs), stop);
    else
        r = runtime::runManyDemo(tracer, int(values.integer(kCount)), values.integer(kTaskMs), stop);

    const qint64 wallMs = toMs(r.wallNs);
    Metric printed{QStringLiteral("printed"), 0, tr("printed, in order")};
    printed.text = joinPrinted(r.printed);
    out.metrics = {
        printed,
        {QStringLiteral("wall_ms"), wallMs, tr("wall time (ms)")},
        {QStringLiteral("coroutines"), r.coroutines, tr("coroutines")},
        {QStringLiteral("threads_used"), tracer.threadsUsed(), tr("threads that ran coroutine code")},
        {QStringLiteral("max_active_at_once"), tracer.maxActive(), tr("most coroutines of one thread running at once")},
    };
    const bool oneAtATime = tracer.maxActive() == 1 && tracer.threadsUsed() == 1;
    const QString oneThread = oneAtATime ? tr("All of it ran on one thread, one coroutine at a time.")
                                         : tr("Unexpected: %1 threads ran coroutine code and up to %2 coroutines of "
                                              "one thread ran at once.")
                                               .arg(tracer.threadsUsed())
                                               .arg(tracer.maxActive());
    out.problem = !oneAtATime;
    if (r.stopped) {
        out.verdict = tr("Stopped: every coroutine was cancelled and unwound; %1 of %2 had finished.")
                          .arg(r.completed)
                          .arg(r.coroutines);
        return out;
    }
    if (demo == QLatin1String("switch")) {
        out.metrics.append({QStringLiteral("switches"), qint64(r.switches), tr("switches")});
        const bool order = printed.text == QLatin1String("1, 3, 2, 4");
        out.problem |= !order;
        out.verdict = (order ? tr("Printed 1, 3, 2, 4: the two greenlets handed the thread to each other by "
                                  "explicit switches (%1, counting the return to main when func2 ended); each "
                                  "continued where it had switched away.")
                                   .arg(r.switches)
                             : tr("Printed %1 instead of 1, 3, 2, 4.").arg(printed.text)) +
                      QLatin1Char(' ') + oneThread;
    } else if (demo == QLatin1String("generator")) {
        out.verdict = tr("The producer sent %1 baozi to each of the two consumers; every send() resumed a consumer "
                         "at its yield and got control back at the next one. Nothing waited: %2 ms in all.")
                          .arg(values.integer(kItems))
                          .arg(wallMs) +
                      QLatin1Char(' ') + oneThread;
    } else if (demo == QLatin1String("event-loop")) {
        const qint64 first = values.integer(kFirstMs);
        out.metrics.append({QStringLiteral("sum_of_sleeps_ms"), 3 * first, tr("the sleeps one after another (ms)")});
        const bool order = printed.text == QLatin1String("1, 3, 2, 4");
        out.problem |= !order;
        out.verdict = tr("Printed %1 in %2 ms: both tasks slept at the same time, so the run took about the longer "
                         "sleep (%3 ms), not the sum (%4 ms).")
                          .arg(printed.text)
                          .arg(wallMs)
                          .arg(2 * first)
                          .arg(3 * first) +
                      QLatin1Char(' ') + oneThread;
    } else if (demo == QLatin1String("sync-vs-async")) {
        const qint64 tasks = values.integer(kTasks);
        const qint64 sum = tasks * values.integer(kTaskMs);
        const qint64 syncMs = toMs(r.syncNs), asyncMs = toMs(r.asyncNs);
        out.metrics.append({QStringLiteral("sync_ms"), syncMs, tr("one after another (ms)")});
        out.metrics.append({QStringLiteral("async_ms"), asyncMs, tr("together (ms)")});
        out.metrics.append({QStringLiteral("sum_of_waits_ms"), sum, tr("tasks × wait (ms)")});
        out.verdict = tr("One after another, the %1 waits took %2 ms (tasks × wait = %3 ms); together they took %4 "
                         "ms, about one wait (%5 ms).")
                          .arg(tasks)
                          .arg(syncMs)
                          .arg(sum)
                          .arg(asyncMs)
                          .arg(values.integer(kTaskMs)) +
                      QLatin1Char(' ') + oneThread;
    } else {
        const qint64 perCoroutine = r.coroutines > 0 ? qint64(r.frameBytes) / r.coroutines : 0;
        out.metrics.append({QStringLiteral("completed"), r.completed, tr("coroutines completed")});
        out.metrics.append(
            {QStringLiteral("frame_bytes_per_coroutine"), perCoroutine, tr("bytes per suspended coroutine (frame)")});
        out.problem |= r.completed != r.coroutines;
        out.verdict = tr("%1 of %2 coroutines slept %3 ms at the same time and completed in %4 ms. A suspended "
                         "coroutine's frame took %5 bytes.")
                          .arg(r.completed)
                          .arg(r.coroutines)
                          .arg(values.integer(kTaskMs))
                          .arg(wallMs)
                          .arg(perCoroutine) +
                      QLatin1Char(' ') + oneThread;
    }
    return out;
}

} // namespace cl::scenarios
