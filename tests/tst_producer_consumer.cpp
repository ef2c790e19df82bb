// The producer/consumer lesson, run for real at small sizes: every item
// consumed exactly once and the depth within the capacity for several shapes,
// what the trace shows agrees with the metrics, each way of ending the
// consumers does what it says, and nothing is left after Stop or a kill.
#include "core/runtime/fork_server.h"
#include "core/scenarios/catalogue.h"
#include "core/scenarios/race_tasks.h"
#include "core/scenarios/run_session.h"
#include "core/trace/message_text.h"
#include "process_check.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <set>

using namespace cl;
using scenarios::ParameterValues;

namespace {
const QString kId = QStringLiteral("producer-consumer");

QStringList strings(std::initializer_list<const char *> list)
{
    QStringList out;
    for (const char *s : list)
        out << QString::fromLatin1(s);
    return out;
}

int spans(const trace::TraceStore &store, trace::SpanState state)
{
    // Closed spans, plus the waits of consumers terminated while waiting.
    int n = 0;
    for (const auto &w : store.workers()) {
        for (const auto &s : w.spans)
            n += s.state == state;
        n += w.isOpen(state);
    }
    return n;
}

const trace::WorkerTrack *track(const trace::TraceStore &store, const QString &name)
{
    for (const auto &w : store.workers())
        if (QString::fromStdString(w.name) == name)
            return &w;
    return nullptr;
}
} // namespace

