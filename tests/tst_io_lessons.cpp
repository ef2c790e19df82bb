// The I/O lessons on real loopback sockets: every byte echoed back in all
// three server models, fetch totals that add up one after another and
// overlap when concurrent, the Python snippets running as written, and
// nothing left afterwards: no socket (/proc/self/fd), no thread, no process.
#include "core/runtime/fork_server.h"
#include "core/scenarios/catalogue.h"
#include "core/scenarios/run_session.h"
#include "process_check.h"

#include <QDir>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <unistd.h>

using namespace cl;
using scenarios::ParameterValues;

namespace {
int entries(const QString &dir)
{
    return int(QDir(dir).entryList(QDir::NoDotAndDotDot | QDir::AllEntries | QDir::System).size());
}
int openFds() { return entries(QStringLiteral("/proc/self/fd")); }
int threadCount() { return entries(QStringLiteral("/proc/self/task")); }
} // namespace

class TestIoLessons : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<runtime::ForkServerClient> m_server;

    static ParameterValues values(const scenarios::Scenario &s, const QStringList &assignments)
    {
        ParameterValues v = s.defaults();
        for (const QString &a : assignments) {
            const auto error = scenarios::Parameters::applyAssignment(s.id(), s.parameters(), a, v);
            if (error)
                qFatal("bad assignment in test: %s", qPrintable(*error));
        }
        return v;
    }

    void verifyNothingLeft(int fdsBefore, int threadsBefore)
    {
        QCOMPARE(openFds(), fdsBefore);
        QTRY_COMPARE_WITH_TIMEOUT(threadCount(), threadsBefore, 2000);
        QVERIFY(tests::childrenOf(m_server->serverPid()).isEmpty());
        QCOMPARE(tests::childrenOf(getpid()), QList<pid_t>{m_server->serverPid()});
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = runtime::ForkServerClient::start();
        QVERIFY(m_server);
        for (const char *id : {"echo-server", "fetch"}) {
            const scenarios::Scenario *s = scenarios::findScenario(QString::fromLatin1(id));
            QVERIFY(s);
            QCOMPARE(s->category(), QStringLiteral("Coroutines and I/O"));
            for (const auto &preset : s->presets()) {
                ParameterValues v = s->defaults();
                for (const auto &[key, text] : preset.values)
                    QVERIFY(!scenarios::Parameters::applyAssignment(s->id(), s->parameters(), key + u'=' + text, v));
            }
        }
    }

    void everyByteEchoed_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<int>("threads");
        QTest::addColumn<int>("processes");
        QTest::newRow("thread-per-connection") << QStringLiteral("thread-per-connection") << 13 << 1;
        QTest::newRow("process-per-connection") << QStringLiteral("process-per-connection") << 13 << 13;
        QTest::newRow("event-loop") << QStringLiteral("event-loop") << 1 << 1;
    }

    void everyByteEchoed()
    {
        QFETCH(QString, model);
        QFETCH(int, threads);
        QFETCH(int, processes);
        const scenarios::Scenario *s = scenarios::findScenario(QStringLiteral("echo-server"));
        const int fds = openFds(), threadsBefore = threadCount();
        {
            scenarios::RunSession session(m_server.get());
            const scenarios::RunResult &r = session.runBlocking(
                *s, values(*s, {u"model="_qs + model, u"clients=12"_qs, u"messages=20"_qs, u"bytes=3000"_qs,
                                u"think_ms=1"_qs}));
            QVERIFY2(r.outcome.error.isEmpty(), qPrintable(r.outcome.error));
            QVERIFY2(!r.outcome.problem, qPrintable(r.outcome.verdict));
            QCOMPARE(r.outcome.metric(u"connections"_qs), 12);
            QCOMPARE(r.outcome.metric(u"bytes_echoed"_qs), 12 * 20 * 3000);
            QCOMPARE(r.outcome.metric(u"bytes_wrong"_qs), 0);
            QCOMPARE(r.outcome.metric(u"server_threads"_qs), threads);
            QCOMPARE(r.outcome.metric(u"server_processes"_qs), processes);
            QVERIFY(r.outcome.metric(u"p99_us"_qs) >= r.outcome.metric(u"p50_us"_qs));
            // What the timeline shows: a connection worker per client, or a lane per connection of one thread.
            int connectionTracks = 0;
            for (const auto &w : session.store().workers())
                connectionTracks += w.name.rfind("conn-", 0) == 0;
            QCOMPARE(connectionTracks, 12);
        }
        verifyNothingLeft(fds, threadsBefore);
    }

    void fetchTotals_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::newRow("sequential") << QStringLiteral("sequential");
        QTest::newRow("threads") << QStringLiteral("threads");
        QTest::newRow("coroutines") << QStringLiteral("coroutines");
    }

    void fetchTotals()
    {
        QFETCH(QString, mode);
        const scenarios::Scenario *s = scenarios::findScenario(QStringLiteral("fetch"));
        const int fds = openFds(), threadsBefore = threadCount();
        {
            scenarios::RunSession session(m_server.get());
            const scenarios::RunResult &r = session.runBlocking(
                *s, values(*s, {u"mode="_qs + mode, u"urls=6"_qs, u"latency_ms=100"_qs, u"latency_step_ms=20"_qs}));
            QVERIFY2(r.outcome.error.isEmpty(), qPrintable(r.outcome.error));
            QCOMPARE(r.outcome.metric(u"requests_ok"_qs), 6);
            const qint64 sum = r.outcome.metric(u"sum_latency_ms"_qs);
            const qint64 max = r.outcome.metric(u"max_latency_ms"_qs);
            QCOMPARE(sum, 6 * 100 + 20 * 15);
            QCOMPARE(max, 200);
            const qint64 wall = r.outcome.metric(u"wall_ms"_qs);
            // A server never answers early: the wall time is at least the longest wait,
            // and one after another at least the sum. Concurrent runs stay far below the sum.
            QVERIFY(wall >= max);
            if (mode == QLatin1String("sequential")) {
                QVERIFY(wall >= sum);
                QVERIFY(r.outcome.metric(u"overlap_pct"_qs) < 30);
            } else {
                QVERIFY2(wall < sum * 6 / 10, qPrintable(QString::number(wall)));
                QVERIFY(r.outcome.metric(u"overlap_pct"_qs) > 50);
            }
        }
        verifyNothingLeft(fds, threadsBefore);
    }

    void snippets_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("params");
        QTest::addColumn<QString>("expected");
        for (const char *model : {"thread-per-connection", "process-per-connection", "event-loop"})
            QTest::addRow("echo %s", model) << u"echo-server"_qs
                                            << u"model=%1,clients=4,messages=5,bytes=100"_qs.arg(QLatin1String(model))
                                            << u"2000 bytes echoed, 0 wrong"_qs;
        for (const char *mode : {"sequential", "threads", "coroutines"})
            QTest::addRow("fetch %s", mode) << u"fetch"_qs
                                            << u"mode=%1,urls=4,latency_ms=20,latency_step_ms=10"_qs.arg(QLatin1String(mode))
                                            << u"4 replies in "_qs;
    }

    void snippets()
    {
        const QString python = QStandardPaths::findExecutable(u"python3"_qs);
        if (python.isEmpty())
            QSKIP("python3 is not installed (not on PATH): setup.sh installs it");
        QFETCH(QString, id);
        QFETCH(QString, params);
        QFETCH(QString, expected);
        const scenarios::Scenario *s = scenarios::findScenario(id);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile file(dir.filePath(u"snippet.py"_qs));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(s->pythonSnippet(values(*s, params.split(u','))).toUtf8());
        file.close();
        QProcess p;
        p.start(python, {file.fileName()});
        QVERIFY(p.waitForFinished(60000));
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        QVERIFY2(p.exitCode() == 0, qPrintable(QString::fromUtf8(p.readAllStandardError())));
        QVERIFY2(out.startsWith(expected), qPrintable(out));
    }
};

QTEST_GUILESS_MAIN(TestIoLessons)
#include "tst_io_lessons.moc"
