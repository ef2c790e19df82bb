// The "sharing data" lessons on real processes: a pipe conversation, shared
// Value/Array against a manager's server process, and the ticket race with
// its count in a manager's dict. Every message arrives once and in order,
// the manager serves each proxy call on its own PID track, the lock keeps
// every update, and nothing is left behind: after a run, after Stop, and
// after the manager is killed mid-run.
#include "core/runtime/fork_server.h"
#include "core/scenarios/catalogue.h"
#include "core/scenarios/run_session.h"
#include "process_check.h"

#include <QSignalSpy>
#include <QTest>
#include <csignal>

using namespace cl;
using scenarios::ParameterValues;

class TestSharing : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<runtime::ForkServerClient> m_server;

    static ParameterValues values(const QString &id, const QString &assignments)
    {
        const scenarios::Scenario *s = scenarios::findScenario(id);
        ParameterValues v = s->defaults();
        for (const QString &a : assignments.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const auto error = scenarios::Parameters::applyAssignment(id, s->parameters(), a, v);
            if (error)
                qFatal("bad assignment in test: %s", qPrintable(*error));
        }
        return v;
    }

    void verifyNothingLeft()
    {
        QTRY_VERIFY_WITH_TIMEOUT(tests::childrenOf(m_server->serverPid()).isEmpty(), 5000);
        QCOMPARE(tests::childrenOf(getpid()), QList<pid_t>{m_server->serverPid()});
    }

    static const trace::WorkerTrack *track(const trace::TraceStore &store, const char *name)
    {
        for (const auto &w : store.workers())
            if (w.name == name)
                return &w;
        return nullptr;
    }

    static int workerIndex(const trace::TraceStore &store, const char *name)
    {
        for (std::size_t i = 0; i < store.workers().size(); ++i)
            if (store.workers()[i].name == name)
                return int(i);
        return -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = runtime::ForkServerClient::start();
        QVERIFY(m_server);
    }

    void pipeMessagesArriveOnceInOrder_data()
    {
        QTest::addColumn<QString>("params");
        QTest::newRow("duplex") << QStringLiteral("messages=40,reply_ms=0,duplex=on");
        QTest::newRow("two one-way pipes") << QStringLiteral("messages=40,reply_ms=0,duplex=off");
        QTest::newRow("duplex, child thinks") << QStringLiteral("messages=5,reply_ms=20,duplex=on");
    }

    void pipeMessagesArriveOnceInOrder()
    {
        QFETCH(QString, params);
        scenarios::RunSession session(m_server.get());
        const ParameterValues v = values(QStringLiteral("pipe"), params);
        const scenarios::RunResult &r = session.runBlocking(*scenarios::findScenario(QStringLiteral("pipe")), v);
        QVERIFY2(r.outcome.error.isEmpty(), qPrintable(r.outcome.error));
        const qint64 messages = v.integer(QStringLiteral("messages"));
        QCOMPARE(r.outcome.metric(QStringLiteral("sent")), messages);
        QCOMPARE(r.outcome.metric(QStringLiteral("received")), messages);
        QCOMPARE(r.outcome.metric(QStringLiteral("replies")), messages);
        QCOMPARE(r.outcome.metric(QStringLiteral("out_of_order")), 0);
        QVERIFY(r.outcome.metric(QStringLiteral("round_trip_us_p50")) >= v.integer(QStringLiteral("reply_ms")) * 1000);
        QVERIFY(!r.outcome.problem);

        // One arrow per message: main → child for each message, child → main for each reply.
        const trace::TraceStore &store = session.store();
        const int child = workerIndex(store, "child");
        QVERIFY(child >= 0);
        int down = 0, up = 0;
        for (const trace::Flow &f : store.flows()) {
            down += f.toWorker == child && f.fromWorker != child;
            up += f.fromWorker == child && f.toWorker != child;
            QVERIFY(f.inTime >= f.outTime);
        }
        QCOMPARE(down, int(messages));
        QCOMPARE(up, int(messages));
        // The child's console lines name each message once, in order.
        QStringList got;
        const trace::WorkerTrack *c = track(store, "child");
        for (const trace::PrintedLine &line : store.prints())
            if (line.pid == c->pid)
                got << QString::fromUtf8(store.string(line.stringId).data(), qsizetype(store.string(line.stringId).size()));
        QCOMPARE(got.size(), int(messages));
        for (int i = 0; i < got.size(); ++i)
            QCOMPARE(got[i], QStringLiteral("message %1").arg(i + 1));
        verifyNothingLeft();
    }

    void sharedUpdates_data()
    {
        QTest::addColumn<QString>("store");
        QTest::addColumn<QString>("lock");
        for (const char *store : {"value", "array", "manager"})
            for (const char *lock : {"on", "off"})
                QTest::addRow("%s lock=%s", store, lock) << QString::fromLatin1(store) << QString::fromLatin1(lock);
    }

    void sharedUpdates()
    {
        // Only what is certain: with the lock nothing is lost, and the
        // numbers always add up. Whether lock=off loses updates is up to the scheduler.
        QFETCH(QString, store);
        QFETCH(QString, lock);
        const bool manager = store == QLatin1String("manager");
        const int workers = 3;
        const int updates = manager ? 150 : 20000;
        scenarios::RunSession session(m_server.get());
        const scenarios::RunResult &r = session.runBlocking(
            *scenarios::findScenario(QStringLiteral("shared-vs-manager")),
            values(QStringLiteral("shared-vs-manager"),
                   QStringLiteral("workers=%1,updates=%2,store=%3,lock=%4").arg(workers).arg(updates).arg(store, lock)));
        QVERIFY2(r.outcome.error.isEmpty(), qPrintable(r.outcome.error));
        const qint64 expected = r.outcome.metric(QStringLiteral("expected"));
        const qint64 final = r.outcome.metric(QStringLiteral("final"));
        const qint64 lost = r.outcome.metric(QStringLiteral("lost"));
        QCOMPARE(expected, qint64(workers) * updates);
        QCOMPARE(final + lost, expected);
        if (lock == QLatin1String("on")) {
            QCOMPARE(lost, 0);
            QVERIFY(!r.outcome.problem);
        }
        const trace::TraceStore &s = session.store();
        const trace::WorkerTrack *m = track(s, "manager");
        QCOMPARE(r.outcome.metric(QStringLiteral("manager_pid")), qint64(manager && m ? m->pid : 0));
        QCOMPARE(m != nullptr, manager);
        if (!manager) {
            verifyNothingLeft();
            return;
        }
        QCOMPARE(r.outcome.metric(QStringLiteral("workers_reported")), workers);
        QVERIFY(m->exited);
        QCOMPARE(m->exitValue, 0);
        // Every proxy call is a request served on the manager's own track:
        // get and set per update, acquire and release with the lock, and
        // one append per worker.
        const int perUpdate = lock == QLatin1String("on") ? 4 : 2;
        int served = 0;
        for (const trace::Span &sp : m->spans)
            served += sp.state == trace::SpanState::Running;
        QVERIFY2(served >= workers * updates * perUpdate + workers, qPrintable(QString::number(served)));
        // ... and the arrows go there and back.
        const int mi = workerIndex(s, "manager");
        int toManager = 0, fromManager = 0;
        for (const trace::Flow &f : s.flows()) {
            toManager += f.toWorker == mi && f.fromWorker != mi;
            fromManager += f.fromWorker == mi && f.toWorker != mi;
        }
        QVERIFY(toManager >= workers * updates * perUpdate);
        QVERIFY(fromManager >= workers * updates * perUpdate);
        verifyNothingLeft();
    }

    void ticketRaceWithAManager_data()
    {
        QTest::addColumn<QString>("params");
        QTest::addColumn<bool>("exact");
        QTest::newRow("processes, lock") << QStringLiteral("mode=processes,lock=on") << true;
        QTest::newRow("threads, lock") << QStringLiteral("mode=threads,lock=on") << true;
        QTest::newRow("pool, lock") << QStringLiteral("mode=pool,pool_size=2,lock=on") << true;
        QTest::newRow("processes, no lock") << QStringLiteral("mode=processes,lock=off") << false;
    }

    void ticketRaceWithAManager()
    {
        QFETCH(QString, params);
        QFETCH(bool, exact);
        scenarios::RunSession session(m_server.get());
        const scenarios::RunResult &r = session.runBlocking(
            *scenarios::findScenario(QStringLiteral("ticket-race")),
            values(QStringLiteral("ticket-race"),
                   QStringLiteral("tickets=3,buyers=5,think_ms=30,stagger_ms=0,store=manager,") + params));
        QVERIFY2(r.outcome.error.isEmpty(), qPrintable(r.outcome.error));
        const qint64 sold = r.outcome.metric(QStringLiteral("sold"));
        const qint64 left = r.outcome.metric(QStringLiteral("tickets_left"));
        QCOMPARE(r.outcome.metric(QStringLiteral("oversold")), sold - (3 - left));
        if (exact) {
            QCOMPARE(sold, 3);
            QCOMPARE(left, 0);
        }
        const trace::WorkerTrack *m = track(session.store(), "manager");
        QVERIFY(m);
        int served = 0;
        for (const trace::Span &sp : m->spans)
            served += sp.state == trace::SpanState::Running;
        QVERIFY(served >= 5 + 3); // a read per buyer, a write per sale
        verifyNothingLeft();
    }

    void stopEndsEverything_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<QString>("params");
        QTest::newRow("pipe") << QStringLiteral("pipe") << QStringLiteral("messages=100,reply_ms=1000");
        QTest::newRow("manager") << QStringLiteral("shared-vs-manager")
                                 << QStringLiteral("workers=2,updates=1000000,store=manager,lock=on");
        QTest::newRow("ticket-race, manager") << QStringLiteral("ticket-race")
                                              << QStringLiteral("buyers=3,think_ms=10000,store=manager,lock=on");
    }

    void stopEndsEverything()
    {
        QFETCH(QString, scenario);
        QFETCH(QString, params);
        scenarios::RunSession session(m_server.get());
        QSignalSpy finished(&session, &scenarios::RunSession::finished);
        QVERIFY(session.start(*scenarios::findScenario(scenario), values(scenario, params)));
        QTRY_VERIFY_WITH_TIMEOUT(!session.store().prints().empty() || session.store().flows().size() > 4, 10000);
        session.stop();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 15000);
        QVERIFY(session.result().stopped);
        for (const auto &w : session.result().workers)
            QVERIFY(w.ended);
        verifyNothingLeft();
    }

    void aKilledManagerFailsTheRun_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<QString>("params");
        QTest::newRow("shared-vs-manager") << QStringLiteral("shared-vs-manager")
                                           << QStringLiteral("workers=3,updates=1000000,store=manager,lock=on");
        QTest::newRow("ticket-race") << QStringLiteral("ticket-race")
                                     << QStringLiteral("buyers=4,think_ms=300,stagger_ms=0,store=manager,lock=on");
    }

    void aKilledManagerFailsTheRun()
    {
        // kill -9 of the manager mid-run: every client's call fails instead
        // of hanging, the run ends with an error that says what happened,
        // and every process is reaped.
        QFETCH(QString, scenario);
        QFETCH(QString, params);
        scenarios::RunSession session(m_server.get());
        QSignalSpy finished(&session, &scenarios::RunSession::finished);
        QVERIFY(session.start(*scenarios::findScenario(scenario), values(scenario, params)));
        const auto managerPid = [&]() -> pid_t {
            const trace::WorkerTrack *m = track(session.store(), "manager");
            return m ? m->pid : 0;
        };
        // Under way: a buyer said what it read, or the shared value has climbed.
        const auto underWay = [&] {
            const trace::CounterTrack *t =
                session.store().counter(trace::CounterTrack::Kind::Value, trace::counter_id::SharedValue);
            return !session.store().prints().empty() || (t && !t->samples.empty() && t->samples.back().value >= 100);
        };
        QTRY_VERIFY_WITH_TIMEOUT(managerPid() != 0 && underWay(), 10000);
        const pid_t pid = managerPid();
        QCOMPARE(::kill(pid, SIGKILL), 0);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        const scenarios::RunResult &r = session.result();
        QVERIFY(!r.stopped);
        QVERIFY2(r.outcome.error.contains(QStringLiteral("the manager process (pid %1) ended before the run was over").arg(pid)),
                 qPrintable(r.outcome.error));
        QVERIFY2(r.outcome.error.contains(QLatin1String("killed by signal 9")), qPrintable(r.outcome.error));
        for (const auto &w : r.workers)
            QVERIFY(w.ended);
        verifyNothingLeft();
        QVERIFY(!QFile::exists(QStringLiteral("/proc/%1").arg(pid)));
    }
};

QTEST_GUILESS_MAIN(TestSharing)
#include "tst_sharing.moc"
