#include "ui/timeline_view.h"
#include "core/scenarios/run_session.h"
#include "ui/state_palette.h"

#include <QEvent>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QRegion>
#include <QScrollBar>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace cl::ui {

namespace {
constexpr int kRightPad = 10;
constexpr double kZoomStep = 1.5;
} // namespace

namespace {
TimelineStyle interactiveStyle(const QFont &font)
{
    TimelineStyle style = defaultTimelineStyle(font);
    style.disclosure = true;
    return style;
}
} // namespace

TimelineView::TimelineView(QWidget *parent)
    : QWidget(parent),
      m_painter(interactiveStyle(font()))
{
    setMouseTracking(true); // W/S zoom around the pointer
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent);
    m_vscroll = new QScrollBar(Qt::Vertical, this);
    connect(m_vscroll, &QScrollBar::valueChanged, this, [this] { invalidate(); });
    m_axis.setRange(0, 1000000000ull);
    relayout();
}

void TimelineView::setStore(const trace::TraceStore *store)
{
    // A selection names spans of the old trace (or of the run before, when
    // the same store starts over).
    clearSelection();
    clearRange();
    m_playhead = 0;
    m_store = store;
    m_index.clear();
    m_seenRevision = ~std::uint64_t(0);
    m_axis.setLimits(0, 0);
    syncStore();
    fit();
}

void TimelineView::setEmptyText(const QString &text)
{
    m_emptyText = text;
    update();
}

QString TimelineView::emptyText() const
{
    return m_emptyText.isEmpty() ? tr("No trace yet. Choose a scenario and press Run.") : m_emptyText;
}

void TimelineView::setLabelWidth(int px)
{
    m_layoutOptions.labelWidth = std::max(40, px);
    relayout();
}

void TimelineView::setLegendVisible(bool on)
{
    m_legendVisible = on;
    relayout();
}

QRect TimelineView::rowsRect() const
{
    const int top = axisHeight();
    return QRect(0, top, std::max(1, width() - m_vscroll->sizeHint().width()),
                 std::max(1, height() - top - legendHeight()));
}

QRect TimelineView::plotRect() const
{
    const QRect rows = rowsRect();
    return QRect(labelWidth(), rows.top(), std::max(10, rows.width() - labelWidth() - kRightPad), rows.height());
}

int TimelineView::axisHeight() const
{
    return fontMetrics().height() + 14;
}

int TimelineView::legendHeight() const
{
    if (!m_legendVisible || m_legend.isEmpty())
        return 0;
    return int(std::ceil(m_painter.legendHeight(width() - 16.0, m_legend))) + 8;
}

QSize TimelineView::sizeHint() const
{
    return QSize(900, axisHeight() + legendHeight() + 12 * m_layout.rowHeight());
}

QSize TimelineView::minimumSizeHint() const
{
    return QSize(labelWidth() + 160, axisHeight() + 3 * m_layout.rowHeight());
}

void TimelineView::relayout()
{
    m_layoutOptions.rowHeight = std::max(22, fontMetrics().height() + 8);
    if (m_store)
        m_layout = TimelineLayout::build(*m_store, m_layoutOptions);
    else
        m_layout = TimelineLayout();
    const QRect rows = rowsRect();
    m_vscroll->setGeometry(width() - m_vscroll->sizeHint().width(), rows.top(), m_vscroll->sizeHint().width(),
                           rows.height());
    m_vscroll->setRange(0, std::max(0, m_layout.contentHeight() - rows.height()));
    m_vscroll->setPageStep(rows.height());
    m_vscroll->setSingleStep(m_layoutOptions.rowHeight);
    const QRect plot = plotRect();
    TimeAxis axis = m_axis;
    axis.setGeometry(plot.left(), plot.width());
    m_axis = axis;
    invalidate();
}

void TimelineView::syncStore()
{
    const std::uint64_t revision = m_store ? m_store->revision() : 0;
    if (revision == m_seenRevision)
        return;
    m_seenRevision = revision;
    if (m_store) {
        m_index.update(*m_store);
        m_legend = cl::ui::legendContent(*m_store, m_index);
    } else {
        m_legend = LegendContent();
    }
    relayout();
    updateLimits();
}

