#pragma once
// The main window: scenario browser, description and Python equivalent, the
// parameter form on the left; the timeline with the charts under it in the
// centre; console and summary tabs below. Owns the RunSession and reacts to
// its signals only (the engine never touches a widget).
//
// Developer aid: CL_SCREENSHOT=/path.png grabs the window into that file
// CL_SCREENSHOT_DELAY_MS (default 1500) after it is shown; with CL_AUTORUN=1 (and CL_AUTORUN_SET="key=value,...")
// the selected scenario runs at start-up and the grab happens that long after
// the run finished; then the window closes. Used to check the layout
// unattended (e.g. under QT_QPA_PLATFORM=offscreen) and for docs/screenshot.png.
#include "core/runtime/launcher.h"
#include "core/scenarios/compare.h"
#include "core/scenarios/run_session.h"

#include <QHash>
#include <QMainWindow>

#include <memory>

class QAction;
class QLabel;
class QMenu;
class QModelIndex;
class QDragEnterEvent;
class QDropEvent;
class QPlainTextEdit;
class QProgressDialog;
class QSplitter;
class QTabWidget;
class QTableView;
class QTextBrowser;
class QTimer;
class QToolBar;

namespace cl::ui {

class ChartsPanel;
class CompareHistory;
class CompareView;
class ConsoleModel;
class ParameterForm;
class ScenarioBrowser;
class SummaryPanel;
class TimelineTools;
class TimelineView;
class TraceFileLoader;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // `launcher` starts the worker processes (the app's fork server); not owned.
    explicit MainWindow(runtime::ProcessLauncher *launcher, QWidget *parent = nullptr);
    ~MainWindow() override;

    bool selectScenario(const QString &id);
    const scenarios::Scenario *currentScenario() const { return m_scenario; }

    // For tests and for whoever embeds the window.
    scenarios::RunSession *session() const { return m_session; }
    ScenarioBrowser *scenarioBrowser() const { return m_browser; }
    ParameterForm *parameterForm() const { return m_form; }
    TimelineView *timeline() const { return m_timeline; }
    ChartsPanel *chartsPanel() const { return m_charts; }
    ConsoleModel *consoleModel() const { return m_consoleModel; }
    QTableView *consoleView() const { return m_console; }
    SummaryPanel *summaryPanel() const { return m_summary; }
    QPlainTextEdit *pythonView() const { return m_python; }
    // True while the timeline, charts, console and summary show the
    // session's trace (the selected scenario made it); false: they are empty.
    bool viewsShowRun() const { return m_viewsShowRun; }
    QAction *runAction() const { return m_runAction; }
    QAction *stopAction() const { return m_stopAction; }
    QAction *fitAction() const { return m_fitAction; }
    QAction *followLiveAction() const { return m_followAction; }
    QAction *exportPngAction() const { return m_exportPngAction; }
    QAction *exportTraceAction() const { return m_exportTraceAction; }
    QAction *saveSummaryAction() const { return m_saveSummaryAction; }
    // Opening and exporting files (main_window_files.cpp).
    QAction *openAction() const { return m_openAction; }
    QMenu *recentMenu() const { return m_recentMenu; }
    QAction *exportSvgAction() const { return m_exportSvgAction; }
    QAction *exportPdfAction() const { return m_exportPdfAction; }
    QAction *exportCsvAction() const { return m_exportCsvAction; }
    QAction *copyPictureAction() const { return m_copyPictureAction; }
    QAction *exportVisibleOnlyAction() const { return m_exportVisibleAction; }
    TraceFileLoader *fileLoader() const { return m_loader; }
    // The trace file on screen, or empty when the views show a run.
    QString openFilePath() const { return m_fileShown ? m_openFile : QString(); }
    QMenu *viewMenu() const { return m_viewMenu; }
    TimelineTools *timelineTools() const { return m_timelineTools; }
    QAction *compareAction() const { return m_compareAction; }
    // The runs kept for "Compare with previous runs".
    const CompareHistory &compareHistory() const { return *m_compareHistory; }
    // A compare window for `set` (main_window_compare.cpp).
    CompareView *showCompare(scenarios::CompareSet set);

    // "Compare…": the dialog, then the compare window; null when cancelled
    // (main_window_compare.cpp).
    CompareView *openCompare(bool previousRuns = false);

public Q_SLOTS:
    void run();
    void stop();
    // Loads in the background (progress, cancel); errors in a message box.
    void openTraceFile(const QString &path);

Q_SIGNALS:
    // A load ended: shown (ok), or refused with `error` (also shown in a box).
    void traceFileOpened(const QString &path, bool ok, const QString &error);

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createActions();
    void createMenusAndToolBar();
    QWidget *createLeftPanel();
    QWidget *createCentre();
    void retranslate();
    void restoreSettings();
    void saveSettings() const;

