// The window around a run, with real workers from a fork server: when a run
// ends every lane ends with it, and the PNG export spans the run and prints
// the summary's wall time; switching scenarios never shows a trace under
// another scenario's title, and does not disturb a run in progress; the
// Python tab follows the parameter form.
#include "core/runtime/fork_server.h"
#include "core/scenarios/catalogue.h"
#include "process_check.h"
#include "ui/charts_panel.h"
#include "ui/console_model.h"
#include "ui/main_window.h"
#include "ui/parameter_form.h"
#include "ui/summary_panel.h"
#include "ui/timeline_view.h"
#include "ui/trace_image.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QSettings>
#include <QTest>

#include <memory>
#include <unistd.h>

using namespace cl;

class TestWindowRuns : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void everyLaneEndsWithTheRun();
    void switchingScenarioClearsTheViews();
    void switchingMidRunKeepsTheRun();
    void pythonTabFollowsTheParameters();

private:
    void setSpin(const QString &key, int value);
    void setChoice(const QString &key, const QString &id);
    void expectNoWorkersLeft();

    std::unique_ptr<runtime::ForkServerClient> m_server;
    std::unique_ptr<ui::MainWindow> m_window;
};

void TestWindowRuns::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // keep QSettings out of the user's config
    // The window keeps each lesson's parameters between sessions: start from the defaults.
    QSettings(QStringLiteral("concurrency-lab"), QStringLiteral("concurrency-lab")).remove(QStringLiteral("parameters"));
    m_server = runtime::ForkServerClient::start();
    QVERIFY2(m_server, "the fork server must start");
    m_window = std::make_unique<ui::MainWindow>(m_server.get());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestWindowRuns::cleanupTestCase()
{
    m_window.reset();
    m_server.reset();
}

void TestWindowRuns::setSpin(const QString &key, int value)
{
    auto *spin = qobject_cast<QSpinBox *>(m_window->parameterForm()->editor(key));
    QVERIFY2(spin, qPrintable(key));
    spin->setValue(value);
    QCOMPARE(spin->value(), value);
}

void TestWindowRuns::setChoice(const QString &key, const QString &id)
{
    auto *combo = qobject_cast<QComboBox *>(m_window->parameterForm()->editor(key));
    QVERIFY2(combo, qPrintable(key));
    const int index = combo->findData(id);
    QVERIFY(index >= 0);
    combo->setCurrentIndex(index);
}

void TestWindowRuns::expectNoWorkersLeft()
{
    QTRY_VERIFY_WITH_TIMEOUT(tests::childrenOf(m_server->serverPid()).isEmpty(), 3000);
    for (pid_t p : tests::childrenOf(getpid()))
        QVERIFY2(p == m_server->serverPid(), qPrintable(QStringLiteral("unexpected child %1").arg(p)));
    QCOMPARE(m_server->running(), std::size_t(0));
}

void TestWindowRuns::everyLaneEndsWithTheRun()
{
    QVERIFY(m_window->selectScenario(QStringLiteral("ticket-race")));
    setSpin(QStringLiteral("buyers"), 3);
    setSpin(QStringLiteral("think_ms"), 50);
    setSpin(QStringLiteral("stagger_ms"), 10);
    setChoice(QStringLiteral("lock"), QStringLiteral("off"));
    QSignalSpy finished(m_window->session(), &scenarios::RunSession::finished);
    m_window->runAction()->trigger();
    QVERIFY(finished.wait(30000));
    const scenarios::RunResult &r = m_window->session()->result();
    QVERIFY(r.valid);
    QVERIFY2(r.outcome.error.isEmpty(), qPrintable(r.outcome.error));
    const trace::TraceStore *store = m_window->timeline()->store();
    QVERIFY(store);

    // After the run every lane has ended, the run's own "main" lane last,
    // exactly where the run's window (and wall time) ends.
    const scenarios::RunWindow window = scenarios::runWindow(*store);
    QVERIFY(window.finished);
    QCOMPARE(r.wallMs, window.ms());
    int mains = 0;
    for (const auto &w : store->workers()) {
        QVERIFY2(w.exited, w.name.c_str());
        QVERIFY2(w.exitTime <= window.end, w.name.c_str());
        if (w.name == "main") {
            ++mains;
            QCOMPARE(w.exitTime, window.end);
        }
    }
    QCOMPARE(mains, 1);

    // The export's axis spans the run, and it prints the summary's wall time.
    ui::TraceImageReport report;
    QVERIFY(!ui::renderTraceImage(*store, {}, &report).isNull());
    QCOMPARE(report.axisBegin, window.begin);
    QCOMPARE(report.axisEnd, window.end);
    auto *wall = m_window->summaryPanel()->findChild<QLabel *>(QStringLiteral("wallTime"));
    QVERIFY(wall);
    QVERIFY2(report.infoLine.contains(wall->text()), qPrintable(report.infoLine + QStringLiteral(" / ") + wall->text()));
    QCOMPARE(report.charts.size(), std::size_t(1)); // tickets left, under the rows
    expectNoWorkersLeft();
}

