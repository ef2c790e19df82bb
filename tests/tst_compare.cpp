// Comparing runs: the figures come from each run's own trace (wall time from
// its window, CPU time from its /proc samples, waits from its spans), the
// speedup from the runs' own wall times; bad --vary input is refused with
// one message naming what is allowed; a real serial-vs-processes comparison
// runs both values one after another and leaves nothing behind.
#include "core/runtime/fork_server.h"
#include "core/scenarios/catalogue.h"
#include "core/scenarios/compare.h"
#include "core/scenarios/compare_report.h"
#include "core/scenarios/compare_runner.h"
#include "compare_builder.h"
#include "process_check.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>
#include <unistd.h>

using namespace cl;
using tests::builtCompareSet;


class TestCompare : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<runtime::ForkServerClient> m_server;

private Q_SLOTS:
    void initTestCase()
    {
        m_server = runtime::ForkServerClient::start();
        QVERIFY(m_server);
    }

    void figuresFromTheRunsOwnTraces()
    {
        const scenarios::CompareSet set = builtCompareSet();
        QCOMPARE(set.runs.size(), std::size_t(3));
        const auto &serial = set.runs[0].figures;
        const auto &procs = set.runs[1].figures;
        const auto &threads = set.runs[2].figures;
        QCOMPARE(serial.wallMs, 400.0);
        QCOMPARE(procs.wallMs, 200.0);
        QCOMPARE(threads.wallMs, 250.0);
        QCOMPARE(serial.speedup, 1.0);
        QCOMPARE(procs.speedup, 2.0);
        QCOMPARE(threads.speedup, 1.6);
        // CPU time: each sample covers the time since the previous pass,
        // cut at the run's end.
        QCOMPARE(serial.cpuMs, 400.0);
        QCOMPARE(procs.cpuMs, 400.0);
        QCOMPARE(procs.coresBusy, 2.0);
        QCOMPARE(threads.cpuMs, -1.0); // no process samples: unknown, not zero
        QCOMPARE(threads.coresBusy, -1.0);
        // Workers used: the ones that ran, at most the cores.
        QCOMPARE(serial.workersRan, 1);
        QCOMPARE(serial.workersUsed, 1);
        QCOMPARE(procs.workersRan, 2);
        QCOMPARE(procs.cores, 2);
        QCOMPARE(procs.efficiency, 1.0);
        QCOMPARE(threads.workersRan, 4);
        QCOMPARE(threads.workersUsed, 4); // no core samples: not capped
        QCOMPARE(threads.efficiency, 0.4);
        QCOMPARE(procs.processes, 3);
        QCOMPARE(threads.processes, 1);
        QCOMPARE(threads.threads, 5); // main and four threads; the lane is none
        QCOMPARE(threads.lockWaitMs, 50.0);
        QCOMPARE(threads.gilWaitMs, 10.0);
        QCOMPARE(threads.queueMax, qint64(5));
        QCOMPARE(serial.queueMax, qint64(-1));
    }

    void speedupFollowsTheFirstRun()
    {
        scenarios::CompareSet set = builtCompareSet();
        std::swap(set.runs[0], set.runs[1]); // processes first
        set.measure();
        QCOMPARE(set.runs[0].figures.speedup, 1.0);
        QCOMPARE(set.runs[1].figures.speedup, 0.5);
        QCOMPARE(set.runs[2].figures.speedup, 0.8);
    }

    void vary_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("values"); // empty: refused
        QTest::addColumn<QString>("message");
        const auto row = [](const char *name, const char *text, const char *values, const char *message) {
            QTest::newRow(name) << QString::fromUtf8(text)
                                << QString::fromUtf8(values).split(QLatin1Char(' '), Qt::SkipEmptyParts)
                                << QString::fromUtf8(message);
        };
        row("modes", "mode=serial,threads,gil-threads,processes", "serial threads gil-threads processes", "");
        row("numbers with spaces", "jobs= 1 , 4", "1 4", "");
        row("no equals", "mode", "", "--vary must be KEY=VALUE1,VALUE2,...; got \"mode\"");
        row("unknown key", "speed=1,2", "",
            "cannot vary \"speed\": serial-vs-parallel has no such parameter; allowed: "
            "jobs, work_ms, workload, mode, switch_ms");
        row("one value", "mode=serial", "",
            "comparing needs at least 2 values of \"mode\", separated by commas; allowed: "
            "one of: serial, threads, gil-threads, processes");
        row("no values", "jobs=", "",
            "comparing needs at least 2 values of \"jobs\", separated by commas; allowed: "
            "a whole number from 1 to 32");
        row("bad choice", "mode=serial,warp", "",
            "parameter \"mode\" must be one of: serial, threads, gil-threads, processes; got \"warp\"");
        row("out of range", "jobs=1,99", "",
            "parameter \"jobs\" is out of range: 99 given, allowed is a whole number from 1 to 32");
        row("twice", "jobs=2,2", "", "value \"2\" of \"jobs\" is given twice; each value runs once");
        row("too many", "jobs=1,2,3,4,5,6,7,8,9,10,11,12,13", "",
            "at most 12 values can be compared at once; got 13 values of \"jobs\"");
    }

    void vary()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, values);
        QFETCH(QString, message);
        const scenarios::Scenario *s = scenarios::findScenario(QStringLiteral("serial-vs-parallel"));
        QVERIFY(s);
        scenarios::CompareSpec spec;
        const auto error = scenarios::CompareValidation::parseVary(*s, text, &spec);
        QCOMPARE(error.value_or(QString()), message);
        if (!error) {
            QCOMPARE(spec.values, values);
            QCOMPARE(spec.parsed.size(), values.size());
        }
    }

    void reportOutputs()
    {
        const scenarios::CompareSet set = builtCompareSet();
        const QJsonObject json = scenarios::CompareReport::summaryJson(set);
        QCOMPARE(json.value(QStringLiteral("vary")).toString(), QStringLiteral("mode"));
        const QJsonArray runs = json.value(QStringLiteral("runs")).toArray();
        QCOMPARE(runs.size(), 3);
        QCOMPARE(runs[1].toObject().value(QStringLiteral("value")).toString(), QStringLiteral("processes"));
        QCOMPARE(runs[1].toObject().value(QStringLiteral("wall_ms")).toDouble(), 200.0);
        QCOMPARE(runs[2].toObject().value(QStringLiteral("lock_wait_ms")).toDouble(), 50.0);
        QVERIFY(runs[2].toObject().value(QStringLiteral("cpu_ms")).isNull());
        const QJsonArray speedup = json.value(QStringLiteral("speedup")).toArray();
        QCOMPARE(speedup.size(), 3);
        QCOMPARE(speedup[1].toDouble(), 2.0);

        const QStringList lines = scenarios::CompareReport::csv(set).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 4);
        QVERIFY2(lines[0].startsWith(QStringLiteral("value,wall_ms,cpu_ms,cores_busy,speedup,parallel_efficiency")),
                 qPrintable(lines[0]));
        QVERIFY(lines[0].contains(QStringLiteral("gil_wait_ms")));
        QVERIFY(lines[0].contains(QStringLiteral("queue_max")));
        QVERIFY2(lines[2].startsWith(QStringLiteral("processes,200.000,400.000,2.000,2.000,1.000")), qPrintable(lines[2]));
        QVERIFY2(lines[3].startsWith(QStringLiteral("threads,250.000,,,1.600,0.400")), qPrintable(lines[3]));

        const QStringList table = scenarios::CompareReport::textTable(set).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(table.size(), 4);
        QVERIFY(table[2].startsWith(QStringLiteral("processes")));
        QVERIFY(table[2].contains(QStringLiteral("2.00×")));
    }

    // A real comparison, as the CLI and the GUI run it.
    void serialAgainstProcesses()
    {
        const scenarios::Scenario *s = scenarios::findScenario(QStringLiteral("serial-vs-parallel"));
        QVERIFY(s);
        scenarios::ParameterValues base = s->defaults();
        base.set(QStringLiteral("jobs"), qint64(2));
        base.set(QStringLiteral("work_ms"), qint64(30));
        scenarios::CompareSpec spec;
        QVERIFY(!scenarios::CompareValidation::parseVary(*s, QStringLiteral("mode=serial,processes"), &spec));
        scenarios::CompareRunner runner(m_server.get());
        QSignalSpy started(&runner, &scenarios::CompareRunner::runStarted);
        QSignalSpy finished(&runner, &scenarios::CompareRunner::finished);
        QString error;
        QVERIFY2(runner.start(*s, base, spec, &error), qPrintable(error));
        QVERIFY(finished.wait(60000));
        QCOMPARE(started.size(), 2);
        QVERIFY(runner.error().isEmpty());
        const scenarios::CompareSet set = runner.takeResult();
        QCOMPARE(set.runs.size(), std::size_t(2));
        QCOMPARE(set.runs[0].label, QStringLiteral("serial"));
        QCOMPARE(set.runs[1].label, QStringLiteral("processes"));
        for (const auto &r : set.runs) {
            QVERIFY(r.store);
            QVERIFY(r.result.valid);
            QVERIFY(r.figures.wallMs > 0.0);
            QCOMPARE(r.figures.wallMs, r.result.wallMs); // one number for the summary and the compare
            QCOMPARE(r.result.outcome.metric(QStringLiteral("jobs_done")), 2);
            QVERIFY(r.figures.cpuMs >= 0.0);
        }
        // Serial runs in the main process; processes add one PID per job.
        QCOMPARE(set.runs[0].figures.processes, 1);
        QCOMPARE(set.runs[1].figures.processes, 3);
        QCOMPARE(set.runs[0].figures.speedup, 1.0);
        QCOMPARE(set.runs[1].figures.speedup, set.runs[0].figures.wallMs / set.runs[1].figures.wallMs);
        QVERIFY(tests::childrenOf(m_server->serverPid()).isEmpty());
        QCOMPARE(tests::childrenOf(getpid()), QList<pid_t>{m_server->serverPid()});
    }

    // Stop ends the run in progress (reaped) and runs no further value.
    void stopSkipsTheRest()
    {
        const scenarios::Scenario *s = scenarios::findScenario(QStringLiteral("serial-vs-parallel"));
        scenarios::ParameterValues base = s->defaults();
        base.set(QStringLiteral("jobs"), qint64(2));
        base.set(QStringLiteral("work_ms"), qint64(3000));
        base.set(QStringLiteral("workload"), QStringLiteral("io"));
        scenarios::CompareSpec spec;
        QVERIFY(!scenarios::CompareValidation::parseVary(*s, QStringLiteral("mode=processes,threads,serial"), &spec));
        scenarios::CompareRunner runner(m_server.get());
        QSignalSpy finished(&runner, &scenarios::CompareRunner::finished);
        QVERIFY(runner.start(*s, base, spec));
        QTest::qWait(300);
        runner.stop();
        QVERIFY(finished.wait(20000));
        const scenarios::CompareSet set = runner.takeResult();
        QCOMPARE(set.runs.size(), std::size_t(1));
        QVERIFY(set.stopped);
        QVERIFY(set.runs[0].result.stopped);
        QVERIFY(tests::childrenOf(m_server->serverPid()).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCompare)
#include "tst_compare.moc"
