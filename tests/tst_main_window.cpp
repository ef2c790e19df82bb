// The main window end to end, with real workers from a fork server: pick the
// ticket race, set parameters through the form, run, see the verdict, the
// console and the timeline fill; stop a long run and find no process left.
#include "trace_builder.h"
#include "core/runtime/fork_server.h"
#include "core/scenarios/catalogue.h"
#include "process_check.h"
#include "ui/chart_points.h"
#include "ui/charts_panel.h"
#include "ui/console_model.h"
#include "ui/main_window.h"
#include "ui/parameter_form.h"
#include "ui/scenario_browser.h"
#include "ui/summary_panel.h"
#include "ui/timeline_layout.h"
#include "ui/timeline_view.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QSettings>
#include <QTest>
#include <QTreeView>

#include <memory>
#include <unistd.h>

using namespace cl;

class TestMainWindow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void scenarioModel();
    void browserSearch();
    void selectingAScenarioFillsThePanels();
    void chartPointsStepAndThinning();
    void chartsFollowTheRangeAndCapPoints();
    void runTicketRace();
    void consoleClickCentresTimeline();
    void stopEndsALongRunAtOnce();
    void closingMidRunLeavesNoProcess();

private:
    void setSpin(const QString &key, int value);
    void setChoice(const QString &key, const QString &id);
    void expectNoWorkersLeft();

    std::unique_ptr<runtime::ForkServerClient> m_server;
    std::unique_ptr<ui::MainWindow> m_window;
};

void TestMainWindow::initTestCase()
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

void TestMainWindow::cleanupTestCase()
{
    m_window.reset();
    m_server.reset();
}

void TestMainWindow::setSpin(const QString &key, int value)
{
    auto *spin = qobject_cast<QSpinBox *>(m_window->parameterForm()->editor(key));
    QVERIFY2(spin, qPrintable(key));
    spin->setValue(value);
    QCOMPARE(spin->value(), value);
}

void TestMainWindow::setChoice(const QString &key, const QString &id)
{
    auto *combo = qobject_cast<QComboBox *>(m_window->parameterForm()->editor(key));
    QVERIFY2(combo, qPrintable(key));
    const int index = combo->findData(id);
    QVERIFY(index >= 0);
    combo->setCurrentIndex(index);
}

void TestMainWindow::expectNoWorkersLeft()
{
    // The fork server reaps its children and reports them; give it a moment.
    QTRY_VERIFY_WITH_TIMEOUT(tests::childrenOf(m_server->serverPid()).isEmpty(), 3000);
    const QList<pid_t> ours = tests::childrenOf(getpid());
    for (pid_t p : ours)
        QVERIFY2(p == m_server->serverPid(), qPrintable(QStringLiteral("unexpected child %1").arg(p)));
    QCOMPARE(m_server->running(), std::size_t(0));
}

void TestMainWindow::scenarioModel()
{
    ui::ScenarioModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    int scenarios = 0;
    for (int c = 0; c < model.rowCount(); ++c) {
        const QModelIndex category = model.index(c, 0);
        QVERIFY(!category.data().toString().isEmpty());
        QVERIFY(!(model.flags(category) & Qt::ItemIsSelectable));
        for (int r = 0; r < model.rowCount(category); ++r) {
            const QModelIndex s = model.index(r, 0, category);
            const QString id = s.data(ui::ScenarioModel::ScenarioIdRole).toString();
            const scenarios::Scenario *scenario = scenarios::findScenario(id);
            QVERIFY(scenario);
            QCOMPARE(s.data().toString(), scenario->title());
            QCOMPARE(category.data().toString(), scenario->category());
            QCOMPARE(model.indexOf(id), s);
            QCOMPARE(model.scenarioAt(s), scenario);
            ++scenarios;
        }
    }
    QCOMPARE(scenarios, int(scenarios::catalogue().size()));
    model.reload();
    QCOMPARE(model.rowCount() > 0, true);
}

