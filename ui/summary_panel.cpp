#include "ui/summary_panel.h"
#include "ui/state_palette.h"
#include "ui/timeline_painter.h"

#include <QEvent>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QTableWidget>
#include <QVBoxLayout>

namespace cl::ui {

namespace {

QTableWidget *makeTable(QWidget *parent, const QString &objectName)
{
    auto *t = new QTableWidget(parent);
    t->setObjectName(objectName);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setAlternatingRowColors(true);
    t->verticalHeader()->setVisible(false);
    t->verticalHeader()->setDefaultSectionSize(t->fontMetrics().height() + 6);
    t->horizontalHeader()->setHighlightSections(false);
    t->setWordWrap(false);
    return t;
}

QLabel *sectionTitle(QWidget *parent)
{
    auto *l = new QLabel(parent);
    QFont f = l->font();
    f.setBold(true);
    l->setFont(f);
    return l;
}

QTableWidgetItem *item(const QString &text, Qt::Alignment align = Qt::AlignLeft | Qt::AlignVCenter)
{
    auto *i = new QTableWidgetItem(text);
    i->setTextAlignment(align);
    return i;
}

} // namespace

SummaryPanel::SummaryPanel(QWidget *parent) : QWidget(parent)
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    outer->addWidget(scroll);
    auto *content = new QWidget(scroll);
    scroll->setWidget(content);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(8, 8, 8, 8);

    m_verdict = new QLabel(content);
    m_verdict->setObjectName(QStringLiteral("verdict"));
    m_verdict->setWordWrap(true);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont big = m_verdict->font();
    big.setPointSizeF(big.pointSizeF() * 1.45);
    big.setBold(true);
    m_verdict->setFont(big);
    layout->addWidget(m_verdict);
    m_detail = new QLabel(content);
    m_detail->setWordWrap(true);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_detail);
    m_playhead = new QLabel(content);
    m_playhead->setObjectName(QStringLiteral("playheadCounters"));
    m_playhead->setWordWrap(true);
    m_playhead->setStyleSheet(QStringLiteral("QLabel { background:#fff3c4; padding:4px; }"));
    m_playhead->hide();
    layout->addWidget(m_playhead);

    auto *columns = new QHBoxLayout;
    columns->setSpacing(16);
    layout->addLayout(columns, 1);

    auto *metricsBox = new QVBoxLayout;
    m_metricsTitle = sectionTitle(content);
    m_metrics = makeTable(content, QStringLiteral("metrics"));
    m_metrics->setColumnCount(2);
    m_metrics->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_metrics->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_metrics->setMinimumWidth(200);
    metricsBox->addWidget(m_metricsTitle);
    metricsBox->addWidget(m_metrics, 1);
    columns->addLayout(metricsBox, 2);

    auto *runBox = new QVBoxLayout;
    m_runTitle = sectionTitle(content);
    auto *form = new QFormLayout;
    form->setLabelAlignment(Qt::AlignRight);
    auto addRow = [&](QLabel *&label, QLabel *&value, const QString &objectName) {
        label = new QLabel(content);
        value = new QLabel(content);
        value->setObjectName(objectName);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        value->setWordWrap(true);
        form->addRow(label, value);
    };
    addRow(m_wallLabel, m_wall, QStringLiteral("wallTime"));
    addRow(m_methodLabel, m_method, QStringLiteral("startMethod"));
    addRow(m_eventsLabel, m_events, QStringLiteral("events"));
    addRow(m_droppedLabel, m_dropped, QStringLiteral("dropped"));
    addRow(m_droppedByLimitLabel, m_droppedByLimit, QStringLiteral("droppedByLimit"));
    addRow(m_paramsLabel, m_params, QStringLiteral("params"));
    runBox->addWidget(m_runTitle);
    runBox->addLayout(form);
    runBox->addStretch(1);
    columns->addLayout(runBox, 2);

    auto *workersBox = new QVBoxLayout;
    m_workersTitle = sectionTitle(content);
    m_workers = makeTable(content, QStringLiteral("workers"));
    m_workers->setColumnCount(5);
    m_workers->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_workers->horizontalHeader()->setStretchLastSection(true);
    workersBox->addWidget(m_workersTitle);
    workersBox->addWidget(m_workers, 1);
    columns->addLayout(workersBox, 3);

    retranslate();
    showEmpty();
}

void SummaryPanel::setPlayheadText(const QString &text)
{
    m_playhead->setText(text);
    m_playhead->setVisible(!text.isEmpty());
}

