// The command line as a user meets it: list, run with exports, help and
// version without a display, and one clear line plus exit status 2 for every
// kind of bad input (parameters, options, output paths).
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

    // Like a login without a desktop: no X11, no Wayland, no forced platform.
    static QProcessEnvironment noDisplayEnvironment()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        return env;
    }

    Result runApp(const QStringList &args, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment(),
                  int timeoutMs = 60000)
    {
        QProcess p;
        p.setProcessEnvironment(env);
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
        QTest::newRow("bad start method") << QStringList{run, tr, QStringLiteral("--start-method"), QStringLiteral("vfork")}
                                          << QStringList{QStringLiteral("forkserver"), QStringLiteral("spawn"),
                                                         QStringLiteral("vfork")};
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

    // render: any loadable trace to pictures, headless; bad input is one
    // line and status 2, before anything is written.
    void render_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QStringList>("mentions"); // in stderr when it fails
        QTest::addColumn<QStringList>("written");
        const QString trace = m_dir.filePath(QStringLiteral("render-in.json"));
        const QString broken = m_dir.filePath(QStringLiteral("render-broken.json"));
        const QString png = m_dir.filePath(QStringLiteral("r.png"));
        const QString svg = m_dir.filePath(QStringLiteral("r.svg"));
        const QString pdf = m_dir.filePath(QStringLiteral("r.pdf"));
        const QString render = QStringLiteral("render");
        const QString pngOpt = QStringLiteral("--png");
        QTest::newRow("png, svg and pdf")
            << QStringList{render, trace, pngOpt, png, QStringLiteral("--svg"), svg, QStringLiteral("--pdf"), pdf} << 0
            << QStringList{} << QStringList{png, svg, pdf};
        QTest::newRow("a range") << QStringList{render, trace, pngOpt, png, QStringLiteral("--range"),
                                                QStringLiteral("0.01:0.05")}
                                 << 0 << QStringList{} << QStringList{png};
        QTest::newRow("no output") << QStringList{render, trace} << 2
                                   << QStringList{QStringLiteral("--png"), QStringLiteral("--pdf")} << QStringList{};
        QTest::newRow("range not a range") << QStringList{render, trace, pngOpt, png, QStringLiteral("--range"),
                                                          QStringLiteral("5")}
                                           << 2 << QStringList{QStringLiteral("--range"), QStringLiteral("START_MS")}
                                           << QStringList{};
        QTest::newRow("range backwards") << QStringList{render, trace, pngOpt, png, QStringLiteral("--range"),
                                                        QStringLiteral("3:1")}
                                         << 2 << QStringList{QStringLiteral("--range"), QStringLiteral("3:1")}
                                         << QStringList{};
        QTest::newRow("no such trace") << QStringList{render, m_dir.filePath(QStringLiteral("nope.json")), pngOpt, png}
                                       << 2 << QStringList{QStringLiteral("nope.json"), QStringLiteral("no such file")}
                                       << QStringList{};
        QTest::newRow("a broken trace") << QStringList{render, broken, pngOpt, png} << 2
                                        << QStringList{QStringLiteral("render-broken.json"), QStringLiteral("truncated"),
                                                       QStringLiteral("byte")}
                                        << QStringList{};
        QTest::newRow("two traces") << QStringList{render, trace, trace, pngOpt, png} << 2
                                    << QStringList{QStringLiteral("one trace")} << QStringList{};
        QTest::newRow("output in a missing directory")
            << QStringList{render, trace, pngOpt, m_dir.filePath(QStringLiteral("no/such/r.png"))} << 2
            << QStringList{QStringLiteral("--png"), QStringLiteral("does not exist")} << QStringList{};
    }

    void render()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QStringList, mentions);
        QFETCH(QStringList, written);
        {
            QFile in(m_dir.filePath(QStringLiteral("render-in.json")));
            QVERIFY(in.open(QIODevice::WriteOnly));
            in.write(R"({"traceEvents":[
                {"ph":"M","name":"thread_name","pid":1,"tid":1,"args":{"name":"main"}},
                {"ph":"X","name":"running","pid":1,"tid":1,"ts":0,"dur":40},
                {"ph":"X","name":"lock-wait","pid":1,"tid":2,"ts":10,"dur":30,"args":{"object":"lock"}},
                {"ph":"C","name":"depth","pid":1,"ts":5,"args":{"value":2}}]})");
            QFile broken(m_dir.filePath(QStringLiteral("render-broken.json")));
            QVERIFY(broken.open(QIODevice::WriteOnly));
            broken.write(R"({"traceEvents":[{"ph":"X","ts":)");
        }
        const QStringList outputs{m_dir.filePath(QStringLiteral("r.png")), m_dir.filePath(QStringLiteral("r.svg")),
                                  m_dir.filePath(QStringLiteral("r.pdf"))};
        for (const QString &o : outputs)
            QFile::remove(o);
        const Result r = runApp(args, noDisplayEnvironment());
        QVERIFY2(r.exitCode == exitCode, qPrintable(QStringLiteral("exit %1: %2").arg(r.exitCode).arg(r.err)));
        for (const QString &m : mentions)
            QVERIFY2(r.err.contains(m), qPrintable(r.err));
        if (exitCode != 0) {
            QCOMPARE(r.err.trimmed().count(QLatin1Char('\n')), 0); // one line
            for (const QString &o : outputs)
                QVERIFY2(!QFile::exists(o), qPrintable(o)); // nothing written on bad input
        }
        for (const QString &w : written) {
            QFile f(w);
            QVERIFY2(f.open(QIODevice::ReadOnly) && f.size() > 100, qPrintable(w));
            if (w.endsWith(QLatin1String(".png")))
                QVERIFY(!QImage(w).isNull());
            else if (w.endsWith(QLatin1String(".pdf")))
                QVERIFY(f.read(5) == "%PDF-");
            else
                QVERIFY(f.readAll().contains("<svg"));
        }
    }

    // The summary as CSV: a header row and the run's row, metrics last.
    void runCsv()
    {
        const QString csv = m_dir.filePath(QStringLiteral("summary.csv"));
        const Result r = runApp({QStringLiteral("run"), QStringLiteral("counter-race"), QStringLiteral("--set"),
                                 QStringLiteral("workers=2"), QStringLiteral("--set"), QStringLiteral("increments=20"),
                                 QStringLiteral("--csv"), csv});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(f.readAll()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QVERIFY(lines[0].startsWith(QStringLiteral("scenario,params,wall_ms")));
        QVERIFY(lines[0].contains(QStringLiteral("metric:lost")));
        QVERIFY(lines[1].startsWith(QStringLiteral("counter-race,")));
    }

    // Everything that answers without opening a window works without a
    // display; the window itself says in one line why it cannot open.
    void withoutDisplay_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<bool>("toStdout");  // where the answer goes
        QTest::addColumn<QStringList>("mentions");
        const QString run = QStringLiteral("run");
        const QString help = QStringLiteral("--help");
        const QString file = m_dir.filePath(QStringLiteral("saved-run.json"));
        QTest::newRow("--help") << QStringList{help} << 0 << true
                                << QStringList{QStringLiteral("list"), QStringLiteral("describe ID"),
                                               QStringLiteral("run ID"), QStringLiteral("--summary"),
                                               QStringLiteral("--start-method"), QStringLiteral("[FILE]"),
                                               QStringLiteral("--version")};
        QTest::newRow("-h") << QStringList{QStringLiteral("-h")} << 0 << true << QStringList{QStringLiteral("run ID")};
        QTest::newRow("--version") << QStringList{QStringLiteral("--version")} << 0 << true
                                   << QStringList{QStringLiteral("concurrency-lab " CL_VERSION)};
        QTest::newRow("-v") << QStringList{QStringLiteral("-v")} << 0 << true << QStringList{QStringLiteral(CL_VERSION)};
        QTest::newRow("unknown option") << QStringList{QStringLiteral("--bogus")} << 2 << false
                                        << QStringList{QStringLiteral("--bogus"), help, QStringLiteral("--version")};
        QTest::newRow("unknown short option") << QStringList{QStringLiteral("-x")} << 2 << false
                                              << QStringList{QStringLiteral("\"-x\""), help};
        QTest::newRow("option without its value") << QStringList{QStringLiteral("-platform")} << 2 << false
                                                  << QStringList{QStringLiteral("platform"), help};
        QTest::newRow("a file to open") << QStringList{file} << 1 << false
                                        << QStringList{file, QStringLiteral("xvfb-run"), QStringLiteral("render")};
        QTest::newRow("no such file, no command")
            << QStringList{m_dir.filePath(QStringLiteral("nope.json"))} << 2 << false
            << QStringList{QStringLiteral("nope.json"), QStringLiteral("no such file"), QStringLiteral("render")};
        QTest::newRow("the window") << QStringList{} << 1 << false
                                    << QStringList{QStringLiteral("DISPLAY"), QStringLiteral("xvfb-run"),
                                                   QStringLiteral("list, describe, run")};
        QTest::newRow("the window on xcb") << QStringList{QStringLiteral("-platform"), QStringLiteral("xcb")} << 1
                                           << false << QStringList{QStringLiteral("xvfb-run")};
        QTest::newRow("run --help") << QStringList{run, help} << 0 << true
                                    << QStringList{QStringLiteral("run ID"), QStringLiteral("--set"),
                                                   QStringLiteral("--summary"), QStringLiteral("--png"),
                                                   QStringLiteral("130"), QStringLiteral("143")};
        QTest::newRow("run ID --help") << QStringList{run, QStringLiteral("ticket-race"), help} << 0 << true
                                       << QStringList{QStringLiteral("--trace")};
        QTest::newRow("describe --help") << QStringList{QStringLiteral("describe"), help} << 0 << true
                                         << QStringList{QStringLiteral("describe ID")};
        QTest::newRow("list --help") << QStringList{QStringLiteral("list"), QStringLiteral("-h")} << 0 << true
                                     << QStringList{QStringLiteral("list")};
        QTest::newRow("describe, unknown option") << QStringList{QStringLiteral("describe"), QStringLiteral("--bogus")}
                                                  << 2 << false
                                                  << QStringList{QStringLiteral("--bogus"), QStringLiteral("describe --help")};
    }

    void withoutDisplay()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(bool, toStdout);
        QFETCH(QStringList, mentions);
        QFile saved(m_dir.filePath(QStringLiteral("saved-run.json")));
        QVERIFY(saved.open(QIODevice::WriteOnly)); // the "file to open" row names a file that exists
        saved.close();

        const Result r = runApp(args, noDisplayEnvironment());
        QVERIFY2(r.exitCode == exitCode, qPrintable(QStringLiteral("exit %1: %2").arg(r.exitCode).arg(r.err)));
        const QString &answer = toStdout ? r.out : r.err;
        for (const QString &m : mentions)
            QVERIFY2(answer.contains(m), qPrintable(answer));
        if (toStdout)
            QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
        else
            QCOMPARE(r.err.trimmed().count(QLatin1Char('\n')), 0); // one line
    }

    // A display that is named but cannot be reached fails cleanly too, not
    // with Qt's abort (exit 134).
    void unreachableDisplay()
    {
        QProcessEnvironment env = noDisplayEnvironment();
        env.insert(QStringLiteral("DISPLAY"), QStringLiteral(":4711"));
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
        const Result r = runApp({}, env);
        QVERIFY2(r.exitCode == 1, qPrintable(QStringLiteral("exit %1: %2").arg(r.exitCode).arg(r.err)));
        QVERIFY2(r.err.contains(QStringLiteral(":4711")) && r.err.contains(QStringLiteral("xvfb-run")),
                 qPrintable(r.err));
    }

    // Output files are checked before the run: a run of minutes must not
    // end in "could not write the summary".
    void outputPaths_data()
    {
        QTest::addColumn<QStringList>("outputs");
        QTest::addColumn<QStringList>("mentions");
        const QString summary = QStringLiteral("--summary");
        const QString trace = QStringLiteral("--trace");
        const QString png = QStringLiteral("--png");
        const QString canary = m_dir.filePath(QStringLiteral("canary.json")); // a valid output: must stay unwritten
        const QString missing = m_dir.filePath(QStringLiteral("no-such-dir/timeline.png"));
        const QString same = m_dir.filePath(QStringLiteral("same.json"));
        QTest::newRow("empty") << QStringList{summary, QString(), trace, canary}
                               << QStringList{summary, QStringLiteral("empty")};
        QTest::newRow("a directory") << QStringList{trace, m_dir.path(), summary, canary}
                                     << QStringList{trace, m_dir.path(), QStringLiteral("directory")};
        QTest::newRow("no such directory") << QStringList{png, missing, summary, canary}
                                           << QStringList{png, missing, QStringLiteral("does not exist")};
        QTest::newRow("unwritable") << QStringList{summary, QStringLiteral("/proc/x.json"), trace, canary}
                                    << QStringList{summary, QStringLiteral("/proc/x.json"), QStringLiteral("writable")};
        QTest::newRow("not a regular file") << QStringList{trace, QStringLiteral("/dev/null"), summary, canary}
                                            << QStringList{trace, QStringLiteral("/dev/null")};
        QTest::newRow("one file twice") << QStringList{summary, same, trace, same}
                                        << QStringList{summary, trace, same};
        QTest::newRow("one file, spelled twice")
            << QStringList{trace, same, png, m_dir.path() + QStringLiteral("/./same.json"), summary, canary}
            << QStringList{trace, png, QStringLiteral("same.json")};
    }

    void outputPaths()
    {
        QFETCH(QStringList, outputs);
        QFETCH(QStringList, mentions);
        const QString canary = m_dir.filePath(QStringLiteral("canary.json"));
        const QString same = m_dir.filePath(QStringLiteral("same.json"));
        QFile::remove(canary);
        QFile::remove(same);
        const Result r = runApp(QStringList{QStringLiteral("run"), QStringLiteral("ticket-race"), QStringLiteral("--set"),
                                            QStringLiteral("buyers=2"), QStringLiteral("--set"),
                                            QStringLiteral("think_ms=0")} + outputs);
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err.trimmed().count(QLatin1Char('\n')), 0); // one line
        for (const QString &m : mentions)
            QVERIFY2(r.err.contains(m), qPrintable(r.err));
        QVERIFY2(r.out.isEmpty(), qPrintable(r.out)); // a run prints its verdict: nothing ran
        QVERIFY(!QFile::exists(canary));
        QVERIFY(!QFile::exists(same));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
