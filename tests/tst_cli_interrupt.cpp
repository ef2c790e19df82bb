// Ctrl+C or a SIGTERM during "run": the run stops, every worker is reaped,
// the outputs are still written and marked as interrupted, the temporary
// ticket directory is gone, and the exit status is 128 + the signal.
#include "process_check.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <unistd.h>

using cl::tests::childrenOf;

namespace {

// A process is the same one only with the same start time: a pid alone can
// be reused.
QByteArray startTimeOf(pid_t pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray stat = f.readAll();
    // Fields after the command name (which may hold spaces): state is 3rd, start time 22nd.
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    return fields.size() > 19 ? fields.at(19) : QByteArray();
}

QByteArray commandOf(pid_t pid)
{
    QFile f(QStringLiteral("/proc/%1/comm").arg(pid));
    return f.open(QIODevice::ReadOnly) ? f.readAll().trimmed() : QByteArray();
}

QList<pid_t> descendantsOf(pid_t pid)
{
    QList<pid_t> all;
    const QList<pid_t> children = childrenOf(pid);
    for (pid_t child : children)
        all << child << descendantsOf(child);
    return all;
}

int countBuyers(pid_t app)
{
    int n = 0;
    const QList<pid_t> processes = descendantsOf(app);
    for (pid_t p : processes)
        n += commandOf(p).startsWith("buyer-") ? 1 : 0;
    return n;
}

bool ticketFileExists(const QString &tmp)
{
    const QStringList dirs = QDir(tmp).entryList({QStringLiteral("concurrency-lab-*")}, QDir::Dirs);
    for (const QString &d : dirs)
        if (QFile::exists(QDir(tmp).filePath(d + QStringLiteral("/tickets.txt"))))
            return true;
    return false;
}

} // namespace

class TestCliInterrupt : public QObject {
    Q_OBJECT
private:
    QString m_exe;

private Q_SLOTS:
    void initTestCase()
    {
        m_exe = qEnvironmentVariable("CL_APP_EXE");
        QVERIFY2(QFile::exists(m_exe), "CL_APP_EXE must name the built concurrency-lab");
    }

    void interrupt_data()
    {
        QTest::addColumn<int>("signal");
        QTest::addColumn<bool>("wholeGroup"); // as a terminal's Ctrl+C does
        QTest::addColumn<QString>("startMethod");
        QTest::addColumn<QString>("mode");
        const QString server = QStringLiteral("forkserver");
        const QString processes = QStringLiteral("processes");
        QTest::newRow("SIGINT") << int(SIGINT) << false << server << processes;
        QTest::newRow("SIGTERM") << int(SIGTERM) << false << server << processes;
        QTest::newRow("Ctrl+C to the group") << int(SIGINT) << true << server << processes;
        QTest::newRow("Ctrl+C to the group, fork") << int(SIGINT) << true << QStringLiteral("fork") << processes;
        QTest::newRow("Ctrl+C to the group, spawn") << int(SIGINT) << true << QStringLiteral("spawn") << processes;
        QTest::newRow("SIGTERM, threads") << int(SIGTERM) << false << server << QStringLiteral("threads");
    }

    void interrupt()
    {
        QFETCH(int, signal);
        QFETCH(bool, wholeGroup);
        QFETCH(QString, startMethod);
        QFETCH(QString, mode);
        QTemporaryDir tmp; // the child's TMPDIR: must be empty again at the end
        QTemporaryDir outputs;
        QTemporaryDir runtimeDir; // Qt makes $TMPDIR/runtime-$USER without one; that is not the run's
        QVERIFY(tmp.isValid() && outputs.isValid() && runtimeDir.isValid());
        const QString summary = outputs.filePath(QStringLiteral("summary.json"));
        const QString trace = outputs.filePath(QStringLiteral("trace.json"));

        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("TMPDIR"), tmp.path());
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtimeDir.path());
        QProcess app;
        app.setProcessEnvironment(env);
        if (wholeGroup)
            app.setChildProcessModifier([] { ::setpgid(0, 0); });
        const int buyers = 3;
        // Every buyer thinks for 10 s: only a signal ends this run early.
        app.start(m_exe, {QStringLiteral("run"), QStringLiteral("ticket-race"), QStringLiteral("--set"),
                          QStringLiteral("buyers=%1").arg(buyers), QStringLiteral("--set"),
                          QStringLiteral("think_ms=10000"), QStringLiteral("--set"), QStringLiteral("stagger_ms=0"),
                          QStringLiteral("--set"), QStringLiteral("mode=") + mode, QStringLiteral("--start-method"),
                          startMethod, QStringLiteral("--summary"), summary, QStringLiteral("--trace"), trace});
        QVERIFY(app.waitForStarted());
        const pid_t pid = pid_t(app.processId());

        // Started: the ticket file is there and (for processes) every buyer runs.
        QTRY_VERIFY_WITH_TIMEOUT(ticketFileExists(tmp.path()), 20000);
        if (mode == QLatin1String("processes"))
            QTRY_COMPARE_WITH_TIMEOUT(countBuyers(pid), buyers, 20000);
        QList<QPair<pid_t, QByteArray>> spawned; // the fork server and the buyers
        const QList<pid_t> descendants = descendantsOf(pid);
        for (pid_t p : descendants)
            spawned.append({p, startTimeOf(p)});
        QVERIFY(!spawned.isEmpty());

        QCOMPARE(::kill(wholeGroup ? -pid : pid, signal), 0);
        QVERIFY(app.waitForFinished(30000));
        const QString err = QString::fromUtf8(app.readAllStandardError());
        QCOMPARE(app.exitStatus(), QProcess::NormalExit);
        QVERIFY2(app.exitCode() == 128 + signal, qPrintable(QStringLiteral("exit %1: %2").arg(app.exitCode()).arg(err)));

        const QString name = signal == SIGINT ? QStringLiteral("SIGINT") : QStringLiteral("SIGTERM");
        QFile summaryFile(summary);
        QVERIFY(summaryFile.open(QIODevice::ReadOnly));
        const QJsonObject s = QJsonDocument::fromJson(summaryFile.readAll()).object();
        QCOMPARE(s.value(QStringLiteral("stopped")).toBool(), true);
        QCOMPARE(s.value(QStringLiteral("interrupted_by")).toString(), name);
        QVERIFY2(s.value(QStringLiteral("verdict")).toString().contains(name), qPrintable(err));
        QCOMPARE(s.value(QStringLiteral("metrics")).toObject().value(QStringLiteral("sold")).toInt(), 0);
        QFile traceFile(trace);
        QVERIFY(traceFile.open(QIODevice::ReadOnly));
        QVERIFY(QJsonDocument::fromJson(traceFile.readAll()).object().contains(QStringLiteral("traceEvents")));

        const QStringList left = QDir(tmp.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
        QVERIFY2(left.isEmpty(), qPrintable(left.join(QLatin1Char(' '))));
        // Nothing the run started outlives it (orphans would be re-parented, not gone).
        for (const auto &[p, started] : spawned)
            QTRY_VERIFY2_WITH_TIMEOUT(startTimeOf(p) != started,
                                      qPrintable(QStringLiteral("process %1 (%2) is still there")
                                                     .arg(p)
                                                     .arg(QString::fromUtf8(commandOf(p)))),
                                      5000);
    }
};

QTEST_GUILESS_MAIN(TestCliInterrupt)
#include "tst_cli_interrupt.moc"