void SummaryPanel::setVerdict(const QString &text, Tone tone, const QString &detail)
{
    m_tone = tone;
    m_verdict->setText(text);
    m_detail->setText(detail);
    m_detail->setVisible(!detail.isEmpty());
    // Colour carries the verdict at a glance; the words carry it for everyone.
    QString style;
    switch (tone) {
    case Tone::Good:
        style = QStringLiteral("color:#1b5e20; background:#e8f5e9; border:1px solid #a5d6a7;");
        break;
    case Tone::Problem:
        style = QStringLiteral("color:#b71c1c; background:#fdecea; border:1px solid #ef9a9a;");
        break;
    case Tone::Warning:
        style = QStringLiteral("color:#7a4f01; background:#fff8e1; border:1px solid #ffd54f;");
        break;
    case Tone::Neutral:
        style = QStringLiteral("color:#37474f; background:#f4f6f9; border:1px solid #dde1e6;");
        break;
    }
    m_verdict->setStyleSheet(QStringLiteral("QLabel { %1 border-radius:4px; padding:8px 10px; }").arg(style));
}

void SummaryPanel::setDropped(quint64 dropped)
{
    // Dropped events are never silent: always shown, loud when there are any.
    m_dropped->setText(QLocale().toString(dropped));
    if (dropped > 0) {
        m_dropped->setText(tr("%1 — the trace is missing events (a ring was full)").arg(QLocale().toString(dropped)));
        m_dropped->setStyleSheet(QStringLiteral("QLabel { color:#b71c1c; font-weight:bold; }"));
    } else {
        m_dropped->setStyleSheet(QString());
    }
}

void SummaryPanel::setDroppedByLimit(quint64 dropped, quint64 limit)
{
    m_droppedByLimit->setText(QLocale().toString(dropped));
    if (dropped > 0) {
        m_droppedByLimit->setText(tr("%1 — the trace keeps its first %2 items; the rest were counted, not kept")
                                      .arg(QLocale().toString(dropped), QLocale().toString(limit)));
        m_droppedByLimit->setStyleSheet(QStringLiteral("QLabel { color:#b71c1c; font-weight:bold; }"));
    } else {
        m_droppedByLimit->setStyleSheet(QString());
    }
}

void SummaryPanel::showEmpty(const QString &scenarioTitle)
{
    m_hasResult = false;
    m_running = false;
    m_emptyTitle = scenarioTitle;
    setVerdict(tr("No run yet."), Tone::Neutral,
               scenarioTitle.isEmpty() ? tr("Choose a scenario, set its parameters and press Run (Ctrl+R).")
                                       : tr("Set the parameters and press Run (Ctrl+R) to run “%1”.").arg(scenarioTitle));
    m_metrics->setRowCount(0);
    m_workers->setRowCount(0);
    for (QLabel *l : {m_wall, m_method, m_events, m_params})
        l->setText(QStringLiteral("—"));
    setDropped(0);
    setDroppedByLimit(0, 0);
}

void SummaryPanel::showRunning()
{
    m_hasResult = false;
    m_running = true;
    setVerdict(tr("Running…"), Tone::Neutral, tr("The verdict appears when every worker has ended."));
    m_metrics->setRowCount(0);
    m_workers->setRowCount(0);
    for (QLabel *l : {m_wall, m_method, m_params})
        l->setText(QStringLiteral("—"));
    setLiveCounts(0, 0);
}

void SummaryPanel::setLiveCounts(quint64 events, quint64 dropped, quint64 droppedByLimit, quint64 itemLimit)
{
    m_events->setText(QLocale().toString(events));
    setDropped(dropped);
    setDroppedByLimit(droppedByLimit, itemLimit);
}

