#pragma once
// Paints a DrawList with QPainter. Shared by the interactive TimelineView and
// the PNG exporter, so what users export is exactly what they saw.
#include "ui/label_column_cache.h"
#include "ui/span_raster.h"
#include "ui/time_axis.h"
#include "ui/timeline_draw_list.h"
#include "ui/timeline_layout.h"

#include <QColor>
#include <QCoreApplication>
#include <QFont>
#include <QHash>
#include <QStaticText>
#include <QRectF>
#include <QStringList>

#include <cstdint>
#include <vector>

class QPainter;

namespace cl::ui {

struct TimelineStyle {
    QColor background = QColor(Qt::white);
    QColor bandOdd = QColor(0xf4, 0xf6, 0xf9);  // every other process group
    QColor separator = QColor(0xdd, 0xe1, 0xe6);
    QColor grid = QColor(0xe8, 0xeb, 0xef);
    QColor text = QColor(0x1f, 0x23, 0x28);
    QColor mutedText = QColor(0x6a, 0x73, 0x7d);
    QColor flow = QColor(0x24, 0x29, 0x2e, 200);
    QColor tick = QColor(0x24, 0x29, 0x2e);
    QColor exitBad = QColor(0xc6, 0x28, 0x28);
    QFont labelFont;
    QFont smallFont;  // ids, axis labels, text inside spans, exit labels
    QFont legendFont;
    bool antialias = true;
    bool disclosure = false; // header rows get a fold triangle (interactive views)
    bool flowLabels = true;  // arrows carry their object's name where there is room
    // Span, lifetime and tick rectangles written straight into a raster
    // device's pixels (SpanRaster). Off: each one through QPainter::fillRect,
    // the reference tst_span_raster compares against.
    bool directFills = true;
    // Threads writing those pixels: 0 lets a big frame use the machine's
    // cores (frameThreads()); 1 keeps it on the painting thread.
    int threads = 0;
};

// Fonts derived from base (the widget's font, or a fixed pixel size for
// exports, where the screen's DPI must not change the picture).
TimelineStyle defaultTimelineStyle(const QFont &base = QFont());

// Where things go, in paint coordinates.
struct TimelineFrame {
    QRectF axisRect;   // tick labels; x range equals the time axis
    QRectF labelRect;  // label column beside the rows (clip)
    QRectF rowsRect;   // spans (clip); x range equals the time axis
    std::uint64_t origin = 0; // labels are offsets from this (store.beginTime())
    const trace::TraceStore *store = nullptr; // for lock names inside spans
};

// What a legend lists: only what the trace being shown contains, so a
// lesson's picture never explains colours it does not use.
struct LegendContent {
    std::vector<trace::SpanState> states; // in palette order
    bool printedLines = false;
    bool handOvers = false;
    bool isEmpty() const { return states.empty() && !printedLines && !handOvers; }
    bool operator==(const LegendContent &) const = default;
};
// `index` must be up to date with `store` (TimelineIndex::update). Worker
// lanes count as "running": their lifetime bar has that colour. Hand-overs
// only count when the picture draws them (`flows`).
LegendContent legendContent(const trace::TraceStore &store, const TimelineIndex &index, bool flows = true);

// "exit 0", "exit 3", "killed (signal 9, SIGKILL)".
QString exitStatusText(std::int64_t exitValue);

// Text drawn inside a span: the name of its object ("ticket lock", "task 17")
// or else its state, elided to the room the span has.
struct SpanLabel {
    std::size_t span = 0; // index into DrawList::spans
    QRectF rect;
    QString text;
};

// Text beside a hand-over arrow: its object ("ticket lock", "queue").
struct FlowLabelBox {
    std::size_t flow = 0; // index into DrawList::flows
    QRectF rect;
    QString text;
};

class TimelinePainter {
    Q_DECLARE_TR_FUNCTIONS(cl::ui::TimelinePainter)
public:
    explicit TimelinePainter(TimelineStyle style = defaultTimelineStyle());
    const TimelineStyle &style() const { return m_style; }

    // Everything but the legend: bands, grid, axis, labels, rows.
    void paintFrame(QPainter &p, const TimelineLayout &layout, const DrawList &list, const TimeAxis &axis,
                    const TimelineFrame &frame) const;

    // Every pixel of the label column and the rows beside it (from
    // labelLeft to rows.right()): the background, the bands of every other
    // process, the grid, then what paintRows() draws. Row by row of pixels,
    // so a frame writes its megabytes once, while they are in the cache.
    void paintRowsArea(QPainter &p, const TimelineLayout &layout, const DrawList &list,
                       const std::vector<AxisTick> &ticks, double labelLeft, const QRectF &rows,
                       const trace::TraceStore *store = nullptr) const;
    void paintAxis(QPainter &p, const std::vector<AxisTick> &ticks, const QRectF &axisRect) const;
    void paintLabels(QPainter &p, const TimelineLayout &layout, const DrawList &list, const QRectF &column) const;
    void paintRows(QPainter &p, const DrawList &list, const trace::TraceStore *store = nullptr) const;

    // The legend wraps to width; legendHeight() tells how much it needs
    // (0 for an empty legend).
    double legendHeight(double width, const LegendContent &content) const;
    void paintLegend(QPainter &p, const QRectF &rect, const LegendContent &content) const;
    // The legend's entries as painted, in order.
    QStringList legendTexts(const LegendContent &content) const;

    // Minimum pixels between axis labels for the current font.
    double tickSpacing() const;

    // The labels paintRows() draws inside spans: only where a span is wide
    // and tall enough for the text to stay readable.
    std::vector<SpanLabel> spanLabels(const DrawList &list, const trace::TraceStore *store) const;
    // The labels paintFlows() puts beside arrows: none overlapping another.
    std::vector<FlowLabelBox> flowLabelBoxes(const DrawList &list, const trace::TraceStore *store) const;

private:
    // What lies under a frame's rows, for paintRowItems() to paint first.
    struct Backdrop {
        const TimelineLayout *layout = nullptr;
        const std::vector<AxisTick> *ticks = nullptr;
        QRect whole; // label column and rows
        QRect rows;
    };
    void paintRowItems(QPainter &p, const DrawList &list, const Backdrop *backdrop) const;
    // The backdrop of rows [rowLo, rowHi) and above and below the rows:
    // fill(rect, colour) for the background, bands and separators, then
    // grid(rect, colour) for the grid lines. The one description both the
    // direct and the QPainter path paint.
    template<typename Fill, typename Grid>
    void backdropRects(const Backdrop &b, const DrawList &list, int rowLo, int rowHi, Fill &&fill, Grid &&grid) const;
    void paintSpanLabels(QPainter &p, const DrawList &list, const trace::TraceStore *store) const;
    void paintFlows(QPainter &p, const DrawList &list, const trace::TraceStore *store) const;
    void paintExits(QPainter &p, const DrawList &list) const;
    enum class TextFont { Small, Label, Bold };
    const QFont &font(TextFont font) const;
    // Elided to width when it is > 0.
    const QStaticText &cachedText(const QString &text, TextFont font, double width = 0.0) const;
    // Vertically centred in box, from its left edge.
    void drawCachedText(QPainter &p, const QRectF &box, const QString &text, TextFont font,
                        double width = 0.0) const;

    TimelineStyle m_style;
    QFont m_boldFont; // process headers
    mutable QHash<QString, QStaticText> m_textCache; // row names and span labels, laid out once
    mutable SpanRaster m_rowRaster; // lifetimes, spans and ticks of a raster frame
    mutable LabelColumnCache m_labelColumn; // paintFrame()'s, while panning and zooming
};

} // namespace cl::ui
