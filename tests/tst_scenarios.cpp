// Verdicts computed from what really happened, on real processes and threads,
// through both start methods; Stop and a killed worker leave nothing behind.
#include "core/runtime/fork_server.h"
#include "core/scenarios/catalogue.h"
#include "core/scenarios/race_tasks.h"
#include "core/scenarios/run_session.h"
#include "core/trace/message_text.h"
#include "process_check.h"

#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <csignal>
#include <limits>
#include <set>

namespace {

// Points TMPDIR (and so QDir::tempPath()) at a directory of the test's own
// for as long as it lives, so a test can see what a run left behind there.
class ScopedTmpDir {
public:
    explicit ScopedTmpDir(const QString &path = QString())
        : m_had(qEnvironmentVariableIsSet("TMPDIR")), m_old(qgetenv("TMPDIR"))
    {
        m_path = path.isEmpty() ? m_own.path() : path;
        qputenv("TMPDIR", QFile::encodeName(m_path));
    }
    ~ScopedTmpDir()
    {
        if (m_had)
            qputenv("TMPDIR", m_old);
        else
            qunsetenv("TMPDIR");
    }
    QString path() const { return m_path; }
    QStringList leftovers() const
    {
        return QDir(m_path).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
    }

private:
    QTemporaryDir m_own; // made before TMPDIR changes
    bool m_had;
    QByteArray m_old;
    QString m_path;
};

// A directory whose path is exactly `length` bytes long, made of nested
// components under `base` (the kernel caps a component at 255 bytes).
QString makeDirOfLength(const QString &base, int length)
{
    QString path = base;
    int rest = length - int(base.size());
    while (rest > 0) {
        int n = std::min(200, rest - 1);
        if (rest - (n + 1) == 1)
            --n; // never leave a lone "/" for the last component
        path += QLatin1Char('/') + QString(n, QLatin1Char('d'));
        rest -= n + 1;
    }
    return QDir().mkpath(path) ? path : QString();
}

} // namespace

using namespace cl;
using scenarios::ParameterValues;

