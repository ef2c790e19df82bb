// Verdicts computed from what really happened, on real processes and threads,
// through both start methods; Stop and a killed worker leave nothing behind.
#include "core/runtime/fork_server.h"
#include "core/scenarios/catalogue.h"
#include "core/scenarios/race_tasks.h"
#include "core/scenarios/run_session.h"
#include "core/trace/message_text.h"
#include "process_check.h"
#include "scoped_tmpdir.h"

#include <QSignalSpy>
#include <QTest>
#include <csignal>
#include <set>

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
        tests::ScopedTmpDir tmp;
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
};

QTEST_GUILESS_MAIN(TestScenarios)
#include "tst_scenarios.moc"
