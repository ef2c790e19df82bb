// The "Python equivalent" of each race lesson, for a set of parameter rows:
// the code follows the parameters (threads or processes, lock on or off,
// the ticket store), and it really runs with python3 as written, printing
// the same kind of lines as the console and a verdict line. With the lock
// on, the Python run must be exact too: the snippet's lock really works.
#include "core/scenarios/catalogue.h"
#include "core/scenarios/parameter.h"
#include "core/scenarios/scenario.h"
#include "sharing_snippet_checks.h"

#include <QFile>
#include <algorithm>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace cl;

class TstPythonSnippets : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void followsParameters_data();
    void followsParameters();
    void runsAsWritten_data();
    void runsAsWritten();
    void processLessonsRun_data();
    void processLessonsRun();

private:
    // Runs `code` with python3 in a fresh directory; stdout, or a failure.
    bool runPython(const QString &code, QString *out);
    scenarios::ParameterValues valuesFor(const scenarios::Scenario &s, const QString &assignments);
    QString m_python;
};

void TstPythonSnippets::initTestCase()
{
    m_python = QStandardPaths::findExecutable(QStringLiteral("python3"));
}

scenarios::ParameterValues TstPythonSnippets::valuesFor(const scenarios::Scenario &s, const QString &assignments)
{
    scenarios::ParameterValues values = s.defaults();
    for (const QString &a : assignments.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const auto error = scenarios::Parameters::applyAssignment(s.id(), s.parameters(), a, values);
        if (error)
            qFatal("bad test row: %s", qPrintable(*error));
    }
    return values;
}

// Every combination that changes the code: mode × lock (× store).
static void addRows()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<QString>("params");
    for (const char *mode : {"processes", "threads"}) {
        for (const char *lock : {"on", "off"}) {
            QTest::addRow("counter %s lock=%s", mode, lock)
                << QStringLiteral("counter-race")
                << QStringLiteral("workers=3,increments=2000,gap_ns=200,mode=%1,lock=%2").arg(QLatin1String(mode), QLatin1String(lock));
            for (const char *store : {"file", "shm", "manager"})
                QTest::addRow("ticket %s lock=%s store=%s", mode, lock, store)
                    << QStringLiteral("ticket-race")
                    << QStringLiteral("tickets=3,buyers=4,think_ms=20,stagger_ms=5,mode=%1,lock=%2,store=%3")
                           .arg(QLatin1String(mode), QLatin1String(lock), QLatin1String(store));
        }
    }
    tests::addSharingSnippetRows();
}

void TstPythonSnippets::followsParameters_data() { addRows(); }

void TstPythonSnippets::followsParameters()
{
    QFETCH(QString, scenario);
    QFETCH(QString, params);
    const scenarios::Scenario *s = scenarios::findScenario(scenario);
    QVERIFY(s);
    const scenarios::ParameterValues values = valuesFor(*s, params);
    const QString code = s->pythonSnippet(values);
    const bool threads = values.choice(QStringLiteral("mode")) == QLatin1String("threads");
    const bool lock = values.isOn(QStringLiteral("lock"));
    if (tests::isSharingLesson(*s)) {
        tests::sharingSnippetFollows(*s, values, code);
        return;
    }
    const bool manager = values.choice(QStringLiteral("store")) == QLatin1String("manager");
    QCOMPARE(code.contains(QStringLiteral("manager.Lock()")), lock && manager);

    if (threads) {
        QVERIFY(code.contains(QStringLiteral("threading.Thread(")));
        QCOMPARE(code.contains(QStringLiteral("multiprocessing")), manager); // only for its Manager
        QCOMPARE(code.contains(QStringLiteral("threading.Lock()")), lock && !manager);
    } else {
        QVERIFY(code.contains(QStringLiteral("multiprocessing.Process(")));
        QVERIFY(code.contains(QStringLiteral("if __name__ == \"__main__\":")));
        QVERIFY(!code.contains(QStringLiteral("threading.")));
        QCOMPARE(code.contains(QStringLiteral("multiprocessing.Lock()")), lock && !manager);
    }
    QCOMPARE(code.contains(QStringLiteral("with lock:")), lock);
    if (scenario == QLatin1String("ticket-race")) {
        const bool file = values.choice(QStringLiteral("store")) == QLatin1String("file");
        QCOMPARE(code.contains(QStringLiteral("tickets.txt")), file);
        QCOMPARE(code.contains(QStringLiteral("multiprocessing.Value(")), !file && !threads && !manager);
        QCOMPARE(code.contains(QStringLiteral("manager.dict()")), manager);
        QVERIFY(code.contains(QStringLiteral("BUYERS = 4\n")));
        QVERIFY(code.contains(QStringLiteral("THINK_MS = 20 ")));
    } else {
        QVERIFY(code.contains(QStringLiteral("WORKERS = 3\n")));
        QVERIFY(code.contains(QStringLiteral("INCREMENTS = 2000\n")));
        QCOMPARE(code.contains(QStringLiteral("multiprocessing.Value(")), !threads);
    }
    // Another value gives other code: nothing is hard-wired.
    scenarios::ParameterValues other = values;
    other.set(QStringLiteral("mode"), threads ? QStringLiteral("processes") : QStringLiteral("threads"));
    QVERIFY(s->pythonSnippet(other) != code);
}

