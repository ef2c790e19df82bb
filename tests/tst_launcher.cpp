// Both start methods start real processes, report exit codes and signals as
// the kernel gave them, and leave no child behind.
#include "core/record/collector.h"
#include "core/runtime/fork_server.h"
#include "core/scenarios/race_tasks.h"
#include "process_check.h"

#include <QTest>
#include <csignal>

using namespace cl;

class TestLauncher : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<runtime::ForkServerClient> m_server;

    runtime::ProcessLauncher *launcher(const QString &method, std::unique_ptr<runtime::ProcessLauncher> &own)
    {
        if (method == QLatin1String("forkserver"))
            return m_server.get();
        own = runtime::makeForkLauncher();
        return own.get();
    }

    // A worker that sleeps for a minute unless it is killed.
    static pid_t spawnSleeper(runtime::ProcessLauncher &l, record::SharedArena &arena)
    {
        runtime::SpawnRequest r;
        r.task = "test.sleep";
        r.ringIndex = std::uint32_t(arena.acquireRing());
        r.setArgs(scenarios::ExitCodeArgs{0, 0, 60000});
        return l.spawn(arena, r);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = runtime::ForkServerClient::start();
        QVERIFY(m_server);
    }

    void exitStatus_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<int>("signal");       // raised by the child itself
        QTest::addColumn<int>("parentSignal"); // sent by the parent while the child sleeps
        QTest::addColumn<qint64>("expected");
        for (const char *m : {"fork", "forkserver"}) {
            const QString method = QString::fromLatin1(m);
            QTest::addRow("%s exit 0", m) << method << 0 << 0 << 0 << qint64(0);
            QTest::addRow("%s exit 7", m) << method << 7 << 0 << 0 << qint64(7);
            QTest::addRow("%s raises SIGKILL", m) << method << 0 << int(SIGKILL) << 0 << qint64(-SIGKILL);
            QTest::addRow("%s sent SIGTERM", m) << method << 0 << 0 << int(SIGTERM) << qint64(-SIGTERM);
        }
    }

    void exitStatus()
    {
        QFETCH(QString, method);
        QFETCH(int, exitCode);
        QFETCH(int, signal);
        QFETCH(int, parentSignal);
        QFETCH(qint64, expected);
        std::unique_ptr<runtime::ProcessLauncher> own;
        runtime::ProcessLauncher *l = launcher(method, own);
        auto arena = record::SharedArena::create({4, 256, 4096});
        QVERIFY(arena.isValid());
        record::Collector collector(arena);

        runtime::SpawnRequest r;
        r.task = "test.exit-code";
        r.name = "exiter";
        r.ringIndex = std::uint32_t(arena.acquireRing());
        r.setArgs(scenarios::ExitCodeArgs{exitCode, signal, parentSignal ? 60000 : 0});
        const pid_t pid = l->spawn(arena, r);
        QVERIFY2(pid > 0, "spawn failed");
        QCOMPARE(l->running(), std::size_t(1));
        runtime::ExitStatus status;
        if (parentSignal) {
            QVERIFY(!l->waitAny(status, 100)); // still sleeping
            l->kill(pid, parentSignal);
        }
        QVERIFY(l->waitAny(status, 5000));
        QCOMPARE(status.pid, pid);
        QCOMPARE(status.value(), expected);
        QCOMPARE(l->running(), std::size_t(0));

        // The child really ran and recorded its start under its own pid.
        collector.drainNow();
        const record::Batch batch = collector.takeBatch();
        bool sawStart = false;
        for (const auto &e : batch.events)
            sawStart |= e.kind == trace::EventKind::WorkerStart && e.pid == pid;
        QVERIFY(sawStart);
        QVERIFY(tests::childrenOf(m_server->serverPid()).isEmpty());
        QVERIFY(!tests::childrenOf(getpid()).contains(pid));
    }

    void killStopsASleeper_data()
    {
        QTest::addColumn<QString>("method");
        QTest::newRow("fork") << QStringLiteral("fork");
        QTest::newRow("forkserver") << QStringLiteral("forkserver");
    }

    void killStopsASleeper()
    {
        QFETCH(QString, method);
        std::unique_ptr<runtime::ProcessLauncher> own;
        runtime::ProcessLauncher *l = launcher(method, own);
        auto arena = record::SharedArena::create({4, 256, 4096});
        const pid_t pid = spawnSleeper(*l, arena);
        QVERIFY(pid > 0);
        runtime::ExitStatus status;
        QVERIFY(!l->waitAny(status, 50)); // still sleeping
        l->kill(pid, SIGKILL);
        QVERIFY(l->waitAny(status, 5000));
        QCOMPARE(status.pid, pid);
        QCOMPARE(status.value(), qint64(-SIGKILL));
    }

    void serverEndsItsWorkersWhenClosed()
    {
        auto server = runtime::ForkServerClient::start();
        QVERIFY(server);
        const pid_t serverPid = server->serverPid();
        auto arena = record::SharedArena::create({4, 256, 4096});
        const pid_t pid = spawnSleeper(*server, arena);
        QVERIFY(pid > 0);
        QCOMPARE(tests::childrenOf(serverPid), QList<pid_t>{pid});
        server.reset(); // the app closing: the server kills, reaps and exits
        QVERIFY(!QFile::exists(QStringLiteral("/proc/%1").arg(pid)));
        QVERIFY(!tests::childrenOf(getpid()).contains(serverPid));
    }
};

QTEST_GUILESS_MAIN(TestLauncher)
#include "tst_launcher.moc"
