// The process lessons on real processes: the spawn start method for every
// lesson that starts processes, what a child inherits under each method,
// exit values, daemons, zombies seen by the kernel and re-parented orphans.
// Nothing is left behind, after a run or after Stop.
#include "core/runtime/fork_server.h"
#include "core/runtime/spawn_launcher.h"
#include "core/scenarios/catalogue.h"
#include "core/scenarios/run_session.h"
#include "process_check.h"
#include "scoped_tmpdir.h"

#include <QSignalSpy>
#include <QTest>
#include <csignal>
#include <cstdlib>

using namespace cl;
using scenarios::ParameterValues;

class TestProcessLessons : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<runtime::ForkServerClient> m_server;

    static ParameterValues values(const QString &id, const QStringList &assignments, bool quick = false)
    {
        const scenarios::Scenario *s = scenarios::findScenario(id);
        ParameterValues v = s->defaults();
        QStringList all;
        if (quick)
            for (const scenarios::Preset &p : s->presets())
                if (QLatin1String(p.name) == QLatin1String("Quick"))
                    for (const auto &[key, value] : p.values)
                        all << key + QLatin1Char('=') + value;
        all << assignments;
        for (const QString &a : all) {
            const auto error = scenarios::Parameters::applyAssignment(id, s->parameters(), a, v);
            if (error)
                qFatal("bad assignment in test: %s", qPrintable(*error));
        }
        return v;
    }

    // Runs `id` to the end with the given start method and checks it ran cleanly.
    const scenarios::RunResult &run(scenarios::RunSession &session, const QString &id, const QStringList &params,
                                    runtime::StartMethod method = runtime::StartMethod::ForkServer)
    {
        session.setStartMethod(method);
        return session.runBlocking(*scenarios::findScenario(id), values(id, params));
    }

    void verifyNothingLeft()
    {
        QTRY_VERIFY(tests::childrenOf(m_server->serverPid()).isEmpty());
        QTRY_COMPARE(tests::childrenOf(getpid()), QList<pid_t>{m_server->serverPid()});
    }

    static const trace::WorkerTrack *track(const trace::TraceStore &store, const char *name)
    {
        for (const auto &w : store.workers())
            if (w.name == name)
                return &w;
        return nullptr;
    }

    static int spans(const trace::WorkerTrack &w, trace::SpanState state)
    {
        int n = 0;
        for (const auto &s : w.spans)
            n += s.state == state;
        return n;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = runtime::ForkServerClient::start();
        QVERIFY(m_server);
        QVERIFY2(runtime::isExecutableFile(runtime::workerExecutablePath()), "cl-worker is built next to the tests");
    }

    void cleanup() { verifyNothingLeft(); }

    void spawnRunsEveryProcessLesson_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QStringList>("params");
        const QStringList processes{QStringLiteral("mode=processes")};
        QTest::newRow("serial-vs-parallel") << QStringLiteral("serial-vs-parallel") << processes;
        QTest::newRow("pool") << QStringLiteral("pool") << QStringList{};
        QTest::newRow("pool-callbacks") << QStringLiteral("pool-callbacks") << QStringList{QStringLiteral("pool=processes")};
        QTest::newRow("log-pool") << QStringLiteral("log-pool") << QStringList{};
        QTest::newRow("ticket-race") << QStringLiteral("ticket-race") << processes;
        QTest::newRow("counter-race") << QStringLiteral("counter-race") << processes;
        QTest::newRow("lock-contention") << QStringLiteral("lock-contention") << processes;
        QTest::newRow("producer-consumer") << QStringLiteral("producer-consumer") << processes;
        QTest::newRow("start-methods") << QStringLiteral("start-methods") << QStringList{QStringLiteral("method=spawn")};
        QTest::newRow("lifecycle") << QStringLiteral("lifecycle") << QStringList{};
        QTest::newRow("zombie-orphan") << QStringLiteral("zombie-orphan") << QStringList{};
    }

    void spawnRunsEveryProcessLesson()
    {
        QFETCH(QString, id);
        QFETCH(QStringList, params);
        const scenarios::Scenario *s = scenarios::findScenario(id);
        QVERIFY(s);
        QStringList valid;
        for (const QString &p : params)
            if (scenarios::Parameters::find(s->parameters(), p.section(QLatin1Char('='), 0, 0)))
                valid << p;
        scenarios::RunSession session(m_server.get());
        session.setStartMethod(runtime::StartMethod::Spawn);
        const scenarios::RunResult &r = session.runBlocking(*s, values(id, valid, true));
        QVERIFY2(r.valid && r.outcome.error.isEmpty(), qPrintable(r.outcome.error));
        QCOMPARE(r.startMethod, QStringLiteral("spawn"));
        // Every worker process is a spawned one: it shows its start latency.
        int processes = 0;
        for (const scenarios::WorkerInfo &w : r.workers) {
            if (w.isThread)
                continue;
            ++processes;
            const int index = session.store().workerIndex(w.pid, w.pid);
            QVERIFY2(index >= 0, qPrintable(QString::number(w.pid)));
            const trace::WorkerTrack &t = session.store().workers()[std::size_t(index)];
            QCOMPARE(spans(t, trace::SpanState::Starting), 1);
            if (id != QLatin1String("lifecycle")) // its quick preset ends its children with a code and SIGTERM
                QVERIFY2(w.exitValue == 0, qPrintable(QStringLiteral("%1 ended with %2").arg(w.pid).arg(w.exitValue)));
        }
        QVERIFY(processes > 0);
        QVERIFY(!r.outcome.verdict.isEmpty());
    }

    void isolation_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<qint64>("seen");
        QTest::newRow("fork") << QStringLiteral("fork") << qint64(1);        // a copy of the parent's 1
        QTest::newRow("spawn") << QStringLiteral("spawn") << qint64(0);      // the program's initial 0
        QTest::newRow("forkserver") << QStringLiteral("forkserver") << qint64(0);
    }

    void isolation()
    {
        QFETCH(QString, method);
        QFETCH(qint64, seen);
        scenarios::RunSession session(m_server.get());
        const auto &r = run(session, QStringLiteral("start-methods"),
                            {QStringLiteral("demo=isolation"), QStringLiteral("children=2"), QStringLiteral("method=") + method});
        QVERIFY2(r.valid && r.outcome.error.isEmpty(), qPrintable(r.outcome.error));
        QCOMPARE(r.startMethod, method);
        QCOMPARE(r.outcome.metric(QStringLiteral("parent_value_after")), qint64(1));
        QCOMPARE(r.outcome.metric(QStringLiteral("child_value_seen")), seen);
        for (const char *name : {"child-1", "child-2"}) {
            const trace::WorkerTrack *t = track(session.store(), name);
            QVERIFY(t);
            QCOMPARE(spans(*t, trace::SpanState::Starting), 1);
        }
    }

    void inheritedLock_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<qint64>("acquired");
        QTest::newRow("fork") << QStringLiteral("fork") << qint64(0);
        QTest::newRow("spawn") << QStringLiteral("spawn") << qint64(2);
        QTest::newRow("forkserver") << QStringLiteral("forkserver") << qint64(2);
    }

    void inheritedLock()
    {
        QFETCH(QString, method);
        QFETCH(qint64, acquired);
        scenarios::RunSession session(m_server.get());
        const auto &r = run(session, QStringLiteral("start-methods"),
                            {QStringLiteral("demo=inherited-lock"), QStringLiteral("children=2"),
                             QStringLiteral("timeout_ms=200"), QStringLiteral("method=") + method});
        QVERIFY2(r.valid && r.outcome.error.isEmpty(), qPrintable(r.outcome.error));
        QCOMPARE(r.outcome.metric(QStringLiteral("child_acquired")), acquired);
        QCOMPARE(r.outcome.problem, acquired == 0);
        // The wait is on every child's track, and only a child that got the lock held it.
        for (const char *name : {"child-1", "child-2"}) {
            const trace::WorkerTrack *t = track(session.store(), name);
            QVERIFY(t);
            QCOMPARE(spans(*t, trace::SpanState::LockWait), 1);
            QCOMPARE(spans(*t, trace::SpanState::LockHold), acquired ? 1 : 0);
        }
    }

    void doubleFlush_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<qint64>("copies");
        QTest::newRow("fork") << QStringLiteral("fork") << qint64(3); // once per child, once from the parent
        QTest::newRow("spawn") << QStringLiteral("spawn") << qint64(1);
        QTest::newRow("forkserver") << QStringLiteral("forkserver") << qint64(1);
    }

    void doubleFlush()
    {
        QFETCH(QString, method);
        QFETCH(qint64, copies);
        tests::ScopedTmpDir tmp;
        scenarios::RunSession session(m_server.get());
        const auto &r = run(session, QStringLiteral("start-methods"),
                            {QStringLiteral("demo=double-flush"), QStringLiteral("children=2"),
                             QStringLiteral("method=") + method});
        QVERIFY2(r.valid && r.outcome.error.isEmpty(), qPrintable(r.outcome.error));
        QCOMPARE(r.outcome.metric(QStringLiteral("parent_line_copies")), copies);
        QCOMPARE(r.outcome.metric(QStringLiteral("lines_written")), copies + 2);
        QVERIFY2(tmp.leftovers().isEmpty(), qPrintable(tmp.leftovers().join(QLatin1Char(' '))));
    }

    void zombieFromTheKernel()
    {
        scenarios::RunSession session(m_server.get());
        const auto &r = run(session, QStringLiteral("zombie-orphan"),
                            {QStringLiteral("case=zombie"), QStringLiteral("child_ms=50"),
                             QStringLiteral("reap_after_ms=400")});
        QVERIFY2(r.valid && r.outcome.error.isEmpty(), qPrintable(r.outcome.error));
        QVERIFY2(r.outcome.metric(QStringLiteral("zombie_seen_ms")) > 0, qPrintable(r.outcome.verdict));
        QCOMPARE(r.outcome.metric(QStringLiteral("reaped")), qint64(1));
        QCOMPARE(r.outcome.metric(QStringLiteral("ppid_before")), r.outcome.metric(QStringLiteral("parent_pid")));
        // The zombie span on the child's track came from the sampler (the
        // child records none); it ends when the parent reaps the child.
        const trace::WorkerTrack *child = track(session.store(), "child");
        QVERIFY(child);
        QCOMPARE(spans(*child, trace::SpanState::Zombie), 1);
        QVERIFY(child->exited);
        QCOMPARE(child->exitValue, qint64(0));
        for (const auto &s : child->spans)
            if (s.state == trace::SpanState::Zombie)
                QCOMPARE(s.end, child->exitTime);
    }

    void orphanIsReparentedToTheApp_data()
    {
        QTest::addColumn<QString>("method");
        QTest::newRow("forkserver") << QStringLiteral("forkserver");
        QTest::newRow("spawn") << QStringLiteral("spawn");
    }

    void orphanIsReparentedToTheApp()
    {
        QFETCH(QString, method);
        scenarios::RunSession session(m_server.get());
        const auto &r = run(session, QStringLiteral("zombie-orphan"),
                            {QStringLiteral("case=orphan"), QStringLiteral("child_ms=200"),
                             QStringLiteral("parent_exit_after_ms=100")},
                            *runtime::parseStartMethod(method.toStdString()));
        QVERIFY2(r.valid && r.outcome.error.isEmpty(), qPrintable(r.outcome.error));
        QCOMPARE(r.outcome.metric(QStringLiteral("ppid_before")), r.outcome.metric(QStringLiteral("parent_pid")));
        QCOMPARE(r.outcome.metric(QStringLiteral("ppid_after")), qint64(getpid()));
        QCOMPARE(r.outcome.metric(QStringLiteral("reaped")), qint64(1));
        QVERIFY(!r.outcome.problem);
        const trace::WorkerTrack *child = track(session.store(), "child");
        QVERIFY(child && child->exited);
        QCOMPARE(child->exitValue, qint64(0));
    }

    void lifecycle_data()
    {
        QTest::addColumn<QStringList>("params");
        QTest::addColumn<qint64>("exit1");
        QTest::addColumn<qint64>("exit2");
        QTest::addColumn<qint64>("aliveAfter");
        const QString fast = QStringLiteral("work_ms=150");
        QTest::newRow("exit code, join") << QStringList{fast, QStringLiteral("exit_code=7")} << qint64(7) << qint64(0)
                                         << qint64(0);
        QTest::newRow("SIGKILL") << QStringList{fast, QStringLiteral("signal=9")} << qint64(-SIGKILL) << qint64(0)
                                 << qint64(0);
        QTest::newRow("terminate") << QStringList{QStringLiteral("work_ms=3000"), QStringLiteral("terminate_after_ms=50"),
                                                  QStringLiteral("signal=15")}
                                   << qint64(-SIGTERM) << qint64(-SIGTERM) << qint64(0);
        QTest::newRow("daemons end with the main code")
            << QStringList{QStringLiteral("work_ms=5000"), QStringLiteral("parent_ms=100"), QStringLiteral("join=off"),
                           QStringLiteral("daemon=on")}
            << qint64(-SIGTERM) << qint64(-SIGTERM) << qint64(0);
        QTest::newRow("non-daemons outlive it") << QStringList{QStringLiteral("work_ms=300"), QStringLiteral("parent_ms=50"),
                                                               QStringLiteral("join=off"), QStringLiteral("daemon=off")}
                                                << qint64(0) << qint64(0) << qint64(2);
    }

    void lifecycle()
    {
        QFETCH(QStringList, params);
        QFETCH(qint64, exit1);
        QFETCH(qint64, exit2);
        QFETCH(qint64, aliveAfter);
        scenarios::RunSession session(m_server.get());
        const auto &r = run(session, QStringLiteral("lifecycle"), params << QStringLiteral("threads=2"));
        QVERIFY2(r.valid && r.outcome.error.isEmpty(), qPrintable(r.outcome.error));
        QCOMPARE(r.outcome.metric(QStringLiteral("exit_child_1")), exit1);
        QCOMPARE(r.outcome.metric(QStringLiteral("exit_child_2")), exit2);
        QCOMPARE(r.outcome.metric(QStringLiteral("alive_after_parent")), aliveAfter);
        QCOMPARE(r.outcome.metric(QStringLiteral("threads_seen")), qint64(3));
        // Each child's threads are tracks of its process, and end with it.
        for (const scenarios::WorkerInfo &w : r.workers) {
            int threads = 0;
            for (const auto &t : session.store().workers())
                if (t.pid == w.pid && t.tid != w.pid) {
                    ++threads;
                    QVERIFY(t.exited);
                }
            QCOMPARE(threads, 2);
        }
    }

    void stopLeavesNothing_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QStringList>("params");
        QTest::newRow("orphan") << QStringLiteral("zombie-orphan")
                                << QStringList{QStringLiteral("case=orphan"), QStringLiteral("child_ms=10000"),
                                               QStringLiteral("parent_exit_after_ms=100")};
        QTest::newRow("zombie") << QStringLiteral("zombie-orphan")
                                << QStringList{QStringLiteral("case=zombie"), QStringLiteral("child_ms=50"),
                                               QStringLiteral("reap_after_ms=10000")};
        QTest::newRow("lifecycle") << QStringLiteral("lifecycle")
                                   << QStringList{QStringLiteral("work_ms=10000"), QStringLiteral("threads=2")};
        QTest::newRow("inherited lock") << QStringLiteral("start-methods")
                                        << QStringList{QStringLiteral("demo=inherited-lock"), QStringLiteral("method=fork"),
                                                       QStringLiteral("timeout_ms=10000")};
    }

    void stopLeavesNothing()
    {
        QFETCH(QString, id);
        QFETCH(QStringList, params);
        scenarios::RunSession session(m_server.get());
        QSignalSpy finished(&session, &scenarios::RunSession::finished);
        QVERIFY(session.start(*scenarios::findScenario(id), values(id, params)));
        QTest::qWait(400);
        session.stop();
        QVERIFY(finished.wait(20000));
        QVERIFY(session.result().stopped);
    }

    void missingWorkerProgram()
    {
        const QByteArray saved = qgetenv(runtime::kWorkerExecutableEnv);
        qputenv(runtime::kWorkerExecutableEnv, "/nonexistent/cl-worker");
        scenarios::RunSession session(m_server.get());
        session.setStartMethod(runtime::StartMethod::Spawn);
        QString error;
        const bool started = session.start(*scenarios::findScenario(QStringLiteral("counter-race")),
                                           values(QStringLiteral("counter-race"), {}), &error);
        qputenv(runtime::kWorkerExecutableEnv, saved);
        QVERIFY(!started);
        QVERIFY2(error.contains(QStringLiteral("/nonexistent/cl-worker")), qPrintable(error));
        QVERIFY(error.contains(QLatin1String(runtime::kWorkerExecutableEnv)));
    }
};

QTEST_GUILESS_MAIN(TestProcessLessons)
#include "tst_process_lessons.moc"