void TstPythonSnippets::runsAsWritten_data() { addRows(); }

void TstPythonSnippets::runsAsWritten()
{
    if (m_python.isEmpty())
        QSKIP("python3 is not installed (not on PATH): cannot run the Python snippets; setup.sh installs it");
    QFETCH(QString, scenario);
    QFETCH(QString, params);
    const scenarios::Scenario *s = scenarios::findScenario(scenario);
    QVERIFY(s);
    const scenarios::ParameterValues values = valuesFor(*s, params);
    const bool threads = values.choice(QStringLiteral("mode")) == QLatin1String("threads");
    const bool lock = values.isOn(QStringLiteral("lock"));

    QTemporaryDir dir; // also the working directory: the file store lives there
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("snippet.py"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(s->pythonSnippet(values).toUtf8());
    file.close();

    QProcess python;
    python.setWorkingDirectory(dir.path());
    python.start(m_python, {path});
    QVERIFY2(python.waitForStarted(10000), qPrintable(python.errorString()));
    if (!python.waitForFinished(60000)) {
        python.kill();
        python.waitForFinished(5000);
        QFAIL("python3 did not finish");
    }
    const QString out = QString::fromUtf8(python.readAllStandardOutput());
    const QString err = QString::fromUtf8(python.readAllStandardError());
    QVERIFY2(python.exitStatus() == QProcess::NormalExit && python.exitCode() == 0, qPrintable(err));
    QVERIFY2(err.isEmpty(), qPrintable(err));
    const QStringList lines = out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY(!lines.isEmpty());
    const QString who = threads ? QStringLiteral("TID") : QStringLiteral("PID");
    if (tests::isSharingLesson(*s)) {
        tests::checkSharingOutput(*s, values, lines);
        return;
    }

    if (scenario == QLatin1String("counter-race")) {
        const int workers = int(values.integer(QStringLiteral("workers")));
        const qint64 increments = values.integer(QStringLiteral("increments"));
        const QRegularExpression done(QStringLiteral("^worker-(\\d+) \\(%1 (\\d+)\\): done: (\\d+) increments, last wrote (\\d+)$").arg(who));
        QSet<QString> names, ids;
        for (int i = 0; i < lines.size() - 1; ++i) {
            const auto m = done.match(lines[i]);
            QVERIFY2(m.hasMatch(), qPrintable(lines[i]));
            names << m.captured(1);
            ids << m.captured(2);
            QCOMPARE(m.captured(3).toLongLong(), increments);
        }
        QCOMPARE(lines.size(), workers + 1);
        QCOMPARE(names.size(), workers);
        QCOMPARE(ids.size(), workers); // each worker a process (or thread) of its own
        const QRegularExpression verdict(QStringLiteral("^(Lost updates: \\d+\\. Expected \\d+, but the shared value "
                                                        "ended at \\d+\\.|Exact: the shared value ended at (\\d+), as expected\\.)$"));
        const auto m = verdict.match(lines.last());
        QVERIFY2(m.hasMatch(), qPrintable(lines.last()));
        if (lock)
            QCOMPARE(m.captured(2).toLongLong(), workers * increments);
    } else {
        const int buyers = int(values.integer(QStringLiteral("buyers")));
        const qint64 tickets = values.integer(QStringLiteral("tickets"));
        const QRegularExpression line(QStringLiteral("^buyer-(\\d+) \\(%1 \\d+\\): (tickets left: -?\\d+ - buying\\.\\.\\.|"
                                                     "bought a ticket, wrote -?\\d+ back|"
                                                     "no ticket left \\(read -?\\d+\\), nothing bought)$").arg(who));
        QMap<QString, int> perBuyer;
        for (int i = 0; i < lines.size() - 1; ++i) {
            const auto m = line.match(lines[i]);
            QVERIFY2(m.hasMatch(), qPrintable(lines[i]));
            ++perBuyer[m.captured(1)];
        }
        QCOMPARE(perBuyer.size(), buyers);
        for (auto it = perBuyer.cbegin(); it != perBuyer.cend(); ++it)
            QCOMPARE(it.value(), 2); // what it read, then what it did
        const QRegularExpression verdict(QStringLiteral("^(Oversold: \\d+ tickets\\. \\d+ buyers bought, but the count "
                                                        "only went from \\d+ to -?\\d+\\.|No ticket oversold: (\\d+) sold, (-?\\d+) left\\.)$"));
        const auto m = verdict.match(lines.last());
        QVERIFY2(m.hasMatch(), qPrintable(lines.last()));
        if (lock) {
            const qint64 sold = std::min<qint64>(buyers, tickets);
            QCOMPARE(m.captured(2).toLongLong(), sold);
            QCOMPARE(m.captured(3).toLongLong(), tickets - sold);
        }
    }
}

bool TstPythonSnippets::runPython(const QString &code, QString *out)
{
    QTemporaryDir dir; // also the working directory: a demo's file lives there
    const QString path = dir.filePath(QStringLiteral("snippet.py"));
    QFile file(path);
    if (!dir.isValid() || !file.open(QIODevice::WriteOnly))
        return false;
    file.write(code.toUtf8());
    file.close();
    QProcess python;
    python.setWorkingDirectory(dir.path());
    python.start(m_python, {path});
    if (!python.waitForStarted(10000) || !python.waitForFinished(60000)) {
        python.kill();
        python.waitForFinished(5000);
        *out = QStringLiteral("python3 did not finish");
        return false;
    }
    const QString err = QString::fromUtf8(python.readAllStandardError());
    *out = QString::fromUtf8(python.readAllStandardOutput());
    if (python.exitStatus() != QProcess::NormalExit || python.exitCode() != 0 || !err.isEmpty()) {
        *out = err;
        return false;
    }
    return true;
}

// The process lessons' snippets (start methods, lifecycle, zombies and
// orphans) run as written and print what the lesson shows.
void TstPythonSnippets::processLessonsRun_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<QString>("params");
    QTest::addColumn<QStringList>("expected"); // regular expressions, each matching some line
    for (const char *method : {"fork", "spawn", "forkserver"}) {
        const QString m = QString::fromLatin1(method);
        QTest::addRow("start-methods latency %s", method)
            << QStringLiteral("start-methods") << QStringLiteral("demo=latency,children=2,method=") + m
            << QStringList{QStringLiteral("^%1: started in \\d+ us \\(median\\), at most \\d+ us$").arg(m)};
        QTest::addRow("start-methods isolation %s", method)
            << QStringLiteral("start-methods") << QStringLiteral("demo=isolation,children=1,method=") + m
            << QStringList{QStringLiteral("^child-1 \\(PID \\d+\\): value = %1$").arg(m == QLatin1String("fork") ? 1 : 0),
                           QStringLiteral("^parent: value = 1$")};
        QTest::addRow("start-methods inherited-lock %s", method)
            << QStringLiteral("start-methods") << QStringLiteral("demo=inherited-lock,children=1,timeout_ms=200,method=") + m
            << QStringList{m == QLatin1String("fork") ? QStringLiteral("^child-1: lock.acquire\\(\\) timed out after")
                                                      : QStringLiteral("^child-1: lock.acquire\\(\\) succeeded after")};
        QTest::addRow("start-methods double-flush %s", method)
            << QStringLiteral("start-methods") << QStringLiteral("demo=double-flush,children=2,method=") + m
            << QStringList{QStringLiteral("^%1 lines in demo.txt:$").arg(m == QLatin1String("fork") ? 5 : 3)};
    }
    QTest::newRow("lifecycle join") << QStringLiteral("lifecycle")
                                    << QStringLiteral("work_ms=100,terminate_after_ms=50,exit_code=3,threads=2")
                                    << QStringList{QStringLiteral("^child-1: exitcode 3$"),
                                                   QStringLiteral("^child-2: exitcode -15$"),
                                                   QStringLiteral("^child-1 \\(PID \\d+, PPID \\d+\\): 3 threads$")};
    QTest::newRow("lifecycle daemon") << QStringLiteral("lifecycle")
                                      << QStringLiteral("work_ms=2000,parent_ms=100,join=off,daemon=on,threads=0")
                                      << QStringList{QStringLiteral("^main code ends; still running: \\['child-1', 'child-2'\\]$"),
                                                     QStringLiteral("^child-1: exitcode -15$")};
    QTest::newRow("lifecycle signal") << QStringLiteral("lifecycle") << QStringLiteral("work_ms=50,signal=9,threads=0")
                                      << QStringList{QStringLiteral("^child-1: exitcode -9$")};
    QTest::newRow("zombie") << QStringLiteral("zombie-orphan") << QStringLiteral("case=zombie,child_ms=50,reap_after_ms=100")
                            << QStringList{QStringLiteral("^child \\d+: state Z, PPID \\d+$"),
                                           QStringLiteral("^reaped; /proc/\\d+ exists: False$")};
    QTest::newRow("orphan") << QStringLiteral("zombie-orphan") << QStringLiteral("case=orphan,child_ms=50,parent_exit_after_ms=50")
                            << QStringList{QStringLiteral("^child \\(PID \\d+\\): PPID \\d+ -> \\d+$"),
                                           QStringLiteral("^main \\(PID \\d+\\) reaped the orphan \\d+$")};
}

