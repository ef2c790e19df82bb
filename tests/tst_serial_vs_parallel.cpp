// serial-vs-parallel on real threads and processes: metrics that add up,
// one worker per job of the right kind, processes computing side by side
// while GIL threads take turns, the Python snippet running as written, and
// nothing left behind after a run, a Stop or a killed worker.
#include "core/runtime/fork_server.h"
#include "core/scenarios/catalogue.h"
#include "core/scenarios/race_tasks.h"
#include "core/scenarios/run_session.h"
#include "process_check.h"

#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <csignal>
#include <set>
#include <unistd.h>

using namespace cl;
using scenarios::ParameterValues;
using trace::SpanState;

namespace {
// How many Running spans of worker tracks overlap at the busiest instant.
int maxConcurrentRunning(const trace::TraceStore &store)
{
    std::vector<std::pair<std::uint64_t, int>> edges;
    for (const auto &w : store.workers())
        for (const auto &s : w.spans)
            if (s.state == SpanState::Running && !trace::isLaneTid(w.tid)) {
                edges.emplace_back(s.begin, +1);
                edges.emplace_back(s.end, -1);
            }
    std::sort(edges.begin(), edges.end()); // ends (-1) before begins (+1) at the same instant
    int now = 0, most = 0;
    for (const auto &e : edges)
        most = std::max(most, now += e.second);
    return most;
}
} // namespace

