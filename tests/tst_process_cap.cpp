// The process cap: the safe limit is the tightest of the user's RLIMIT_NPROC,
// the machine's limits and the product maximum, each minus what already runs;
// a run asking for more is refused before anything starts, in RunSession (the
// GUI's path) and in the CLI (exit status 2).
#include "core/runtime/fork_server.h"
#include "core/runtime/process_cap.h"
#include "core/scenarios/catalogue.h"
#include "core/scenarios/run_session.h"
#include "process_check.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTest>
#include <sys/resource.h>

using namespace cl;
using runtime::ProcessCap;
using runtime::ProcessCapInputs;
using scenarios::ParameterValues;

Q_DECLARE_METATYPE(ProcessCap::Source)

namespace {
// Room for this many more tasks under the lowered limit. Other users of the
// machine come and go meanwhile, so only "far below the run's size" matters.
constexpr std::int64_t kRoom = 40;
constexpr int kAsked = 200;

// A soft RLIMIT_NPROC that leaves only `kRoom` more tasks to this user.
rlimit loweredLimit()
{
    rlimit current{};
    getrlimit(RLIMIT_NPROC, &current);
    rlimit lowered = current;
    lowered.rlim_cur = rlim_t(runtime::userTaskCount() + kRoom);
    if (current.rlim_max != RLIM_INFINITY && lowered.rlim_cur > current.rlim_max)
        lowered.rlim_cur = current.rlim_max;
    return lowered;
}

// The limit a refusal message names ("... the safe limit of 12: ...").
int limitIn(const QString &message)
{
    const auto m = QRegularExpression(QStringLiteral("safe limit of (\\d+)")).match(message);
    return m.hasMatch() ? m.captured(1).toInt() : -1;
}
} // namespace