void SummaryPanel::showResult(const scenarios::RunResult &result, const trace::TraceStore &store)
{
    m_result = result;
    m_store = &store;
    m_hasResult = true;
    m_running = false;
    const scenarios::Outcome &o = result.outcome;
    if (!result.valid || (!o.error.isEmpty() && o.verdict.isEmpty()))
        setVerdict(tr("The run failed."), Tone::Problem, o.error);
    else if (result.stopped)
        setVerdict(tr("Stopped before the end."), Tone::Warning,
                   tr("The workers were ended early, so the numbers below describe a partial run."));
    else
        setVerdict(o.verdict, o.problem ? Tone::Problem : Tone::Good, o.error);

    m_metrics->setRowCount(int(o.metrics.size()));
    for (int i = 0; i < o.metrics.size(); ++i) {
        const scenarios::Metric &m = o.metrics.at(i);
        m_metrics->setItem(i, 0, item(m.label));
        // A long text (the order of a thousand lines) must not push the
        // numbers out of their column: shortened here, whole in the tooltip.
        constexpr int kTextChars = 18;
        const QString shown = m.text.size() > kTextChars ? m.text.left(kTextChars - 1) + QChar(0x2026) : m.text;
        auto *value = m.isText() ? item(shown) : item(QLocale().toString(m.value), Qt::AlignRight | Qt::AlignVCenter);
        value->setToolTip(m.isText() ? m.key + QStringLiteral(": ") + m.text : m.key);
        m_metrics->setItem(i, 1, value);
    }

    m_wall->setText(tr("%1 ms").arg(QLocale().toString(result.wallMs, 'f', 1)));
    if (result.startMethod == QLatin1String("fork"))
        m_method->setText(tr("fork (a copy of the app)"));
    else if (result.startMethod == QLatin1String("spawn"))
        m_method->setText(tr("spawn (a fresh worker program)"));
    else
        m_method->setText(tr("fork server"));
    m_events->setText(QLocale().toString(result.events));
    setDropped(result.droppedEvents);
    setDroppedByLimit(result.droppedByLimit, result.itemLimit);
    m_params->setText(result.params.toDisplayString());

    m_workers->setRowCount(int(result.workers.size()));
    for (int i = 0; i < int(result.workers.size()); ++i) {
        const scenarios::WorkerInfo &w = result.workers[std::size_t(i)];
        const int index = store.workerIndex(w.pid, w.tid);
        QString name = index >= 0 ? QString::fromStdString(store.workers()[std::size_t(index)].name) : QString();
        if (name.isEmpty())
            name = tr("worker %1").arg(i + 1);
        auto *nameItem = item(name);
        if (index >= 0)
            nameItem->setForeground(workerColor(index));
        m_workers->setItem(i, 0, nameItem);
        m_workers->setItem(i, 1, item(w.isThread ? tr("thread") : tr("process")));
        m_workers->setItem(i, 2, item(QString::number(w.pid), Qt::AlignRight | Qt::AlignVCenter));
        m_workers->setItem(i, 3, item(QString::number(w.tid), Qt::AlignRight | Qt::AlignVCenter));
        auto *exit = item(w.ended ? exitStatusText(w.exitValue) : tr("still running"));
        if (!w.ended || w.exitValue != 0)
            exit->setForeground(QColor(0xb7, 0x1c, 0x1c));
        m_workers->setItem(i, 4, exit);
    }
}

QString SummaryPanel::verdictText() const { return m_verdict->text(); }

void SummaryPanel::retranslate()
{
    m_metricsTitle->setText(tr("Verdict in numbers"));
    m_runTitle->setText(tr("Run"));
    m_workersTitle->setText(tr("Workers"));
    m_metrics->setHorizontalHeaderLabels({tr("Metric"), tr("Value")});
    m_workers->setHorizontalHeaderLabels({tr("Worker"), tr("Kind"), tr("PID"), tr("TID"), tr("Ended with")});
    m_wallLabel->setText(tr("Wall time:"));
    m_methodLabel->setText(tr("Start method:"));
    m_eventsLabel->setText(tr("Events recorded:"));
    m_droppedLabel->setText(tr("Dropped events:"));
    m_droppedLabel->setToolTip(tr("Events that did not fit in a worker's ring buffer. "
                                  "When this is not 0, the timeline is missing something."));
    m_droppedByLimitLabel->setText(tr("Not kept (store full):"));
    m_droppedByLimitLabel->setToolTip(tr("Spans, samples, hand-overs and printed lines that arrived after the trace "
                                         "store reached its limit. The limit keeps a long run from using up the "
                                         "computer's memory. When this is not 0, the end of the run is missing "
                                         "from the timeline and the exported trace."));
    m_droppedByLimit->setToolTip(m_droppedByLimitLabel->toolTip());
    m_paramsLabel->setText(tr("Parameters:"));
}

void SummaryPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        if (m_hasResult && m_store)
            showResult(scenarios::RunResult(m_result), *m_store);
        else if (m_running)
            showRunning();
        else
            showEmpty(m_emptyTitle);
    }
    QWidget::changeEvent(event);
}

} // namespace cl::ui