void TestMainWindow::browserSearch()
{
    ui::ScenarioBrowser browser;
    QAbstractItemModelTester tester(browser.filterModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto visibleIds = [&] {
        QStringList ids;
        const QAbstractItemModel *m = browser.filterModel();
        for (int c = 0; c < m->rowCount(); ++c)
            for (int r = 0; r < m->rowCount(m->index(c, 0)); ++r)
                ids << m->index(r, 0, m->index(c, 0)).data(ui::ScenarioModel::ScenarioIdRole).toString();
        return ids;
    };
    QCOMPARE(visibleIds().size(), int(scenarios::catalogue().size()));
    browser.searchField()->setText(QStringLiteral("TICKET")); // case-insensitive, by title
    QCOMPARE(visibleIds(), QStringList{QStringLiteral("ticket-race")});
    browser.searchField()->setText(QStringLiteral("counter-race")); // by id
    QCOMPARE(visibleIds(), QStringList{QStringLiteral("counter-race")});
    browser.searchField()->setText(QStringLiteral("no such lesson"));
    QVERIFY(visibleIds().isEmpty());
    QCOMPARE(browser.filterModel()->rowCount(), 0); // empty categories hide too

    QSignalSpy selected(&browser, &ui::ScenarioBrowser::scenarioSelected);
    QVERIFY(browser.selectScenario(QStringLiteral("ticket-race"))); // clears the search that hid it
    QVERIFY(browser.searchField()->text().isEmpty());
    QCOMPARE(selected.count(), 1);
    QCOMPARE(browser.currentScenarioId(), QStringLiteral("ticket-race"));
    QVERIFY(!browser.selectScenario(QStringLiteral("nope")));

    browser.searchField()->setText(QStringLiteral("counter"));
    QTest::keyClick(browser.searchField(), Qt::Key_Return); // Enter opens the first match
    QCOMPARE(browser.currentScenarioId(), QStringLiteral("counter-race"));
    QCOMPARE(selected.count(), 2);
}

void TestMainWindow::selectingAScenarioFillsThePanels()
{
    QVERIFY(m_window->selectScenario(QStringLiteral("counter-race")));
    QCOMPARE(m_window->currentScenario()->id(), QStringLiteral("counter-race"));
    QVERIFY(m_window->parameterForm()->editor(QStringLiteral("increments")));
    QVERIFY(m_window->selectScenario(QStringLiteral("ticket-race")));
    const scenarios::Scenario *s = m_window->currentScenario();
    QCOMPARE(s->id(), QStringLiteral("ticket-race"));
    QCOMPARE(m_window->windowTitle(), s->title()); // the platform appends the app name
    QVERIFY(m_window->parameterForm()->editor(QStringLiteral("buyers")));
    QCOMPARE(m_window->parameterForm()->values(), s->defaults());
    auto *title = m_window->findChild<QLabel *>(QStringLiteral("scenarioTitle"));
    QVERIFY(title);
    QCOMPARE(title->text(), s->title());
    QVERIFY(m_window->runAction()->isEnabled());
    QVERIFY(!m_window->stopAction()->isEnabled());
}

void TestMainWindow::chartPointsStepAndThinning()
{
    constexpr std::uint64_t ms = 1'000'000;
    const std::uint64_t t0 = 7'000 * ms;
    // A counter: 10, rewritten as 10, then 9; the step holds 9 to the trace end.
    const std::vector<trace::CounterSample> counter{{t0, 10}, {t0 + 5 * ms, 10}, {t0 + 10 * ms, 9}};
    ui::ChartPointsOptions o;
    o.begin = t0;
    o.end = t0 + 20 * ms;
    o.origin = t0;
    o.step = true;
    o.holdUntil = t0 + 15 * ms;
    const QList<QPointF> step = ui::chartPoints(counter, o);
    const QList<QPointF> expected{{0, 10}, {10, 10}, {10, 9}, {15, 9}};
    QCOMPARE(step, expected);

    // 100 000 samples, one spike: thinned under the cap, spike kept.
    std::vector<trace::CounterSample> cpu;
    for (std::uint64_t i = 0; i < 100'000; ++i)
        cpu.push_back({t0 + i * 100'000, i == 61'234 ? 1000 : 200});
    o.step = false;
    o.end = t0 + 10'000 * ms;
    o.maxPoints = 400;
    o.scale = 0.1;
    const QList<QPointF> thin = ui::chartPoints(cpu, o);
    QVERIFY2(thin.size() <= o.maxPoints + 4, qPrintable(QString::number(thin.size())));
    QVERIFY(thin.size() > 100);
    const auto spike = std::find_if(thin.begin(), thin.end(), [](const QPointF &p) { return p.y() == 100.0; });
    QVERIFY(spike != thin.end());
    QCOMPARE(spike->x(), 6123.4);
    QVERIFY(std::is_sorted(thin.begin(), thin.end(), [](const QPointF &a, const QPointF &b) { return a.x() < b.x(); }));

    // A thinned counter still steps: every segment is flat or upright.
    std::vector<trace::CounterSample> racing;
    for (std::uint64_t i = 0; i < 100'000; ++i)
        racing.push_back({t0 + i * 100'000, std::int64_t(i / 3 + (i % 7 == 0 ? 500 : 0))});
    ui::ChartPointsOptions stepped = o;
    stepped.step = true;
    stepped.scale = 1.0;
    stepped.holdUntil = t0 + 20'000 * ms;
    const QList<QPointF> steps = ui::chartPoints(racing, stepped);
    QVERIFY2(steps.size() <= stepped.maxPoints + 4, qPrintable(QString::number(steps.size())));
    QVERIFY(steps.size() > 100);
    for (qsizetype i = 1; i < steps.size(); ++i)
        QVERIFY2(steps[i].x() == steps[i - 1].x() || steps[i].y() == steps[i - 1].y(),
                 qPrintable(QStringLiteral("diagonal at %1").arg(i)));

    // A window inside the data: only its samples and one either side.
    o.begin = t0 + 1'000 * ms;
    o.end = t0 + 1'010 * ms;
    const QList<QPointF> window = ui::chartPoints(cpu, o);
    QCOMPARE(window.size(), 101 + 2);
    QVERIFY(window.first().x() < 1000.0 && window.last().x() > 1010.0);
}

void TestMainWindow::chartsFollowTheRangeAndCapPoints()
{
    constexpr std::uint64_t ms = cl::tests::kMs;
    const std::uint64_t t0 = 9'000 * ms;
    trace::TraceStore store;
    std::vector<trace::Event> events;
    auto add = [&](trace::EventKind kind, std::uint64_t t, std::uint32_t object, std::int64_t value, std::uint8_t arg) {
        events.push_back(cl::tests::ev(kind, 42, 42, t, arg, object, value));
    };
    for (std::uint64_t i = 0; i < 20'000; ++i) { // two cores sampled every 0.5 ms for 10 s
        add(trace::EventKind::CpuSample, t0 + i * ms / 2, 0, std::int64_t(i % 1000), 0);
        add(trace::EventKind::CpuSample, t0 + i * ms / 2, 1, 500, 0);
    }
    for (std::int64_t i = 0; i < 100; ++i)
        add(trace::EventKind::Counter, t0 + std::uint64_t(i) * 100 * ms, trace::counter_id::TicketsLeft, 100 - i, 0);
    store.addEvents(std::move(events));

    ui::ChartsPanel panel;
    panel.resize(1000, 300);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.setPlotMargins(180, 20);
    panel.setStore(&store);
    panel.setVisibleRange(store.beginTime(), store.endTime());
    panel.updateNow();
    QTRY_COMPARE(int(panel.cpuPlotArea().left()), 180);
    QTRY_COMPARE(int(panel.cpuPlotArea().right()), 1000 - 20);
    panel.updateNow();
    QCOMPARE(panel.cpuSeriesCount(), 2);
    QCOMPARE(panel.counterSeriesCount(), 1);
    const int cap = ui::ChartsPanel::maxPointsFor(panel.cpuPlotArea().width()) + 4;
    QVERIFY2(panel.pointCount(true, 0) <= cap, qPrintable(QString::number(panel.pointCount(true, 0))));
    QVERIFY(panel.pointCount(false, 0) > 100); // a step per write
    QCOMPARE(panel.axisMinMs(), 0.0);
    QCOMPARE(panel.axisMaxMs(), (double(store.endTime()) - double(t0)) / 1e6);

    // Zoomed to 100 ms: the axis follows and only the visible samples remain.
    panel.setVisibleRange(t0 + 1000 * ms, t0 + 1100 * ms);
    panel.updateNow();
    QCOMPARE(panel.axisMinMs(), 1000.0);
    QCOMPARE(panel.axisMaxMs(), 1100.0);
    QCOMPARE(panel.pointCount(true, 1), qsizetype(201 + 2));
    panel.clear();
    QCOMPARE(panel.cpuSeriesCount(), 0);
}

void TestMainWindow::runTicketRace()
{
    QVERIFY(m_window->selectScenario(QStringLiteral("ticket-race")));
    setSpin(QStringLiteral("buyers"), 3);
    setSpin(QStringLiteral("think_ms"), 50);
    setSpin(QStringLiteral("stagger_ms"), 10);
    setChoice(QStringLiteral("lock"), QStringLiteral("off"));
    QAbstractItemModelTester tester(m_window->consoleModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy finished(m_window->session(), &scenarios::RunSession::finished);

    m_window->runAction()->trigger();
    QVERIFY(m_window->session()->isRunning());
    QVERIFY(!m_window->runAction()->isEnabled());
    QVERIFY(m_window->stopAction()->isEnabled());
    QCOMPARE(m_window->session()->result().params.integer(QStringLiteral("buyers")), 3);
    QCOMPARE(m_window->summaryPanel()->verdictText(), ui::SummaryPanel::tr("Running…"));

    QTRY_VERIFY_WITH_TIMEOUT(!m_window->session()->isRunning(), 30000);
    QCOMPARE(finished.count(), 1);
    const scenarios::RunResult &r = m_window->session()->result();
    QVERIFY(r.valid);
    QVERIFY2(r.outcome.error.isEmpty(), qPrintable(r.outcome.error));
    QCOMPARE(r.params.integer(QStringLiteral("think_ms")), 50);
    QCOMPARE(int(r.workers.size()), 3);

    const QString verdict = m_window->summaryPanel()->verdictText();
    QVERIFY(!verdict.isEmpty());
    QCOMPARE(verdict, r.outcome.verdict);
    QCOMPARE(m_window->summaryPanel()->tone(),
             r.outcome.problem ? ui::SummaryPanel::Tone::Problem : ui::SummaryPanel::Tone::Good);
    QCOMPARE(m_window->summaryPanel()->metricsTable()->rowCount(), int(r.outcome.metrics.size()));
    QCOMPARE(m_window->summaryPanel()->workersTable()->rowCount(), 3);
    QVERIFY(m_window->summaryPanel()->droppedLabel()->text().startsWith(QLatin1Char('0')));

    // Every buyer prints what it read and what it did.
    QVERIFY(m_window->consoleModel()->rowCount() >= 3);
    QVERIFY(m_window->consoleModel()
                ->index(0, ui::ConsoleModel::TextColumn)
                .data()
                .toString()
                .contains(QStringLiteral("tickets left")));
    const trace::TraceStore *store = m_window->timeline()->store();
    QVERIFY(store);
    QVERIFY(store->workers().size() >= 4); // main + 3 buyers
    QVERIFY(ui::TimelineLayout::build(*store).rowCount() >= 4);
    m_window->chartsPanel()->updateNow();
    QCOMPARE(m_window->chartsPanel()->counterSeriesCount(), 1); // tickets left
    QVERIFY(m_window->chartsPanel()->pointCount(false, 0) > 0);

    QVERIFY(m_window->runAction()->isEnabled());
    QVERIFY(!m_window->stopAction()->isEnabled());
    QVERIFY(m_window->exportPngAction()->isEnabled());
    QVERIFY(m_window->exportTraceAction()->isEnabled());
    QVERIFY(m_window->saveSummaryAction()->isEnabled());

    // The charts share the timeline's time range and its plot's left edge.
    QTRY_COMPARE(int(m_window->chartsPanel()->cpuPlotArea().left()), m_window->timeline()->plotRect().left());
    const double beginMs = (double(m_window->timeline()->visibleBegin()) - double(store->beginTime())) / 1e6;
    const double endMs = (double(m_window->timeline()->visibleEnd()) - double(store->beginTime())) / 1e6;
    QTRY_VERIFY(std::abs(m_window->chartsPanel()->axisMinMs() - beginMs) < 1e-3);
    QTRY_VERIFY(std::abs(m_window->chartsPanel()->axisMaxMs() - endMs) < 1e-3);
    expectNoWorkersLeft();
}

void TestMainWindow::consoleClickCentresTimeline()
{
    QVERIFY(m_window->consoleModel()->rowCount() >= 2);
    QTableView *view = m_window->consoleView();
    const int row = m_window->consoleModel()->rowCount() - 1;
    const QModelIndex index = m_window->consoleModel()->index(row, ui::ConsoleModel::TextColumn);
    const quint64 t = index.data(ui::ConsoleModel::TimeNsRole).toULongLong();
    view->scrollTo(index);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
    const quint64 begin = m_window->timeline()->visibleBegin();
    const quint64 end = m_window->timeline()->visibleEnd();
    QVERIFY2(begin <= t && t <= end, "the clicked line's time is in view");
    const double centre = (double(begin) + double(end)) / 2;
    // Centred, unless the view had to stop at the end of the trace.
    QVERIFY(std::abs(centre - double(t)) < double(end - begin) / 2);
    QVERIFY(!m_window->followLiveAction()->isChecked());
}

void TestMainWindow::stopEndsALongRunAtOnce()
{
    QVERIFY(m_window->selectScenario(QStringLiteral("ticket-race")));
    setSpin(QStringLiteral("buyers"), 3);
    setSpin(QStringLiteral("think_ms"), 5000);
    setSpin(QStringLiteral("stagger_ms"), 10);
    m_window->runAction()->trigger();
    QVERIFY(m_window->session()->isRunning());
    QVERIFY(m_window->followLiveAction()->isChecked()); // on by default while running
    // Wait until the buyers really exist, thinking.
    QTRY_VERIFY_WITH_TIMEOUT(m_server->running() >= 3, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->consoleModel()->rowCount() >= 3, 10000);

    QElapsedTimer clock;
    clock.start();
    m_window->stopAction()->trigger();
    QVERIFY(!m_window->stopAction()->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->session()->isRunning(), 4000);
    QVERIFY2(clock.elapsed() < 3000, qPrintable(QStringLiteral("stop took %1 ms").arg(clock.elapsed())));
    QVERIFY(m_window->session()->result().stopped);
    QCOMPARE(m_window->summaryPanel()->tone(), ui::SummaryPanel::Tone::Warning);
    QVERIFY(m_window->runAction()->isEnabled());
    expectNoWorkersLeft();
}

void TestMainWindow::closingMidRunLeavesNoProcess()
{
    auto window = std::make_unique<ui::MainWindow>(m_server.get());
    window->show();
    QVERIFY(window->selectScenario(QStringLiteral("ticket-race")));
    auto *think = qobject_cast<QSpinBox *>(window->parameterForm()->editor(QStringLiteral("think_ms")));
    QVERIFY(think);
    think->setValue(8000);
    window->runAction()->trigger();
    QVERIFY(window->session()->isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(m_server->running() >= 1, 10000);
    QElapsedTimer clock;
    clock.start();
    QVERIFY(window->close());
    QVERIFY(!window->session()->isRunning());
    QVERIFY2(clock.elapsed() < 3000, qPrintable(QStringLiteral("close took %1 ms").arg(clock.elapsed())));
    window.reset();
    expectNoWorkersLeft();
}

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
