#include "ui/trace_image.h"
#include "ui/timeline_draw_list.h"
#include "ui/timeline_layout.h"
#include "ui/timeline_painter.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QGuiApplication>
#include <QImageWriter>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace cl::ui {

namespace {
constexpr double kMargin = 24.0;

// Gives the free functions below a translation context lupdate understands.
class TraceImage {
    Q_DECLARE_TR_FUNCTIONS(cl::ui::TraceImage)
};

QString metadataText(const trace::TraceStore &store, const char *key)
{
    const auto it = store.metadata().find(key);
    return it == store.metadata().end() ? QString() : QString::fromStdString(it->second).trimmed();
}

QString defaultTitle(const trace::TraceStore &store)
{
    QString title = metadataText(store, "title");
    if (title.isEmpty())
        title = metadataText(store, "scenario");
    return title.isEmpty() ? TraceImage::tr("Concurrency Lab trace") : title;
}

QString defaultSubtitle(const trace::TraceStore &store)
{
    QStringList lines;
    const QString params = metadataText(store, "params");
    const QString verdict = metadataText(store, "verdict");
    if (!params.isEmpty())
        lines << params;
    if (!verdict.isEmpty())
        lines << verdict;
    return lines.join(QLatin1Char('\n'));
}

QString infoLine(const trace::TraceStore &store)
{
    const auto processes = int(store.processes().size());
    // A model's lane (the GIL) is drawn like a thread but is none.
    const auto workers = int(std::count_if(store.workers().begin(), store.workers().end(),
                                           [](const trace::WorkerTrack &w) { return !trace::isLaneTid(w.tid); }));
    // "Label: number" reads right in every language without plural forms.
    QString info = TraceImage::tr("processes: %1 · threads: %2").arg(processes).arg(workers);
    if (store.endTime() > store.beginTime())
        info += QStringLiteral(" · ") + TraceImage::tr("wall time: %1").arg(formatDuration(store.endTime() - store.beginTime()));
    info += QStringLiteral(" · ") + TraceImage::tr("events: %1").arg(store.eventCount());
    return info;
}

QString droppedLine(const trace::TraceStore &store)
{
    if (store.droppedEvents() == 0)
        return {};
    return TraceImage::tr("Dropped events: %1 (a ring buffer was full); the picture is incomplete.")
        .arg(store.droppedEvents());
}

// Room after the last exit so its "exit 0" label still fits in the picture.
double exitLabelRoom(const trace::TraceStore &store, const QFont &font)
{
    const QFontMetricsF fm(font);
    double room = 0.0;
    for (const auto &w : store.workers()) {
        if (w.exited)
            room = std::max(room, fm.horizontalAdvance(exitStatusText(w.exitValue)) + 12.0);
    }
    return room;
}
} // namespace

