#pragma once
// The runs of a comparison stacked on one shared time axis: each run is a
// band with its own rows (its own workers), headed by its value and figures,
// and every band uses the same nanoseconds per pixel so the lengths of the
// runs compare at a glance. Each band is drawn with the timeline's own draw
// list and painter, so it looks like the main timeline. Used by the compare
// view and by the compare picture.
#include "core/scenarios/compare.h"
#include "ui/time_axis.h"
#include "ui/timeline_painter.h"

#include <QCoreApplication>
#include <QRectF>

#include <vector>

class QPainter;

namespace cl::ui {

struct CompareBandsOptions {
    int rowHeight = 18;
    int labelWidth = 170;
    double headerHeight = 24.0; // the band's title strip
    double gap = 10.0;          // between bands
    double axisHeight = 26.0;   // the shared axis above the first band
    double endRoom = 60.0;      // right of the longest run, for the workers' "exit 0" marks
    bool flows = true;
};

struct CompareBand {
    int run = -1;
    QRectF header;   // title strip
    QRectF rows;     // x: the plot (label column excluded); y: the band's rows
    QRectF labels;   // the label column beside the rows
    TimeAxis axis;   // the run's own begin, the shared span and geometry
};

class CompareBands {
    Q_DECLARE_TR_FUNCTIONS(cl::ui::CompareBands)
public:
    CompareBands(const scenarios::CompareSet &set, const TimelineStyle &style,
                 const CompareBandsOptions &options = {});

    // Lays the bands out in `width` from `top` (left edge at `left`);
    // returns the height used.
    double layout(double left, double top, double width);
    const std::vector<CompareBand> &bands() const { return m_bands; }
    QRectF axisRect() const { return m_axisRect; }
    double height() const { return m_height; }
    // Paints what layout() planned; `visible` (paint coordinates) skips
    // bands that cannot be seen.
    void paint(QPainter &p, const QRectF &visible = QRectF()) const;
    // "mode = serial · 812.4 ms · 1.00×"
    QString headerText(int run) const;
    // The union of what the runs' pictures show, for one legend.
    LegendContent legend() const;

private:
    const scenarios::CompareSet &m_set;
    TimelineStyle m_style;
    CompareBandsOptions m_options;
    std::vector<CompareBand> m_bands;
    QRectF m_axisRect;
    double m_height = 0.0;
    std::uint64_t m_spanNs = 0;
};

} // namespace cl::ui
