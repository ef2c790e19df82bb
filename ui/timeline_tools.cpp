#include "ui/timeline_tools.h"
#include "core/scenarios/run_session.h"
#include "ui/console_model.h"
#include "ui/flow_kind.h"
#include "ui/main_window.h"
#include "ui/replay_controller.h"
#include "ui/summary_panel.h"
#include "ui/time_axis.h"
#include "ui/timeline_view.h"

#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QEvent>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>

namespace cl::ui {

TimelineTools::TimelineTools(MainWindow *window) : QObject(window), m_window(window)
{
    TimelineView *timeline = window->timeline();

    // --- Selection dock ---------------------------------------------------
    m_dock = new QDockWidget(window);
    m_dock->setObjectName(QStringLiteral("selectionDock"));
    auto *content = new QSplitter(Qt::Vertical, m_dock);
    m_details = new QTextBrowser(content);
    m_details->setObjectName(QStringLiteral("spanDetails"));
    m_details->setFrameShape(QFrame::NoFrame);
    auto *rangeBox = new QWidget(content);
    auto *rangeLayout = new QVBoxLayout(rangeBox);
    rangeLayout->setContentsMargins(4, 4, 4, 4);
    m_rangeTitle = new QLabel(rangeBox);
    m_rangeTitle->setWordWrap(true);
    m_rangeTable = new QTableView(rangeBox);
    m_rangeTable->setObjectName(QStringLiteral("rangeSummary"));
    m_rangeModel = new RangeSummaryModel(this);
    m_rangeTable->setModel(m_rangeModel);
    m_rangeTable->verticalHeader()->setVisible(false);
    m_rangeTable->setShowGrid(false);
    m_rangeTable->setAlternatingRowColors(true);
    m_rangeTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_rangeTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    rangeLayout->addWidget(m_rangeTitle);
    rangeLayout->addWidget(m_rangeTable, 1);
    content->addWidget(m_details);
    content->addWidget(rangeBox);
    m_dock->setWidget(content);
    m_dock->setMinimumWidth(260);
    window->addDockWidget(Qt::RightDockWidgetArea, m_dock);
    // Hidden until there is something to show, so the timeline keeps its
    // width; a click or a shift-drag opens it (View menu toggles it too).
    m_dock->hide();
    connect(timeline, &TimelineView::spanSelected, this, &TimelineTools::onSpanSelected);
    connect(timeline, &TimelineView::selectionCleared, this, &TimelineTools::showDetails);
    connect(timeline, &TimelineView::rangeSelected, this, &TimelineTools::onRangeSelected);
    connect(timeline, &TimelineView::rangeCleared, this, [this] {
        m_rangeModel->clear();
        retranslate();
    });

    // --- View > Arrows ----------------------------------------------------
    QMenu *view = window->viewMenu();
    view->addSeparator();
    m_arrowsMenu = view->addMenu(QString());
    for (trace::FlowKind kind : allFlowKinds()) {
        QAction *a = m_arrowsMenu->addAction(QString());
        a->setCheckable(true);
        a->setChecked(true);
        a->setData(int(kind));
        connect(a, &QAction::toggled, timeline, [timeline, kind](bool on) { timeline->setFlowKindVisible(int(kind), on); });
        m_arrowActions.push_back(a);
    }
    view->addAction(m_dock->toggleViewAction());

    // --- Replay -----------------------------------------------------------
    m_replay = new ReplayController(this);
    m_replayBar = window->addToolBar(QString());
    m_replayBar->setObjectName(QStringLiteral("replayToolBar"));
    m_replayBar->setMovable(false);
    m_replayBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_rewindAction = m_replayBar->addAction(QString(), this, [this] { m_replay->setPosition(m_replay->rangeBegin()); });
    m_playAction = m_replayBar->addAction(QString(), m_replay, &ReplayController::togglePlay);
    m_playAction->setObjectName(QStringLiteral("actionReplay"));
    m_playAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Space));
    m_speed = new QComboBox(m_replayBar);
    m_speed->setObjectName(QStringLiteral("replaySpeed"));
    for (double s : ReplayController::kSpeeds)
        m_speed->addItem(QString(), s);
    m_speed->setCurrentIndex(2); // 1x
    connect(m_speed, &QComboBox::currentIndexChanged, this,
            [this](int i) { m_replay->setSpeed(m_speed->itemData(i).toDouble()); });
    m_replayBar->addWidget(m_speed);
    m_replayTime = new QLabel(m_replayBar);
    m_replayTime->setContentsMargins(8, 0, 8, 0);
    m_replayBar->addWidget(m_replayTime);
    connect(m_replay, &ReplayController::positionChanged, this, &TimelineTools::onPlayhead);
    connect(m_replay, &ReplayController::playingChanged, this, &TimelineTools::retranslate);
    connect(timeline, &TimelineView::playheadMoved, m_replay, &ReplayController::setPosition);

    scenarios::RunSession *session = window->session();
    connect(session, &scenarios::RunSession::started, this, &TimelineTools::onRunStarted);
    connect(session, &scenarios::RunSession::finished, this, &TimelineTools::onRunFinished);

    window->installEventFilter(this);
    retranslate();
    showDetails();
}

bool TimelineTools::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_window && event->type() == QEvent::LanguageChange)
        retranslate();
    return QObject::eventFilter(watched, event);
}

