// MainWindow: building the widgets, actions, menus and toolbar, and their texts.
#include "core/trace/message_text.h"
#include "ui/charts_panel.h"
#include "ui/console_model.h"
#include "ui/main_window.h"
#include "ui/parameter_form.h"
#include "ui/scenario_browser.h"
#include "ui/summary_panel.h"
#include "ui/timeline_view.h"

#include <QAction>
#include <QActionGroup>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace cl::ui {

void MainWindow::createActions()
{
    auto make = [this](const QString &icon, const QString &objectName) {
        auto *a = new QAction(this);
        a->setObjectName(objectName);
        if (!icon.isEmpty())
            a->setIcon(QIcon(QStringLiteral(":/icons/%1.svg").arg(icon)));
        return a;
    };
    m_runAction = make(QStringLiteral("run"), QStringLiteral("actionRun"));
    m_runAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    connect(m_runAction, &QAction::triggered, this, &MainWindow::run);

    m_stopAction = make(QStringLiteral("stop"), QStringLiteral("actionStop"));
    m_stopAction->setShortcuts({QKeySequence(Qt::Key_Escape), QKeySequence(Qt::CTRL | Qt::Key_Period)});
    connect(m_stopAction, &QAction::triggered, this, &MainWindow::stop);

    m_fitAction = make(QStringLiteral("fit"), QStringLiteral("actionFit"));
    m_fitAction->setShortcut(QKeySequence(Qt::Key_F));
    m_followAction = make(QStringLiteral("follow"), QStringLiteral("actionFollowLive"));
    m_followAction->setCheckable(true);
    m_followAction->setChecked(true);
    m_followAction->setShortcut(QKeySequence(Qt::Key_L));
    m_zoomInAction = make(QString(), QStringLiteral("actionZoomIn"));
    m_zoomInAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Plus), QKeySequence(Qt::CTRL | Qt::Key_Equal)});
    m_zoomOutAction = make(QString(), QStringLiteral("actionZoomOut"));
    m_zoomOutAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Minus));
    m_legendAction = make(QString(), QStringLiteral("actionLegend"));
    m_legendAction->setCheckable(true);
    m_legendAction->setChecked(true);

    m_exportPngAction = make(QStringLiteral("export-image"), QStringLiteral("actionExportPng"));
    // Not Ctrl+E: line edits take it (end of line) while the search box has focus.
    m_exportPngAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    connect(m_exportPngAction, &QAction::triggered, this, &MainWindow::exportPng);
    m_exportTraceAction = make(QStringLiteral("export-trace"), QStringLiteral("actionExportTrace"));
    m_exportTraceAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    connect(m_exportTraceAction, &QAction::triggered, this, &MainWindow::exportTrace);
    m_saveSummaryAction = make(QStringLiteral("save-summary"), QStringLiteral("actionSaveSummary"));
    m_saveSummaryAction->setShortcut(QKeySequence::Save);
    connect(m_saveSummaryAction, &QAction::triggered, this, &MainWindow::saveSummary);

    m_quitAction = make(QString(), QStringLiteral("actionQuit"));
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);
    m_aboutAction = make(QString(), QStringLiteral("actionAbout"));
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::createMenusAndToolBar()
{
    m_fileMenu = menuBar()->addMenu(QString());
    addFileMenuEntries(); // Open, Open Recent, Export, Save summary, Quit; the Edit menu
    m_runMenu = menuBar()->addMenu(QString());
    m_runMenu->addAction(m_runAction);
    m_runMenu->addAction(m_stopAction);
    m_runMenu->addSeparator();
    // How the next runs start their worker processes (as --start-method does).
    m_startMethodMenu = m_runMenu->addMenu(QString());
    m_startMethodMenu->setObjectName(QStringLiteral("menuStartMethod"));
    auto *methods = new QActionGroup(this);
    for (runtime::StartMethod method :
         {runtime::StartMethod::ForkServer, runtime::StartMethod::Fork, runtime::StartMethod::Spawn}) {
        QAction *a = m_startMethodMenu->addAction(QString());
        a->setObjectName(QStringLiteral("actionStartMethod-%1").arg(QLatin1String(runtime::startMethodName(method))));
        a->setCheckable(true);
        a->setChecked(method == (m_launcher ? m_launcher->method() : runtime::StartMethod::Fork));
        methods->addAction(a);
        connect(a, &QAction::triggered, this, [this, method] { m_session->setStartMethod(method); });
        m_startMethodActions << a;
    }
    m_viewMenu = menuBar()->addMenu(QString());
    m_viewMenu->addAction(m_fitAction);
    m_viewMenu->addAction(m_followAction);
    m_viewMenu->addAction(m_zoomInAction);
    m_viewMenu->addAction(m_zoomOutAction);
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_legendAction);
    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->addAction(m_aboutAction);

    m_toolBar = addToolBar(QString());
    m_toolBar->setObjectName(QStringLiteral("mainToolBar"));
    m_toolBar->setMovable(false);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolBar->setIconSize(QSize(20, 20));
    m_toolBar->addAction(m_runAction);
    m_toolBar->addAction(m_stopAction);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_fitAction);
    m_toolBar->addAction(m_followAction);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_exportPngAction);
    m_toolBar->addAction(m_exportTraceAction);
    m_toolBar->addAction(m_saveSummaryAction);
}