void TimelineView::updateLimits()
{
    const auto window = m_store ? scenarios::runWindow(*m_store) : scenarios::RunWindow();
    if (window.end <= window.begin) {
        m_axis.setLimits(0, 0);
        return;
    }
    const std::uint64_t span = window.end - window.begin;
    const std::uint64_t before = std::max<std::uint64_t>(span / 50, TimeAxis::kMinSpanNs);
    const std::uint64_t after = std::max<std::uint64_t>(span / 10, TimeAxis::kMinSpanNs);
    // Some room past the end: exit labels and the live edge need it.
    TimeAxis axis = m_axis;
    axis.setLimits(window.begin > before ? window.begin - before : 0, window.end + after);
    applyAxis(axis);
}

void TimelineView::refresh()
{
    syncStore();
    const auto window = m_store ? scenarios::runWindow(*m_store) : scenarios::RunWindow();
    if (m_followLive && window.end > window.begin) {
        if (m_fitMode) {
            fit();
        } else {
            const std::uint64_t span = m_axis.span();
            const std::uint64_t end = window.end + span / 40;
            TimeAxis axis = m_axis;
            axis.setRange(end > span ? end - span : 0, end);
            applyAxis(axis);
        }
    }
    update();
}

void TimelineView::fit()
{
    m_fitMode = true;
    const auto window = m_store ? scenarios::runWindow(*m_store) : scenarios::RunWindow();
    if (window.end <= window.begin)
        return;
    const std::uint64_t span = window.end - window.begin;
    TimeAxis axis = m_axis;
    axis.setRange(window.begin, window.end + std::max<std::uint64_t>(span / 16, TimeAxis::kMinSpanNs));
    applyAxis(axis);
}

void TimelineView::setVisibleRange(quint64 beginNs, quint64 endNs)
{
    if (beginNs == m_axis.begin() && endNs == m_axis.end())
        return; // charts echo our own signal back; stop the loop here
    m_fitMode = false;
    TimeAxis axis = m_axis;
    axis.setRange(beginNs, endNs);
    applyAxis(axis);
}

void TimelineView::setFollowLive(bool on)
{
    if (m_followLive == on)
        return;
    m_followLive = on;
    Q_EMIT followLiveChanged(on);
    if (on)
        refresh();
}

void TimelineView::zoomIn()
{
    m_fitMode = false;
    TimeAxis axis = m_axis;
    axis.zoomAround(plotRect().center().x(), kZoomStep);
    applyAxis(axis);
}

void TimelineView::zoomOut()
{
    TimeAxis axis = m_axis;
    axis.zoomAround(plotRect().center().x(), 1.0 / kZoomStep);
    applyAxis(axis);
}

void TimelineView::applyAxis(const TimeAxis &axis)
{
    const bool changed = axis.begin() != m_axis.begin() || axis.end() != m_axis.end();
    m_axis = axis;
    if (!changed)
        return;
    invalidate();
    Q_EMIT visibleRangeChanged(m_axis.begin(), m_axis.end());
}

void TimelineView::invalidate()
{
    m_listValid = false;
    update();
}

void TimelineView::ensureDrawList()
{
    if (m_listValid)
        return;
    m_listValid = true;
    const QRect rows = rowsRect();
    const auto [first, last] = m_layout.rowsIn(m_vscroll->value(), m_vscroll->value() + rows.height());
    DrawListOptions options;
    options.firstRow = first;
    options.lastRow = last;
    options.yOrigin = rows.top() - m_vscroll->value();
    options.hiddenFlowKinds = m_hiddenFlowKinds;
    if (m_store) {
        // A finished run: lanes without an exit end with the run.
        const auto window = scenarios::runWindow(*m_store);
        options.openEnd = window.finished ? window.end : 0;
        m_list = buildDrawList(*m_store, m_layout, m_axis, options, &m_index, std::move(m_list));
    } else {
        m_list = DrawList();
    }
    m_frameValid = false;
}

