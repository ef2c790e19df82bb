// Coroutines for real: the runtime (event loop, cancellation, gather and
// wait with a timeout, generators with delegation, greenlet switches) and the
// `coroutines` lesson run on the run thread, checked from what the trace
// recorded: the printed order, one host thread, never two lanes of a thread
// running at once, every lane ended, and nothing left open afterwards.
// moc cannot parse <coroutine>: it only needs the QObject below.
#ifndef Q_MOC_RUN
#include "core/runtime/event_loop.h"
#include "core/runtime/generator.h"
#include "core/runtime/greenlet.h"
#endif
#include "core/scenarios/catalogue.h"
#include "core/scenarios/run_session.h"

#include <QDir>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <map>
#include <set>

using namespace cl;
using scenarios::ParameterValues;
using trace::SpanState;

namespace {
int openFds() { return int(QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::NoDotAndDotDot | QDir::System).size()); }

runtime::Generator<int> inner()
{
    co_yield 3;
    co_yield 4;
}

runtime::Generator<int> outer()
{
    co_yield 1;
    auto sub = inner();
    co_yield runtime::YieldFrom<int>{sub}; // yield from inner()
    co_yield 2;
}

struct Guard {
    int &unwound;
    ~Guard() { ++unwound; }
};

runtime::Task sleepsForever(runtime::EventLoop &loop, int &unwound, bool &sawCancel)
{
    Guard g{unwound};
    try {
        co_await loop.sleep(3'600'000'000'000);
    } catch (const runtime::Cancelled &) {
        sawCancel = true;
        throw;
    }
}

runtime::Task stopLater(runtime::EventLoop &loop, std::atomic<std::uint32_t> &stop)
{
    co_await loop.sleep(10'000'000);
    stop.store(1);
}

runtime::Task sleeps(runtime::EventLoop &loop, std::int64_t ms, std::vector<int> &order, int id)
{
    co_await loop.sleep(ms * 1'000'000);
    order.push_back(id);
}

runtime::Task supervisor(runtime::EventLoop &loop, runtime::TaskRef slow, std::vector<runtime::TaskRef> quick,
                         bool &timedOut, bool &gathered)
{
    timedOut = !co_await loop.waitFor(slow, 20'000'000);
    co_await loop.gather(quick);
    gathered = std::all_of(quick.begin(), quick.end(), [](runtime::TaskRef t) { return t->done; });
    loop.cancel(slow);
}

// The lanes' Running spans of each host thread, checked for overlap.
int maxRunningAtOnce(const trace::TraceStore &store, std::int32_t hostTid)
{
    std::vector<std::pair<std::uint64_t, int>> edges;
    for (const auto &w : store.workers())
        if (w.hostTid == hostTid)
            for (const auto &s : w.spans)
                if (s.state == SpanState::Running) {
                    edges.emplace_back(s.begin, +1);
                    edges.emplace_back(s.end, -1);
                }
    std::sort(edges.begin(), edges.end()); // an end sorts before a begin at the same instant
    int now = 0, most = 0;
    for (const auto &e : edges)
        most = std::max(most, now += e.second);
    return most;
}

QStringList printedInOrder(const trace::TraceStore &store)
{
    QStringList out;
    for (const auto &p : store.prints())
        out << QString::fromUtf8(store.string(p.stringId).data(), qsizetype(store.string(p.stringId).size()));
    return out;
}
} // namespace

class TestCoroutines : public QObject {
    Q_OBJECT
private:
    const scenarios::Scenario *m_lesson = nullptr;

    ParameterValues values(const QStringList &assignments)
    {
        ParameterValues v = m_lesson->defaults();
        for (const QString &a : assignments) {
            const auto error = scenarios::Parameters::applyAssignment(m_lesson->id(), m_lesson->parameters(), a, v);
            if (error)
                qFatal("bad assignment in test: %s", qPrintable(*error));
        }
        return v;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_lesson = scenarios::findScenario(QStringLiteral("coroutines"));
        QVERIFY(m_lesson);
        QCOMPARE(m_lesson->category(), QStringLiteral("Coroutines and I/O"));
    }

