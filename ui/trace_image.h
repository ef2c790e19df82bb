#pragma once
// The whole trace as one picture for slides and notes: title block, legend,
// time axis and every row, fitted to a width. Used by the CLI (`run --png`,
// under an offscreen QGuiApplication) and by the GUI's Export PNG.
#include "core/trace/trace_store.h"

#include <QImage>
#include <QString>

namespace cl::ui {

struct TraceImageOptions {
    int width = 1400;     // logical pixels; the height follows the rows
    QString title;        // empty: metadata "title", else "scenario"
    QString subtitle;     // empty: metadata "params" and "verdict"
    qreal scale = 1.0;    // device pixel ratio: 2 gives a crisp image for slides
    int rowHeight = 22;
    int labelWidth = 200;
    bool legend = true;
    bool flows = true;
};

// Needs a QGuiApplication (fonts); returns a null image without one.
QImage renderTraceImage(const trace::TraceStore &store, const TraceImageOptions &options = {});
// On failure *error gets the reason only (e.g. "Permission denied"): callers
// phrase the message around the path themselves.
bool saveTracePng(const trace::TraceStore &store, const TraceImageOptions &options, const QString &path,
                  QString *error = nullptr);

} // namespace cl::ui