QWidget *MainWindow::createLeftPanel()
{
    m_leftSplit = new QSplitter(Qt::Vertical, this);
    m_leftSplit->setObjectName(QStringLiteral("leftSplitter"));
    m_leftSplit->setChildrenCollapsible(false);
    // Breathing room from the window edge; the centre keeps every pixel for time.
    m_leftSplit->setContentsMargins(6, 4, 2, 4);

    m_browser = new ScenarioBrowser(m_leftSplit);
    m_browser->setMinimumHeight(110);
    connect(m_browser, &ScenarioBrowser::scenarioSelected, this, &MainWindow::onScenarioSelected);
    m_leftSplit->addWidget(m_browser);

    auto *info = new QWidget(m_leftSplit);
    auto *infoLayout = new QVBoxLayout(info);
    infoLayout->setContentsMargins(0, 4, 0, 0);
    m_scenarioTitle = new QLabel(info);
    m_scenarioTitle->setObjectName(QStringLiteral("scenarioTitle"));
    m_scenarioTitle->setWordWrap(true);
    QFont titleFont = m_scenarioTitle->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_scenarioTitle->setFont(titleFont);
    infoLayout->addWidget(m_scenarioTitle);
    m_infoTabs = new QTabWidget(info);
    m_infoTabs->setDocumentMode(true);
    m_description = new QTextBrowser(m_infoTabs);
    m_description->setObjectName(QStringLiteral("description"));
    m_description->setOpenExternalLinks(true);
    m_description->setFrameShape(QFrame::NoFrame);
    m_python = new QPlainTextEdit(m_infoTabs);
    m_python->setObjectName(QStringLiteral("pythonSnippet"));
    m_python->setReadOnly(true);
    m_python->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_python->setFrameShape(QFrame::NoFrame);
    m_python->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_infoTabs->addTab(m_description, QString());
    m_infoTabs->addTab(m_python, QString());
    infoLayout->addWidget(m_infoTabs, 1);
    m_leftSplit->addWidget(info);

    auto *params = new QWidget(m_leftSplit);
    auto *paramsLayout = new QVBoxLayout(params);
    paramsLayout->setContentsMargins(0, 6, 0, 0);
    m_parametersTitle = new QLabel(params);
    QFont bold = m_parametersTitle->font();
    bold.setBold(true);
    m_parametersTitle->setFont(bold);
    paramsLayout->addWidget(m_parametersTitle);
    m_form = new ParameterForm(params);
    connect(m_form, &ParameterForm::valuesChanged, this, &MainWindow::updatePythonSnippet);
    connect(m_form, &ParameterForm::presetError, this,
            [this](const QString &message) { QMessageBox::warning(this, tr("Preset"), message); });
    paramsLayout->addWidget(m_form, 1);
    // Run and Stop beside the values they use: the first thing a learner looks for.
    auto *buttons = new QHBoxLayout;
    for (QAction *a : {m_runAction, m_stopAction}) {
        auto *b = new QToolButton(params);
        b->setDefaultAction(a);
        b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        b->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        b->setMinimumHeight(30);
        buttons->addWidget(b);
    }
    paramsLayout->addLayout(buttons);
    m_leftSplit->addWidget(params);

    m_leftSplit->setStretchFactor(0, 2);
    m_leftSplit->setStretchFactor(1, 3);
    m_leftSplit->setStretchFactor(2, 0);
    m_leftSplit->setMinimumWidth(280);
    return m_leftSplit;
}

