// The command line as a user meets it: list, run with exports, and one clear
// line plus exit status 2 for every kind of bad input.
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <set>

class TestCli : public QObject {
    Q_OBJECT
private:
    QString m_exe;
    QTemporaryDir m_dir;

    struct Result {
        int exitCode;
        QString out;
        QString err;
    };

    Result runApp(const QStringList &args, int timeoutMs = 60000)
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

    QJsonObject readJson(const QString &path)
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

    void list()
    {
        const Result r = runApp({QStringLiteral("list")});
        QCOMPARE(r.exitCode, 0);
        QStringList ids;
        const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        for (const QString &line : lines)
            ids << line.section(QLatin1Char('\t'), 0, 0);
        QVERIFY(ids.contains(QStringLiteral("ticket-race")));
        QVERIFY(ids.contains(QStringLiteral("counter-race")));
    }

    void badInput_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QStringList>("mentions"); // the message names the problem and what is allowed
        const QString run = QStringLiteral("run");
        const QString tr = QStringLiteral("ticket-race");
        const QString set = QStringLiteral("--set");
        QTest::newRow("unknown scenario") << QStringList{run, QStringLiteral("no-such")}
                                          << QStringList{QStringLiteral("no-such"), tr};
        QTest::newRow("unknown key") << QStringList{run, tr, set, QStringLiteral("colour=red")}
                                     << QStringList{QStringLiteral("colour"), QStringLiteral("buyers")};
        QTest::newRow("wrong type") << QStringList{run, tr, set, QStringLiteral("buyers=many")}
                                    << QStringList{QStringLiteral("buyers"), QStringLiteral("1 to 1000")};
        QTest::newRow("below range") << QStringList{run, tr, set, QStringLiteral("buyers=0")}
                                     << QStringList{QStringLiteral("buyers"), QStringLiteral("1 to 1000")};
        QTest::newRow("above range") << QStringList{run, tr, set, QStringLiteral("think_ms=999999")}
                                     << QStringList{QStringLiteral("think_ms"), QStringLiteral("0 to 10000")};
        QTest::newRow("bad choice") << QStringList{run, tr, set, QStringLiteral("lock=maybe")}
                                    << QStringList{QStringLiteral("lock"), QStringLiteral("on, off")};
        QTest::newRow("no equals") << QStringList{run, tr, set, QStringLiteral("buyers")}
                                   << QStringList{QStringLiteral("key=value")};
        QTest::newRow("no scenario") << QStringList{run} << QStringList{QStringLiteral("list")};
        QTest::newRow("unknown option") << QStringList{run, tr, QStringLiteral("--frobnicate")}
                                        << QStringList{QStringLiteral("frobnicate")};
        QTest::newRow("unknown command") << QStringList{QStringLiteral("fly")}
                                         << QStringList{QStringLiteral("fly"), QStringLiteral("run")};
        QTest::newRow("bad start method") << QStringList{run, tr, QStringLiteral("--start-method"), QStringLiteral("spawn")}
                                          << QStringList{QStringLiteral("forkserver")};
    }

    void badInput()
    {
        QFETCH(QStringList, args);
        QFETCH(QStringList, mentions);
        const QString summary = m_dir.filePath(QStringLiteral("bad-summary.json"));
        QFile::remove(summary);
        const Result r = runApp(args + QStringList{QStringLiteral("--summary"), summary});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err.trimmed().count(QLatin1Char('\n')), 0); // one line
        for (const QString &m : mentions)
            QVERIFY2(r.err.contains(m), qPrintable(r.err));
        QVERIFY(!QFile::exists(summary)); // nothing ran
    }

    void runTicketRace_data()
    {
        QTest::addColumn<QString>("lock");
        QTest::addColumn<bool>("oversold");
        QTest::newRow("lock off") << QStringLiteral("off") << true;
        QTest::newRow("lock on") << QStringLiteral("on") << false;
    }

    void runTicketRace()
    {
        QFETCH(QString, lock);
        QFETCH(bool, oversold);
        const QString summary = m_dir.filePath(QStringLiteral("summary-%1.json").arg(lock));
        const QString trace = m_dir.filePath(QStringLiteral("trace-%1.json").arg(lock));
        const QString png = m_dir.filePath(QStringLiteral("timeline-%1.png").arg(lock));
        const Result r = runApp({QStringLiteral("run"), QStringLiteral("ticket-race"), QStringLiteral("--set"),
                                 QStringLiteral("buyers=4"), QStringLiteral("--set"), QStringLiteral("think_ms=150"),
                                 QStringLiteral("--set"), QStringLiteral("stagger_ms=20"), QStringLiteral("--set"),
                                 QStringLiteral("lock=") + lock, QStringLiteral("--summary"), summary,
                                 QStringLiteral("--trace"), trace, QStringLiteral("--png"), png});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));

        const QJsonObject s = readJson(summary);
        QCOMPARE(s.value(QStringLiteral("scenario")).toString(), QStringLiteral("ticket-race"));
        QCOMPARE(s.value(QStringLiteral("params")).toObject().value(QStringLiteral("lock")).toString(), lock);
        QVERIFY(s.value(QStringLiteral("wall_ms")).toDouble() > 0);
        const QJsonObject metrics = s.value(QStringLiteral("metrics")).toObject();
        QCOMPARE(metrics.value(QStringLiteral("oversold")).toInt() > 0, oversold);
        if (!oversold)
            QCOMPARE(metrics.value(QStringLiteral("sold")).toInt(), 4);
        const QJsonArray pids = s.value(QStringLiteral("pids")).toArray();
        QCOMPARE(pids.size(), 4);
        QCOMPARE(s.value(QStringLiteral("tids")).toArray().size(), 4);

        // The trace names every buyer process with its real pid.
        const QJsonArray events = readJson(trace).value(QStringLiteral("traceEvents")).toArray();
        std::set<int> namedPids;
        for (const auto &e : events) {
            const QJsonObject o = e.toObject();
            if (o.value(QStringLiteral("name")).toString() == QLatin1String("process_name"))
                namedPids.insert(o.value(QStringLiteral("pid")).toInt());
        }
        for (const auto &pid : pids)
            QVERIFY(namedPids.count(pid.toInt()));

        const QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= 800 && image.height() >= 200);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
