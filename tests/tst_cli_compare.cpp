// "compare" from the command line: the JSON, CSV and PNG outputs of a real
// serial-vs-processes comparison, one line and status 2 for every kind of
// bad input (nothing run, nothing written), and Ctrl+C stopping the run in
// progress, skipping the rest, reaping everything and still writing what was
// made.
#include "process_check.h"

#include <QDir>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <unistd.h>

namespace {
QList<pid_t> descendantsOf(pid_t pid)
{
    QList<pid_t> all;
    const QList<pid_t> children = cl::tests::childrenOf(pid);
    for (pid_t child : children)
        all << child << descendantsOf(child);
    return all;
}

bool isJobProcess(pid_t p)
{
    QFile f(QStringLiteral("/proc/%1/comm").arg(p));
    return f.open(QIODevice::ReadOnly) && f.readAll().startsWith("Process-");
}

// serial-vs-parallel names its job processes as Python does: Process-1, ...
QList<pid_t> jobProcesses(pid_t app)
{
    QList<pid_t> jobs;
    const QList<pid_t> all = descendantsOf(app);
    for (pid_t p : all)
        if (isJobProcess(p))
            jobs << p;
    return jobs;
}
} // namespace

class TestCliCompare : public QObject {
    Q_OBJECT
private:
    QString m_exe;
    QTemporaryDir m_dir;

    struct Result {
        int exitCode;
        QString out;
        QString err;
    };