    void onScenarioSelected(const QString &id);
    // The views show the session's trace only while the selected scenario is
    // the one that made it; otherwise they are empty, with a hint.
    void syncViewsToSelection();
    void updatePythonSnippet();
    void onRunStarted();
    void onTraceUpdated();
    void onRunFinished();
    void onConsoleActivated(const QModelIndex &index);
    void updateActions();
    void updateProgress();
    void updateTitle();
    void syncChartGeometry();

    void exportPng();
    void exportTrace();
    void saveSummary();
    // Asks for a file name in the last export folder; empty if cancelled.
    QString askSavePath(const QString &caption, const QString &fileName, const QString &filter);
    QString runBaseName() const;
    void showAbout();
    void setUpScreenshotAid();
    void setUpCompare();
    void retranslateCompare();
    void keepRunForCompare();
    void runCompareScreenshotAid();

    // main_window_files.cpp
    void createFileActions();
    void addFileMenuEntries();
    void retranslateFiles();
    void askOpenTraceFile();
    void onTraceFileLoaded();
    void rebuildRecentMenu();
    void addRecentFile(const QString &path);
    void exportPicture(int format); // ui::TraceFileFormat
    void exportSummaryCsv();
    void copyPicture();
    void restoreParameterSettings();
    void saveParameterSettings() const;

    runtime::ProcessLauncher *m_launcher;
    scenarios::RunSession *m_session = nullptr;
    const scenarios::Scenario *m_scenario = nullptr;
    QString m_runScenarioId; // the scenario whose trace is on screen
    QString m_runScenarioTitle;
    bool m_stopping = false;
    bool m_viewsShowRun = true; // the views are attached to the session's store
    // What the form held for each scenario, so switching away and back keeps it.
    QHash<QString, scenarios::ParameterValues> m_formValues;

    ScenarioBrowser *m_browser = nullptr;
    QLabel *m_scenarioTitle = nullptr;
    QTabWidget *m_infoTabs = nullptr;
    QTextBrowser *m_description = nullptr;
    QPlainTextEdit *m_python = nullptr;
    QLabel *m_parametersTitle = nullptr;
    ParameterForm *m_form = nullptr;
    TimelineView *m_timeline = nullptr;
    ChartsPanel *m_charts = nullptr;
    QTabWidget *m_bottomTabs = nullptr;
    QTableView *m_console = nullptr;
    ConsoleModel *m_consoleModel = nullptr;
    SummaryPanel *m_summary = nullptr;
    QSplitter *m_hsplit = nullptr;
    QSplitter *m_vsplit = nullptr;
    QSplitter *m_leftSplit = nullptr;

    QLabel *m_statusRun = nullptr;
    QLabel *m_statusEvents = nullptr;
    QLabel *m_statusDropped = nullptr;
    QTimer *m_progressTimer = nullptr;

    QMenu *m_fileMenu = nullptr;
    QMenu *m_runMenu = nullptr;
    QMenu *m_startMethodMenu = nullptr;   // how worker processes start (Run menu)
    QList<QAction *> m_startMethodActions; // fork server, fork, spawn
    QMenu *m_viewMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QToolBar *m_toolBar = nullptr;
    QAction *m_runAction = nullptr;
    QAction *m_stopAction = nullptr;
    QAction *m_fitAction = nullptr;
    QAction *m_followAction = nullptr;
    QAction *m_zoomInAction = nullptr;
    QAction *m_zoomOutAction = nullptr;
    QAction *m_legendAction = nullptr;
    QAction *m_exportPngAction = nullptr;
    QAction *m_exportTraceAction = nullptr;
    QAction *m_saveSummaryAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_openAction = nullptr;
    QAction *m_clearRecentAction = nullptr;
    QAction *m_exportSvgAction = nullptr;
    QAction *m_exportPdfAction = nullptr;
    QAction *m_exportCsvAction = nullptr;
    QAction *m_exportVisibleAction = nullptr;
    QAction *m_copyPictureAction = nullptr;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_exportMenu = nullptr;
    QMenu *m_editMenu = nullptr;
    TraceFileLoader *m_loader = nullptr;
    QProgressDialog *m_loadProgress = nullptr;
    QString m_openFile;      // the last trace file opened
    bool m_fileShown = false; // the views show it (until a run or another scenario)
    QAction *m_aboutAction = nullptr;
    TimelineTools *m_timelineTools = nullptr; // selection dock, arrows menu, replay
    QAction *m_compareAction = nullptr;
    std::shared_ptr<CompareHistory> m_compareHistory;
};

} // namespace cl::ui
