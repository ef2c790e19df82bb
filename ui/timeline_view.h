#pragma once
// The interactive timeline: one row per process/thread, state spans, lock
// hand-over arrows, printed-line ticks. Paints from a cached DrawList that is
// rebuilt only when the store, the range, the scroll or the size changed, so
// paint cost follows pixels and rows, not events.
#include "core/trace/trace_store.h"
#include "ui/time_axis.h"
#include "ui/timeline_draw_list.h"
#include "ui/timeline_layout.h"
#include "ui/timeline_painter.h"
#include "ui/timeline_selection.h"

#include <QImage>
#include <QWidget>

#include <optional>
#include <set>

class QScrollBar;

namespace cl::ui {

class TimelineView : public QWidget {
    Q_OBJECT
public:
    explicit TimelineView(QWidget *parent = nullptr);

    // Not owned; must outlive the view or be replaced first. nullptr clears.
    void setStore(const trace::TraceStore *store);
    const trace::TraceStore *store() const { return m_store; }

    // Charts under the timeline align their plot area with these.
    int labelWidth() const { return m_layoutOptions.labelWidth; }
    void setLabelWidth(int px);
    QRect plotRect() const;
    int plotRightMargin() const { return width() - plotRect().right() - 1; }

    const TimeAxis &axis() const { return m_axis; }
    quint64 visibleBegin() const { return m_axis.begin(); }
    quint64 visibleEnd() const { return m_axis.end(); }

    bool followLive() const { return m_followLive; }
    void setLegendVisible(bool on);
    bool legendVisible() const { return m_legendVisible; }

    // Shown in the rows' place while there is nothing to draw ("Press Run to
    // run …"); empty: a generic hint.
    void setEmptyText(const QString &text);
    QString emptyText() const;
    // What the legend lists now: the states the shown trace contains.
    const LegendContent &legendContent() const { return m_legend; }

    // Text shown when hovering a printed-line tick; the owner can plug in
    // message formatting (translated lines). Default: the raw string.
    void setPrintFormatter(PrintFormatter f) { m_printFormatter = std::move(f); }

    // What the user picked: a span (click), a range (shift-drag).
    const SpanRef &selectedSpan() const { return m_selected; }
    void selectSpan(const SpanRef &span);
    void clearSelection();
    bool hasRange() const { return m_rangeEnd > m_rangeBegin; }
    quint64 rangeBegin() const { return m_rangeBegin; }
    quint64 rangeEnd() const { return m_rangeEnd; }
    void setRange(quint64 beginNs, quint64 endNs);
    void clearRange();
    // The span drawn under a point, if any (the topmost).
    SpanRef spanAt(const QPoint &pos);

    // A multi-threaded process's threads fold into its header row.
    void setProcessCollapsed(qint32 pid, bool collapsed);
    bool isProcessCollapsed(qint32 pid) const { return m_layoutOptions.collapsed.count(pid) > 0; }

    // Hand-over arrows of one kind (flow_kind.h) shown or hidden.
    void setFlowKindVisible(int kind, bool visible);
    bool flowKindVisible(int kind) const;

    // Replay: a vertical line at a moment of the run; dragging it emits
    // playheadMoved. No playhead: 0.
    void setPlayhead(quint64 timeNs);
    quint64 playhead() const { return m_playhead; }

    // The layout on screen, for tests and for views that align with it.
    const TimelineLayout &layout() const { return m_layout; }
    // Time under an x in widget coordinates.
    quint64 timeAtX(double x) const { return m_axis.timeAt(x); }
    double xOfTime(quint64 t) const { return m_axis.xOf(t); }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

public Q_SLOTS:
    // Call after each ingest: repaints, and keeps the trace end in view when
    // following live.
    void refresh();
    void fit();
    // Absolute ns, the same clock as the store.
    void setVisibleRange(quint64 beginNs, quint64 endNs);
    void setFollowLive(bool on);
    void zoomIn();
    void zoomOut();
    // Perfetto's keys: W/S zoom around the mouse (or the centre), A/D pan by
    // a fifth of the view.
    void zoomAt(double x, double factor);
    void panBy(double fraction);

Q_SIGNALS:
    void visibleRangeChanged(quint64 beginNs, quint64 endNs);
    void followLiveChanged(bool on);
    void spanSelected(const cl::ui::SpanRef &span);
    void selectionCleared();
    // A shift-drag ended (or setRange); end > begin.
    void rangeSelected(quint64 beginNs, quint64 endNs);
    void rangeCleared();
    void playheadMoved(quint64 timeNs);
    void processCollapsedChanged(qint32 pid, bool collapsed);

protected:
    bool event(QEvent *e) override;
    void paintEvent(QPaintEvent *e) override;
    void resizeEvent(QResizeEvent *e) override;
    void wheelEvent(QWheelEvent *e) override;
    void mousePressEvent(QMouseEvent *e) override;
    void mouseMoveEvent(QMouseEvent *e) override;
    void mouseReleaseEvent(QMouseEvent *e) override;
    void mouseDoubleClickEvent(QMouseEvent *e) override;
    void keyPressEvent(QKeyEvent *e) override;
    void leaveEvent(QEvent *e) override;
    void changeEvent(QEvent *e) override;

private:
    void relayout();
    void syncStore();
    void updateLimits();
    void applyAxis(const TimeAxis &axis);
    void ensureDrawList();
    void invalidate();
    int axisHeight() const;
    int legendHeight() const;
    QRect rowsRect() const;
    QString toolTipAt(const QPoint &pos);
    void paintOverlays(QPainter &p);
    // The header row whose disclosure triangle is at pos, or -1.
    int disclosureRowAt(const QPoint &pos) const;

    const trace::TraceStore *m_store = nullptr;
    std::uint64_t m_seenRevision = ~std::uint64_t(0);
    LegendContent m_legend;
    QString m_emptyText;
    TimelineLayoutOptions m_layoutOptions;
    TimelineLayout m_layout;
    TimelineIndex m_index;
    TimeAxis m_axis;
    DrawList m_list;
    bool m_listValid = false;
    QImage m_frameImage; // paintFrame's output for m_list
    bool m_frameValid = false;
    TimelinePainter m_painter;
    QScrollBar *m_vscroll = nullptr;
    PrintFormatter m_printFormatter;

    bool m_followLive = true;
    bool m_fitMode = true; // the user has not zoomed since the last fit
    bool m_legendVisible = true;
    enum class Drag { None, Pan, Range, Playhead };
    Drag m_drag = Drag::None;
    bool m_dragMoved = false;
    QPoint m_dragStart;
    int m_dragScrollStart = 0;
    TimeAxis m_dragAxis;
    std::optional<QPoint> m_mouse; // last position over the widget, for W/S

    SpanRef m_selected;
    quint64 m_rangeBegin = 0;
    quint64 m_rangeEnd = 0;
    quint64 m_rangeAnchor = 0;
    quint64 m_playhead = 0;
    std::uint32_t m_hiddenFlowKinds = 0; // bit per flow kind
};

} // namespace cl::ui