void TimelineView::paintEvent(QPaintEvent *)
{
    syncStore();
    ensureDrawList();
    QPainter p(this);
    const auto &style = m_painter.style();
    const QRect rows = rowsRect();
    if (m_layout.rowCount() == 0) {
        p.fillRect(rect(), style.background);
        // Nothing to place in time: no axis of stale or meaningless times, just what to do next.
        QFont hint = font();
        hint.setPointSizeF(hint.pointSizeF() * 1.15);
        p.setFont(hint);
        p.setPen(style.mutedText);
        p.drawText(rect().adjusted(24, 0, -24 - m_vscroll->width(), 0), Qt::AlignCenter | Qt::TextWordWrap, emptyText());
        return;
    }
    const QRect plot = plotRect();
    TimelineFrame frame;
    frame.axisRect = QRectF(plot.left(), 0, plot.width(), rows.top());
    frame.labelRect = QRectF(0, rows.top(), labelWidth(), rows.height());
    frame.rowsRect = QRectF(plot.left(), rows.top(), rows.width() - plot.left(), rows.height());
    frame.origin = m_store ? m_store->beginTime() : 0;
    frame.store = m_store;
    // The frame is painted into an image once per draw list and blitted
    // from then on: hovering, the playhead and a range drag repaint only
    // their overlays over it. In an image, the painter also fills the
    // spans straight into scanlines (SpanRaster).
    const qreal dpr = devicePixelRatioF();
    const QSize pixels(int(std::ceil(width() * dpr)), int(std::ceil(height() * dpr)));
    if (!m_frameValid || m_frameImage.size() != pixels || m_frameImage.devicePixelRatio() != dpr) {
        if (m_frameImage.size() != pixels)
            m_frameImage = QImage(pixels, QImage::Format_ARGB32_Premultiplied);
        m_frameImage.setDevicePixelRatio(dpr);
        QPainter fp(&m_frameImage);
        // paintFrame() paints every pixel of its axis, label column and
        // rows: only the rest (the caption's corner, below the rows) is
        // filled here, not the megabytes it would paint over.
        QRegion rest(QRect(QPoint(0, 0), size()));
        rest -= frame.axisRect.toAlignedRect();
        rest -= QRectF(frame.labelRect.left(), frame.rowsRect.top(), frame.rowsRect.right() - frame.labelRect.left(),
                       frame.rowsRect.height())
                    .toAlignedRect();
        for (const QRect &r : rest)
            fp.fillRect(r, style.background);
        fp.setFont(font());
        m_painter.paintFrame(fp, m_layout, m_list, m_axis, frame);
        m_frameValid = true;
    }
    p.drawImage(QPointF(0, 0), m_frameImage);
    paintOverlays(p);

    // The label column's share of the axis band says how much time the view
    // spans, or, more urgently, that events were lost.
    p.setFont(style.smallFont);
    const QRectF caption(8, 0, labelWidth() - 16, rows.top() - 4);
    if (m_store && m_store->droppedEvents() > 0) {
        p.setPen(style.exitBad);
        p.drawText(caption, Qt::AlignLeft | Qt::AlignBottom,
                   tr("dropped events: %1").arg(m_store->droppedEvents()));
    } else {
        p.setPen(style.mutedText);
        p.drawText(caption, Qt::AlignLeft | Qt::AlignBottom, tr("view: %1").arg(formatDuration(m_axis.span())));
    }
    if (legendHeight() > 0)
        m_painter.paintLegend(p, QRectF(8, rows.bottom() + 5, width() - 16, legendHeight() - 4), m_legend);
}

void TimelineView::resizeEvent(QResizeEvent *)
{
    relayout();
}

void TimelineView::changeEvent(QEvent *e)
{
    if (e->type() == QEvent::FontChange) {
        m_painter = TimelinePainter(interactiveStyle(font()));
        relayout();
    }
    QWidget::changeEvent(e);
}

bool TimelineView::event(QEvent *e)
{
    if (e->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(e);
        const QString text = toolTipAt(help->pos());
        if (text.isEmpty()) {
            QToolTip::hideText();
            e->ignore();
        } else {
            QToolTip::showText(help->globalPos(), text, this);
        }
        return true;
    }
    return QWidget::event(e);
}

QString TimelineView::toolTipAt(const QPoint &pos)
{
    if (!m_store || !rowsRect().contains(pos))
        return {}; // the axis band and the legend cover scrolled-away rows
    ensureDrawList();
    return describeAt(*m_store, m_layout, m_list, QPointF(pos), labelWidth(), m_printFormatter);
}

} // namespace cl::ui
