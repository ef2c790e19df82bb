// The Python snippets of the pool lessons run with python3 as written and
// print what the lessons measure (the snippets are our own code, shown to
// learners of the notes, so they must not rot).
#include "core/scenarios/catalogue.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace cl;

class TestPoolSnippets : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void runsAsWritten_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("expected"); // a line the output must contain
        QTest::addColumn<int>("lines");        // lines of output
        QTest::newRow("pool") << QStringLiteral("pool") << QStringLiteral("distinct pids: 4 ") << 1;
        QTest::newRow("pool-callbacks") << QStringLiteral("pool-callbacks") << QStringLiteral("callback in PID") << 13;
        QTest::newRow("log-pool") << QStringLiteral("log-pool") << QStringLiteral("lines 160000 unique ips") << 9;
    }

    void runsAsWritten()
    {
        QFETCH(QString, id);
        QFETCH(QString, expected);
        QFETCH(int, lines);
        const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
        if (python.isEmpty())
            QSKIP("python3 is not installed");
        const scenarios::Scenario *s = scenarios::findScenario(id);
        QVERIFY(s);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString script = dir.filePath(QStringLiteral("snippet.py"));
        QFile f(script);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(s->pythonSnippet(s->defaults()).toUtf8());
        f.close();

        QProcess p;
        p.setWorkingDirectory(dir.path());
        p.start(python, {script});
        QVERIFY(p.waitForFinished(120000));
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0,
                 qPrintable(QString::fromUtf8(p.readAllStandardError())));
        QVERIFY2(out.contains(expected), qPrintable(out));
        QCOMPARE(int(out.trimmed().split(QLatin1Char('\n')).size()), lines);
    }
};

QTEST_GUILESS_MAIN(TestPoolSnippets)
#include "tst_pool_snippets.moc"