    void presetsAreValid()
    {
        QCOMPARE(m_lesson->presets().size(), 2);
        for (const auto &preset : m_lesson->presets()) {
            ParameterValues v = m_lesson->defaults();
            for (const auto &[key, text] : preset.values) {
                const auto error =
                    scenarios::Parameters::applyAssignment(m_lesson->id(), m_lesson->parameters(), key + u'=' + text, v);
                QVERIFY2(!error, qPrintable(error.value_or(QString())));
            }
        }
    }

    void generatorDelegates()
    {
        auto g = outer();
        QList<int> got;
        while (auto v = g.next())
            got << *v;
        QCOMPARE(got, (QList<int>{1, 3, 4, 2}));
        QVERIFY(!g.next());
    }

    void cancellationUnwinds()
    {
        const int fdsBefore = openFds();
        int unwound = 0;
        bool sawCancel = false, timedOut = false, gathered = false;
        std::vector<int> order;
        {
            runtime::EventLoop loop;
            runtime::TaskRef slow = loop.spawn(sleepsForever(loop, unwound, sawCancel), "slow");
            std::vector<runtime::TaskRef> quick;
            for (int i = 3; i >= 1; --i)
                quick.push_back(loop.spawn(sleeps(loop, 10 * i, order, i), "quick"));
            loop.spawn(supervisor(loop, slow, quick, timedOut, gathered), "supervisor");
            QVERIFY(loop.run());
            QVERIFY(slow->done);
            QVERIFY(slow->cancelled);
            QVERIFY(!slow->error);
            QCOMPARE(loop.liveTasks(), std::size_t(0));
        }
        QVERIFY(timedOut);
        QVERIFY(gathered);
        QVERIFY(sawCancel);
        QCOMPARE(unwound, 1);
        QCOMPARE(order, (std::vector<int>{1, 2, 3})); // woken by their timers, shortest first
        QCOMPARE(openFds(), fdsBefore);                // the loop's epoll fd is closed
    }

    void unfinishedTasksUnwindWithTheLoop()
    {
        int unwound = 0;
        bool sawCancel = false;
        std::atomic<std::uint32_t> stop{0};
        {
            runtime::EventLoop loop(nullptr, &stop);
            for (int i = 0; i < 5; ++i)
                loop.spawn(sleepsForever(loop, unwound, sawCancel), "forever");
            loop.spawn(stopLater(loop, stop), "stop"); // as Stop does: run() cancels every task and returns
            QVERIFY(!loop.run());
        }
        QCOMPARE(unwound, 5);
        QVERIFY(sawCancel);
    }

    void lesson_data()
    {
        QTest::addColumn<QString>("demo");
        QTest::addColumn<QStringList>("printed");
        QTest::addColumn<int>("coroutines");
        QTest::newRow("switch") << QStringLiteral("switch") << QStringList{u"1"_qs, u"3"_qs, u"2"_qs, u"4"_qs} << 2;
        QTest::newRow("event-loop") << QStringLiteral("event-loop")
                                    << QStringList{u"1"_qs, u"3"_qs, u"2"_qs, u"4"_qs} << 2;
        QTest::newRow("generator") << QStringLiteral("generator")
                                   << QStringList{u"c1 is ready to eat"_qs, u"c2 is ready to eat"_qs,
                                                  u"c1 eats baozi 1"_qs,   u"c2 eats baozi 1"_qs,
                                                  u"c1 eats baozi 2"_qs,   u"c2 eats baozi 2"_qs}
                                   << 2;
    }