class TestSerialVsParallel : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<runtime::ForkServerClient> m_server;
    const scenarios::Scenario *m_lesson = nullptr;

    ParameterValues values(const QStringList &assignments)
    {
        ParameterValues v = m_lesson->defaults();
        for (const QString &a : assignments) {
            const auto error = scenarios::Parameters::applyAssignment(m_lesson->id(), m_lesson->parameters(), a, v);
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

    struct CpuRun {
        qint64 coresBusy = -1;
        qint64 cpuMs = 0;
        qint64 waitingForCoreMs = 0;
        int concurrentRunning = 0;
    };

    CpuRun cpuRun(const QString &mode)
    {
        const ParameterValues v = values({QStringLiteral("mode=") + mode, QStringLiteral("workload=cpu"),
                                          QStringLiteral("jobs=2"), QStringLiteral("work_ms=100")});
        scenarios::RunSession session(m_server.get());
        const scenarios::RunResult &r = session.runBlocking(*m_lesson, v);
        CpuRun out;
        if (!r.valid || !r.outcome.error.isEmpty() || r.outcome.metric(QStringLiteral("jobs_done")) != 2)
            return out;
        out.coresBusy = r.outcome.metric(QStringLiteral("cores_busy_pct"));
        out.cpuMs = r.outcome.metric(QStringLiteral("cpu_ms"));
        out.waitingForCoreMs = r.outcome.metric(QStringLiteral("waiting_for_core_ms"));
        out.concurrentRunning = maxConcurrentRunning(session.store());
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = runtime::ForkServerClient::start();
        QVERIFY(m_server);
        m_lesson = scenarios::findScenario(QStringLiteral("serial-vs-parallel"));
        QVERIFY(m_lesson);
        QCOMPARE(m_lesson->category(), QStringLiteral("Processes and threads"));
    }

    void presetsAreValid()
    {
        QCOMPARE(m_lesson->presets().size(), 2);
        for (const auto &preset : m_lesson->presets()) {
            ParameterValues v = m_lesson->defaults();
            for (const auto &[key, text] : preset.values) {
                const auto error =
                    scenarios::Parameters::applyAssignment(m_lesson->id(), m_lesson->parameters(), key + u'=' + text, v);
                QVERIFY2(!error, qPrintable(error.value_or(QString())));
            }
        }
    }

    void metricsAddUp_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<QString>("workload");
        for (const char *mode : {"serial", "threads", "gil-threads", "processes"})
            for (const char *workload : {"cpu", "io"})
                QTest::addRow("%s %s", mode, workload) << QString::fromLatin1(mode) << QString::fromLatin1(workload);
    }

    void metricsAddUp()
    {
        QFETCH(QString, mode);
        QFETCH(QString, workload);
        const int jobs = 2;
        const qint64 workMs = 30;
        const ParameterValues v = values({QStringLiteral("mode=") + mode, QStringLiteral("workload=") + workload,
                                          QStringLiteral("jobs=%1").arg(jobs), QStringLiteral("work_ms=%1").arg(workMs)});
        scenarios::RunSession session(m_server.get());
        const scenarios::RunResult &r = session.runBlocking(*m_lesson, v);
        QVERIFY2(r.valid && r.outcome.error.isEmpty(), qPrintable(r.outcome.error));
        const auto &o = r.outcome;
        QCOMPARE(o.metric(QStringLiteral("jobs_done")), qint64(jobs));
        QCOMPARE(o.metric(QStringLiteral("serial_estimate_ms")), jobs * workMs);
        const qint64 wall = o.metric(QStringLiteral("wall_ms"));
        const qint64 cpu = o.metric(QStringLiteral("cpu_ms"));
        QVERIFY(wall > 0);
        QVERIFY(cpu >= 0);
        QVERIFY(qAbs(o.metric(QStringLiteral("cores_busy_pct")) - cpu * 100 / wall) <= 1 + 100 / wall);
        QVERIFY(!o.verdict.isEmpty());
        QVERIFY(!o.problem);
        if (workload == QLatin1String("cpu")) {
            // work_ms is CPU time of one core, whatever ran the job; wide
            // bounds, since a shared machine's caches and clocks vary.
            QVERIFY2(cpu >= jobs * workMs / 2 && cpu <= jobs * workMs * 3,
                     qPrintable(QStringLiteral("cpu_ms %1 for %2 jobs of %3 ms").arg(cpu).arg(jobs).arg(workMs)));
            QVERIFY(o.metric(QStringLiteral("iterations_per_ms")) > 0);
        } else {
            QVERIFY2(cpu < jobs * workMs / 2, qPrintable(QStringLiteral("waiting used %1 ms of CPU").arg(cpu)));
        }
        QCOMPARE(o.metric(QStringLiteral("gil_handovers"), -1) >= 0, mode == QLatin1String("gil-threads"));

        // One worker per job, of the right kind; serial runs on the main thread.
        std::set<int> pids, tids;
        for (const auto &w : r.workers) {
            pids.insert(w.pid);
            tids.insert(w.tid);
            QCOMPARE(w.exitValue, qint64(0));
            QCOMPARE(w.isThread, mode != QLatin1String("processes"));
        }
        if (mode == QLatin1String("serial")) {
            QVERIFY(r.workers.empty());
        } else {
            QCOMPARE(int(tids.size()), jobs);
            QCOMPARE(int(pids.size()), mode == QLatin1String("processes") ? jobs : 1);
        }
        // Each job is one span (or, under the GIL, several) named after it.
        const SpanState state = workload == QLatin1String("cpu") ? SpanState::Running : SpanState::Sleep;
        std::set<std::string> named;
        for (const auto &w : session.store().workers())
            for (const auto &s : w.spans)
                if (s.state == state && s.objectId != 0)
                    named.insert(session.store().objectName(s.objectId));
        named.erase("calibrating the CPU loop"); // the first CPU-bound run of this process
        QCOMPARE(named, (std::set<std::string>{"job 1", "job 2"}));
        QCOMPARE(r.droppedEvents, quint64(0));
        verifyNothingLeft();
    }

    void processesUseMoreCoresThanGilThreads()
    {
        if (sysconf(_SC_NPROCESSORS_ONLN) < 2)
            QSKIP("needs two cores");
        const CpuRun gil = cpuRun(QStringLiteral("gil-threads"));
        const CpuRun processes = cpuRun(QStringLiteral("processes"));
        QVERIFY(gil.coresBusy > 0 && processes.coresBusy > 0);
        // Structural, whatever the load: GIL threads never compute side by
        // side, so they keep at most about one core busy; two processes
        // started together compute side by side.
        QCOMPARE(gil.concurrentRunning, 1);
        QVERIFY2(gil.coresBusy <= 120, qPrintable(QString::number(gil.coresBusy)));
        QCOMPARE(processes.concurrentRunning, 2);
        // Relative, with a margin, when the machine had cores to give: if the
        // workers spent a quarter of their CPU time again waiting for a core,
        // other programs decided how many cores they got, not the mode.
        const QString figures = QStringLiteral("cores busy %: processes %1, gil-threads %2; waiting for a core: %3 "
                                               "of %4 ms, %5 of %6 ms")
                                    .arg(processes.coresBusy).arg(gil.coresBusy)
                                    .arg(processes.waitingForCoreMs).arg(processes.cpuMs)
                                    .arg(gil.waitingForCoreMs).arg(gil.cpuMs);
        if (processes.waitingForCoreMs * 4 > processes.cpuMs || gil.waitingForCoreMs * 4 > gil.cpuMs) {
            qInfo("machine too busy to compare cores busy (%s); structural checks only", qPrintable(figures));
        } else {
            QVERIFY2(processes.coresBusy * 4 >= gil.coresBusy * 5, qPrintable(figures)); // at least 25% more
        }
        verifyNothingLeft();
    }

    void stopMidRun_data()
    {
        QTest::addColumn<QString>("mode");
        for (const char *mode : {"serial", "threads", "gil-threads", "processes"})
            QTest::newRow(mode) << QString::fromLatin1(mode);
    }

    void stopMidRun()
    {
        QFETCH(QString, mode);
        const ParameterValues v = values({QStringLiteral("mode=") + mode, QStringLiteral("workload=cpu"),
                                          QStringLiteral("jobs=2"), QStringLiteral("work_ms=5000")});
        scenarios::RunSession session(m_server.get());
        QSignalSpy finished(&session, &scenarios::RunSession::finished);
        QVERIFY(session.start(*m_lesson, v));
        // Until some job computes (an open Running span).
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(session.store().workers().begin(), session.store().workers().end(),
                                             [](const trace::WorkerTrack &w) {
                                                 return w.isOpen(SpanState::Running);
                                             }),
                                 10000);
        session.stop();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 5000);
        QVERIFY(session.result().stopped);
        QVERIFY(session.result().outcome.metric(QStringLiteral("jobs_done")) < 2);
        for (const auto &w : session.result().workers)
            QVERIFY2(w.exitValue == -SIGKILL || w.exitValue == scenarios::kStoppedExitCode,
                     qPrintable(QString::number(w.exitValue)));
        verifyNothingLeft();
    }

    void aKilledWorkerIsReported()
    {
        const ParameterValues v = values({QStringLiteral("mode=processes"), QStringLiteral("workload=cpu"),
                                          QStringLiteral("jobs=2"), QStringLiteral("work_ms=400")});
        scenarios::RunSession session(m_server.get());
        QSignalSpy finished(&session, &scenarios::RunSession::finished);
        QVERIFY(session.start(*m_lesson, v));
        pid_t victim = 0;
        QTRY_VERIFY_WITH_TIMEOUT(([&] {
                                     for (const auto &w : session.store().workers())
                                         if (w.name == "Process-1")
                                             victim = w.pid;
                                     return victim != 0;
                                 }()),
                                 10000);
        QCOMPARE(::kill(victim, SIGKILL), 0);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 15000);
        const auto &r = session.result();
        QVERIFY(!r.stopped);
        QCOMPARE(r.outcome.metric(QStringLiteral("jobs_done")), qint64(1));
        QVERIFY(r.outcome.problem);
        int killed = 0;
        for (const auto &w : r.workers)
            killed += w.pid == victim && w.exitValue == -SIGKILL;
        QCOMPARE(killed, 1);
        verifyNothingLeft();
    }

    void pythonSnippetsRun()
    {
        const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
        if (python.isEmpty())
            QSKIP("python3 is not installed");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        // One snippet per mode and workload, all started at once: python3's
        // start-up dominates, and on a shared machine it is mostly waiting.
        struct Case {
            QString name;
            std::unique_ptr<QProcess> process;
        };
        std::vector<Case> cases;
        for (const char *mode : {"serial", "threads", "gil-threads", "processes"}) {
            for (const char *workload : {"cpu", "io"}) {
                const QString m = QString::fromLatin1(mode), wl = QString::fromLatin1(workload);
                const ParameterValues v = values({QStringLiteral("mode=") + m, QStringLiteral("workload=") + wl,
                                                  QStringLiteral("jobs=2"), QStringLiteral("work_ms=20")});
                const QString code = m_lesson->pythonSnippet(v);
                // The snippet follows the values.
                QVERIFY(code.contains(QStringLiteral("JOBS, WORK_MS = 2, 20")));
                QCOMPARE(code.contains(QStringLiteral("multiprocessing.Process")), m == QLatin1String("processes"));
                QCOMPARE(code.contains(QStringLiteral("threading.Thread")),
                         m == QLatin1String("threads") || m == QLatin1String("gil-threads"));
                QCOMPARE(code.contains(QStringLiteral("setswitchinterval")), m == QLatin1String("gil-threads"));
                QCOMPARE(code.contains(QStringLiteral("time.sleep")), wl == QLatin1String("io"));
                const QString name = m + u'-' + wl;
                QFile file(dir.filePath(name + QStringLiteral(".py")));
                QVERIFY(file.open(QIODevice::WriteOnly));
                file.write(code.toUtf8());
                file.close();
                auto p = std::make_unique<QProcess>();
                p->start(python, {file.fileName()});
                cases.push_back({name, std::move(p)});
            }
        }
        const QRegularExpression expected(QStringLiteral("^wall \\d+ ms, cpu \\d+ ms, cores busy \\d+%\\n$"));
        for (auto &c : cases) {
            QVERIFY2(c.process->waitForFinished(30000), qPrintable(c.name));
            QCOMPARE(c.process->exitStatus(), QProcess::NormalExit);
            QVERIFY2(c.process->exitCode() == 0,
                     qPrintable(c.name + u' ' + QString::fromUtf8(c.process->readAllStandardError())));
            const QString out = QString::fromUtf8(c.process->readAllStandardOutput());
            QVERIFY2(expected.match(out).hasMatch(), qPrintable(c.name + u' ' + out));
        }
    }
};

QTEST_GUILESS_MAIN(TestSerialVsParallel)
#include "tst_serial_vs_parallel.moc"
