// Opening traces in the window: a saved run reopens with its lesson, its
// parameters, its verdict and its tracks; another tool's trace opens under
// its file name; a broken file gets one message box and changes nothing;
// Open Recent remembers and forgets; a dropped file opens; the parameters
// survive a restart.
#include "process_check.h"
#include "core/runtime/fork_server.h"
#include "core/scenarios/catalogue.h"
#include "core/trace/chrome_trace.h"
#include "ui/console_model.h"
#include "ui/main_window.h"
#include "ui/parameter_form.h"
#include "ui/summary_panel.h"
#include "ui/timeline_view.h"
#include "ui/trace_file_loader.h"

#include <QAction>
#include <QStatusBar>
#include <QTableWidget>
#include <QApplication>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace cl;

class TestWindowFiles : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void opensASavedRun();
    void opensAnotherToolsTrace();
    void brokenFile_data();
    void brokenFile();
    void recentFiles();
    void dropOpensAFile();
    void parametersPersist();

private:
    bool open(const QString &path, QString *error = nullptr);
    QString writeFile(const QString &name, const QByteArray &bytes);

    std::unique_ptr<runtime::ForkServerClient> m_server;
    std::unique_ptr<ui::MainWindow> m_window;
    QTemporaryDir m_dir;
    QString m_saved;
    scenarios::RunResult m_result;
};

void TestWindowFiles::initTestCase()
{
    // Settings of its own: this test saves recent files and parameters, which
    // must not reach the shared test-mode settings other tests start from.
    QVERIFY(m_dir.isValid());
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_dir.filePath(QStringLiteral("config"))));
    m_server = runtime::ForkServerClient::start();
    QVERIFY(m_server);
    // A real run, saved as the window's Export trace saves it.
    {
        scenarios::RunSession session(m_server.get());
        const scenarios::Scenario *s = scenarios::findScenario(QStringLiteral("counter-race"));
        QVERIFY(s);
        scenarios::ParameterValues values = s->defaults();
        QVERIFY(!scenarios::Parameters::applyAssignment(s->id(), s->parameters(), QStringLiteral("workers=3"), values));
        QVERIFY(!scenarios::Parameters::applyAssignment(s->id(), s->parameters(), QStringLiteral("increments=50"),
                                                        values));
        m_result = session.runBlocking(*s, values);
        QVERIFY(m_result.valid);
        m_saved = m_dir.filePath(QStringLiteral("counter.json"));
        QString error;
        QVERIFY(trace::writeChromeTrace(session.store(), m_saved, &error));
    }
    m_window = std::make_unique<ui::MainWindow>(m_server.get());
    m_window->selectScenario(QStringLiteral("ticket-race"));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestWindowFiles::cleanupTestCase()
{
    m_window.reset();
    QTRY_VERIFY_WITH_TIMEOUT(tests::childrenOf(m_server->serverPid()).isEmpty(), 3000);
    m_server.reset();
}

bool TestWindowFiles::open(const QString &path, QString *error)
{
    QSignalSpy spy(m_window.get(), &ui::MainWindow::traceFileOpened);
    m_window->openTraceFile(path);
    if (!spy.wait(20000) && spy.isEmpty())
        return false;
    if (error)
        *error = spy.first().at(2).toString();
    return spy.first().at(1).toBool();
}

QString TestWindowFiles::writeFile(const QString &name, const QByteArray &bytes)
{
    const QString path = m_dir.filePath(name);
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write(bytes);
    return path;
}

void TestWindowFiles::opensASavedRun()
{
    QVERIFY(open(m_saved));
    // Its lesson is selected, with the run's parameters in the form.
    QCOMPARE(m_window->currentScenario()->id(), QStringLiteral("counter-race"));
    QVERIFY(m_window->parameterForm()->values() == m_result.params);
    QVERIFY(m_window->viewsShowRun());
    QCOMPARE(m_window->openFilePath(), m_saved);
    QVERIFY(m_window->windowTitle().contains(QStringLiteral("counter.json")));
    // The summary shows the run's own verdict and workers.
    QCOMPARE(m_window->summaryPanel()->verdictText(), m_result.outcome.verdict);
    QCOMPARE(m_window->summaryPanel()->workersTable()->rowCount(), int(m_result.workers.size()));
    QCOMPARE(m_window->summaryPanel()->metricsTable()->rowCount(), int(m_result.outcome.metrics.size()));
    const trace::TraceStore &store = m_window->session()->store();
    QVERIFY(store.workers().size() >= 4); // main and three workers
    QCOMPARE(m_window->consoleModel()->rowCount(), int(store.prints().size()));
    QVERIFY(m_window->exportPngAction()->isEnabled());
    QVERIFY(m_window->exportCsvAction()->isEnabled());
    // Running again leaves the file: the views follow the new run.
    const quint64 before = m_window->session()->store().revision();
    QVERIFY(before > 0);
}

