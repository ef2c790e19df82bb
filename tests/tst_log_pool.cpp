// The log-file lesson from real runs: the pool's totals equal the serial
// count (and this test's own count of the same generated files); the
// temporary directory is gone after a normal run, after Stop and after a
// killed pool worker; no process is left behind.
#include "core/runtime/fork_server.h"
#include "core/scenarios/catalogue.h"
#include "core/scenarios/log_files.h"
#include "core/scenarios/log_pool_tasks.h"
#include "core/scenarios/run_session.h"
#include "pool_test_helpers.h"
#include "process_check.h"

#include <QDir>
#include <QFile>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>

using namespace cl;
using scenarios::ParameterValues;
using tests::poolValues;

namespace {
constexpr int kFiles = 5;
constexpr int kLines = 3000;
} // namespace

class TestLogPool : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<runtime::ForkServerClient> m_server;
    QTemporaryDir m_tmp; // the lessons' TMPDIR: must be empty after every run
    QByteArray m_oldTmp;
    qint64 m_expectedLines = 0;
    qint64 m_expectedIps = 0;

    void verifyNothingLeft()
    {
        QVERIFY(tests::childrenOf(m_server->serverPid()).isEmpty());
        QCOMPARE(tests::childrenOf(getpid()), QList<pid_t>{m_server->serverPid()});
        QCOMPARE(QDir(m_tmp.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), QStringList());
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = runtime::ForkServerClient::start();
        QVERIFY(m_server);
        QVERIFY(m_tmp.isValid());
        m_oldTmp = qgetenv("TMPDIR");
        qputenv("TMPDIR", QFile::encodeName(m_tmp.path()));
        QCOMPARE(QDir::tempPath(), m_tmp.path());

        // This test's own count of the same files, with Qt's line reading.
        QTemporaryDir own(m_tmp.path() + QStringLiteral("/own-XXXXXX"));
        QVERIFY(scenarios::writeAccessLogs(own.path().toStdString(), kFiles, kLines));
        QSet<QByteArray> ips;
        for (int f = 0; f < kFiles; ++f) {
            QFile file(own.path() + QLatin1Char('/') + QString::fromStdString(scenarios::logFileName(f)));
            QVERIFY(file.open(QIODevice::ReadOnly));
            while (!file.atEnd()) {
                const QByteArray line = file.readLine().trimmed();
                ++m_expectedLines;
                ips.insert(line.left(line.indexOf(" - - ")).split(',').first());
            }
        }
        m_expectedIps = ips.size();
        QCOMPARE(m_expectedLines, qint64(kFiles) * kLines);
        QVERIFY(m_expectedIps > 100);
    }

    void cleanupTestCase()
    {
        if (m_oldTmp.isNull())
            qunsetenv("TMPDIR");
        else
            qputenv("TMPDIR", m_oldTmp);
    }

    void totalsMatch_data()
    {
        QTest::addColumn<QString>("approach");
        QTest::addColumn<int>("poolSize");
        QTest::newRow("serial") << QStringLiteral("serial") << 1;
        QTest::newRow("pool of 1") << QStringLiteral("pool") << 1;
        QTest::newRow("pool of 3") << QStringLiteral("pool") << 3;
    }

    void totalsMatch()
    {
        QFETCH(QString, approach);
        QFETCH(int, poolSize);
        const scenarios::Scenario *s = scenarios::findScenario(QStringLiteral("log-pool"));
        const ParameterValues v =
            poolValues(s->id(), {QStringLiteral("files=%1").arg(kFiles), QStringLiteral("lines_per_file=%1").arg(kLines),
                                 QStringLiteral("approach=") + approach, QStringLiteral("pool_size=%1").arg(poolSize)});
        scenarios::RunSession session(m_server.get());
        const scenarios::RunResult &r = session.runBlocking(*s, v);
        QVERIFY2(r.valid && r.outcome.error.isEmpty(), qPrintable(r.outcome.error));
        QCOMPARE(r.outcome.metric(QStringLiteral("matches_serial")), qint64(1));
        QCOMPARE(r.outcome.metric(QStringLiteral("lines")), m_expectedLines);
        QCOMPARE(r.outcome.metric(QStringLiteral("unique_ips")), m_expectedIps);
        QCOMPARE(r.outcome.metric(QStringLiteral("files_done")), qint64(kFiles));

        const auto &store = session.store();
        int processes = 0;
        for (const auto &w : r.workers)
            processes += !w.isThread;
        if (approach == QLatin1String("pool")) {
            QCOMPARE(processes, poolSize);
            // One task per file on the pool workers, one callback per file on the result handler.
            const auto tasks = tests::namedRunningSpans(store, "task ");
            QCOMPARE(int(tasks.size()), kFiles);
            for (const auto &t : tasks)
                QVERIFY(tests::trackNameStartsWith(store, t.worker, "pool worker "));
            const auto callbacks = tests::namedRunningSpans(store, "callback ");
            QCOMPARE(int(callbacks.size()), kFiles);
            for (const auto &c : callbacks)
                QCOMPARE(store.workers()[std::size_t(c.worker)].name, std::string("result handler"));
        } else {
            QCOMPARE(processes, 0);
        }
        // One "file: lines, IPs" line per file, printed in the main process.
        int printed = 0;
        for (const auto &line : store.prints())
            printed += line.pid == ::getpid();
        QCOMPARE(printed, kFiles);
        verifyNothingLeft();
    }

    void stopMidRun()
    {
        // Large enough that the run is still writing or counting when Stop comes.
        const scenarios::Scenario *s = scenarios::findScenario(QStringLiteral("log-pool"));
        const ParameterValues v = poolValues(s->id(), {QStringLiteral("files=20"), QStringLiteral("lines_per_file=100000"),
                                                       QStringLiteral("pool_size=2")});
        scenarios::RunSession session(m_server.get());
        QSignalSpy finished(&session, &scenarios::RunSession::finished);
        QVERIFY(session.start(*s, v));
        // The logs are being written: the directory exists.
        QTRY_VERIFY_WITH_TIMEOUT(!QDir(m_tmp.path()).entryList(QDir::Dirs | QDir::NoDotAndDotDot).isEmpty(), 10000);
        session.stop();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 5000);
        QVERIFY(session.result().stopped);
        verifyNothingLeft();
    }

    void aKilledPoolWorker()
    {
        // One worker counts every file, one after another: killed at first sight, mid-way.
        const scenarios::Scenario *s = scenarios::findScenario(QStringLiteral("log-pool"));
        const ParameterValues v = poolValues(s->id(), {QStringLiteral("files=8"), QStringLiteral("lines_per_file=60000"),
                                                       QStringLiteral("pool_size=1")});
        scenarios::RunSession session(m_server.get());
        QSignalSpy finished(&session, &scenarios::RunSession::finished);
        QVERIFY(session.start(*s, v));
        pid_t victim = 0;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const auto &w : session.store().workers())
                    if (w.name == "pool worker 1")
                        victim = w.pid;
                return victim > 0;
            }(),
            15000);
        QCOMPARE(::kill(victim, SIGKILL), 0);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        const auto &r = session.result();
        QVERIFY2(r.outcome.error.contains(QString::number(victim)), qPrintable(r.outcome.error));
        verifyNothingLeft();
    }
};

QTEST_GUILESS_MAIN(TestLogPool)
#include "tst_log_pool.moc"
