#pragma once
// The whole trace as one picture for slides and notes: title block with the
// verdict, legend, time axis, every row, and the run's counters (tickets
// left, shared value) under the rows on the same time axis, fitted to a
// width. The axis spans the run (scenarios::runWindow), so the wall time
// printed and the axis agree with the summary's wall_ms. Used by the CLI (`run --png`,
// under an offscreen QGuiApplication) and by the GUI's Export PNG.
#include "core/trace/trace_store.h"

class QPainter;

#include <QImage>
#include <QSizeF>
#include <QRectF>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <functional>
#include <vector>

namespace cl::ui {

struct TraceImageOptions {
    int width = 1400;     // logical pixels; the height follows the rows
    QString title;        // empty: metadata "title", else "scenario"
    QString subtitle;     // empty: metadata "params"
    QString verdict;      // empty: metadata "verdict"
    qreal scale = 1.0;    // device pixel ratio: 2 gives a crisp image for slides
    int rowHeight = 22;
    int labelWidth = 200;
    bool legend = true;
    bool flows = true;
    bool counters = true; // a chart per counter under the rows
    // A part of the run only (ns, the store's clock); both 0: the whole run.
    std::uint64_t rangeBegin = 0;
    std::uint64_t rangeEnd = 0;
};

// Where things went in a rendered picture (logical pixels), for tests and
// for callers that annotate it.
struct TraceImageReport {
    std::uint64_t axisBegin = 0; // the time axis spans the run: [begin, end]
    std::uint64_t axisEnd = 0;
    QRectF axisRect;             // x range equals [axisBegin, axisEnd]
    QString infoLine;            // "processes: 1 · threads: 5 · wall time: 12.3 ms · events: 99"
    QString verdict;
    QStringList legend;          // entries in order
    struct Chart {
        QString title;
        QRectF valueRect;        // value `bottom` at its bottom edge, `top` at its top edge
        double bottom = 0.0;
        double top = 1.0;
    };
    std::vector<Chart> charts;
};

// Paints the picture on a device the caller makes once the size is known:
// `begin` gets the logical size and returns a painter on that device (or
// nullptr to give up). The painter is ended before this returns. PNG, SVG,
// PDF and the clipboard share it. False without a QGuiApplication (fonts).
using TracePainterFactory = std::function<QPainter *(const QSizeF &logicalSize)>;
bool paintTraceImage(const trace::TraceStore &store, const TraceImageOptions &options,
                     const TracePainterFactory &begin, TraceImageReport *report = nullptr);

// Needs a QGuiApplication (fonts); returns a null image without one.
QImage renderTraceImage(const trace::TraceStore &store, const TraceImageOptions &options = {},
                        TraceImageReport *report = nullptr);
// On failure *error gets the reason only (e.g. "Permission denied"): callers
// phrase the message around the path themselves.
bool saveTracePng(const trace::TraceStore &store, const TraceImageOptions &options, const QString &path,
                  QString *error = nullptr);

} // namespace cl::ui