void TestWindowFiles::opensAnotherToolsTrace()
{
    const QString path = writeFile(QStringLiteral("other.json"), R"([
        {"ph":"M","name":"thread_name","pid":1,"tid":2,"args":{"name":"renderer"}},
        {"ph":"X","name":"Paint","pid":1,"tid":2,"ts":100,"dur":50},
        {"ph":"i","name":"vsync","pid":1,"tid":2,"ts":120},
        {"ph":"O","name":"snapshot","pid":1,"ts":130,"id":"1"}])");
    const QString scenarioBefore = m_window->currentScenario()->id();
    QVERIFY(open(path));
    QCOMPARE(m_window->currentScenario()->id(), scenarioBefore); // no lesson of its own
    QCOMPARE(m_window->openFilePath(), path);
    QVERIFY(m_window->windowTitle().contains(QStringLiteral("other.json")));
    const trace::TraceStore &store = m_window->session()->store();
    QCOMPARE(store.workers().size(), std::size_t(1));
    QCOMPARE(store.workers()[0].name, std::string("renderer"));
    QCOMPARE(store.workers()[0].spans.size(), std::size_t(1));
    QCOMPARE(m_window->consoleModel()->rowCount(), 1);
    // The event it could not show is counted on screen.
    QVERIFY2(m_window->statusBar()->currentMessage().contains(QStringLiteral("1")),
             qPrintable(m_window->statusBar()->currentMessage()));
    QVERIFY(m_window->statusBar()->currentMessage().contains(QStringLiteral("\"O\"")));
}

void TestWindowFiles::brokenFile_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("mention");
    QTest::newRow("truncated") << QByteArray(R"({"traceEvents":[{"ph":"X")") << QStringLiteral("truncated");
    QTest::newRow("not a trace") << QByteArray(R"({"scenario":"x"})") << QStringLiteral("traceEvents");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("empty");
}

void TestWindowFiles::brokenFile()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, mention);
    QVERIFY(open(m_saved));
    const std::size_t workers = m_window->session()->store().workers().size();
    const QString path = writeFile(QStringLiteral("broken.json"), bytes);
    QString error;
    QVERIFY(!open(path, &error));
    QVERIFY2(error.contains(path) && error.contains(mention), qPrintable(error));
    auto *box = m_window->findChild<QMessageBox *>(QStringLiteral("openTraceError"));
    QVERIFY(box);
    QTRY_VERIFY(box->isVisible());
    QCOMPARE(box->informativeText(), error);
    box->accept();
    // What was on screen stays.
    QCOMPARE(m_window->session()->store().workers().size(), workers);
    QCOMPARE(m_window->openFilePath(), m_saved);
}

void TestWindowFiles::recentFiles()
{
    QVERIFY(open(m_saved));
    QMenu *recent = m_window->recentMenu();
    QVERIFY(recent);
    QStringList listed;
    for (QAction *a : recent->actions())
        if (!a->data().toString().isEmpty())
            listed << a->data().toString();
    QVERIFY(!listed.isEmpty());
    QCOMPARE(listed.first(), m_saved); // the newest first
    QCOMPARE(listed.count(m_saved), 1);
    QVERIFY(!listed.contains(m_dir.filePath(QStringLiteral("broken.json")))); // failures are not remembered
    // Opening from the menu opens that file.
    QSignalSpy spy(m_window.get(), &ui::MainWindow::traceFileOpened);
    for (QAction *a : recent->actions())
        if (a->data().toString() == m_saved) {
            a->trigger();
            break;
        }
    QVERIFY(spy.wait(20000));
    QCOMPARE(spy.first().at(0).toString(), m_saved);
    // Clear empties the list, and the setting with it.
    QAction *clear = m_window->findChild<QAction *>(QStringLiteral("actionClearRecent"));
    QVERIFY(clear && clear->isEnabled());
    clear->trigger();
    for (QAction *a : recent->actions())
        QVERIFY(a->data().toString().isEmpty());
    QVERIFY(!clear->isEnabled());
    QVERIFY(QSettings(QStringLiteral("concurrency-lab"), QStringLiteral("concurrency-lab"))
                .value(QStringLiteral("files/recent"))
                .toStringList()
                .isEmpty());
}

void TestWindowFiles::dropOpensAFile()
{
    const QString path = writeFile(QStringLiteral("dropped.json"),
                                   R"({"traceEvents":[{"ph":"X","name":"sleep","pid":5,"tid":5,"ts":0,"dur":10}]})");
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    const QPoint at = m_window->rect().center();
    QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_window.get(), &enter);
    QVERIFY(enter.isAccepted());
    QSignalSpy spy(m_window.get(), &ui::MainWindow::traceFileOpened);
    QDropEvent drop(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_window.get(), &drop);
    QVERIFY(spy.wait(20000));
    QCOMPARE(spy.first().at(0).toString(), path);
    QVERIFY(spy.first().at(1).toBool());
    QCOMPARE(m_window->session()->store().workers().size(), std::size_t(1));
    // Text, not a file: refused at the door.
    QMimeData text;
    text.setText(QStringLiteral("hello"));
    QDragEnterEvent textEnter(at, Qt::CopyAction, &text, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_window.get(), &textEnter);
    QVERIFY(!textEnter.isAccepted());
}

void TestWindowFiles::parametersPersist()
{
    QVERIFY(m_window->selectScenario(QStringLiteral("ticket-race")));
    scenarios::ParameterValues values = m_window->parameterForm()->values();
    values.set(QStringLiteral("buyers"), qint64(7));
    m_window->parameterForm()->setValues(values);
    m_window->close(); // saves the settings
    ui::MainWindow again(m_server.get());
    QCOMPARE(again.currentScenario()->id(), QStringLiteral("ticket-race"));
    QCOMPARE(again.parameterForm()->values().integer(QStringLiteral("buyers")), qint64(7));
    // Another lesson's values were kept too: the counter race opened above.
    QVERIFY(again.selectScenario(QStringLiteral("counter-race")));
    QCOMPARE(again.parameterForm()->values().integer(QStringLiteral("workers")), qint64(3));
}

QTEST_MAIN(TestWindowFiles)
#include "tst_window_files.moc"