QImage renderTraceImage(const trace::TraceStore &store, const TraceImageOptions &options)
{
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        return {};
    const double width = std::max(400, options.width);
    QFont base = QGuiApplication::font();
    base.setPixelSize(12);
    TimelineStyle style = defaultTimelineStyle(base);
    QFont titleFont = base;
    titleFont.setPixelSize(20);
    titleFont.setBold(true);
    QFont subtitleFont = base;
    subtitleFont.setPixelSize(13);
    const TimelinePainter painter(style);

    const QString title = options.title.isEmpty() ? defaultTitle(store) : options.title;
    const QString subtitle = options.subtitle.isEmpty() ? defaultSubtitle(store) : options.subtitle;
    const QString info = infoLine(store);
    const QString dropped = droppedLine(store);
    const double textWidth = width - 2.0 * kMargin;
    const auto wrappedHeight = [&](const QFont &font, const QString &text) {
        if (text.isEmpty())
            return 0.0;
        return QFontMetricsF(font).boundingRect(QRectF(0, 0, textWidth, 1e6), Qt::TextWordWrap, text).height();
    };

    TimelineLayoutOptions layoutOptions;
    layoutOptions.rowHeight = options.rowHeight;
    layoutOptions.labelWidth = options.labelWidth;
    const TimelineLayout layout = TimelineLayout::build(store, layoutOptions);

    // Vertical plan first: the image height depends on it.
    double y = kMargin;
    const QRectF titleRect(kMargin, y, textWidth, wrappedHeight(titleFont, title));
    y = titleRect.bottom() + 4.0;
    const QRectF subtitleRect(kMargin, y, textWidth, wrappedHeight(subtitleFont, subtitle));
    y = subtitleRect.bottom() + (subtitle.isEmpty() ? 0.0 : 4.0);
    const QRectF infoRect(kMargin, y, textWidth, wrappedHeight(style.smallFont, info));
    y = infoRect.bottom() + 2.0;
    const QRectF droppedRect(kMargin, y, textWidth, wrappedHeight(style.smallFont, dropped));
    y = droppedRect.bottom() + 14.0;
    const QRectF legendRect(kMargin, y, textWidth, options.legend ? painter.legendHeight(textWidth) : 0.0);
    y = legendRect.bottom() + (options.legend ? 12.0 : 0.0);
    const double plotLeft = kMargin + layout.labelWidth();
    const QRectF axisRect(plotLeft, y, width - kMargin - plotLeft, QFontMetricsF(style.smallFont).height() + 14.0);
    y = axisRect.bottom();
    const int rowCount = std::max(layout.rowCount(), 3); // an empty trace still gets a body
    const QRectF rowsRect(plotLeft, y, axisRect.width(), rowCount * double(layout.rowHeight()));
    const QRectF labelRect(kMargin, y, layout.labelWidth(), rowsRect.height());
    y = rowsRect.bottom() + 10.0;
    const QString footer = TraceImage::tr("Times are relative to the first event. Made with Concurrency Lab.");
    const QRectF footerRect(kMargin, y, textWidth, QFontMetricsF(style.smallFont).height());
    const double height = footerRect.bottom() + kMargin * 0.75;

    const qreal scale = std::clamp(options.scale, 0.5, 4.0);
    QImage image(QSize(int(std::ceil(width * scale)), int(std::ceil(height * scale))), QImage::Format_RGB32);
    image.setDevicePixelRatio(scale);
    image.fill(style.background);
    QPainter p(&image);
    p.setRenderHint(QPainter::TextAntialiasing, true);

    p.setPen(style.text);
    p.setFont(titleFont);
    p.drawText(titleRect, Qt::TextWordWrap, title);
    p.setFont(subtitleFont);
    p.drawText(subtitleRect, Qt::TextWordWrap, subtitle);
    p.setFont(style.smallFont);
    p.setPen(style.mutedText);
    p.drawText(infoRect, Qt::TextWordWrap, info);
    p.setPen(style.exitBad);
    p.drawText(droppedRect, Qt::TextWordWrap, dropped);
    if (options.legend)
        painter.paintLegend(p, legendRect);

    TimeAxis axis(0, TimeAxis::kMinSpanNs, axisRect.width(), axisRect.left());
    if (store.endTime() > store.beginTime()) {
        const std::uint64_t span = store.endTime() - store.beginTime();
        const double room = std::min(exitLabelRoom(store, style.smallFont), axisRect.width() / 3.0);
        const auto pad = std::uint64_t(double(span) * room / (axisRect.width() - room));
        axis.setRange(store.beginTime(), store.endTime() + pad);
    }
    DrawListOptions listOptions;
    listOptions.yOrigin = rowsRect.top();
    listOptions.flows = options.flows;
    const DrawList list = buildDrawList(store, layout, axis, listOptions);
    TimelineFrame frame;
    frame.axisRect = axisRect;
    frame.labelRect = labelRect;
    frame.rowsRect = rowsRect;
    frame.origin = store.beginTime();
    frame.store = &store;
    painter.paintFrame(p, layout, list, axis, frame);
    p.setPen(style.separator);
    p.drawLine(QPointF(kMargin, rowsRect.bottom() + 0.5), QPointF(rowsRect.right(), rowsRect.bottom() + 0.5));
    if (layout.rowCount() == 0) {
        p.setPen(style.mutedText);
        p.drawText(rowsRect, Qt::AlignCenter, TraceImage::tr("The trace is empty."));
    }
    p.setFont(style.smallFont);
    p.setPen(style.mutedText);
    p.drawText(footerRect, Qt::AlignRight | Qt::AlignVCenter, footer);
    p.end();
    return image;
}

bool saveTracePng(const trace::TraceStore &store, const TraceImageOptions &options, const QString &path,
                  QString *error)
{
    const QImage image = renderTraceImage(store, options);
    if (image.isNull()) {
        if (error)
            *error = TraceImage::tr("Cannot render the trace: no GUI application (fonts) is available.");
        return false;
    }
    QImageWriter writer(path, "png");
    if (!writer.write(image)) {
        if (error)
            *error = writer.errorString(); // callers name the path themselves
        return false;
    }
    return true;
}

} // namespace cl::ui
