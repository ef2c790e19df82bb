// The pool lesson on real processes: a pool of k shows exactly k reused
// worker PIDs, one process per task shows one PID per task, apply() never runs
// two tasks at once; ticket-race in pool mode; Stop and a killed pool worker
// end the run cleanly with nothing left behind.
#include "core/runtime/fork_server.h"
#include "core/scenarios/catalogue.h"
#include "core/scenarios/run_session.h"
#include "pool_test_helpers.h"
#include "process_check.h"

#include <QSignalSpy>
#include <QTest>
#include <algorithm>
#include <csignal>
#include <set>

using namespace cl;
using scenarios::ParameterValues;
using tests::poolValues;

class TestPool : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<runtime::ForkServerClient> m_server;

    void verifyNothingLeft()
    {
        QVERIFY(tests::childrenOf(m_server->serverPid()).isEmpty());
        QCOMPARE(tests::childrenOf(getpid()), QList<pid_t>{m_server->serverPid()});
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = runtime::ForkServerClient::start();
        QVERIFY(m_server);
    }

    void poolLesson_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QStringList>("params");
        // Tasks sleep long enough that every worker is up before the queue drains.
        const QStringList base{QStringLiteral("tasks=12"), QStringLiteral("task_ms=60"), QStringLiteral("pool_size=3")};
        for (const char *call : {"map", "apply_async", "apply"})
            QTest::addRow("forkserver pool %s", call)
                << QStringLiteral("forkserver")
                << (QStringList(base) << QStringLiteral("call=%1").arg(QLatin1String(call)));
        QTest::addRow("fork pool map cpu") << QStringLiteral("fork")
                                           << (QStringList(base) << QStringLiteral("work=cpu"));
        QTest::addRow("forkserver process per task")
            << QStringLiteral("forkserver")
            << QStringList{QStringLiteral("tasks=10"), QStringLiteral("task_ms=5"),
                           QStringLiteral("approach=process-per-task")};
        QTest::addRow("fork process per task, apply")
            << QStringLiteral("fork")
            << QStringList{QStringLiteral("tasks=4"), QStringLiteral("task_ms=0"),
                           QStringLiteral("approach=process-per-task"), QStringLiteral("call=apply")};
    }

    void poolLesson()
    {
        QFETCH(QString, method);
        QFETCH(QStringList, params);
        const scenarios::Scenario *s = scenarios::findScenario(QStringLiteral("pool"));
        const ParameterValues v = poolValues(s->id(), params);
        scenarios::RunSession session(method == QLatin1String("fork") ? nullptr : m_server.get());
        const scenarios::RunResult &r = session.runBlocking(*s, v);
        QVERIFY2(r.valid && r.outcome.error.isEmpty(), qPrintable(r.outcome.error));
        const auto &store = session.store();

        const int tasks = int(v.integer(QStringLiteral("tasks")));
        const bool perTask = v.choice(QStringLiteral("approach")) == QLatin1String("process-per-task");
        const int k = int(v.integer(QStringLiteral("pool_size")));
        QCOMPARE(r.outcome.metric(QStringLiteral("tasks_done")), qint64(tasks));

        // Worker processes really started, and which of them ran tasks.
        std::set<std::int32_t> started;
        int threads = 0;
        for (const auto &w : r.workers) {
            if (w.isThread)
                ++threads;
            else
                started.insert(w.pid);
            QCOMPARE(w.exitValue, qint64(0));
        }
        const auto spans = tests::namedRunningSpans(store, "task ");
        QCOMPARE(int(spans.size()), tasks);
        std::set<int> numbers;
        std::set<std::int32_t> runners;
        for (const auto &sp : spans) {
            numbers.insert(sp.number);
            const auto &track = store.workers()[std::size_t(sp.worker)];
            runners.insert(track.pid);
            QVERIFY(started.count(track.pid));
            if (!perTask)
                QVERIFY2(tests::trackNameStartsWith(store, sp.worker, "pool worker "), track.name.c_str());
        }
        QCOMPARE(int(numbers.size()), tasks); // every task index exactly once
        QCOMPARE(r.outcome.metric(QStringLiteral("distinct_pids")), qint64(runners.size()));
        if (perTask) {
            QCOMPARE(int(started.size()), tasks);
            QCOMPARE(int(runners.size()), tasks);
            QCOMPARE(threads, 0);
        } else {
            QCOMPARE(int(started.size()), k);
            QCOMPARE(int(runners.size()), k);
            QCOMPARE(threads, 1); // the result handler
            // Every result travelled from a pool worker to the result handler.
            int toHandler = 0;
            for (const auto &f : store.flows())
                toHandler += f.fromWorker >= 0 && f.toWorker >= 0 &&
                             tests::trackNameStartsWith(store, f.fromWorker, "pool worker ") &&
                             store.workers()[std::size_t(f.toWorker)].name == "result handler" &&
                             f.inTime >= f.outTime;
            QCOMPARE(toHandler, tasks);
        }

        if (v.choice(QStringLiteral("call")) == QLatin1String("apply")) {
            // Synchronous: each task starts after the previous one ended.
            auto sorted = spans;
            std::sort(sorted.begin(), sorted.end(), [](const auto &a, const auto &b) { return a.begin < b.begin; });
            for (std::size_t i = 1; i < sorted.size(); ++i)
                QVERIFY2(sorted[i].begin >= sorted[i - 1].end,
                         qPrintable(QStringLiteral("task %1 began before task %2 ended")
                                        .arg(sorted[i].number)
                                        .arg(sorted[i - 1].number)));
            QCOMPARE(r.outcome.metric(QStringLiteral("max_running")), qint64(1));
        }
        QCOMPARE(r.droppedEvents, quint64(0));
        verifyNothingLeft();
    }

    void ticketRaceInAPool_data()
    {
        QTest::addColumn<QString>("lock");
        QTest::newRow("lock on") << QStringLiteral("on");
        QTest::newRow("lock off") << QStringLiteral("off");
    }

    void ticketRaceInAPool()
    {
        QFETCH(QString, lock);
        const scenarios::Scenario *s = scenarios::findScenario(QStringLiteral("ticket-race"));
        const ParameterValues v = poolValues(
            s->id(), {QStringLiteral("mode=pool"), QStringLiteral("pool_size=3"), QStringLiteral("buyers=6"),
                      QStringLiteral("tickets=10"), QStringLiteral("think_ms=%1").arg(lock == QLatin1String("on") ? 20 : 200),
                      QStringLiteral("stagger_ms=0"), QStringLiteral("lock=") + lock});
        scenarios::RunSession session(m_server.get());
        const scenarios::RunResult &r = session.runBlocking(*s, v);
        QVERIFY2(r.valid && r.outcome.error.isEmpty(), qPrintable(r.outcome.error));
        std::set<std::int32_t> processes;
        for (const auto &w : r.workers)
            if (!w.isThread)
                processes.insert(w.pid);
        QCOMPARE(int(processes.size()), 3); // the buyers ran in the pool's 3 workers
        QCOMPARE(int(tests::namedRunningSpans(session.store(), "task ").size()), 6);
        if (lock == QLatin1String("on")) {
            QCOMPARE(r.outcome.metric(QStringLiteral("sold")), qint64(6));
            QCOMPARE(r.outcome.metric(QStringLiteral("oversold")), qint64(0));
        } else {
            // Three buyers at a time read the same count while they think.
            QVERIFY2(r.outcome.metric(QStringLiteral("oversold")) > 0, qPrintable(r.outcome.verdict));
        }
        verifyNothingLeft();
    }

    void stopMidRun()
    {
        const scenarios::Scenario *s = scenarios::findScenario(QStringLiteral("pool"));
        const ParameterValues v = poolValues(s->id(), {QStringLiteral("tasks=20"), QStringLiteral("task_ms=10000"),
                                                       QStringLiteral("pool_size=2")});
        scenarios::RunSession session(m_server.get());
        QSignalSpy finished(&session, &scenarios::RunSession::finished);
        QVERIFY(session.start(*s, v));
        // Both workers are inside a task (their "task" spans are open).
        QTRY_COMPARE_WITH_TIMEOUT(tests::poolWorkersInATask(session.store()), 2, 10000);
        session.stop();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 5000);
        QVERIFY(session.result().stopped);
        QVERIFY(session.result().outcome.metric(QStringLiteral("tasks_done")) < 20);
        verifyNothingLeft();
    }

    void aKilledPoolWorkerEndsTheRunWithAnError()
    {
        const scenarios::Scenario *s = scenarios::findScenario(QStringLiteral("pool"));
        const ParameterValues v = poolValues(s->id(), {QStringLiteral("tasks=6"), QStringLiteral("task_ms=3000"),
                                                       QStringLiteral("pool_size=2"), QStringLiteral("call=apply_async")});
        scenarios::RunSession session(m_server.get());
        QSignalSpy finished(&session, &scenarios::RunSession::finished);
        QVERIFY(session.start(*s, v));
        QTRY_COMPARE_WITH_TIMEOUT(tests::poolWorkersInATask(session.store()), 2, 10000);
        pid_t victim = 0;
        for (const auto &w : session.store().workers())
            if (w.name == "pool worker 1")
                victim = w.pid;
        QVERIFY(victim > 0);
        QCOMPARE(::kill(victim, SIGKILL), 0);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        const auto &r = session.result();
        QVERIFY(!r.stopped);
        QVERIFY2(r.outcome.error.contains(QLatin1String("pool worker 1")) &&
                     r.outcome.error.contains(QString::number(victim)),
                 qPrintable(r.outcome.error));
        // The other worker was shut down with the pool, not left to finish its 3 s tasks.
        QVERIFY(r.outcome.metric(QStringLiteral("tasks_done")) < 6);
        verifyNothingLeft();
    }

    void aKilledTaskProcessLosesOnlyItsTask()
    {
        // Without a pool, a killed process is just one lost task, as with Python's Process.
        const scenarios::Scenario *s = scenarios::findScenario(QStringLiteral("pool"));
        const ParameterValues v = poolValues(s->id(), {QStringLiteral("tasks=3"), QStringLiteral("task_ms=1500"),
                                                       QStringLiteral("approach=process-per-task")});
        scenarios::RunSession session(m_server.get());
        QSignalSpy finished(&session, &scenarios::RunSession::finished);
        QVERIFY(session.start(*s, v));
        pid_t victim = 0;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const auto &w : session.store().workers())
                    if (w.name == "task 1" && w.isOpen(trace::SpanState::Running))
                        victim = w.pid;
                return victim > 0;
            }(),
            10000);
        QCOMPARE(::kill(victim, SIGKILL), 0);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        const auto &r = session.result();
        QVERIFY2(r.outcome.error.isEmpty(), qPrintable(r.outcome.error));
        QCOMPARE(r.outcome.metric(QStringLiteral("tasks_done")), qint64(2));
        QVERIFY(r.outcome.problem);
        verifyNothingLeft();
    }
};

QTEST_GUILESS_MAIN(TestPool)
#include "tst_pool.moc"