    void lesson()
    {
        QFETCH(QString, demo);
        QFETCH(QStringList, printed);
        QFETCH(int, coroutines);
        scenarios::RunSession session;
        const scenarios::RunResult &r = session.runBlocking(
            *m_lesson, values({u"demo="_qs + demo, u"first_sleep_ms=50"_qs, u"items=2"_qs}));
        QVERIFY(r.valid);
        QVERIFY2(r.outcome.error.isEmpty(), qPrintable(r.outcome.error));
        QVERIFY2(!r.outcome.problem, qPrintable(r.outcome.verdict));
        // The summary's text metric and the trace agree on the order.
        QCOMPARE(printedInOrder(session.store()), printed);
        const auto it = std::find_if(r.outcome.metrics.begin(), r.outcome.metrics.end(),
                                     [](const scenarios::Metric &m) { return m.key == u"printed"_qs; });
        QVERIFY(it != r.outcome.metrics.end());
        QCOMPARE(it->text, printed.join(u", "_qs));
        QCOMPARE(r.outcome.metric(u"coroutines"_qs), qint64(coroutines));
        QCOMPARE(r.outcome.metric(u"threads_used"_qs), 1);
        QCOMPARE(r.outcome.metric(u"max_active_at_once"_qs), 1);
        // Each printed line sits on a coroutine lane of the run thread.
        std::set<std::int32_t> hosts;
        int lanes = 0;
        for (const auto &w : session.store().workers())
            if (w.isCoroutine()) {
                ++lanes;
                hosts.insert(w.hostTid);
                QVERIFY(w.exited);
            }
        QCOMPARE(lanes, coroutines);
        QCOMPARE(hosts.size(), std::size_t(1));
        QCOMPARE(maxRunningAtOnce(session.store(), *hosts.begin()), 1);
        for (const auto &p : session.store().prints())
            QVERIFY(trace::isLaneTid(p.tid));
        QVERIFY(!session.store().flows().empty()); // switches are hand-overs
    }

    void asyncTakesTheLongestNotTheSum()
    {
        scenarios::RunSession session;
        const scenarios::RunResult &r = session.runBlocking(
            *m_lesson, values({u"demo=sync-vs-async"_qs, u"tasks=10"_qs, u"task_ms=200"_qs}));
        QVERIFY2(r.outcome.error.isEmpty(), qPrintable(r.outcome.error));
        const qint64 sum = r.outcome.metric(u"sum_of_waits_ms"_qs);
        QCOMPARE(sum, 2000);
        // Sleeps never end early, so one after another takes at least the
        // sum; together must stay far below it even on a loaded machine.
        QVERIFY(r.outcome.metric(u"sync_ms"_qs) >= sum);
        const qint64 async = r.outcome.metric(u"async_ms"_qs);
        QVERIFY(async >= 200);
        QVERIFY2(async < sum * 6 / 10, qPrintable(QString::number(async)));
        QCOMPARE(r.outcome.metric(u"max_active_at_once"_qs), 1);
    }

    void tenThousandOnOneThread()
    {
        const int fdsBefore = openFds();
        scenarios::RunSession session;
        const scenarios::RunResult &r =
            session.runBlocking(*m_lesson, values({u"demo=many"_qs, u"count=10000"_qs, u"task_ms=100"_qs}));
        QVERIFY2(r.outcome.error.isEmpty(), qPrintable(r.outcome.error));
        QCOMPARE(r.outcome.metric(u"completed"_qs), 10000);
        QCOMPARE(r.droppedEvents, quint64(0));
        QCOMPARE(r.droppedByLimit, quint64(0));
        std::map<std::int32_t, int> lanesPerHost;
        for (const auto &w : session.store().workers()) {
            if (!w.isCoroutine())
                continue;
            ++lanesPerHost[w.hostTid];
            QVERIFY(w.exited);
            QVERIFY(std::any_of(w.spans.begin(), w.spans.end(),
                                [](const trace::Span &s) { return s.state == SpanState::Running; }));
        }
        QCOMPARE(lanesPerHost.size(), std::size_t(1));
        QCOMPARE(lanesPerHost.begin()->second, 10000);
        // The host is a real thread of this process, the run thread.
        const std::int32_t host = lanesPerHost.begin()->first;
        QVERIFY(host > 0);
        QVERIFY(session.store().workerIndex(getpid(), host) >= 0);
        QCOMPARE(maxRunningAtOnce(session.store(), host), 1);
        QCOMPARE(r.outcome.metric(u"max_active_at_once"_qs), 1);
        QCOMPARE(r.outcome.metric(u"threads_used"_qs), 1);
        QVERIFY(r.outcome.metric(u"frame_bytes_per_coroutine"_qs) > 0);
        QCOMPARE(openFds(), fdsBefore);
    }