void TimelineTools::retranslate()
{
    m_dock->setWindowTitle(tr("Selection"));
    m_dock->toggleViewAction()->setText(tr("Show &selection panel"));
    m_arrowsMenu->setTitle(tr("&Arrows"));
    for (QAction *a : m_arrowActions)
        a->setText(flowKindName(trace::FlowKind(a->data().toInt())));
    m_replayBar->setWindowTitle(tr("Replay"));
    m_rewindAction->setText(tr("|◀ Start"));
    m_rewindAction->setToolTip(tr("Put the playhead at the start of the run"));
    m_playAction->setText(m_replay->isPlaying() ? tr("⏸ Pause") : tr("▶ Replay"));
    m_playAction->setToolTip(tr("Play the finished run back; drag the red playhead on the timeline to move it (Ctrl+Space)"));
    for (int i = 0; i < m_speed->count(); ++i)
        m_speed->setItemText(i, tr("%1×").arg(QLocale().toString(m_speed->itemData(i).toDouble())));
    m_speed->setToolTip(tr("Replay speed"));
    if (m_rangeModel->end() > m_rangeModel->begin()) {
        const auto &store = m_window->session()->store();
        m_rangeTitle->setText(tr("<b>Range: %1</b><br/>from %2 to %3 · time per state per worker")
                                  .arg(formatDuration(m_rangeModel->end() - m_rangeModel->begin()),
                                       formatInstant(std::int64_t(m_rangeModel->begin() - store.beginTime())),
                                       formatInstant(std::int64_t(m_rangeModel->end() - store.beginTime()))));
    } else {
        m_rangeTitle->setText(tr("Shift-drag on the timeline to see what each worker did in a range."));
    }
    const bool enabled = m_replay->isEnabled();
    m_playAction->setEnabled(enabled);
    m_rewindAction->setEnabled(enabled);
    m_speed->setEnabled(enabled);
    m_replayTime->setText(enabled && m_replay->position() != 0
                              ? tr("playhead at %1").arg(formatInstant(std::int64_t(
                                    m_replay->position() - m_window->session()->store().beginTime())))
                              : QString());
    showDetails();
}

void TimelineTools::showDetails()
{
    const SpanRef &span = m_window->timeline()->selectedSpan();
    if (span.isValid() && m_window->timeline()->store())
        m_details->setHtml(spanDetails(*m_window->timeline()->store(), span));
    else
        m_details->setHtml(QStringLiteral("<p style='color:#6a737d'>%1</p>")
                               .arg(tr("Click a span on the timeline to see its details here.").toHtmlEscaped()));
}

void TimelineTools::onSpanSelected(const SpanRef &)
{
    m_dock->show();
    showDetails();
}

void TimelineTools::onRangeSelected(quint64 begin, quint64 end)
{
    m_dock->show();
    const trace::TraceStore *store = m_window->timeline()->store();
    const auto window = store ? scenarios::runWindow(*store) : scenarios::RunWindow();
    m_rangeModel->setRange(store, begin, end, window.finished ? window.end : 0);
    retranslate();
}

void TimelineTools::onRunStarted()
{
    m_replay->setRange(0, 0); // no replay of a run still going
    m_rangeModel->clear();
    retranslate();
}

void TimelineTools::onRunFinished()
{
    const auto window = scenarios::runWindow(m_window->session()->store());
    m_replay->setRange(window.begin, window.end);
    retranslate();
    if (qEnvironmentVariableIntValue("CL_TIMELINE_DEMO") != 0)
        QTimer::singleShot(200, this, &TimelineTools::runDemo);
}

void TimelineTools::onPlayhead(quint64 t)
{
    TimelineView *timeline = m_window->timeline();
    timeline->setPlayhead(t);
    m_window->consoleModel()->setPlayhead(t);
    const trace::TraceStore *store = timeline->store();
    if (t == 0 || !store) {
        m_window->summaryPanel()->setPlayheadText(QString());
    } else {
        const QString counters = countersAt(*store, t);
        m_window->summaryPanel()->setPlayheadText(
            tr("At the playhead (%1): %2")
                .arg(formatInstant(std::int64_t(t - store->beginTime())), counters.isEmpty() ? tr("no counters") : counters));
        // While playing, keep the playhead on screen a page at a time.
        if (m_replay->isPlaying() && (t < timeline->visibleBegin() || t > timeline->visibleEnd())) {
            const quint64 span = timeline->visibleEnd() - timeline->visibleBegin();
            timeline->setFollowLive(false);
            timeline->setVisibleRange(t, t + span);
        }
    }
    m_replayTime->setText(t != 0 && store ? tr("playhead at %1").arg(formatInstant(std::int64_t(t - store->beginTime())))
                                          : QString());
}

void TimelineTools::runDemo()
{
    TimelineView *timeline = m_window->timeline();
    const trace::TraceStore *store = timeline->store();
    if (!store || store->workers().empty())
        return;
    const auto window = scenarios::runWindow(*store);
    const quint64 span = window.end - window.begin;
    timeline->setRange(window.begin + span / 5, window.begin + span / 2);
    // The longest span of the second worker: something worth reading about.
    const int worker = store->workers().size() > 1 ? 1 : 0;
    const auto &spans = store->workers()[std::size_t(worker)].spans;
    if (!spans.empty()) {
        const auto longest = std::max_element(spans.begin(), spans.end(), [](const auto &a, const auto &b) {
            return a.end - a.begin < b.end - b.begin;
        });
        timeline->selectSpan(SpanRef{worker, longest->begin, longest->end, longest->state, longest->objectId, false});
    }
    m_replay->setPosition(window.begin + span * 2 / 5);
    if (qEnvironmentVariableIntValue("CL_TIMELINE_DEMO") == 2) {
        timeline->setFollowLive(false);
        timeline->setVisibleRange(window.begin + span / 6, window.begin + span * 3 / 5);
    }
}

} // namespace cl::ui