class TestProcessCap : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<runtime::ForkServerClient> m_server;

    static ParameterValues values(const scenarios::Scenario &s, const QStringList &assignments)
    {
        ParameterValues v = s.defaults();
        for (const QString &a : assignments)
            if (const auto error = scenarios::Parameters::applyAssignment(s.id(), s.parameters(), a, v))
                qFatal("bad assignment in test: %s", qPrintable(*error));
        return v;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = runtime::ForkServerClient::start();
        QVERIFY(m_server);
    }

    void compute_data()
    {
        QTest::addColumn<qint64>("userLimit");
        QTest::addColumn<qint64>("userTasks");
        QTest::addColumn<qint64>("machineLimit");
        QTest::addColumn<qint64>("machineTasks");
        QTest::addColumn<qint64>("cgroupLimit");
        QTest::addColumn<qint64>("cgroupTasks");
        QTest::addColumn<qint64>("limit");
        QTest::addColumn<ProcessCap::Source>("source");
        const qint64 r = runtime::kProcessReserve;
        const qint64 product = runtime::kProductMaxProcesses;
        QTest::newRow("nothing but the product maximum")
            << qint64(-1) << qint64(0) << qint64(-1) << qint64(0) << qint64(-1) << qint64(0) << product
            << ProcessCap::Source::Product;
        QTest::newRow("roomy machine") << qint64(100000) << qint64(500) << qint64(4194304) << qint64(900)
                                        << qint64(-1) << qint64(0) << product << ProcessCap::Source::Product;
        QTest::newRow("user limit nearly used up") << qint64(700) << qint64(600) << qint64(32768) << qint64(900)
                                                   << qint64(-1) << qint64(0) << qint64(100 - r)
                                                   << ProcessCap::Source::UserLimit;
        QTest::newRow("user limit exhausted") << qint64(700) << qint64(690) << qint64(32768) << qint64(900)
                                              << qint64(-1) << qint64(0) << qint64(0) << ProcessCap::Source::UserLimit;
        QTest::newRow("busy machine") << qint64(-1) << qint64(0) << qint64(32768) << qint64(32268) << qint64(-1)
                                      << qint64(0) << qint64(500 - r) << ProcessCap::Source::Machine;
        QTest::newRow("container pids cgroup") << qint64(100000) << qint64(50) << qint64(4194304) << qint64(900)
                                               << qint64(256) << qint64(56) << qint64(200 - r)
                                               << ProcessCap::Source::Cgroup;
    }

    void compute()
    {
        QFETCH(qint64, userLimit);
        QFETCH(qint64, userTasks);
        QFETCH(qint64, machineLimit);
        QFETCH(qint64, machineTasks);
        QFETCH(qint64, cgroupLimit);
        QFETCH(qint64, cgroupTasks);
        QFETCH(qint64, limit);
        QFETCH(ProcessCap::Source, source);
        const ProcessCap cap = runtime::computeProcessCap(
            ProcessCapInputs{userLimit, userTasks, machineLimit, machineTasks, cgroupLimit, cgroupTasks});
        QCOMPARE(cap.limit, limit);
        QCOMPARE(cap.source, source);
    }

    void readsThisMachine()
    {
        const ProcessCapInputs in = runtime::readProcessCapInputs();
        QVERIFY(in.machineLimit > 0);
        QVERIFY(in.machineTasks > 0 && in.machineTasks < in.machineLimit);
        QVERIFY(runtime::userTaskCount() >= 1); // this test itself
        const ProcessCap cap = runtime::computeProcessCap(in);
        QVERIFY(cap.limit >= 0 && cap.limit <= runtime::kProductMaxProcesses);
    }

    void plannedProcesses_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QStringList>("params");
        QTest::addColumn<int>("planned");
        QTest::newRow("ticket-race processes") << QStringLiteral("ticket-race") << QStringList{QStringLiteral("buyers=12")} << 12;
        QTest::newRow("ticket-race threads") << QStringLiteral("ticket-race")
                                             << QStringList{QStringLiteral("buyers=12"), QStringLiteral("mode=threads")} << 0;
        QTest::newRow("counter-race processes") << QStringLiteral("counter-race") << QStringList{QStringLiteral("workers=9")} << 9;
        QTest::newRow("counter-race threads") << QStringLiteral("counter-race")
                                              << QStringList{QStringLiteral("workers=9"), QStringLiteral("mode=threads")} << 0;
        QTest::newRow("lock-contention processes") << QStringLiteral("lock-contention")
                                                   << QStringList{QStringLiteral("workers=5"), QStringLiteral("mode=processes")} << 5;
    }

    void plannedProcesses()
    {
        QFETCH(QString, id);
        QFETCH(QStringList, params);
        QFETCH(int, planned);
        const scenarios::Scenario *s = scenarios::findScenario(id);
        QVERIFY(s);
        QCOMPARE(s->plannedProcesses(values(*s, params)), planned);
    }

    void runSessionRefusesAndStartsNothing_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QStringList>("params");
        // Short runs, should the cap ever let them through.
        QTest::newRow("ticket-race") << QStringLiteral("ticket-race")
                                     << QStringList{QStringLiteral("buyers=%1").arg(kAsked), QStringLiteral("mode=processes"),
                                                    QStringLiteral("think_ms=0"), QStringLiteral("stagger_ms=0")};
        QTest::newRow("lock-contention") << QStringLiteral("lock-contention")
                                         << QStringList{QStringLiteral("workers=%1").arg(kAsked), QStringLiteral("mode=processes"),
                                                        QStringLiteral("iterations=1"), QStringLiteral("hold_ms=0"),
                                                        QStringLiteral("outside_ms=0")};
    }

    void runSessionRefusesAndStartsNothing()
    {
        QFETCH(QString, id);
        QFETCH(QStringList, params);
        const scenarios::Scenario *s = scenarios::findScenario(id);
        const ParameterValues v = values(*s, params);
        rlimit saved{};
        QCOMPARE(getrlimit(RLIMIT_NPROC, &saved), 0);
        const rlimit lowered = loweredLimit();
        QCOMPARE(setrlimit(RLIMIT_NPROC, &lowered), 0);
        scenarios::RunSession session(m_server.get());
        // The GUI's path: start() says no, with the message it shows.
        QString error;
        const bool started = session.start(*s, v, &error);
        // The CLI's path.
        const scenarios::RunResult r = session.runBlocking(*s, v);
        QCOMPARE(setrlimit(RLIMIT_NPROC, &saved), 0);

        QVERIFY(!started);
        QVERIFY(!session.isRunning());
        QVERIFY2(error.contains(QString::number(kAsked)) && error.contains(QLatin1String("RLIMIT_NPROC")),
                 qPrintable(error));
        const int limit = limitIn(error);
        QVERIFY2(limit >= 0 && limit < kAsked, qPrintable(error));
        QVERIFY(!r.valid);
        QVERIFY(r.refused);
        QCOMPARE(r.scenarioId, id);
        QVERIFY2(r.outcome.error.contains(QString::number(kAsked)), qPrintable(r.outcome.error));
        QVERIFY(r.workers.empty());
        QCOMPARE(session.store().eventCount(), quint64(0));
        QVERIFY(session.store().workers().empty());
        QVERIFY(tests::childrenOf(m_server->serverPid()).isEmpty());
        QCOMPARE(tests::childrenOf(getpid()), QList<pid_t>{m_server->serverPid()});
    }

    void threadsAreNotCapped()
    {
        // Under the same lowered limit, a lesson with threads runs.
        const scenarios::Scenario *s = scenarios::findScenario(QStringLiteral("counter-race"));
        const ParameterValues v = values(*s, {QStringLiteral("workers=2"), QStringLiteral("increments=10"),
                                              QStringLiteral("lock=on"), QStringLiteral("mode=threads")});
        rlimit saved{};
        QCOMPARE(getrlimit(RLIMIT_NPROC, &saved), 0);
        const rlimit lowered = loweredLimit();
        QCOMPARE(setrlimit(RLIMIT_NPROC, &lowered), 0);
        scenarios::RunSession session(m_server.get());
        const scenarios::RunResult r = session.runBlocking(*s, v);
        QCOMPARE(setrlimit(RLIMIT_NPROC, &saved), 0);
        QVERIFY2(r.valid && !r.refused && r.outcome.error.isEmpty(), qPrintable(r.outcome.error));
        QCOMPARE(r.outcome.metric(QStringLiteral("final")), qint64(20));
    }

    void cliRefusesWithStatus2()
    {
        const QString exe = qEnvironmentVariable("CL_APP_EXE");
        if (exe.isEmpty())
            QSKIP("CL_APP_EXE is not set (run through ctest)");
        const rlimit lowered = loweredLimit();
        QProcess p;
        // Only the child gets the lowered limit, set between fork and exec.
        p.setChildProcessModifier([lowered] { setrlimit(RLIMIT_NPROC, &lowered); });
        p.start(exe, {QStringLiteral("run"), QStringLiteral("ticket-race"), QStringLiteral("--set"),
                      QStringLiteral("buyers=%1").arg(kAsked), QStringLiteral("--set"), QStringLiteral("mode=processes"),
                      QStringLiteral("--set"), QStringLiteral("think_ms=0"), QStringLiteral("--set"),
                      QStringLiteral("stagger_ms=0")});
        QVERIFY(p.waitForFinished(30000));
        const QString err = QString::fromUtf8(p.readAllStandardError());
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 2);
        QVERIFY2(err.contains(QString::number(kAsked)) && err.contains(QLatin1String("RLIMIT_NPROC")), qPrintable(err));
        QVERIFY2(limitIn(err) >= 0 && limitIn(err) < kAsked, qPrintable(err));
        QVERIFY2(err.count(QLatin1Char('\n')) == 1, qPrintable(err)); // one clear line
        QVERIFY2(!out.contains(QLatin1String("ticket-race:")), qPrintable(out)); // no verdict: nothing ran
    }
};

QTEST_GUILESS_MAIN(TestProcessCap)
#include "tst_process_cap.moc"
