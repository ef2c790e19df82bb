// MainWindow: construction, the run flow (start, live updates, finish,
// stop) and closing. Widgets and texts: main_window_layout.cpp; exports and
// settings: main_window_io.cpp.
#include "ui/main_window.h"
#include "core/scenarios/catalogue.h"
#include "ui/charts_panel.h"
#include "ui/console_model.h"
#include "ui/parameter_form.h"
#include "ui/scenario_browser.h"
#include "ui/summary_panel.h"
#include "ui/timeline_tools.h"
#include "ui/timeline_view.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QFileInfo>
#include <QIcon>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QTimer>

// Q_INIT_RESOURCE must be called outside any namespace.
static void initAppResources()
{
    Q_INIT_RESOURCE(app);
}

namespace cl::ui {

MainWindow::MainWindow(runtime::ProcessLauncher *launcher, QWidget *parent)
    : QMainWindow(parent), m_launcher(launcher)
{
    setObjectName(QStringLiteral("mainWindow"));
    initAppResources();
    setWindowIcon(QIcon(QStringLiteral(":/icons/concurrency-lab.svg")));
    m_session = new scenarios::RunSession(m_launcher, this);

    createActions();
    createFileActions();
    createMenusAndToolBar();
    setUpCompare();

    m_hsplit = new QSplitter(Qt::Horizontal, this);
    m_hsplit->setObjectName(QStringLiteral("mainSplitter"));
    m_hsplit->setChildrenCollapsible(false);
    m_hsplit->addWidget(createLeftPanel());
    m_hsplit->addWidget(createCentre());
    m_hsplit->setStretchFactor(0, 0);
    m_hsplit->setStretchFactor(1, 1);
    m_hsplit->setSizes({360, 1200});
    setCentralWidget(m_hsplit);

    m_statusRun = new QLabel(this);
    m_statusEvents = new QLabel(this);
    m_statusDropped = new QLabel(this);
    m_statusDropped->setObjectName(QStringLiteral("statusDropped"));
    for (QLabel *l : {m_statusRun, m_statusEvents, m_statusDropped})
        l->setContentsMargins(10, 0, 10, 0);
    statusBar()->addPermanentWidget(m_statusRun);
    statusBar()->addPermanentWidget(m_statusEvents);
    statusBar()->addPermanentWidget(m_statusDropped);
    m_progressTimer = new QTimer(this);
    m_progressTimer->setInterval(100);
    connect(m_progressTimer, &QTimer::timeout, this, &MainWindow::updateProgress);

    connect(m_session, &scenarios::RunSession::started, this, &MainWindow::onRunStarted);
    connect(m_session, &scenarios::RunSession::traceUpdated, this, &MainWindow::onTraceUpdated);
    connect(m_session, &scenarios::RunSession::finished, this, &MainWindow::onRunFinished);

    m_timelineTools = new TimelineTools(this);
    retranslate();
    resize(1480, 920);
    restoreSettings();
    if (m_browser->currentScenarioId().isEmpty() && !scenarios::catalogue().isEmpty())
        selectScenario(scenarios::catalogue().first()->id());
    updateActions();
    updateProgress();
    setUpScreenshotAid();
}

MainWindow::~MainWindow()
{
    // Views hold pointers into the session's store; detach them first.
    m_timeline->setStore(nullptr);
    m_consoleModel->setStore(nullptr);
    m_charts->setStore(nullptr);
    m_session->stopAndWait();
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMainWindow::changeEvent(event);
}

bool MainWindow::selectScenario(const QString &id) { return m_browser->selectScenario(id); }

void MainWindow::onScenarioSelected(const QString &id)
{
    const scenarios::Scenario *s = scenarios::findScenario(id);
    if (!s)
        return;
    const bool changed = s != m_scenario;
    if (changed)
        m_fileShown = false;
    if (changed && m_scenario)
        m_formValues.insert(m_scenario->id(), m_form->values());
    m_scenario = s;
    m_scenarioTitle->setText(s->title());
    m_description->setHtml(s->description());
    if (changed || m_form->scenario() != s) {
        m_form->setScenario(s);
        const auto kept = m_formValues.constFind(s->id());
        if (kept != m_formValues.constEnd())
            m_form->setValues(*kept);
    }
    updatePythonSnippet();
    syncViewsToSelection();
    updateTitle();
    updateActions();
    updateProgress();
}

void MainWindow::updatePythonSnippet()
{
    if (!m_scenario) {
        m_python->clear();
        return;
    }
    const QString text = m_scenario->pythonSnippet(m_form->values());
    if (text == m_python->toPlainText())
        return;
    // Follow the parameters without jumping back to the top of the code.
    const int scroll = m_python->verticalScrollBar()->value();
    m_python->setPlainText(text);
    m_python->verticalScrollBar()->setValue(scroll);
}

void MainWindow::syncViewsToSelection()
{
    const bool running = m_session->isRunning();
    // An opened file stays on screen until a run starts or another lesson is chosen.
    const bool show = m_fileShown || (m_scenario && !m_runScenarioId.isEmpty() && m_scenario->id() == m_runScenarioId);
    const QString title = m_scenario ? m_scenario->title() : QString();
    if (running && !show)
        m_timeline->setEmptyText(tr("“%1” is still running. Select it to watch the run; Run is free again once it "
                                    "has finished.")
                                     .arg(m_runScenarioTitle));
    else
        m_timeline->setEmptyText(m_scenario ? tr("Press Run to run “%1”.").arg(title) : QString());
    if (show == m_viewsShowRun) {
        if (!show)
            m_summary->showEmpty(title);
        return;
    }
    // Never a trace under another scenario's title: the views let go of the
    // run while another scenario is selected, and get it back (the run goes
    // on meanwhile) when its scenario is selected again.
    m_viewsShowRun = show;
    const trace::TraceStore *store = show ? &m_session->store() : nullptr;
    m_timeline->setStore(store);
    m_consoleModel->setStore(store);
    m_charts->setStore(store);
    if (!show) {
        m_summary->showEmpty(title);
        statusBar()->clearMessage(); // the last verdict belongs to the other scenario
    } else if (running) {
        m_summary->showRunning();
        m_timeline->setFollowLive(true);
    } else if (m_session->result().valid) {
        m_summary->showResult(m_session->result(), m_session->store());
    }
    m_charts->refresh();
    QTimer::singleShot(0, this, &MainWindow::syncChartGeometry);
}

void MainWindow::updateTitle()
{
    // The platform adds the application display name ("— Concurrency Lab").
    if (m_fileShown && !m_openFile.isEmpty())
        setWindowTitle(QFileInfo(m_openFile).fileName() +
                       (m_runScenarioTitle.isEmpty() ? QString() : QStringLiteral(" — ") + m_runScenarioTitle));
    else
        setWindowTitle(m_scenario ? m_scenario->title() : QString());
}

void MainWindow::run()
{
    if (m_session->isRunning() || !m_scenario)
        return;
    QString error;
    if (!m_session->start(*m_scenario, m_form->values(), &error))
        QMessageBox::critical(this, tr("Could not start the run"),
                              tr("The scenario \"%1\" could not start: %2").arg(m_scenario->title(), error));
}

void MainWindow::stop()
{
    if (!m_session->isRunning())
        return;
    m_stopping = true;
    m_session->stop();
    statusBar()->showMessage(tr("Stopping: ending every worker…"));
    updateActions();
}

void MainWindow::onRunStarted()
{
    // The session cleared its store: views start over.
    m_runScenarioId = m_scenario ? m_scenario->id() : QString();
    m_runScenarioTitle = m_scenario ? m_scenario->title() : QString();
    m_stopping = false;
    m_fileShown = false;
    updateTitle();
    syncViewsToSelection();
    m_consoleModel->reload();
    m_charts->clear();
    m_timeline->setStore(&m_session->store());
    m_timeline->setFollowLive(true);
    m_summary->showRunning();
    m_progressTimer->start();
    statusBar()->clearMessage();
    updateActions();
    updateProgress();
}

void MainWindow::onTraceUpdated()
{
    if (!m_viewsShowRun) {
        updateActions();
        updateProgress();
        return;
    }
    // Keep the console scrolled to the newest line unless the user scrolled up to read.
    QScrollBar *bar = m_console->verticalScrollBar();
    const bool atBottom = bar->value() >= bar->maximum() - 2;
    m_timeline->refresh();
    m_consoleModel->refresh();
    m_charts->refresh();
    if (atBottom && m_session->isRunning())
        m_console->scrollToBottom();
    updateActions();
    updateProgress();
}

void MainWindow::onRunFinished()
{
    m_progressTimer->stop();
    m_stopping = false;
    const scenarios::RunResult &r = m_session->result();
    keepRunForCompare();
    if (m_viewsShowRun) {
        m_timeline->refresh();
        m_timeline->fit();
        m_consoleModel->refresh();
        m_charts->refresh();
        m_summary->showResult(r, m_session->store());
        m_bottomTabs->setCurrentWidget(m_summary);
    }
    // Another scenario may be on screen: the message names the one that ran.
    const QString prefix = m_viewsShowRun ? QString() : tr("%1: ").arg(m_runScenarioTitle);
    if (!r.outcome.error.isEmpty())
        statusBar()->showMessage(prefix + tr("The run reported a problem: %1").arg(r.outcome.error));
    else if (r.stopped)
        statusBar()->showMessage(prefix + tr("Stopped."), 8000);
    else
        statusBar()->showMessage(prefix + r.outcome.verdict);
    syncViewsToSelection(); // the hint no longer says "still running"
    updateActions();
    updateProgress();
}

void MainWindow::onConsoleActivated(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const quint64 t = index.data(ConsoleModel::TimeNsRole).toULongLong();
    const trace::TraceStore &store = m_session->store();
    // Centre on the line; zoom in enough that its neighbourhood is readable.
    const quint64 whole = store.endTime() > store.beginTime() ? store.endTime() - store.beginTime() : 1000000;
    quint64 span = m_timeline->visibleEnd() - m_timeline->visibleBegin();
    span = std::min(span, std::max<quint64>(whole / 4, 2000000));
    m_timeline->setFollowLive(false);
    m_timeline->setVisibleRange(t > span / 2 ? t - span / 2 : 0, t + span / 2);
}

void MainWindow::updateActions()
{
    const bool running = m_session->isRunning();
    // Exports save what is on screen: nothing while the views are empty.
    const bool hasData = m_viewsShowRun && m_session->store().eventCount() > 0;
    m_runAction->setEnabled(!running && m_scenario != nullptr);
    m_compareAction->setEnabled(!running && m_scenario != nullptr);
    m_stopAction->setEnabled(running && !m_stopping);
    m_exportPngAction->setEnabled(hasData);
    m_exportTraceAction->setEnabled(hasData);
    for (QAction *a : {m_exportSvgAction, m_exportPdfAction, m_copyPictureAction})
        a->setEnabled(hasData);
    m_exportCsvAction->setEnabled(!running && m_viewsShowRun && m_session->result().valid);
    m_openAction->setEnabled(!running);
    m_saveSummaryAction->setEnabled(!running && m_viewsShowRun && m_session->result().valid);
}

void MainWindow::updateProgress()
{
    const bool running = m_session->isRunning();
    const trace::TraceStore &store = m_session->store();
    // The counts describe the trace on screen; a run in the background is named.
    for (QLabel *l : {m_statusEvents, m_statusDropped})
        l->setVisible(m_viewsShowRun);
    if (running && !m_viewsShowRun && !m_stopping)
        m_statusRun->setText(tr("Running “%1”… %2 s")
                                 .arg(m_runScenarioTitle, QLocale().toString(m_session->elapsedMs() / 1000.0, 'f', 1)));
    else if (running)
        m_statusRun->setText(m_stopping ? tr("Stopping…")
                                        : tr("Running… %1 s").arg(QLocale().toString(m_session->elapsedMs() / 1000.0, 'f', 1)));
    else if (!m_viewsShowRun)
        m_statusRun->setText(tr("Ready"));
    else if (m_session->result().valid && m_session->result().stopped)
        m_statusRun->setText(tr("Stopped after %1 s").arg(QLocale().toString(m_session->result().wallMs / 1000.0, 'f', 2)));
    else if (m_session->result().valid)
        m_statusRun->setText(tr("Finished in %1 s").arg(QLocale().toString(m_session->result().wallMs / 1000.0, 'f', 2)));
    else
        m_statusRun->setText(tr("Ready"));
    m_statusEvents->setText(tr("%1 events").arg(QLocale().toString(store.eventCount())));
    const quint64 dropped = store.droppedEvents();
    m_statusDropped->setText(tr("%1 dropped").arg(QLocale().toString(dropped)));
    m_statusDropped->setToolTip(tr("Events lost because a worker's ring buffer was full"));
    m_statusDropped->setStyleSheet(dropped > 0 ? QStringLiteral("QLabel { color:#b71c1c; font-weight:bold; }")
                                               : QString());
    if (running && m_viewsShowRun)
        m_summary->setLiveCounts(store.eventCount(), dropped, store.droppedByLimit(), store.itemLimit());
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_timeline && (event->type() == QEvent::Resize || event->type() == QEvent::Show))
        QTimer::singleShot(0, this, &MainWindow::syncChartGeometry);
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::syncChartGeometry()
{
    // Same splitter, same x origin and width: the timeline's plot margins are
    // the charts' margins, so a moment is at the same x in both.
    const QRect plot = m_timeline->plotRect();
    m_charts->setPlotMargins(plot.left(), m_timeline->plotRightMargin());
    m_charts->setVisibleRange(m_timeline->visibleBegin(), m_timeline->visibleEnd());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // No worker may outlive the window: end them and wait before closing.
    if (m_session->isRunning()) {
        statusBar()->showMessage(tr("Stopping the run before closing…"));
        QApplication::setOverrideCursor(Qt::WaitCursor);
        m_session->stopAndWait();
        QApplication::restoreOverrideCursor();
    }
    saveSettings();
    event->accept();
}

} // namespace cl::ui
