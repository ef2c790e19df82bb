#pragma once
// The timeline picture (trace_image.h) as a file: PNG, SVG (text stays
// text), or PDF (one page that fits the picture, fonts embedded, so Chinese
// labels print). Files are written atomically. Used by File → Export and by
// the CLI's run --png and render.
#include "ui/trace_image.h"

namespace cl::ui {

enum class TraceFileFormat { Png, Svg, Pdf };

// The format a file name asks for (by its suffix), or Png.
TraceFileFormat traceFileFormatFor(const QString &path);

// On failure *error gets the reason only; callers name the path.
bool saveTraceSvg(const trace::TraceStore &store, const TraceImageOptions &options, const QString &path,
                  QString *error = nullptr);
bool saveTracePdf(const trace::TraceStore &store, const TraceImageOptions &options, const QString &path,
                  QString *error = nullptr);
bool saveTraceFile(const trace::TraceStore &store, const TraceImageOptions &options, TraceFileFormat format,
                   const QString &path, QString *error = nullptr);

} // namespace cl::ui