    Result runApp(const QStringList &args, int timeoutMs = 120000)
    {
        QProcess p;
        p.start(m_exe, args);
        if (!p.waitForFinished(timeoutMs)) {
            p.kill();
            p.waitForFinished();
            return {-1, {}, QStringLiteral("timed out")};
        }
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2, QString::fromUtf8(p.readAllStandardOutput()),
                QString::fromUtf8(p.readAllStandardError())};
    }

    static QJsonObject readJson(const QString &path)
    {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return {};
        return QJsonDocument::fromJson(f.readAll()).object();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_exe = qEnvironmentVariable("CL_APP_EXE");
        QVERIFY2(QFile::exists(m_exe), "CL_APP_EXE must name the built concurrency-lab");
        QVERIFY(m_dir.isValid());
    }

    void outputs()
    {
        const QString summary = m_dir.filePath(QStringLiteral("compare.json"));
        const QString csv = m_dir.filePath(QStringLiteral("compare.csv"));
        const QString png = m_dir.filePath(QStringLiteral("compare.png"));
        const Result r = runApp({QStringLiteral("compare"), QStringLiteral("serial-vs-parallel"), QStringLiteral("--vary"),
                                 QStringLiteral("mode=serial,processes"), QStringLiteral("--set"), QStringLiteral("jobs=2"),
                                 QStringLiteral("--set"), QStringLiteral("work_ms=40"), QStringLiteral("--summary"), summary,
                                 QStringLiteral("--csv"), csv, QStringLiteral("--png"), png});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        // The table on stdout: a header and a line per run.
        QVERIFY2(r.out.contains(QStringLiteral("Speedup")), qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("\nserial ")));
        QVERIFY(r.out.contains(QStringLiteral("\nprocesses ")));

        const QJsonObject json = readJson(summary);
        QCOMPARE(json.value(QStringLiteral("scenario")).toString(), QStringLiteral("serial-vs-parallel"));
        QCOMPARE(json.value(QStringLiteral("vary")).toString(), QStringLiteral("mode"));
        QCOMPARE(json.value(QStringLiteral("stopped")).toBool(), false);
        const QJsonArray runs = json.value(QStringLiteral("runs")).toArray();
        const QJsonArray speedup = json.value(QStringLiteral("speedup")).toArray();
        QCOMPARE(runs.size(), 2);
        QCOMPARE(speedup.size(), 2);
        const QJsonObject serial = runs[0].toObject(), processes = runs[1].toObject();
        QCOMPARE(serial.value(QStringLiteral("value")).toString(), QStringLiteral("serial"));
        QCOMPARE(processes.value(QStringLiteral("value")).toString(), QStringLiteral("processes"));
        QCOMPARE(serial.value(QStringLiteral("params")).toObject().value(QStringLiteral("mode")).toString(),
                 QStringLiteral("serial"));
        QCOMPARE(serial.value(QStringLiteral("params")).toObject().value(QStringLiteral("jobs")).toInt(), 2);
        const double wall0 = serial.value(QStringLiteral("wall_ms")).toDouble();
        const double wall1 = processes.value(QStringLiteral("wall_ms")).toDouble();
        QVERIFY(wall0 > 0.0 && wall1 > 0.0);
        // Speedups from the runs' own wall times, the first run's being 1.
        QCOMPARE(speedup[0].toDouble(), 1.0);
        QCOMPARE(speedup[1].toDouble(), wall0 / wall1);
        QCOMPARE(processes.value(QStringLiteral("speedup")).toDouble(), wall0 / wall1);
        // Serial jobs run in the app's own process; processes add one PID per job.
        QCOMPARE(serial.value(QStringLiteral("pids")).toArray().size(), 0);
        QCOMPARE(serial.value(QStringLiteral("processes")).toInt(), 1);
        QCOMPARE(processes.value(QStringLiteral("pids")).toArray().size(), 2);
        QCOMPARE(processes.value(QStringLiteral("processes")).toInt(), 3);
        QVERIFY(serial.value(QStringLiteral("metrics")).toObject().contains(QStringLiteral("cpu_ms")));

        QFile csvFile(csv);
        QVERIFY(csvFile.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(csvFile.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QVERIFY2(lines[0].startsWith(QStringLiteral("value,wall_ms,cpu_ms,cores_busy,speedup,parallel_efficiency")),
                 qPrintable(lines[0]));
        QVERIFY(lines[0].contains(QStringLiteral("metric:cpu_ms")));
        QVERIFY(lines[1].startsWith(QStringLiteral("serial,")));
        QVERIFY(lines[2].startsWith(QStringLiteral("processes,")));
        QCOMPARE(lines[1].section(QLatin1Char(','), 4, 4), QStringLiteral("1.000"));

        const QImage image(png);
        QVERIFY(!image.isNull());
        QCOMPARE(image.width(), 1500);
        QVERIFY(image.height() > 400);
    }

    void badInput_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        const QString id = QStringLiteral("serial-vs-parallel");
        const QString out = m_dir.filePath(QStringLiteral("never.json"));
        const auto row = [&](const char *name, QStringList args, const char *message) {
            QTest::newRow(name) << (QStringList{QStringLiteral("compare")} + args) << QString::fromUtf8(message);
        };
        row("no vary", {id, QStringLiteral("--summary"), out}, "compare needs exactly one --vary");
        row("two varies", {id, QStringLiteral("--vary"), QStringLiteral("mode=serial,threads"), QStringLiteral("--vary"),
                           QStringLiteral("jobs=1,2"), QStringLiteral("--summary"), out},
            "compare needs exactly one --vary");
        row("unknown key", {id, QStringLiteral("--vary"), QStringLiteral("cores=1,2"), QStringLiteral("--summary"), out},
            "cannot vary \"cores\": serial-vs-parallel has no such parameter; allowed: jobs, work_ms");
        row("one value", {id, QStringLiteral("--vary"), QStringLiteral("mode=serial"), QStringLiteral("--summary"), out},
            "comparing needs at least 2 values of \"mode\"");
        row("bad value", {id, QStringLiteral("--vary"), QStringLiteral("mode=serial,fast"), QStringLiteral("--summary"), out},
            "parameter \"mode\" must be one of: serial, threads, gil-threads, processes; got \"fast\"");
        row("bad set", {id, QStringLiteral("--vary"), QStringLiteral("mode=serial,threads"), QStringLiteral("--set"),
                        QStringLiteral("jobs=0"), QStringLiteral("--summary"), out},
            "parameter \"jobs\" is out of range");
        row("unknown scenario", {QStringLiteral("nope"), QStringLiteral("--vary"), QStringLiteral("mode=a,b")},
            "unknown scenario \"nope\"");
        row("no scenario", {QStringLiteral("--vary"), QStringLiteral("mode=serial,threads")},
            "compare takes exactly one scenario id");
        row("output is a directory", {id, QStringLiteral("--vary"), QStringLiteral("mode=serial,threads"),
                                      QStringLiteral("--csv"), m_dir.path()},
            "is a directory");
        row("bad start method", {id, QStringLiteral("--vary"), QStringLiteral("mode=serial,threads"),
                                 QStringLiteral("--start-method"), QStringLiteral("vfork")},
            "--start-method must be one of: forkserver, fork, spawn");
        row("unknown option", {id, QStringLiteral("--vary"), QStringLiteral("mode=serial,threads"), QStringLiteral("--fast")},
            "unknown option \"--fast\" for compare");
    }

    void badInput()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Result r = runApp(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
        QVERIFY2(r.out.isEmpty(), qPrintable(r.out));
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("never.json"))));
    }

    void help()
    {
        const Result r = runApp({QStringLiteral("compare"), QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QStringLiteral("--vary")));
        QVERIFY(r.out.contains(QStringLiteral("Parallel efficiency: speedup / workers used")));
    }

    void interrupt()
    {
        const QString summary = m_dir.filePath(QStringLiteral("interrupted.json"));
        QProcess app;
        app.setProcessChannelMode(QProcess::SeparateChannels);
        // Each run waits 5 s (the most work_ms allows): the signal comes first.
        app.start(m_exe, {QStringLiteral("compare"), QStringLiteral("serial-vs-parallel"), QStringLiteral("--vary"),
                          QStringLiteral("mode=processes,threads,serial"), QStringLiteral("--set"),
                          QStringLiteral("workload=io"), QStringLiteral("--set"), QStringLiteral("work_ms=5000"),
                          QStringLiteral("--set"), QStringLiteral("jobs=2"), QStringLiteral("--summary"), summary});
        QVERIFY(app.waitForStarted());
        const pid_t pid = pid_t(app.processId());
        QString err;
        QTRY_VERIFY_WITH_TIMEOUT((err += QString::fromUtf8(app.readAllStandardError())).contains(QStringLiteral("run 1 of 3")),
                                 20000);
        // Both job processes of the first run are there.
        QTRY_COMPARE_WITH_TIMEOUT(jobProcesses(pid).size(), qsizetype(2), 20000);
        const QList<pid_t> jobs = jobProcesses(pid);
        QCOMPARE(::kill(pid, SIGINT), 0);
        QVERIFY(app.waitForFinished(30000));
        err += QString::fromUtf8(app.readAllStandardError());
        QCOMPARE(app.exitStatus(), QProcess::NormalExit);
        QVERIFY2(app.exitCode() == 130, qPrintable(QStringLiteral("exit %1: %2").arg(app.exitCode()).arg(err)));
        QVERIFY2(!err.contains(QStringLiteral("run 2 of 3")), qPrintable(err));
        // No job outlives the command (an orphan would be re-parented, not gone).
        for (pid_t job : jobs)
            QTRY_VERIFY_WITH_TIMEOUT(!isJobProcess(job), 5000);
        const QJsonObject json = readJson(summary);
        QCOMPARE(json.value(QStringLiteral("stopped")).toBool(), true);
        QCOMPARE(json.value(QStringLiteral("interrupted_by")).toString(), QStringLiteral("SIGINT"));
        const QJsonArray runs = json.value(QStringLiteral("runs")).toArray();
        QCOMPARE(runs.size(), 1);
        QCOMPARE(runs[0].toObject().value(QStringLiteral("stopped")).toBool(), true);
    }
};

QTEST_GUILESS_MAIN(TestCliCompare)
#include "tst_cli_compare.moc"
