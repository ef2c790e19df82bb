// TimelineView: mouse, wheel and keys (Perfetto's W/S/A/D among them), what
// they select (a span, a range, a process to fold), and the overlays that
// show it (range shading, the selected span's outline, the replay playhead).
#include "ui/timeline_view.h"
#include "ui/flow_kind.h"

#include <QFontMetricsF>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <utility>

namespace cl::ui {

namespace {
constexpr double kKeyZoom = 1.3;    // per W/S press; auto-repeat makes it continuous
constexpr double kKeyPan = 0.1;     // of the view per A/D press
constexpr int kClickSlop = 3;       // px a press may move and still be a click
constexpr double kPlayheadGrab = 5.0;
const QColor kRangeFill(30, 110, 220, 38);
const QColor kRangeEdge(30, 110, 220);
const QColor kPlayhead(211, 47, 47);
} // namespace

void TimelineView::zoomAt(double x, double factor)
{
    m_fitMode = false;
    TimeAxis axis = m_axis;
    axis.zoomAround(x, factor);
    applyAxis(axis);
}

void TimelineView::panBy(double fraction)
{
    TimeAxis axis = m_axis;
    axis.pan(-fraction * m_axis.width());
    setFollowLive(false);
    m_fitMode = false;
    applyAxis(axis);
}

void TimelineView::wheelEvent(QWheelEvent *e)
{
    const QPoint delta = e->angleDelta();
    if (e->modifiers() & Qt::ShiftModifier) {
        m_vscroll->setValue(m_vscroll->value() - delta.y() * 3 * m_layout.rowHeight() / 120);
    } else if (std::abs(delta.x()) > std::abs(delta.y())) {
        TimeAxis axis = m_axis;
        axis.pan(delta.x() / 2.0);
        setFollowLive(false);
        applyAxis(axis);
    } else if (delta.y() != 0) {
        zoomAt(e->position().x(), std::pow(2.0, delta.y() / 240.0));
    }
    e->accept();
}

int TimelineView::disclosureRowAt(const QPoint &pos) const
{
    if (pos.x() >= labelWidth() || !rowsRect().contains(pos))
        return -1;
    const int row = m_layout.rowAt(pos.y() - rowsRect().top() + m_vscroll->value());
    return row >= 0 && m_layout.row(row).kind == TimelineRow::Kind::ProcessHeader ? row : -1;
}

void TimelineView::mousePressEvent(QMouseEvent *e)
{
    if (e->button() != Qt::LeftButton)
        return QWidget::mousePressEvent(e);
    const QPoint pos = e->position().toPoint();
    m_dragStart = pos;
    m_dragMoved = false;
    m_dragAxis = m_axis;
    m_dragScrollStart = m_vscroll->value();
    if (const int row = disclosureRowAt(pos); row >= 0) {
        const qint32 pid = m_layout.row(row).pid;
        setProcessCollapsed(pid, !isProcessCollapsed(pid));
        m_drag = Drag::None;
        return;
    }
    const QRect plot = plotRect();
    if (m_playhead != 0 && std::abs(m_axis.xOf(m_playhead) - pos.x()) <= kPlayheadGrab && pos.x() >= plot.left()) {
        m_drag = Drag::Playhead;
        setCursor(Qt::SizeHorCursor);
    } else if ((e->modifiers() & Qt::ShiftModifier) && pos.x() >= plot.left()) {
        m_drag = Drag::Range;
        m_rangeAnchor = m_axis.timeAt(pos.x());
        setCursor(Qt::IBeamCursor);
    } else {
        m_drag = Drag::Pan;
        setCursor(Qt::ClosedHandCursor);
    }
}

void TimelineView::mouseMoveEvent(QMouseEvent *e)
{
    const QPoint pos = e->position().toPoint();
    m_mouse = pos;
    if (m_drag == Drag::None)
        return QWidget::mouseMoveEvent(e);
    const QPoint d = pos - m_dragStart;
    if (std::abs(d.x()) > kClickSlop || std::abs(d.y()) > kClickSlop)
        m_dragMoved = true;
    switch (m_drag) {
    case Drag::Pan:
        if (d.x() != 0) {
            TimeAxis axis = m_dragAxis;
            axis.setLimits(m_axis.limitLo(), m_axis.limitHi());
            axis.pan(d.x());
            if (std::abs(d.x()) > 2)
                setFollowLive(false);
            m_fitMode = false;
            applyAxis(axis);
        }
        m_vscroll->setValue(m_dragScrollStart - d.y());
        break;
    case Drag::Range: {
        const quint64 t = m_axis.timeAt(std::clamp(double(pos.x()), m_axis.left(), m_axis.right()));
        m_rangeBegin = std::min(m_rangeAnchor, t);
        m_rangeEnd = std::max(m_rangeAnchor, t);
        update();
        break;
    }
    case Drag::Playhead:
        setPlayhead(m_axis.timeAt(std::clamp(double(pos.x()), m_axis.left(), m_axis.right())));
        Q_EMIT playheadMoved(m_playhead);
        break;
    case Drag::None:
        break;
    }
}

void TimelineView::mouseReleaseEvent(QMouseEvent *e)
{
    if (e->button() != Qt::LeftButton || m_drag == Drag::None)
        return QWidget::mouseReleaseEvent(e);
    const Drag drag = std::exchange(m_drag, Drag::None);
    unsetCursor();
    if (drag == Drag::Range) {
        if (m_dragMoved && m_rangeEnd > m_rangeBegin)
            Q_EMIT rangeSelected(m_rangeBegin, m_rangeEnd);
        else
            clearRange();
    } else if (drag == Drag::Pan && !m_dragMoved) {
        // A click: the span under it, or nothing.
        const SpanRef span = spanAt(e->position().toPoint());
        if (span.isValid())
            selectSpan(span);
        else
            clearSelection();
    }
}

void TimelineView::mouseDoubleClickEvent(QMouseEvent *e)
{
    if (disclosureRowAt(e->position().toPoint()) >= 0)
        return mousePressEvent(e); // a quick second toggle, not a fit
    fit();
}

void TimelineView::leaveEvent(QEvent *e)
{
    m_mouse.reset();
    QWidget::leaveEvent(e);
}

void TimelineView::keyPressEvent(QKeyEvent *e)
{
    const double atX = m_mouse && plotRect().contains(*m_mouse) ? m_mouse->x() : plotRect().center().x();
    switch (e->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        return zoomIn();
    case Qt::Key_Minus:
        return zoomOut();
    case Qt::Key_W:
        return zoomAt(atX, kKeyZoom);
    case Qt::Key_S:
        return zoomAt(atX, 1.0 / kKeyZoom);
    case Qt::Key_A:
        return panBy(-kKeyPan);
    case Qt::Key_D:
        return panBy(kKeyPan);
    case Qt::Key_Home:
    case Qt::Key_F:
    case Qt::Key_0:
        return fit();
    case Qt::Key_End:
        return setFollowLive(true);
    case Qt::Key_Escape:
        if (!hasRange() && !m_selected.isValid())
            return QWidget::keyPressEvent(e);
        clearRange();
        clearSelection();
        return;
    case Qt::Key_Left:
    case Qt::Key_Right:
        return panBy(e->key() == Qt::Key_Left ? -0.125 : 0.125);
    case Qt::Key_Up:
    case Qt::Key_Down:
        return m_vscroll->triggerAction(e->key() == Qt::Key_Up ? QScrollBar::SliderSingleStepSub
                                                               : QScrollBar::SliderSingleStepAdd);
    default:
        QWidget::keyPressEvent(e);
    }
}

SpanRef TimelineView::spanAt(const QPoint &pos)
{
    if (!m_store || !rowsRect().contains(pos) || pos.x() < plotRect().left())
        return {};
    ensureDrawList();
    const int row = m_layout.rowAt(pos.y() - m_list.yOrigin);
    if (row < 0 || m_layout.row(row).worker < 0 || std::size_t(m_layout.row(row).worker) >= m_store->workers().size())
        return {};
    const int worker = m_layout.row(row).worker;
    const trace::WorkerTrack &w = m_store->workers()[std::size_t(worker)];
    // Read from the store, not the draw list: zoomed out, a folded run is
    // many spans, and the click means the one under the pointer.
    const std::uint64_t t = m_axis.timeAt(pos.x());
    const auto tolerance = std::uint64_t(2.0 * m_axis.nsPerPixel());
    const std::uint64_t lo = t > tolerance ? t - tolerance : 0;
    const std::uint64_t hi = t + tolerance;
    SpanRef best;
    std::uint64_t bestDistance = ~std::uint64_t(0);
    const auto consider = [&](const trace::Span &s, bool open) {
        if (s.begin > hi || s.end < lo)
            return;
        const std::uint64_t distance = t < s.begin ? s.begin - t : t > s.end ? t - s.end : 0;
        // Inside beats near; among those inside, the innermost (latest begin).
        if (distance < bestDistance || (distance == bestDistance && s.begin >= best.begin)) {
            bestDistance = distance;
            best = SpanRef{worker, s.begin, s.end, s.state, s.objectId, open};
        }
    };
    const auto endIt = std::upper_bound(w.spans.begin(), w.spans.end(), hi,
                                        [](std::uint64_t x, const trace::Span &s) { return x < s.begin; });
    const auto endIndex = std::size_t(endIt - w.spans.begin());
    for (std::size_t i = m_index.nextReaching(worker, 0, lo); i < endIndex; i = m_index.nextReaching(worker, i + 1, lo))
        consider(w.spans[i], false);
    const auto window = m_store->endTime();
    for (const trace::OpenSpan &o : w.open)
        consider(trace::Span{o.begin, std::max(o.begin, window), o.state, o.objectId}, true);
    return best;
}

void TimelineView::selectSpan(const SpanRef &span)
{
    if (!span.isValid())
        return clearSelection();
    m_selected = span;
    update();
    Q_EMIT spanSelected(span);
}

void TimelineView::clearSelection()
{
    if (!m_selected.isValid())
        return;
    m_selected = SpanRef();
    update();
    Q_EMIT selectionCleared();
}

void TimelineView::setRange(quint64 beginNs, quint64 endNs)
{
    if (endNs <= beginNs)
        return clearRange();
    m_rangeBegin = beginNs;
    m_rangeEnd = endNs;
    update();
    Q_EMIT rangeSelected(beginNs, endNs);
}

void TimelineView::clearRange()
{
    const bool had = hasRange();
    m_rangeBegin = m_rangeEnd = 0;
    update();
    if (had)
        Q_EMIT rangeCleared();
}

void TimelineView::setProcessCollapsed(qint32 pid, bool collapsed)
{
    if (isProcessCollapsed(pid) == collapsed)
        return;
    if (collapsed)
        m_layoutOptions.collapsed.insert(pid);
    else
        m_layoutOptions.collapsed.erase(pid);
    relayout();
    Q_EMIT processCollapsedChanged(pid, collapsed);
}

void TimelineView::setFlowKindVisible(int kind, bool visible)
{
    const std::uint32_t bit = 1u << std::clamp(kind, 0, 31);
    const std::uint32_t hidden = visible ? m_hiddenFlowKinds & ~bit : m_hiddenFlowKinds | bit;
    if (hidden == m_hiddenFlowKinds)
        return;
    m_hiddenFlowKinds = hidden;
    invalidate();
}

bool TimelineView::flowKindVisible(int kind) const
{
    return (m_hiddenFlowKinds & (1u << std::clamp(kind, 0, 31))) == 0;
}

void TimelineView::setPlayhead(quint64 timeNs)
{
    if (timeNs == m_playhead)
        return;
    m_playhead = timeNs;
    update();
}

void TimelineView::paintOverlays(QPainter &p)
{
    const QRect rows = rowsRect();
    const QRect plot = plotRect();
    const QRectF clip(plot.left(), 0, rows.right() - plot.left() + 1, rows.bottom() + 1);
    p.save();
    p.setClipRect(clip);
    const auto clampX = [&](quint64 t) { return std::clamp(m_axis.xOf(t), clip.left() - 2.0, clip.right() + 2.0); };
    if (hasRange()) {
        const double x0 = clampX(m_rangeBegin);
        const double x1 = clampX(m_rangeEnd);
        p.fillRect(QRectF(x0, rows.top(), std::max(1.0, x1 - x0), rows.height()), kRangeFill);
        p.setPen(QPen(kRangeEdge, 1.0));
        p.drawLine(QPointF(x0, rows.top()), QPointF(x0, rows.bottom()));
        p.drawLine(QPointF(x1, rows.top()), QPointF(x1, rows.bottom()));
        // The duration on a tab at the top of the range, where the eye is.
        const QString text = formatDuration(m_rangeEnd - m_rangeBegin);
        p.setFont(m_painter.style().smallFont);
        const QFontMetricsF fm(p.font());
        const double w = fm.horizontalAdvance(text) + 10.0;
        const double left = std::max(clip.left(), std::min((x0 + x1 - w) / 2.0, clip.right() - w));
        const QRectF tab(left, rows.top() + 2.0, w, fm.height() + 4.0);
        p.fillRect(tab, kRangeEdge);
        p.setPen(Qt::white);
        p.drawText(tab, Qt::AlignCenter, text);
    }
    if (m_selected.isValid()) {
        const int row = m_layout.rowOfWorker(m_selected.worker);
        if (row >= 0) {
            const double top = rows.top() - m_vscroll->value() + m_layout.rowTop(row);
            const double x0 = clampX(m_selected.begin);
            const double x1 = clampX(m_selected.end);
            p.setRenderHint(QPainter::Antialiasing, false);
            p.setBrush(Qt::NoBrush);
            p.setPen(QPen(m_painter.style().text, 2.0));
            p.drawRect(QRectF(x0 - 1.0, top + 1.0, std::max(2.0, x1 - x0 + 2.0), m_layout.rowHeight() - 2.0));
        }
    }
    if (m_playhead != 0) {
        const double x = m_axis.xOf(m_playhead);
        p.setPen(QPen(kPlayhead, 2.0));
        p.drawLine(QPointF(x, 0), QPointF(x, rows.bottom()));
        const QPointF head[3] = {QPointF(x - 6.0, 0), QPointF(x + 6.0, 0), QPointF(x, 8.0)};
        p.setBrush(kPlayhead);
        p.setPen(Qt::NoPen);
        p.drawPolygon(head, 3);
    }
    p.restore();
}

} // namespace cl::ui