class TestScenarios : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<runtime::ForkServerClient> m_server;

    ParameterValues values(const QString &id, const QStringList &assignments)
    {
        const scenarios::Scenario *s = scenarios::findScenario(id);
        ParameterValues v = s->defaults();
        for (const QString &a : assignments) {
            const auto error = scenarios::Parameters::applyAssignment(id, s->parameters(), a, v);
            if (error)
                qFatal("bad assignment in test: %s", qPrintable(*error));
        }
        return v;
    }

    void verifyNothingLeft()
    {
        QVERIFY(tests::childrenOf(m_server->serverPid()).isEmpty());
        const QList<pid_t> mine = tests::childrenOf(getpid());
        QCOMPARE(mine, QList<pid_t>{m_server->serverPid()});
    }

    const scenarios::RunResult &runToEnd(scenarios::RunSession &session, const QString &id, const QStringList &params)
    {
        return session.runBlocking(*scenarios::findScenario(id), values(id, params));
    }

    static pid_t trackPid(const trace::TraceStore &store, const char *name)
    {
        for (const auto &w : store.workers())
            if (w.name == name)
                return w.pid;
        return 0;
    }

    static int countSpans(const trace::TraceStore &store, trace::SpanState state)
    {
        int n = 0;
        for (const auto &w : store.workers())
            for (const auto &s : w.spans)
                n += s.state == state;
        return n;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = runtime::ForkServerClient::start();
        QVERIFY(m_server);
    }

    void ticketRace_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QStringList>("params");
        QTest::addColumn<bool>("expectOversold");
        QTest::addColumn<qint64>("expectSold"); // -1: not fixed
        const QStringList racy{QStringLiteral("tickets=10"), QStringLiteral("buyers=5"),
                               QStringLiteral("think_ms=200"), QStringLiteral("stagger_ms=20")};
        for (const char *method : {"forkserver", "fork"}) {
            for (const char *mode : {"processes", "threads"}) {
                if (QLatin1String(method) == QLatin1String("fork") && QLatin1String(mode) == QLatin1String("threads"))
                    continue; // threads do not fork: one row is enough
                for (const char *store : {"file", "shm"}) {
                    QStringList p = racy;
                    p << QStringLiteral("mode=%1").arg(QLatin1String(mode))
                      << QStringLiteral("store=%1").arg(QLatin1String(store));
                    QTest::addRow("%s %s %s lock off", method, mode, store)
                        << QString::fromLatin1(method) << (QStringList(p) << QStringLiteral("lock=off")) << true
                        << qint64(-1);
                    // Each holder thinks well past the next buyer's start (20 ms later), so
                    // someone waits even when a loaded machine (or TSan) starts workers late.
                    QTest::addRow("%s %s %s lock on", method, mode, store)
                        << QString::fromLatin1(method)
                        << (QStringList(p) << QStringLiteral("lock=on") << QStringLiteral("think_ms=100"))
                        << false << qint64(5);
                }
            }
        }
        QTest::addRow("more buyers than tickets, lock on")
            << QStringLiteral("forkserver")
            << QStringList{QStringLiteral("tickets=3"), QStringLiteral("buyers=6"), QStringLiteral("think_ms=10"),
                           QStringLiteral("stagger_ms=0"), QStringLiteral("lock=on")}
            << false << qint64(3);
    }

    void ticketRace()
    {
        QFETCH(QString, method);
        QFETCH(QStringList, params);
        QFETCH(bool, expectOversold);
        QFETCH(qint64, expectSold);
        const scenarios::Scenario *s = scenarios::findScenario(QStringLiteral("ticket-race"));
        const ParameterValues v = values(s->id(), params);
        scenarios::RunSession session(method == QLatin1String("fork") ? nullptr : m_server.get());
        const scenarios::RunResult &r = session.runBlocking(*s, v);
        QVERIFY2(r.valid && r.outcome.error.isEmpty(), qPrintable(r.outcome.error));

        const qint64 tickets = v.integer(QStringLiteral("tickets"));
        const qint64 sold = r.outcome.metric(QStringLiteral("sold"));
        const qint64 left = r.outcome.metric(QStringLiteral("tickets_left"));
        const qint64 oversold = r.outcome.metric(QStringLiteral("oversold"));
        QCOMPARE(oversold, sold - (tickets - left));
        if (expectOversold) {
            QVERIFY2(oversold > 0, qPrintable(r.outcome.verdict));
        } else {
            QCOMPARE(oversold, qint64(0));
            QCOMPARE(sold, expectSold);
            QCOMPARE(left, tickets - expectSold);
            // Each buyer held the lock exactly once; someone waited; the lock was handed over.
            QCOMPARE(countSpans(session.store(), trace::SpanState::LockHold), int(v.integer(QStringLiteral("buyers"))));
            QVERIFY(countSpans(session.store(), trace::SpanState::LockWait) > 0);
            QVERIFY(!session.store().flows().empty());
        }

        // Real kernel ids: one distinct pid per buyer process, or one tid per buyer thread.
        const int buyers = int(v.integer(QStringLiteral("buyers")));
        QCOMPARE(int(r.workers.size()), buyers);
        std::set<int> pids, tids;
        for (const auto &w : r.workers) {
            pids.insert(w.pid);
            tids.insert(w.tid);
            QCOMPARE(w.exitValue, qint64(0));
            QVERIFY(w.tid > 0);
        }
        const bool threads = v.choice(QStringLiteral("mode")) == QLatin1String("threads");
        QCOMPARE(int(pids.size()), threads ? 1 : buyers);
        QCOMPARE(int(tids.size()), buyers);
        // Every buyer shows as a track with its printed "tickets left" line.
        int buyerTracks = 0;
        for (const auto &w : session.store().workers())
            buyerTracks += QString::fromStdString(w.name).startsWith(QLatin1String("buyer-")) && w.exited;
        QCOMPARE(buyerTracks, buyers);
        QVERIFY(int(session.store().prints().size()) >= 2 * buyers);
        QVERIFY(trace::printedLineText(session.store(), session.store().prints().front()).contains(QLatin1String("tickets left")));
        QCOMPARE(r.droppedEvents, quint64(0));
        verifyNothingLeft();
    }

    void counterRace_data()
    {
        QTest::addColumn<QStringList>("params");
        QTest::addColumn<bool>("expectExact");
        QTest::newRow("processes lock on") << QStringList{QStringLiteral("workers=4"), QStringLiteral("increments=5000"), QStringLiteral("lock=on")} << true;
        QTest::newRow("threads lock on") << QStringList{QStringLiteral("workers=4"), QStringLiteral("increments=5000"), QStringLiteral("lock=on"), QStringLiteral("mode=threads")} << true;
        QTest::newRow("processes lock off") << QStringList{QStringLiteral("workers=4"), QStringLiteral("increments=20000"), QStringLiteral("gap_ns=300"), QStringLiteral("lock=off")} << false;
    }

    void counterRace()
    {
        QFETCH(QStringList, params);
        QFETCH(bool, expectExact);
        const scenarios::Scenario *s = scenarios::findScenario(QStringLiteral("counter-race"));
        const ParameterValues v = values(s->id(), params);
        scenarios::RunSession session(m_server.get());
        const scenarios::RunResult &r = session.runBlocking(*s, v);
        QVERIFY2(r.valid && r.outcome.error.isEmpty(), qPrintable(r.outcome.error));
        const qint64 expected = r.outcome.metric(QStringLiteral("expected"));
        const qint64 final = r.outcome.metric(QStringLiteral("final"));
        QCOMPARE(expected, v.integer(QStringLiteral("workers")) * v.integer(QStringLiteral("increments")));
        QCOMPARE(r.outcome.metric(QStringLiteral("lost")), expected - final);
        if (expectExact) {
            QCOMPARE(final, expected);
            // Every hand-over goes from a release to a later acquisition, between two workers.
            const auto &flows = session.store().flows();
            // Whoever waited was handed the lock by someone.
            if (countSpans(session.store(), trace::SpanState::LockWait) > 0)
                QVERIFY(!flows.empty());
            for (const auto &f : flows) {
                QVERIFY(f.fromWorker >= 0 && f.toWorker >= 0);
                QVERIFY2(f.inTime >= f.outTime,
                         qPrintable(QStringLiteral("a hand-over goes back in time: out %1 ns (worker %2), in %3 ns (worker %4)")
                                        .arg(f.outTime - session.store().beginTime()).arg(f.fromWorker)
                                        .arg(f.inTime - session.store().beginTime()).arg(f.toWorker)));
            }
        } else {
            if (sysconf(_SC_NPROCESSORS_ONLN) < 2)
                QSKIP("lost updates need two cores running at once");
            QVERIFY2(final < expected, qPrintable(r.outcome.verdict));
        }
        verifyNothingLeft();
    }

    void stopEndsTheRunAtOnce_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::newRow("processes") << QStringLiteral("processes");
        QTest::newRow("threads") << QStringLiteral("threads");
    }

    void stopEndsTheRunAtOnce()
    {
        QFETCH(QString, mode);
        ScopedTmpDir tmp;
        const scenarios::Scenario *s = scenarios::findScenario(QStringLiteral("ticket-race"));
        const ParameterValues v = values(s->id(), {QStringLiteral("buyers=4"), QStringLiteral("think_ms=10000"),
                                                   QStringLiteral("stagger_ms=0"), QStringLiteral("mode=") + mode,
                                                   QStringLiteral("store=file")});
        scenarios::RunSession session(m_server.get());
        QSignalSpy finished(&session, &scenarios::RunSession::finished);
        QVERIFY(session.start(*s, v));
        // Wait until every buyer is really running (its start reached the store).
        QTRY_VERIFY_WITH_TIMEOUT(int(session.store().prints().size()) >= 4, 10000);
        session.stop();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 3000);
        QVERIFY(session.result().stopped);
        // Threads return when they see Stop; processes are killed, unless
        // they saw the stop flag first and returned on their own.
        for (const auto &w : session.result().workers) {
            if (mode == QLatin1String("threads"))
                QCOMPARE(w.exitValue, qint64(scenarios::kStoppedExitCode));
            else
                QVERIFY2(w.exitValue == -SIGKILL || w.exitValue == scenarios::kStoppedExitCode,
                         qPrintable(QString::number(w.exitValue)));
        }
        verifyNothingLeft();
        QCOMPARE(tmp.leftovers(), QStringList{}); // the ticket file went with the run
    }

    void aKilledWorkerDoesNotHangTheOthers()
    {
        // Buyer 1 is killed while it holds the lock; the robust lock lets the others go on.
        const scenarios::Scenario *s = scenarios::findScenario(QStringLiteral("ticket-race"));
        const ParameterValues v = values(s->id(), {QStringLiteral("buyers=3"), QStringLiteral("think_ms=1500"),
                                                   QStringLiteral("stagger_ms=0"), QStringLiteral("lock=on"),
                                                   QStringLiteral("tickets=10")});
        scenarios::RunSession session(m_server.get());
        QSignalSpy finished(&session, &scenarios::RunSession::finished);
        QVERIFY(session.start(*s, v));
        QTRY_VERIFY_WITH_TIMEOUT(!session.store().prints().empty(), 10000);
        const pid_t holder = session.store().prints().front().pid;
        QCOMPARE(::kill(holder, SIGKILL), 0);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 15000);
        const auto &r = session.result();
        QVERIFY(!r.stopped);
        int killed = 0;
        for (const auto &w : r.workers)
            killed += w.pid == holder && w.exitValue == -SIGKILL;
        QCOMPARE(killed, 1);
        QCOMPARE(r.outcome.metric(QStringLiteral("sold")), qint64(2));
        QCOMPARE(r.outcome.metric(QStringLiteral("oversold")), qint64(0));
        const int track = session.store().workerIndex(holder, holder);
        QVERIFY(track >= 0);
        QCOMPARE(session.store().workers()[std::size_t(track)].exitValue, qint64(-SIGKILL));
        verifyNothingLeft();
    }

    void aDeadForkServerEndsTheRun_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<QStringList>("params");
        QTest::addColumn<int>("runningAtKill"); // wait for this many printed lines / worker tracks
        QTest::newRow("ticket-race, buyers thinking")
            << QStringLiteral("ticket-race")
            << QStringList{QStringLiteral("buyers=4"), QStringLiteral("think_ms=10000"), QStringLiteral("stagger_ms=0"),
                           QStringLiteral("store=file")}
            << 4;
        QTest::newRow("ticket-race, buyers still starting")
            << QStringLiteral("ticket-race")
            << QStringList{QStringLiteral("buyers=6"), QStringLiteral("think_ms=10000"),
                           QStringLiteral("stagger_ms=400"), QStringLiteral("store=file")}
            << 1;
        QTest::newRow("counter-race")
            << QStringLiteral("counter-race")
            << QStringList{QStringLiteral("workers=2"), QStringLiteral("increments=1000000"),
                           QStringLiteral("gap_ns=20000")}
            << 2;
    }

    void aDeadForkServerEndsTheRun()
    {
        // The server is killed (kill -9) mid-run: the run ends promptly with
        // an error that says so, and every worker is accounted for and reaped.
        QFETCH(QString, scenario);
        QFETCH(QStringList, params);
        QFETCH(int, runningAtKill);
        ScopedTmpDir tmp;
        auto server = runtime::ForkServerClient::start();
        QVERIFY(server);
        const pid_t serverPid = server->serverPid();
        const scenarios::Scenario *s = scenarios::findScenario(scenario);
        scenarios::RunSession session(server.get());
        QSignalSpy finished(&session, &scenarios::RunSession::finished);
        QVERIFY(session.start(*s, values(scenario, params)));
        const auto running = [&] {
            if (scenario == QLatin1String("ticket-race"))
                return int(session.store().prints().size());
            return int(std::count_if(session.store().workers().begin(), session.store().workers().end(),
                                     [](const auto &w) { return w.name.rfind("worker-", 0) == 0; }));
        };
        QTRY_VERIFY_WITH_TIMEOUT(running() >= runningAtKill, 10000);
        const QList<pid_t> workersAtKill = tests::childrenOf(serverPid);
        QVERIFY(!workersAtKill.isEmpty());
        QCOMPARE(::kill(serverPid, SIGKILL), 0);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 15000);

        const scenarios::RunResult &r = session.result();
        const QString error = r.outcome.error;
        QVERIFY2(error.contains(QStringLiteral("fork server (pid %1) ended unexpectedly").arg(serverPid)),
                 qPrintable(error));
        QVERIFY2(error.contains(QLatin1String("killed by signal 9")), qPrintable(error));
        // Every worker of the run was still busy (thinking, counting) when the server died.
        QVERIFY(int(r.workers.size()) >= workersAtKill.size());
        QVERIFY2(error.contains(QStringLiteral("its %1 running worker").arg(r.workers.size())), qPrintable(error));
        for (const auto &w : r.workers) {
            QVERIFY(w.ended);
            QCOMPARE(w.exitValue, qint64(-SIGKILL));
        }
        verifyNothingLeft(); // the dead server and its workers were reaped: no zombie either
        for (pid_t pid : workersAtKill)
            QVERIFY2(!QFile::exists(QStringLiteral("/proc/%1").arg(pid)), qPrintable(QString::number(pid)));
        QCOMPARE(tmp.leftovers(), QStringList{});

        // The next run on the dead server fails at once, and says why.
        const scenarios::RunResult &again = runToEnd(session, QStringLiteral("ticket-race"),
                                                     {QStringLiteral("buyers=2"), QStringLiteral("think_ms=10")});
        QVERIFY2(again.outcome.error.contains(QStringLiteral("fork server (pid %1)").arg(serverPid))
                     && again.outcome.error.contains(QLatin1String("until the application is restarted")),
                 qPrintable(again.outcome.error));
        QVERIFY(again.workers.empty());
        QCOMPARE(tmp.leftovers(), QStringList{});
        // Threads need no fork server.
        const scenarios::RunResult &threads =
            runToEnd(session, QStringLiteral("ticket-race"),
                     {QStringLiteral("buyers=2"), QStringLiteral("think_ms=10"), QStringLiteral("mode=threads")});
        QVERIFY2(threads.outcome.error.isEmpty(), qPrintable(threads.outcome.error));
        QCOMPARE(int(threads.workers.size()), 2);
    }

    void aKilledCounterWorkerLosesNoUpdates()
    {
        // With the lock on nothing is lost; a worker killed half-way made
        // fewer additions, and only those it made are expected.
        const QString id = QStringLiteral("counter-race");
        const ParameterValues v = values(id, {QStringLiteral("workers=3"), QStringLiteral("increments=10000"),
                                              QStringLiteral("gap_ns=50000"), QStringLiteral("lock=on")});
        scenarios::RunSession session(m_server.get());
        QSignalSpy finished(&session, &scenarios::RunSession::finished);
        QVERIFY(session.start(*scenarios::findScenario(id), v));
        const auto value = [&]() -> qint64 {
            const trace::CounterTrack *t =
                session.store().counter(trace::CounterTrack::Kind::Value, trace::counter_id::SharedValue);
            return t && !t->samples.empty() ? t->samples.back().value : 0;
        };
        QTRY_VERIFY_WITH_TIMEOUT(value() >= 1000, 20000); // running, far from done (30000)
        const pid_t victim = trackPid(session.store(), "worker-1");
        QVERIFY(victim > 0);
        QCOMPARE(::kill(victim, SIGKILL), 0);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);

        const scenarios::RunResult &r = session.result();
        QVERIFY2(r.outcome.error.isEmpty(), qPrintable(r.outcome.error));
        bool killed = false;
        for (const auto &w : r.workers)
            killed |= w.pid == victim && w.exitValue == -SIGKILL;
        QVERIFY(killed);
        const qint64 expected = r.outcome.metric(QStringLiteral("expected"));
        const qint64 final = r.outcome.metric(QStringLiteral("final"));
        QVERIFY2(expected < 3 * 10000 && expected >= 2 * 10000, qPrintable(QString::number(expected)));
        QCOMPARE(r.outcome.metric(QStringLiteral("lost")), expected - final);
        // The one addition in flight at the kill may have reached the value unrecorded.
        QVERIFY2(final == expected || final == expected + 1, qPrintable(r.outcome.verdict));
        QVERIFY(!r.outcome.problem);
        verifyNothingLeft();
    }

    void ticketFilePathLength_data()
    {
        QTest::addColumn<int>("length"); // of TMPDIR, in bytes
        QTest::addColumn<QString>("error"); // expected in the run's error; empty: none
        QTest::newRow("300 bytes, more than the old 200-byte store") << 300 << QString();
        QTest::newRow("3000 bytes") << 3000 << QString();
        // Room for the directory, not for ".../tickets.txt".
        QTest::newRow("file path over PATH_MAX") << 4065 << QStringLiteral("bytes long, more than the 4095 allowed");
        QTest::newRow("no room for the directory") << 4090 << QStringLiteral("could not create a directory");
    }

    void ticketFilePathLength()
    {
        QFETCH(int, length);
        QFETCH(QString, error);
        QTemporaryDir base;
        const QString dir = makeDirOfLength(base.path(), length);
        QVERIFY(!dir.isEmpty());
        QCOMPARE(QFile::encodeName(dir).size(), length);
        ScopedTmpDir tmp(dir);
        scenarios::RunSession session(m_server.get());
        const scenarios::RunResult &r =
            runToEnd(session, QStringLiteral("ticket-race"),
                     {QStringLiteral("tickets=3"), QStringLiteral("buyers=2"), QStringLiteral("think_ms=10"),
                      QStringLiteral("stagger_ms=0"), QStringLiteral("lock=on"), QStringLiteral("store=file")});
        if (error.isEmpty()) {
            QVERIFY2(r.outcome.error.isEmpty(), qPrintable(r.outcome.error));
            QCOMPARE(r.outcome.metric(QStringLiteral("sold")), qint64(2));
            QCOMPARE(r.outcome.metric(QStringLiteral("tickets_left")), qint64(1));
        } else {
            QVERIFY2(r.outcome.error.contains(error), qPrintable(r.outcome.error));
            QVERIFY(r.workers.empty());
        }
        QCOMPARE(tmp.leftovers(), QStringList{});
        verifyNothingLeft();
    }

    void aFailedStoreReadOrWriteIsNoSale()
    {
        // While the first buyer thinks (holding the lock), the ticket file
        // turns into a directory: its write fails, the others cannot read.
        ScopedTmpDir tmp;
        const QString id = QStringLiteral("ticket-race");
        scenarios::RunSession session(m_server.get());
        QSignalSpy finished(&session, &scenarios::RunSession::finished);
        QVERIFY(session.start(*scenarios::findScenario(id),
                              values(id, {QStringLiteral("tickets=10"), QStringLiteral("buyers=3"),
                                          QStringLiteral("think_ms=1500"), QStringLiteral("stagger_ms=0"),
                                          QStringLiteral("lock=on"), QStringLiteral("store=file")})));
        QTRY_VERIFY_WITH_TIMEOUT(!session.store().prints().empty(), 10000);
        const QStringList dirs = QDir(tmp.path()).entryList({QStringLiteral("concurrency-lab-*")}, QDir::Dirs);
        QCOMPARE(dirs.size(), 1);
        const QString file = tmp.path() + QLatin1Char('/') + dirs.front() + QStringLiteral("/tickets.txt");
        QVERIFY(QFile::remove(file));
        QVERIFY(QDir().mkdir(file));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);

        const scenarios::RunResult &r = session.result();
        QCOMPARE(r.outcome.metric(QStringLiteral("sold")), qint64(0));
        const qint64 absent = std::numeric_limits<qint64>::min();
        QCOMPARE(r.outcome.metric(QStringLiteral("tickets_left"), absent), absent); // never -1
        QCOMPARE(r.outcome.metric(QStringLiteral("oversold"), absent), absent);
        const QString e = r.outcome.error;
        QVERIFY2(e.contains(QLatin1String("1 buyer(s) could not write the lowered count back")), qPrintable(e));
        QVERIFY2(e.contains(QLatin1String("2 buyer(s) could not read the ticket count")), qPrintable(e));
        QVERIFY2(e.contains(QLatin1String("could not read the final ticket count")), qPrintable(e));
        QVERIFY2(e.contains(QString::fromLocal8Bit(strerror(EISDIR))), qPrintable(e));
        for (const auto &w : r.workers)
            QCOMPARE(w.exitValue, qint64(1));
        verifyNothingLeft();
        QCOMPARE(tmp.leftovers(), QStringList{});
    }
};

QTEST_GUILESS_MAIN(TestScenarios)
#include "tst_scenarios.moc"
