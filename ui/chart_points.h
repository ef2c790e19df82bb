#pragma once
// The points a chart series gets for one view of a counter track: only the
// samples in the visible window (plus one either side, so lines enter and
// leave it), thinned to min/max per bucket when there are more samples than
// pixels, in milliseconds from the trace begin. Pure, so it is tested alone.
#include "core/trace/trace_store.h"

#include <QList>
#include <QPointF>
#include <QString>

#include <cstdint>
#include <vector>

namespace cl::ui {

struct ChartPointsOptions {
    std::uint64_t begin = 0;     // visible window, absolute ns
    std::uint64_t end = 0;
    std::uint64_t origin = 0;    // x = (time - origin) / 1e6, in ms
    int maxPoints = 2000;        // the result never has more than this + 4
    bool step = false;           // a counter that holds its value: horizontal, then vertical
    std::uint64_t holdUntil = 0; // step lines: the last value holds until here (the trace end)
    double scale = 1.0;          // y = value * scale (CPU permille -> % is 0.1)
};

QList<QPointF> chartPoints(const std::vector<trace::CounterSample> &samples, const ChartPointsOptions &options);

// A counter's name for chart titles and legends: known counters translated
// ("tickets left"), others as the run named them, else "counter 7".
QString counterDisplayName(const trace::TraceStore &store, std::uint32_t key);

} // namespace cl::ui