void TestWindowRuns::switchingScenarioClearsTheViews()
{
    // The ticket race ran last; its trace is on screen.
    QCOMPARE(m_window->currentScenario()->id(), QStringLiteral("ticket-race"));
    QVERIFY(m_window->viewsShowRun());
    const scenarios::ParameterValues ran = m_window->session()->result().params;
    const QString verdict = m_window->session()->result().outcome.verdict;
    QVERIFY(m_window->consoleModel()->rowCount() > 0);

    QVERIFY(m_window->selectScenario(QStringLiteral("counter-race")));
    const QString counterTitle = m_window->currentScenario()->title();
    QCOMPARE(m_window->windowTitle(), counterTitle);
    QVERIFY(!m_window->viewsShowRun());
    QCOMPARE(m_window->timeline()->store(), nullptr);
    QCOMPARE(m_window->consoleModel()->rowCount(), 0);
    m_window->chartsPanel()->updateNow();
    QCOMPARE(m_window->chartsPanel()->counterSeriesCount(), 0);
    QCOMPARE(m_window->summaryPanel()->verdictText(), ui::SummaryPanel::tr("No run yet."));
    QVERIFY2(m_window->timeline()->emptyText().contains(counterTitle), qPrintable(m_window->timeline()->emptyText()));
    QVERIFY(m_window->timeline()->legendContent().isEmpty());
    // Nothing on screen, nothing to export under the counter race's name.
    QVERIFY(!m_window->exportPngAction()->isEnabled());
    QVERIFY(!m_window->exportTraceAction()->isEnabled());
    QVERIFY(!m_window->saveSummaryAction()->isEnabled());
    QVERIFY(m_window->runAction()->isEnabled());

    // Back to the ticket race: its run, and the values it ran with, return.
    QVERIFY(m_window->selectScenario(QStringLiteral("ticket-race")));
    QVERIFY(m_window->viewsShowRun());
    QCOMPARE(m_window->timeline()->store(), &m_window->session()->store());
    QVERIFY(m_window->consoleModel()->rowCount() > 0);
    QCOMPARE(m_window->summaryPanel()->verdictText(), verdict);
    QCOMPARE(m_window->parameterForm()->values(), ran);
    QVERIFY(m_window->exportPngAction()->isEnabled());
    QVERIFY(m_window->saveSummaryAction()->isEnabled());
}

void TestWindowRuns::switchingMidRunKeepsTheRun()
{
    QVERIFY(m_window->selectScenario(QStringLiteral("ticket-race")));
    setSpin(QStringLiteral("buyers"), 3);
    setSpin(QStringLiteral("think_ms"), 300);
    setSpin(QStringLiteral("stagger_ms"), 10);
    setChoice(QStringLiteral("lock"), QStringLiteral("on"));
    const scenarios::ParameterValues values = m_window->parameterForm()->values();
    QSignalSpy finished(m_window->session(), &scenarios::RunSession::finished);
    m_window->runAction()->trigger();
    QVERIFY(m_window->session()->isRunning());

    QVERIFY(m_window->selectScenario(QStringLiteral("counter-race")));
    QVERIFY(m_window->session()->isRunning()); // switching does not touch the run
    QVERIFY(!m_window->viewsShowRun());
    QVERIFY(!m_window->runAction()->isEnabled()); // one run at a time
    QVERIFY(m_window->stopAction()->isEnabled());
    const QString ticketTitle = scenarios::findScenario(QStringLiteral("ticket-race"))->title();
    QVERIFY2(m_window->timeline()->emptyText().contains(ticketTitle), qPrintable(m_window->timeline()->emptyText()));
    setSpin(QStringLiteral("workers"), 7); // edits on the other scenario's form do not reach the run

    QVERIFY(finished.wait(30000));
    const scenarios::RunResult &r = m_window->session()->result();
    QVERIFY(r.valid && !r.stopped);
    QVERIFY2(r.outcome.error.isEmpty(), qPrintable(r.outcome.error));
    QCOMPARE(r.scenarioId, QStringLiteral("ticket-race"));
    QCOMPARE(r.params, values);
    QCOMPARE(r.outcome.metric(QStringLiteral("oversold")), 0); // the lock held
    QCOMPARE(m_window->summaryPanel()->verdictText(), ui::SummaryPanel::tr("No run yet."));
    QCOMPARE(m_window->timeline()->store(), nullptr);
    QVERIFY(m_window->runAction()->isEnabled());

    QVERIFY(m_window->selectScenario(QStringLiteral("ticket-race")));
    QCOMPARE(m_window->summaryPanel()->verdictText(), r.outcome.verdict);
    QCOMPARE(m_window->consoleModel()->rowCount(), int(m_window->session()->store().prints().size()));
    QVERIFY(m_window->consoleModel()->rowCount() >= 6);
    expectNoWorkersLeft();
}

void TestWindowRuns::pythonTabFollowsTheParameters()
{
    QVERIFY(m_window->selectScenario(QStringLiteral("counter-race")));
    QPlainTextEdit *python = m_window->pythonView();
    setChoice(QStringLiteral("mode"), QStringLiteral("threads"));
    setChoice(QStringLiteral("lock"), QStringLiteral("on"));
    QVERIFY(python->toPlainText().contains(QStringLiteral("threading.Thread(")));
    QVERIFY(python->toPlainText().contains(QStringLiteral("threading.Lock()")));
    setChoice(QStringLiteral("mode"), QStringLiteral("processes"));
    QVERIFY(python->toPlainText().contains(QStringLiteral("multiprocessing.Process(")));
    QVERIFY(python->toPlainText().contains(QStringLiteral("if __name__ == \"__main__\":")));
    setChoice(QStringLiteral("lock"), QStringLiteral("off"));
    QVERIFY(!python->toPlainText().contains(QStringLiteral("Lock()")));
    setSpin(QStringLiteral("workers"), 9);
    QVERIFY(python->toPlainText().contains(QStringLiteral("WORKERS = 9\n")));
    QCOMPARE(python->toPlainText(), m_window->currentScenario()->pythonSnippet(m_window->parameterForm()->values()));
}

QTEST_MAIN(TestWindowRuns)
#include "tst_window_runs.moc"