QWidget *MainWindow::createCentre()
{
    m_vsplit = new QSplitter(Qt::Vertical, this);
    m_vsplit->setObjectName(QStringLiteral("centreSplitter"));
    m_vsplit->setChildrenCollapsible(false);

    m_timeline = new TimelineView(m_vsplit);
    m_timeline->setObjectName(QStringLiteral("timeline"));
    m_timeline->setStore(&m_session->store());
    m_timeline->setPrintFormatter(&trace::printedLineText);
    m_timeline->installEventFilter(this);
    m_vsplit->addWidget(m_timeline);

    m_charts = new ChartsPanel(m_vsplit);
    m_charts->setStore(&m_session->store());
    m_vsplit->addWidget(m_charts);
    connect(m_timeline, &TimelineView::visibleRangeChanged, this, [this](quint64 begin, quint64 end) {
        syncChartGeometry();
        m_charts->setVisibleRange(begin, end);
    });
    connect(m_timeline, &TimelineView::followLiveChanged, m_followAction, &QAction::setChecked);
    connect(m_followAction, &QAction::toggled, m_timeline, &TimelineView::setFollowLive);
    connect(m_fitAction, &QAction::triggered, m_timeline, &TimelineView::fit);
    connect(m_zoomInAction, &QAction::triggered, m_timeline, &TimelineView::zoomIn);
    connect(m_zoomOutAction, &QAction::triggered, m_timeline, &TimelineView::zoomOut);
    connect(m_legendAction, &QAction::toggled, m_timeline, &TimelineView::setLegendVisible);

    m_bottomTabs = new QTabWidget(m_vsplit);
    m_bottomTabs->setObjectName(QStringLiteral("bottomTabs"));
    m_consoleModel = new ConsoleModel(this);
    m_consoleModel->setStore(&m_session->store());
    m_console = new QTableView(m_bottomTabs);
    m_console->setObjectName(QStringLiteral("console"));
    m_console->setModel(m_consoleModel);
    m_console->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_console->setSelectionMode(QAbstractItemView::SingleSelection);
    m_console->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_console->setShowGrid(false);
    m_console->setAlternatingRowColors(true);
    m_console->setWordWrap(false);
    m_console->verticalHeader()->setVisible(false);
    m_console->verticalHeader()->setDefaultSectionSize(m_console->fontMetrics().height() + 6);
    m_console->horizontalHeader()->setStretchLastSection(true);
    m_console->horizontalHeader()->setHighlightSections(false);
    m_console->horizontalHeader()->resizeSection(ConsoleModel::TimeColumn, 90);
    m_console->horizontalHeader()->resizeSection(ConsoleModel::WorkerColumn, 220);
    connect(m_console, &QTableView::clicked, this, &MainWindow::onConsoleActivated);
    connect(m_console, &QTableView::activated, this, &MainWindow::onConsoleActivated);
    m_summary = new SummaryPanel(m_bottomTabs);
    m_bottomTabs->addTab(m_console, QString());
    m_bottomTabs->addTab(m_summary, QString());
    m_vsplit->addWidget(m_bottomTabs);

    m_vsplit->setStretchFactor(0, 5);
    m_vsplit->setStretchFactor(1, 2);
    m_vsplit->setStretchFactor(2, 2);
    m_vsplit->setSizes({430, 170, 290});
    return m_vsplit;
}

void MainWindow::retranslate()
{
    m_fileMenu->setTitle(tr("&File"));
    m_runMenu->setTitle(tr("&Run"));
    m_startMethodMenu->setTitle(tr("Start &method"));
    m_startMethodActions[0]->setText(tr("Fork &server (default)"));
    m_startMethodActions[1]->setText(tr("&fork (a copy of the app)"));
    m_startMethodActions[2]->setText(tr("s&pawn (a fresh worker program)"));
    for (QAction *a : std::as_const(m_startMethodActions))
        a->setToolTip(tr("How worker processes start in the next runs; the start-methods lesson chooses its own"));
    m_viewMenu->setTitle(tr("&View"));
    m_helpMenu->setTitle(tr("&Help"));
    m_toolBar->setWindowTitle(tr("Main toolbar"));

    m_runAction->setText(tr("&Run"));
    m_runAction->setToolTip(tr("Run the scenario with these parameters (Ctrl+R)"));
    m_stopAction->setText(tr("&Stop"));
    m_stopAction->setToolTip(tr("Stop the run now: every worker is ended (Esc)"));
    m_fitAction->setText(tr("&Fit"));
    m_fitAction->setToolTip(tr("Show the whole run on the timeline (F)"));
    m_followAction->setText(tr("Follow &live"));
    m_followAction->setToolTip(tr("Keep the newest events in view while the run goes on (L)"));
    m_zoomInAction->setText(tr("Zoom &in"));
    m_zoomOutAction->setText(tr("Zoom &out"));
    m_legendAction->setText(tr("Show &legend"));
    m_exportPngAction->setText(tr("Export &PNG…"));
    m_exportPngAction->setToolTip(tr("Save the whole timeline as a picture, with title, legend and axis (Ctrl+Shift+P)"));
    m_exportTraceAction->setText(tr("Export &trace…"));
    m_exportTraceAction->setToolTip(tr("Save the trace as Chrome trace-event JSON, which Perfetto opens (Ctrl+Shift+T)"));
    m_saveSummaryAction->setText(tr("Save &summary…"));
    m_saveSummaryAction->setToolTip(tr("Save the verdict, metrics and worker ids as JSON (Ctrl+S)"));
    m_quitAction->setText(tr("&Quit"));
    m_aboutAction->setText(tr("&About Concurrency Lab"));
    retranslateFiles();
    retranslateCompare();

    m_infoTabs->setTabText(0, tr("Description"));
    m_infoTabs->setTabText(1, tr("Python equivalent"));
    m_infoTabs->setTabToolTip(1, tr("The same lesson written with Python's multiprocessing/threading, "
                                    "for readers of the course notes. It follows the parameters; "
                                    "save it as a .py file and run it with python3."));
    m_parametersTitle->setText(tr("Parameters"));
    m_bottomTabs->setTabText(0, tr("Console"));
    m_bottomTabs->setTabToolTip(0, tr("Every line the workers printed; click one to find it on the timeline"));
    m_bottomTabs->setTabText(1, tr("Summary"));
    m_console->setToolTip(QString());
    if (m_scenario)
        onScenarioSelected(m_scenario->id());
    updateTitle();
    updateProgress();
}

} // namespace cl::ui
