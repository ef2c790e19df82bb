#include "ui/trace_export.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>

#include <cmath>

namespace cl::ui {

namespace {
class TraceExport {
    Q_DECLARE_TR_FUNCTIONS(cl::ui::TraceExport)
};

// The picture's logical pixels are CSS pixels: 96 to the inch.
constexpr int kPdfResolution = 96;

QString noFonts() { return TraceExport::tr("Cannot render the trace: no GUI application (fonts) is available."); }

QString titleOf(const trace::TraceStore &store, const TraceImageOptions &options)
{
    if (!options.title.isEmpty())
        return options.title;
    for (const char *key : {"title", "scenario"})
        if (const auto it = store.metadata().find(key); it != store.metadata().end() && !it->second.empty())
            return QString::fromStdString(it->second);
    return TraceExport::tr("Concurrency Lab trace");
}
} // namespace

TraceFileFormat traceFileFormatFor(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("svg"))
        return TraceFileFormat::Svg;
    if (suffix == QLatin1String("pdf"))
        return TraceFileFormat::Pdf;
    return TraceFileFormat::Png;
}

bool saveTraceSvg(const trace::TraceStore &store, const TraceImageOptions &options, const QString &path,
                  QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    QSvgGenerator svg;
    QPainter painter;
    svg.setOutputDevice(&file);
    svg.setTitle(titleOf(store, options));
    svg.setDescription(TraceExport::tr("Timeline made with Concurrency Lab"));
    const bool painted = paintTraceImage(store, options, [&](const QSizeF &size) -> QPainter * {
        svg.setSize(QSize(int(std::ceil(size.width())), int(std::ceil(size.height()))));
        svg.setViewBox(QRectF(QPointF(0, 0), size));
        return painter.begin(&svg) ? &painter : nullptr;
    });
    if (!painted) {
        file.cancelWriting();
        if (error)
            *error = noFonts();
        return false;
    }
    if (!file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

bool saveTracePdf(const trace::TraceStore &store, const TraceImageOptions &options, const QString &path,
                  QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    bool painted = false;
    {
        QPdfWriter pdf(&file);
        QPainter painter;
        pdf.setTitle(titleOf(store, options));
        pdf.setCreator(QStringLiteral("Concurrency Lab"));
        pdf.setResolution(kPdfResolution);
        painted = paintTraceImage(store, options, [&](const QSizeF &size) -> QPainter * {
            // One page exactly the picture's size, no margins.
            const QSizeF points(size.width() * 72.0 / kPdfResolution, size.height() * 72.0 / kPdfResolution);
            pdf.setPageSize(QPageSize(points, QPageSize::Point, QString(), QPageSize::ExactMatch));
            pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
            return painter.begin(&pdf) ? &painter : nullptr;
        });
    } // the writer finishes the file when it goes
    if (!painted) {
        file.cancelWriting();
        if (error)
            *error = noFonts();
        return false;
    }
    if (!file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

bool saveTraceFile(const trace::TraceStore &store, const TraceImageOptions &options, TraceFileFormat format,
                   const QString &path, QString *error)
{
    switch (format) {
    case TraceFileFormat::Svg:
        return saveTraceSvg(store, options, path, error);
    case TraceFileFormat::Pdf:
        return saveTracePdf(store, options, path, error);
    case TraceFileFormat::Png:
        break;
    }
    return saveTracePng(store, options, path, error);
}

} // namespace cl::ui
