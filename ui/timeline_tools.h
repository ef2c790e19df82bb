#pragma once
// The main window's timeline tools, wired in one place: the Selection dock
// (details of the clicked span; time per state per worker in a shift-dragged
// range), View > Arrows (hide hand-overs per kind), and the Replay toolbar
// (play the finished run back at 0.25x-8x, or drag the playhead; the console
// and the summary follow it). Listens to the window's RunSession itself, so
// the window only creates it.
//
// Developer aid: CL_TIMELINE_DEMO=1 selects a range and a span and puts the
// playhead in once a run has finished, for screenshots of all of it; =2 also
// zooms in.
#include "ui/timeline_selection.h"

#include <QObject>

#include <vector>

class QAction;
class QComboBox;
class QDockWidget;
class QLabel;
class QMenu;
class QTableView;
class QTextBrowser;
class QToolBar;

namespace cl::ui {

class MainWindow;
class ReplayController;

class TimelineTools : public QObject {
    Q_OBJECT
public:
    explicit TimelineTools(MainWindow *window);

    QDockWidget *selectionDock() const { return m_dock; }
    RangeSummaryModel *rangeModel() const { return m_rangeModel; }
    QTextBrowser *detailsView() const { return m_details; }
    ReplayController *replay() const { return m_replay; }
    QToolBar *replayBar() const { return m_replayBar; }
    QAction *playAction() const { return m_playAction; }
    const std::vector<QAction *> &arrowActions() const { return m_arrowActions; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void retranslate();
    void onRunStarted();
    void onRunFinished();
    void onSpanSelected(const SpanRef &span);
    void onRangeSelected(quint64 begin, quint64 end);
    void onPlayhead(quint64 t);
    void showDetails();
    void runDemo();

    MainWindow *m_window;
    QDockWidget *m_dock = nullptr;
    QTextBrowser *m_details = nullptr;
    QLabel *m_rangeTitle = nullptr;
    QTableView *m_rangeTable = nullptr;
    RangeSummaryModel *m_rangeModel = nullptr;
    QMenu *m_arrowsMenu = nullptr;
    std::vector<QAction *> m_arrowActions; // in allFlowKinds() order
    QToolBar *m_replayBar = nullptr;
    QAction *m_playAction = nullptr;
    QAction *m_rewindAction = nullptr;
    QComboBox *m_speed = nullptr;
    QLabel *m_replayTime = nullptr;
    ReplayController *m_replay = nullptr;
};

} // namespace cl::ui
