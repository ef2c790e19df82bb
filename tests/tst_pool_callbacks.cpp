// Where done callbacks run, from real runs: a process pool runs them in the
// main process on its result handler thread, a thread pool on the worker
// thread that ran the task. Stop mid-run leaves nothing behind.
#include "core/runtime/fork_server.h"
#include "core/scenarios/catalogue.h"
#include "core/scenarios/run_session.h"
#include "core/trace/message_text.h"
#include "pool_test_helpers.h"
#include "process_check.h"

#include <QSignalSpy>
#include <QTest>
#include <map>
#include <set>

using namespace cl;
using scenarios::ParameterValues;
using tests::poolValues;

class TestPoolCallbacks : public QObject {
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

    void whereCallbacksRun_data()
    {
        QTest::addColumn<QString>("pool");
        QTest::addColumn<int>("poolSize");
        QTest::newRow("process pool of 3") << QStringLiteral("processes") << 3;
        QTest::newRow("thread pool of 3") << QStringLiteral("threads") << 3;
        QTest::newRow("process pool of 1") << QStringLiteral("processes") << 1;
        QTest::newRow("thread pool of 1") << QStringLiteral("threads") << 1;
    }

    void whereCallbacksRun()
    {
        QFETCH(QString, pool);
        QFETCH(int, poolSize);
        const bool threads = pool == QLatin1String("threads");
        const int tasks = 9;
        const scenarios::Scenario *s = scenarios::findScenario(QStringLiteral("pool-callbacks"));
        const ParameterValues v = poolValues(
            s->id(), {QStringLiteral("pool=") + pool, QStringLiteral("tasks=%1").arg(tasks),
                      QStringLiteral("pool_size=%1").arg(poolSize), QStringLiteral("task_ms=30"),
                      QStringLiteral("callback_ms=5")});
        scenarios::RunSession session(m_server.get());
        const scenarios::RunResult &r = session.runBlocking(*s, v);
        QVERIFY2(r.valid && r.outcome.error.isEmpty(), qPrintable(r.outcome.error));
        const auto &store = session.store();

        QCOMPARE(r.outcome.metric(QStringLiteral("callbacks")), qint64(tasks));
        QCOMPARE(r.outcome.metric(QStringLiteral("callbacks_in_main")), qint64(tasks));
        QCOMPARE(r.outcome.metric(QStringLiteral("callbacks_on_main_thread")), qint64(0));

        // Which track ran each task and each callback, from the trace.
        std::map<int, int> taskTrack, callbackTrack;
        for (const auto &sp : tests::namedRunningSpans(store, "task "))
            taskTrack[sp.number] = sp.worker;
        for (const auto &sp : tests::namedRunningSpans(store, "callback "))
            callbackTrack[sp.number] = sp.worker;
        QCOMPARE(int(taskTrack.size()), tasks);
        QCOMPARE(int(callbackTrack.size()), tasks);
        std::set<std::int32_t> callbackTids;
        for (const auto &[task, track] : callbackTrack) {
            const auto &t = store.workers()[std::size_t(track)];
            QCOMPARE(t.pid, ::getpid()); // always the main process
            callbackTids.insert(t.tid);
            if (threads) {
                QCOMPARE(track, taskTrack[task]); // the worker thread that ran the task
                QVERIFY(tests::trackNameStartsWith(store, track, "pool worker "));
            } else {
                QCOMPARE(t.name, std::string("result handler"));
                QVERIFY(store.workers()[std::size_t(taskTrack[task])].pid != ::getpid());
            }
        }
        QCOMPARE(r.outcome.metric(QStringLiteral("callback_threads")), qint64(callbackTids.size()));
        if (threads) {
            QCOMPARE(r.outcome.metric(QStringLiteral("callbacks_on_task_thread")), qint64(tasks));
            QVERIFY(int(callbackTids.size()) <= poolSize);
        } else {
            QCOMPARE(r.outcome.metric(QStringLiteral("callbacks_on_task_thread")), qint64(0));
            QCOMPARE(int(callbackTids.size()), 1);
        }

        // Each callback printed where it ran, and every result → callback is a flow.
        int printed = 0;
        for (const auto &line : store.prints()) {
            if (!trace::printedLineText(store, line).startsWith(QLatin1String("done: task ")))
                continue;
            ++printed;
            QCOMPARE(line.pid, ::getpid());
            QVERIFY(callbackTids.count(line.tid));
        }
        QCOMPARE(printed, tasks);
        int flows = 0;
        for (const auto &f : store.flows())
            flows += f.fromWorker >= 0 && f.toWorker >= 0 && f.inTime >= f.outTime;
        QCOMPARE(flows, tasks);
        QCOMPARE(r.droppedEvents, quint64(0));
        verifyNothingLeft();
    }

    void stopMidRun_data()
    {
        QTest::addColumn<QString>("pool");
        QTest::newRow("processes") << QStringLiteral("processes");
        QTest::newRow("threads") << QStringLiteral("threads");
    }

    void stopMidRun()
    {
        QFETCH(QString, pool);
        const scenarios::Scenario *s = scenarios::findScenario(QStringLiteral("pool-callbacks"));
        const ParameterValues v = poolValues(s->id(), {QStringLiteral("pool=") + pool, QStringLiteral("tasks=10"),
                                                       QStringLiteral("pool_size=2"), QStringLiteral("task_ms=10000")});
        scenarios::RunSession session(m_server.get());
        QSignalSpy finished(&session, &scenarios::RunSession::finished);
        QVERIFY(session.start(*s, v));
        QTRY_COMPARE_WITH_TIMEOUT(tests::poolWorkersInATask(session.store()), 2, 10000);
        session.stop();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 5000);
        QVERIFY(session.result().stopped);
        QCOMPARE(session.result().outcome.metric(QStringLiteral("callbacks")), qint64(0));
        verifyNothingLeft();
    }
};

QTEST_GUILESS_MAIN(TestPoolCallbacks)
#include "tst_pool_callbacks.moc"
