// Both start methods start real processes, report exit codes and signals as
// the kernel gave them, and leave no child behind.
#include "core/record/collector.h"
#include "core/runtime/fork_server.h"
#include "core/runtime/spawn_launcher.h"
#include "core/scenarios/race_tasks.h"
#include "process_check.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QMap>
#include <QThread>
#include <QTest>
#include <algorithm>
#include <csignal>
#include <sys/prctl.h>
#include <sys/wait.h>

using namespace cl;

class TestLauncher : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<runtime::ForkServerClient> m_server;

    runtime::ProcessLauncher *launcher(const QString &method, std::unique_ptr<runtime::ProcessLauncher> &own)
    {
        if (method == QLatin1String("forkserver"))
            return m_server.get();
        own = method == QLatin1String("spawn") ? runtime::makeSpawnLauncher(runtime::workerExecutablePath())
                                               : runtime::makeForkLauncher();
        return own.get();
    }

    static runtime::SpawnRequest sleeperRequest(record::SharedArena &arena)
    {
        runtime::SpawnRequest r;
        r.task = "test.sleep";
        r.ringIndex = std::uint32_t(arena.acquireRing());
        r.setArgs(scenarios::ExitCodeArgs{0, 0, 60000});
        return r;
    }

    // A worker that sleeps for a minute unless it is killed.
    static pid_t spawnSleeper(runtime::ProcessLauncher &l, record::SharedArena &arena)
    {
        return l.spawn(arena, sleeperRequest(arena));
    }

    static QByteArray readProc(pid_t pid, const char *what)
    {
        QFile f(QStringLiteral("/proc/%1/%2").arg(pid).arg(QLatin1String(what)));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    // Our children other than the shared fork server: what a test left behind.
    QList<pid_t> strayChildren() const
    {
        QList<pid_t> out = tests::childrenOf(getpid());
        out.removeAll(m_server->serverPid());
        return out;
    }

    // Reaps, by pid, whatever children we were left with (orphans that came
    // to us as the subreaper), until none is left or `ms` passed; `statuses`
    // gets how each ended. Any still alive then is killed and reaped, and
    // counted in the result: a test expects 0.
    int reapStrays(int ms, QMap<pid_t, int> &statuses)
    {
        QDeadlineTimer deadline(ms);
        while (!strayChildren().isEmpty() && !deadline.hasExpired()) {
            for (pid_t pid : strayChildren()) {
                int status = 0;
                if (waitpid(pid, &status, WNOHANG) == pid)
                    statuses.insert(pid, status);
            }
            QThread::msleep(2);
        }
        const QList<pid_t> alive = strayChildren();
        for (pid_t pid : alive) {
            ::kill(pid, SIGKILL);
            waitpid(pid, nullptr, 0);
        }
        return int(alive.size());
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
        for (const char *m : {"fork", "forkserver", "spawn"}) {
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
        QTest::newRow("spawn") << QStringLiteral("spawn");
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

    void aSpawnedWorkerIsAFreshNamedProgram()
    {
        auto l = runtime::makeSpawnLauncher(runtime::workerExecutablePath());
        auto arena = record::SharedArena::create({4, 256, 4096});
        record::Collector collector(arena);
        runtime::SpawnRequest r = sleeperRequest(arena);
        r.name = "sleeper-1";
        r.requestTicks = record::rawTicks(record::ticksAreTsc());
        const pid_t pid = l->spawn(arena, r);
        QVERIFY(pid > 0);
        // `ps` shows its name, and it runs the worker program, not a copy of us.
        QTRY_COMPARE(readProc(pid, "comm").trimmed(), QByteArray("sleeper-1"));
        QVERIFY(readProc(pid, "cmdline").startsWith("sleeper-1"));
        QCOMPARE(QFileInfo(QStringLiteral("/proc/%1/exe").arg(pid)).symLinkTarget(),
                 QFileInfo(QString::fromStdString(runtime::workerExecutablePath())).canonicalFilePath());
        // Its only inherited descriptors: stdio and the arena.
        const QStringList fds =
            QDir(QStringLiteral("/proc/%1/fd").arg(pid)).entryList(QDir::NoDotAndDotDot | QDir::AllEntries | QDir::System);
        QVERIFY(fds.contains(QStringLiteral("3")));
        for (const QString &fd : fds)
            QVERIFY2(fd.toInt() <= runtime::kSpawnArenaFd, qPrintable(fds.join(QLatin1Char(' '))));
        l->kill(pid, SIGKILL);
        runtime::ExitStatus status;
        QVERIFY(l->waitAny(status, 5000));
        QCOMPARE(status.value(), qint64(-SIGKILL));
        collector.drainNow();
        const record::Batch batch = collector.takeBatch();
        bool started = false, starting = false;
        for (const auto &e : batch.events) {
            started |= e.kind == trace::EventKind::WorkerStart && e.pid == pid && e.value == getpid();
            starting |= e.kind == trace::EventKind::SpanBegin && e.pid == pid
                && e.arg == std::uint8_t(trace::SpanState::Starting);
        }
        QVERIFY(started);
        QVERIFY(starting);
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

    void aDeadServerIsNoticedAndItsWorkersReaped()
    {
        auto server = runtime::ForkServerClient::start();
        QVERIFY(server);
        const pid_t serverPid = server->serverPid();
        auto arena = record::SharedArena::create({8, 256, 4096});
        QList<pid_t> workers;
        for (int i = 0; i < 3; ++i) {
            const pid_t pid = spawnSleeper(*server, arena);
            QVERIFY(pid > 0);
            workers << pid;
        }
        QVERIFY(!server->failure());
        QCOMPARE(::kill(serverPid, SIGKILL), 0);

        // Every worker is reported as ended (killed), within a bounded wait.
        // One that had not armed its parent-death signal yet exits by itself.
        QList<pid_t> ended;
        runtime::ExitStatus status;
        QDeadlineTimer deadline(10000);
        while (ended.size() < workers.size() && !deadline.hasExpired()) {
            if (server->waitAny(status, 100)) {
                QVERIFY2(status.value() == -SIGKILL || status.value() == runtime::kOrphanedExitCode,
                         qPrintable(QString::number(status.value())));
                ended << status.pid;
            }
        }
        std::sort(ended.begin(), ended.end());
        QCOMPARE(ended, workers);
        QCOMPARE(server->running(), std::size_t(0));
        QVERIFY(!server->waitAny(status, 0));

        const auto failure = server->failure();
        QVERIFY(failure);
        QCOMPARE(failure->serverPid, serverPid);
        QVERIFY(WIFSIGNALED(failure->rawStatus));
        QCOMPARE(WTERMSIG(failure->rawStatus), SIGKILL);
        QList<pid_t> reported(failure->workers.begin(), failure->workers.end());
        std::sort(reported.begin(), reported.end());
        QCOMPARE(reported, workers);

        // Later spawns fail at once; nothing is left, not even a zombie.
        QCOMPARE(spawnSleeper(*server, arena), pid_t(-ECHILD));
        QCOMPARE(strayChildren(), QList<pid_t>{});
        for (pid_t pid : workers)
            QVERIFY2(!QFile::exists(QStringLiteral("/proc/%1").arg(pid)), qPrintable(QString::number(pid)));
        server.reset(); // a dead server's client closes without waiting for it
    }

    void aWorkerWhoseParentDiedBeforeArmingExits()
    {
        // The race of PR_SET_PDEATHSIG, made certain: the worker reaches
        // runWorkerChild() only after its forker is gone. It must not run
        // its minute-long task as an orphan.
        int subreaper = 0;
        prctl(PR_GET_CHILD_SUBREAPER, &subreaper, 0, 0, 0);
        QVERIFY2(subreaper == 1, "the fork server client makes us the subreaper of orphans");
        auto arena = record::SharedArena::create({4, 256, 4096});
        const runtime::SpawnRequest request = sleeperRequest(arena);
        int fds[2];
        QCOMPARE(pipe(fds), 0);
        const pid_t forker = fork();
        if (forker == 0) {
            ::close(fds[0]);
            const pid_t self = getpid();
            const pid_t worker = fork();
            if (worker == 0) {
                while (getppid() == self)
                    usleep(1000);
                runtime::runWorkerChild(arena, request, self);
            }
            (void)!::write(fds[1], &worker, sizeof worker);
            for (;;)
                pause();
        }
        ::close(fds[1]);
        pid_t worker = 0;
        QCOMPARE(::read(fds[0], &worker, sizeof worker), ssize_t(sizeof worker));
        ::close(fds[0]);
        QVERIFY(worker > 0);
        QCOMPARE(::kill(forker, SIGKILL), 0);
        QCOMPARE(waitpid(forker, nullptr, 0), forker);
        QMap<pid_t, int> statuses;
        QCOMPARE(reapStrays(10000, statuses), 0);
        QCOMPARE(statuses.keys(), QList<pid_t>{worker});
        QVERIFY(WIFEXITED(statuses.first()));
        QCOMPARE(WEXITSTATUS(statuses.first()), runtime::kOrphanedExitCode);
    }

    void workersDieWithTheirForker_data()
    {
        QTest::addColumn<QString>("method");
        QTest::newRow("fork") << QStringLiteral("fork");
        QTest::newRow("forkserver") << QStringLiteral("forkserver");
        QTest::newRow("spawn") << QStringLiteral("spawn");
    }

    void workersDieWithTheirForker()
    {
        // A process (the app) starts sleepers as fast as it can and is killed
        // in the middle: sleeping or just forked, no worker outlives it.
        QFETCH(QString, method);
        constexpr int kWorkers = 40;
        auto arena = record::SharedArena::create({kWorkers + 2, 256, 4096});
        int fds[2];
        QCOMPARE(pipe(fds), 0);
        const pid_t app = fork();
        if (app == 0) {
            ::close(fds[0]);
            std::unique_ptr<runtime::ProcessLauncher> l;
            pid_t server = 0;
            if (method == QLatin1String("fork")) {
                l = runtime::makeForkLauncher();
            } else if (method == QLatin1String("spawn")) {
                l = runtime::makeSpawnLauncher(runtime::workerExecutablePath());
            } else {
                auto client = runtime::ForkServerClient::start();
                server = client ? client->serverPid() : 0;
                l = std::move(client);
            }
            (void)!::write(fds[1], &server, sizeof server);
            for (int i = 0; l && i < kWorkers; ++i) {
                const pid_t pid = spawnSleeper(*l, arena);
                (void)!::write(fds[1], &pid, sizeof pid);
            }
            for (;;)
                pause();
        }
        ::close(fds[1]);
        pid_t server = -1;
        QCOMPARE(::read(fds[0], &server, sizeof server), ssize_t(sizeof server));
        QVERIFY(method != QLatin1String("forkserver") ? server == 0 : server > 0);
        QList<pid_t> started;
        pid_t pid = 0;
        while (started.size() < 3 && ::read(fds[0], &pid, sizeof pid) == ssize_t(sizeof pid))
            started << pid; // a few are running; more are being started right now
        QCOMPARE(::kill(app, SIGKILL), 0);
        ::close(fds[0]);
        QCOMPARE(waitpid(app, nullptr, 0), app);
        QCOMPARE(started.size(), 3);

        // Its descendants come to us (the subreaper) and must all end by themselves.
        QMap<pid_t, int> statuses;
        QCOMPARE(reapStrays(10000, statuses), 0);
        QVERIFY(!statuses.isEmpty());
        // The server may see the closed socket before its death signal: it
        // then kills and reaps its workers itself and exits 0.
        if (statuses.contains(server) && WIFEXITED(statuses[server]))
            QCOMPARE(WEXITSTATUS(statuses.take(server)), 0);
        for (int status : std::as_const(statuses))
            QVERIFY2((WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
                         || (WIFEXITED(status) && WEXITSTATUS(status) == runtime::kOrphanedExitCode),
                     qPrintable(QString::number(status)));
        QCOMPARE(strayChildren(), QList<pid_t>{});
        for (pid_t p : started)
            QVERIFY2(!QFile::exists(QStringLiteral("/proc/%1").arg(p)), qPrintable(QString::number(p)));
    }
};

QTEST_GUILESS_MAIN(TestLauncher)
#include "tst_launcher.moc"