    void stopCancelsEveryCoroutine()
    {
        scenarios::RunSession session;
        QSignalSpy finished(&session, &scenarios::RunSession::finished);
        QVERIFY(session.start(*m_lesson, values({u"demo=many"_qs, u"count=2000"_qs, u"task_ms=5000"_qs})));
        QTRY_VERIFY_WITH_TIMEOUT(std::count_if(session.store().workers().begin(), session.store().workers().end(),
                                               [](const trace::WorkerTrack &w) { return w.isCoroutine(); }) > 10,
                                 10000);
        session.stop();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 4000); // far less than the 5 s sleeps
        QVERIFY(session.result().stopped);
        QVERIFY(session.result().outcome.metric(u"completed"_qs, 0) < 2000);
        for (const auto &w : session.store().workers())
            if (w.isCoroutine())
                QVERIFY(w.exited && w.open.empty());
    }

    void snippetRuns_data()
    {
        QTest::addColumn<QString>("params");
        QTest::addColumn<QString>("expected");
        QTest::newRow("switch") << u"demo=switch"_qs << u"1\n3\n2\n4\n"_qs;
        QTest::newRow("generator") << u"demo=generator,items=2"_qs
                                   << u"c1 is ready to eat\nc2 is ready to eat\nc1 eats baozi 1\nc2 eats baozi 1\n"
                                      "c1 eats baozi 2\nc2 eats baozi 2\n"_qs;
        QTest::newRow("event-loop") << u"demo=event-loop,first_sleep_ms=50"_qs << u"1\n3\n2\n4\n"_qs;
        QTest::newRow("sync-vs-async") << u"demo=sync-vs-async,tasks=3,task_ms=20"_qs
                                       << u"task 1 done\ntask 2 done\ntask 3 done\ntask 1 done\ntask 2 done\ntask 3 done\n"_qs;
        QTest::newRow("many") << u"demo=many,count=500,task_ms=10"_qs << u"500 of 500 coroutines done\n"_qs;
    }

    void snippetRuns()
    {
        const QString python = QStandardPaths::findExecutable(u"python3"_qs);
        if (python.isEmpty())
            QSKIP("python3 is not installed (not on PATH): setup.sh installs it");
        QFETCH(QString, params);
        QFETCH(QString, expected);
        const ParameterValues v = values(params.split(u','));
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"snippet.py"_qs);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(m_lesson->pythonSnippet(v).toUtf8());
        file.close();
        QProcess p;
        p.start(python, {path});
        QVERIFY(p.waitForFinished(60000));
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        QVERIFY2(p.exitCode() == 0, qPrintable(QString::fromUtf8(p.readAllStandardError())));
        QVERIFY2(out.startsWith(expected), qPrintable(out));
        // Other values give other code: nothing is hard-wired.
        QVERIFY(m_lesson->pythonSnippet(values(params.split(u',') << u"demo=many"_qs << u"count=7"_qs)) !=
                m_lesson->pythonSnippet(v));
    }
};

QTEST_GUILESS_MAIN(TestCoroutines)
#include "tst_coroutines.moc"