void TstPythonSnippets::processLessonsRun()
{
    if (m_python.isEmpty())
        QSKIP("python3 is not installed (not on PATH): cannot run the Python snippets; setup.sh installs it");
    QFETCH(QString, scenario);
    QFETCH(QString, params);
    QFETCH(QStringList, expected);
    const scenarios::Scenario *s = scenarios::findScenario(scenario);
    QVERIFY(s);
    QString out;
    QVERIFY2(runPython(s->pythonSnippet(valuesFor(*s, params)), &out), qPrintable(out));
    const QStringList lines = out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString &pattern : expected) {
        const QRegularExpression re(pattern);
        QVERIFY2(std::any_of(lines.begin(), lines.end(), [&re](const QString &l) { return re.match(l).hasMatch(); }),
                 qPrintable(pattern + QStringLiteral(" in:\n") + out));
    }
    if (scenario == QLatin1String("zombie-orphan") && params.contains(QLatin1String("orphan"))) {
        // The orphan's new parent is the script itself (a child subreaper).
        const QRegularExpression re(QStringLiteral("^child \\(PID \\d+\\): PPID \\d+ -> (\\d+)$"));
        const QRegularExpression main(QStringLiteral("^main \\(PID (\\d+)\\)"));
        QString adopter, self;
        for (const QString &l : lines) {
            if (const auto m = re.match(l); m.hasMatch())
                adopter = m.captured(1);
            if (const auto m = main.match(l); m.hasMatch())
                self = m.captured(1);
        }
        QCOMPARE(adopter, self);
    }
}

QTEST_GUILESS_MAIN(TstPythonSnippets)
#include "tst_python_snippets.moc"
