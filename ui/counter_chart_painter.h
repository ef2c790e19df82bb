#pragma once
// A counter (tickets left, the shared value) drawn for an exported picture:
// a step line under the timeline on the timeline's own time axis, its y scale
// in the label column, an optional dashed reference (the total a correct run
// reaches) and the last value beside the line's end, so a lost update or an
// oversold ticket is in the picture and not only in the text. QPainter only:
// the CLI exports without widgets.
#include "core/trace/trace_store.h"
#include "ui/time_axis.h"
#include "ui/timeline_painter.h"

#include <QColor>
#include <QCoreApplication>
#include <QRectF>
#include <QString>

#include <cstdint>
#include <vector>

class QPainter;

namespace cl::ui {

struct CounterChart {
    const trace::CounterTrack *track = nullptr;
    QString title;
    QColor colour;
    bool hasReference = false;
    std::int64_t reference = 0;
    QString referenceLabel; // "expected 40000"
};

// The value-kind counters of a run, in key order, each with its name, colour
// and, where the run's metrics say what a correct run ends at, a reference.
std::vector<CounterChart> counterCharts(const trace::TraceStore &store);

// How a painted chart maps values to y.
struct CounterChartScale {
    QRectF valueRect; // `bottom` at its bottom edge, `top` at its top edge
    double bottom = 0.0;
    double top = 1.0;
};

class CounterChartPainter {
    Q_DECLARE_TR_FUNCTIONS(cl::ui::CounterChartPainter)
public:
    explicit CounterChartPainter(const TimelineStyle &style) : m_style(style) {}

    static constexpr double kHeight = 118.0;

    // plot: the chart's area; time maps through axis (its x range may end
    // before plot.right(): the rest is room for the last value's label).
    // The step holds its last value until holdUntil (the run's end).
    CounterChartScale paint(QPainter &p, const CounterChart &chart, const TimeAxis &axis, const QRectF &labelColumn,
               const QRectF &plot, std::uint64_t origin, std::uint64_t holdUntil) const;
    // Time labels under a chart: tick marks down from rect.top(), labels below.
    void paintBottomAxis(QPainter &p, const TimeAxis &axis, std::uint64_t origin, const QRectF &rect) const;

private:
    TimelineStyle m_style;
};

} // namespace cl::ui