class TestProducerConsumer : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<runtime::ForkServerClient> m_server;

    static ParameterValues values(const QStringList &assignments)
    {
        const scenarios::Scenario *s = scenarios::findScenario(kId);
        ParameterValues v = s->defaults();
        for (const QString &a : assignments) {
            const auto error = scenarios::Parameters::applyAssignment(kId, s->parameters(), a, v);
            if (error)
                qFatal("bad assignment in test: %s", qPrintable(*error));
        }
        return v;
    }

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
        QVERIFY(scenarios::findScenario(kId));
    }

    void schemaPresetsAndTexts()
    {
        const scenarios::Scenario *s = scenarios::findScenario(kId);
        QCOMPARE(s->category(), QStringLiteral("Queues"));
        QStringList keys;
        for (const auto &p : s->parameters())
            keys << p.key;
        QCOMPARE(keys, strings({"producers", "consumers", "items", "capacity", "produce_ms", "consume_ms", "queue",
                                "shutdown", "mode"}));
        // Every preset names real keys with allowed values.
        QVERIFY(s->presets().size() >= 2);
        for (const auto &preset : s->presets()) {
            ParameterValues v = s->defaults();
            for (const auto &[key, value] : preset.values) {
                const QString assignment = key + QLatin1Char('=') + value;
                const auto error = scenarios::Parameters::applyAssignment(kId, s->parameters(), assignment, v);
                QVERIFY2(!error, qPrintable(error.value_or(QString())));
            }
        }
        QVERIFY(s->description().contains(QLatin1String("queue depth")));
    }

    void pythonSnippetRunsAsWritten()
    {
        // The snippet is the lesson's own Python, with the default parameters.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("producer_consumer.py"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(scenarios::findScenario(kId)->pythonSnippet(scenarios::findScenario(kId)->defaults()).toUtf8());
        f.close();
        QProcess python;
        python.start(QStringLiteral("python3"), {path});
        if (!python.waitForStarted())
            QSKIP("python3 is not installed");
        QVERIFY(python.waitForFinished(30000));
        QCOMPARE(python.exitCode(), 0);
        const ParameterValues d = scenarios::findScenario(kId)->defaults();
        const QByteArray out = python.readAllStandardOutput();
        const qint64 items = d.integer(QStringLiteral("producers")) * d.integer(QStringLiteral("items"));
        QCOMPARE(out.count("consumed item"), items);
    }

    void exactlyOnce_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QStringList>("params");
        const auto shape = [](int producers, int consumers, int capacity, const char *mode, const char *queue,
                              const char *shutdown) {
            return QStringList{QStringLiteral("producers=%1").arg(producers),
                               QStringLiteral("consumers=%1").arg(consumers),
                               QStringLiteral("capacity=%1").arg(capacity),
                               QStringLiteral("items=6"),
                               QStringLiteral("produce_ms=1"),
                               QStringLiteral("consume_ms=3"),
                               QStringLiteral("mode=") + QLatin1String(mode),
                               QStringLiteral("queue=") + QLatin1String(queue),
                               QStringLiteral("shutdown=") + QLatin1String(shutdown)};
        };
        const QByteArray server("forkserver");
        QTest::newRow("1x1 processes sentinel") << server << shape(1, 1, 3, "processes", "plain", "sentinel");
        QTest::newRow("1x1 threads daemon") << server << shape(1, 1, 3, "threads", "joinable", "daemon");
        QTest::newRow("3x2 processes daemon") << server << shape(3, 2, 2, "processes", "joinable", "daemon");
        QTest::newRow("3x2 threads sentinel") << server << shape(3, 2, 2, "threads", "plain", "sentinel");
        QTest::newRow("2x5 cap 1 processes sentinel joinable")
            << server << shape(2, 5, 1, "processes", "joinable", "sentinel");
        QTest::newRow("2x5 cap 1 threads daemon") << server << shape(2, 5, 1, "threads", "joinable", "daemon");
        QTest::newRow("2x5 cap 1 fork daemon")
            << QByteArray("fork") << shape(2, 5, 1, "processes", "joinable", "daemon");
    }

    void exactlyOnce()
    {
        QFETCH(QByteArray, method);
        QFETCH(QStringList, params);
        const scenarios::Scenario *s = scenarios::findScenario(kId);
        const ParameterValues v = values(params);
        scenarios::RunSession session(method == "fork" ? nullptr : m_server.get());
        const scenarios::RunResult &r = session.runBlocking(*s, v);
        QVERIFY2(r.valid && r.outcome.error.isEmpty(), qPrintable(r.outcome.error));
        const auto metric = [&r](const char *key) { return r.outcome.metric(QLatin1String(key)); };

        const int producers = int(v.integer(QStringLiteral("producers")));
        const int consumers = int(v.integer(QStringLiteral("consumers")));
        const qint64 total = producers * v.integer(QStringLiteral("items"));
        const qint64 capacity = v.integer(QStringLiteral("capacity"));
        const bool daemon = v.choice(QStringLiteral("shutdown")) == QLatin1String("daemon");
        const bool threads = v.choice(QStringLiteral("mode")) == QLatin1String("threads");
        QVERIFY2(!r.outcome.problem, qPrintable(r.outcome.verdict));
        QCOMPARE(metric("produced"), total);
        QCOMPARE(metric("consumed"), total);
        QCOMPARE(metric("duplicates"), qint64(0));
        QCOMPARE(metric("missing"), qint64(0));
        QVERIFY(metric("max_depth") >= 1 && metric("max_depth") <= capacity);
        QCOMPARE(metric("sentinels_taken"), daemon ? qint64(0) : qint64(consumers));
        QCOMPARE(metric("consumers_died"), qint64(0));
        QCOMPARE(r.droppedEvents, quint64(0));

        // The depth chart's samples, recorded by the workers, agree with the metric.
        const trace::TraceStore &store = session.store();
        const trace::CounterTrack *depth =
            store.counter(trace::CounterTrack::Kind::Value, trace::counter_id::QueueDepth);
        QVERIFY(depth);
        qint64 deepest = 0;
        for (const auto &sample : depth->samples) {
            QVERIFY(sample.value >= 0 && sample.value <= capacity);
            deepest = std::max<qint64>(deepest, sample.value);
        }
        QCOMPARE(deepest, metric("max_depth"));
        QCOMPARE(depth->samples.back().value, qint64(0));
        // One complete flow per item got (and per None), each forward in time.
        int flows = 0;
        for (const auto &f : store.flows()) {
            if (f.fromWorker < 0 || f.toWorker < 0)
                continue;
            QVERIFY(f.inTime >= f.outTime);
            ++flows;
        }
        QCOMPARE(flows, int(total + metric("sentinels_taken")));
        QCOMPARE(spans(store, trace::SpanState::QueueFullWait), int(metric("blocked_puts")));
        QCOMPARE(spans(store, trace::SpanState::QueueEmptyWait), int(metric("blocked_gets")));

        // Real workers; each ended the way its shutdown says.
        QCOMPARE(int(r.workers.size()), producers + consumers);
        std::set<int> pids;
        for (std::size_t i = 0; i < r.workers.size(); ++i) {
            const auto &w = r.workers[i];
            pids.insert(w.pid);
            const bool consumer = int(i) >= producers;
            const qint64 expectExit = consumer && daemon && !threads ? -SIGTERM : 0;
            QCOMPARE(w.exitValue, expectExit);
        }
        QCOMPARE(int(pids.size()), threads ? 1 : producers + consumers);
        QVERIFY(track(store, QStringLiteral("consumer-%1").arg(consumers)));
        verifyNothingLeft();
    }

    void plainDaemonConsumersLoseItems_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::newRow("processes") << QStringLiteral("processes");
        QTest::newRow("threads") << QStringLiteral("threads");
    }

    void plainDaemonConsumersLoseItems()
    {
        // No join() with a plain queue: the consumers are ended as soon as the
        // producer is done, long before they could use three items of 1 s each.
        QFETCH(QString, mode);
        const scenarios::Scenario *s = scenarios::findScenario(kId);
        const ParameterValues v = values(strings({"producers=1", "consumers=1", "items=3", "capacity=3", "produce_ms=0",
                                                  "consume_ms=1000", "queue=plain", "shutdown=daemon"})
                                          << QStringLiteral("mode=") + mode);
        scenarios::RunSession session(m_server.get());
        const scenarios::RunResult &r = session.runBlocking(*s, v);
        QVERIFY2(r.valid && r.outcome.error.isEmpty(), qPrintable(r.outcome.error));
        QVERIFY(r.outcome.problem);
        QCOMPARE(r.outcome.metric(QStringLiteral("produced")), qint64(3));
        QVERIFY(r.outcome.metric(QStringLiteral("missing")) > 0);
        QCOMPARE(r.outcome.metric(QStringLiteral("consumed")) + r.outcome.metric(QStringLiteral("missing")), qint64(3));
        QCOMPARE(r.outcome.metric(QStringLiteral("duplicates")), qint64(0));
        QVERIFY2(r.outcome.verdict.contains(QLatin1String("join()")), qPrintable(r.outcome.verdict));
        verifyNothingLeft();
    }

    void stopMidRun_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<QString>("shutdown");
        QTest::newRow("processes sentinel") << QStringLiteral("processes") << QStringLiteral("sentinel");
        QTest::newRow("threads daemon") << QStringLiteral("threads") << QStringLiteral("daemon");
    }

    void stopMidRun()
    {
        // A full queue (a waiting producer), consumers deep in a long item and
        // waiting for one: Stop ends them all at once.
        QFETCH(QString, mode);
        QFETCH(QString, shutdown);
        const scenarios::Scenario *s = scenarios::findScenario(kId);
        const ParameterValues v = values(strings({"producers=2", "consumers=3", "items=50", "capacity=2",
                                                  "produce_ms=0", "consume_ms=10000", "queue=joinable"})
                                          << QStringLiteral("shutdown=") + shutdown << QStringLiteral("mode=") + mode);
        scenarios::RunSession session(m_server.get());
        QSignalSpy finished(&session, &scenarios::RunSession::finished);
        QVERIFY(session.start(*s, v));
        QTRY_VERIFY_WITH_TIMEOUT(spans(session.store(), trace::SpanState::QueueFullWait) > 0, 10000);
        session.stop();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 5000);
        QVERIFY(session.result().stopped);
        for (const auto &w : session.result().workers) {
            if (mode == QLatin1String("threads"))
                QCOMPARE(w.exitValue, qint64(scenarios::kStoppedExitCode));
            else
                QVERIFY2(w.exitValue == -SIGKILL || w.exitValue == scenarios::kStoppedExitCode,
                         qPrintable(QString::number(w.exitValue)));
        }
        QCOMPARE(session.result().outcome.metric(QStringLiteral("duplicates")), qint64(0));
        verifyNothingLeft();
    }

    void aKilledConsumerDoesNotHangTheOthers_data()
    {
        QTest::addColumn<QString>("queue");
        QTest::addColumn<QString>("shutdown");
        QTest::newRow("sentinel") << QStringLiteral("plain") << QStringLiteral("sentinel");
        QTest::newRow("daemon after join") << QStringLiteral("joinable") << QStringLiteral("daemon");
    }

    void aKilledConsumerDoesNotHangTheOthers()
    {
        QFETCH(QString, queue);
        QFETCH(QString, shutdown);
        const scenarios::Scenario *s = scenarios::findScenario(kId);
        const ParameterValues v = values(strings({"producers=1", "consumers=2", "items=12", "capacity=2",
                                                  "produce_ms=20", "consume_ms=30", "mode=processes"})
                                          << QStringLiteral("queue=") + queue
                                          << QStringLiteral("shutdown=") + shutdown);
        scenarios::RunSession session(m_server.get());
        QSignalSpy finished(&session, &scenarios::RunSession::finished);
        QVERIFY(session.start(*s, v));
        // Kill consumer-1 as soon as it has waited for an item (it is in get(), or using its first).
        pid_t victim = 0;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const trace::WorkerTrack *t = track(session.store(), QStringLiteral("consumer-1"));
                if (t && (!t->spans.empty() || t->isOpen(trace::SpanState::QueueEmptyWait)))
                    victim = t->pid;
                return victim != 0;
            }(),
            10000);
        QCOMPARE(::kill(victim, SIGKILL), 0);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 15000);
        const scenarios::RunResult &r = session.result();
        QVERIFY(!r.stopped);
        QVERIFY2(r.outcome.error.isEmpty(), qPrintable(r.outcome.error));
        const auto metric = [&r](const char *key) { return r.outcome.metric(QLatin1String(key)); };
        QCOMPARE(metric("consumers_died"), qint64(1));
        QCOMPARE(metric("produced"), qint64(12));
        QCOMPARE(metric("duplicates"), qint64(0));
        QVERIFY(metric("missing") <= 1); // at most the item it held
        QCOMPARE(metric("consumed") + metric("missing"), qint64(12));
        int killed = 0;
        for (const auto &w : r.workers)
            killed += w.pid == victim && w.exitValue == -SIGKILL;
        QCOMPARE(killed, 1);
        verifyNothingLeft();
    }
};

QTEST_GUILESS_MAIN(TestProducerConsumer)
#include "tst_producer_consumer.moc"
