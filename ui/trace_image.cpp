#include "ui/trace_image.h"
#include "core/scenarios/run_session.h"
#include "ui/counter_chart_painter.h"
#include "ui/timeline_draw_list.h"
#include "ui/timeline_layout.h"
#include "ui/timeline_painter.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFontMetricsF>
#include <QGuiApplication>
#include <QImageWriter>
#include <QLocale>
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

QColor verdictColour(const trace::TraceStore &store, const TimelineStyle &style)
{
    const QString problem = metadataText(store, "problem");
    if (problem == QLatin1String("1"))
        return style.exitBad;
    if (problem == QLatin1String("0"))
        return QColor(0x1b, 0x5e, 0x20); // the summary's "good" green
    return style.text;
}

QString infoLine(const trace::TraceStore &store, const scenarios::RunWindow &window)
{
    const auto processes = int(store.processes().size());
    // A model's lane (the GIL) is drawn like a thread but is none.
    const auto workers = int(std::count_if(store.workers().begin(), store.workers().end(),
                                           [](const trace::WorkerTrack &w) { return !trace::isLaneTid(w.tid); }));
    // "Label: number" reads right in every language without plural forms.
    QString info = TraceImage::tr("processes: %1 · threads: %2").arg(processes).arg(workers);
    // Formatted as the summary formats wall_ms: the same number, the same text.
    if (window.end > window.begin)
        info += QStringLiteral(" · ") + TraceImage::tr("wall time: %1 ms").arg(QLocale().toString(window.ms(), 'f', 1));
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

// Room right of the run's end for what is labelled there: "exit 0" marks,
// a counter's last value, the end-of-run label.
double labelRoom(const trace::TraceStore &store, const QFont &font, const std::vector<CounterChart> &charts,
                 const QString &endLabel)
{
    const QFontMetricsF fm(font);
    double room = fm.horizontalAdvance(endLabel) + 10.0;
    for (const auto &w : store.workers()) {
        if (w.exited)
            room = std::max(room, fm.horizontalAdvance(exitStatusText(w.exitValue)) + 12.0);
    }
    QFont bold = font;
    bold.setBold(true);
    const QFontMetricsF boldFm(bold);
    for (const auto &c : charts)
        if (!c.track->samples.empty())
            room = std::max(room, boldFm.horizontalAdvance(QLocale().toString(qint64(c.track->samples.back().value))) + 14.0);
    return room;
}

QString defaultParams(const trace::TraceStore &store) { return metadataText(store, "params"); }

QString recordedAt(const trace::TraceStore &store)
{
    const QDateTime when = QDateTime::fromString(metadataText(store, "recorded_at"), Qt::ISODate);
    if (!when.isValid())
        return {};
    return TraceImage::tr("recorded %1").arg(QLocale().toString(when.toLocalTime(), QLocale::ShortFormat));
}
} // namespace

bool paintTraceImage(const trace::TraceStore &store, const TraceImageOptions &options,
                     const TracePainterFactory &begin, TraceImageReport *report)
{
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        return false;
    const double width = std::max(400, options.width);
    QFont base = QGuiApplication::font();
    base.setPixelSize(12);
    TimelineStyle style = defaultTimelineStyle(base);
    QFont titleFont = base;
    titleFont.setPixelSize(20);
    titleFont.setBold(true);
    QFont subtitleFont = base;
    subtitleFont.setPixelSize(13);
    QFont verdictFont = base;
    verdictFont.setPixelSize(15);
    verdictFont.setBold(true);
    const TimelinePainter timelinePainter(style);
    const CounterChartPainter chartPainter(style);

    const scenarios::RunWindow window = scenarios::runWindow(store);
    const QString title = options.title.isEmpty() ? defaultTitle(store) : options.title;
    QString subtitle = options.subtitle.isEmpty() ? defaultParams(store) : options.subtitle;
    // When it was recorded, so a picture on a slide says which run it shows.
    if (const QString recorded = recordedAt(store); !recorded.isEmpty())
        subtitle += (subtitle.isEmpty() ? QString() : QStringLiteral(" · ")) + recorded;
    const bool ranged = options.rangeEnd > options.rangeBegin;
    const QString verdict = options.verdict.isEmpty() ? metadataText(store, "verdict") : options.verdict;
    QString info = infoLine(store, window);
    if (ranged)
        info += QStringLiteral(" · ") +
                TraceImage::tr("shown: %1–%2 ms")
                    .arg(QLocale().toString(double(options.rangeBegin - std::min(options.rangeBegin, window.begin)) / 1e6, 'f', 3),
                         QLocale().toString(double(options.rangeEnd - std::min(options.rangeEnd, window.begin)) / 1e6, 'f', 3));
    const QString dropped = droppedLine(store);
    const QString endLabel = window.finished ? TraceImage::tr("end: %1 ms").arg(QLocale().toString(window.ms(), 'f', 1))
                                             : QString();
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
    TimelineIndex index;
    index.update(store);
    const LegendContent legend = legendContent(store, index, options.flows);
    const bool showLegend = options.legend && !legend.isEmpty();
    const std::vector<CounterChart> charts = options.counters ? counterCharts(store) : std::vector<CounterChart>();

    // Vertical plan first: the image height depends on it.
    double y = kMargin;
    const QRectF titleRect(kMargin, y, textWidth, wrappedHeight(titleFont, title));
    y = titleRect.bottom() + 4.0;
    const QRectF subtitleRect(kMargin, y, textWidth, wrappedHeight(subtitleFont, subtitle));
    y = subtitleRect.bottom() + (subtitle.isEmpty() ? 0.0 : 6.0);
    const QRectF verdictRect(kMargin, y, textWidth, wrappedHeight(verdictFont, verdict));
    y = verdictRect.bottom() + (verdict.isEmpty() ? 0.0 : 6.0);
    const QRectF infoRect(kMargin, y, textWidth, wrappedHeight(style.smallFont, info));
    y = infoRect.bottom() + 2.0;
    const QRectF droppedRect(kMargin, y, textWidth, wrappedHeight(style.smallFont, dropped));
    y = droppedRect.bottom() + 14.0;
    const QRectF legendRect(kMargin, y, textWidth, showLegend ? timelinePainter.legendHeight(textWidth, legend) : 0.0);
    y = legendRect.bottom() + (showLegend ? 12.0 : 0.0);
    const double plotLeft = kMargin + layout.labelWidth();
    const double plotWidth = width - kMargin - plotLeft;
    const double room = std::min(labelRoom(store, style.smallFont, charts, endLabel), plotWidth / 3.0);
    // The axis ends where the run ended; the room after it holds labels only.
    const QRectF axisRect(plotLeft, y, plotWidth - room, QFontMetricsF(style.smallFont).height() + 14.0);
    y = axisRect.bottom();
    const int rowCount = std::max(layout.rowCount(), 3); // an empty trace still gets a body
    const QRectF rowsRect(plotLeft, y, plotWidth, rowCount * double(layout.rowHeight()));
    const QRectF labelRect(kMargin, y, layout.labelWidth(), rowsRect.height());
    y = rowsRect.bottom();
    std::vector<QRectF> chartRects;
    for (std::size_t i = 0; i < charts.size(); ++i) {
        y += 10.0;
        chartRects.emplace_back(plotLeft, y, plotWidth, CounterChartPainter::kHeight);
        y += CounterChartPainter::kHeight;
    }
    const QRectF bottomAxisRect(plotLeft, y, plotWidth, charts.empty() ? 0.0 : QFontMetricsF(style.smallFont).height() + 10.0);
    y = bottomAxisRect.bottom() + 10.0;
    const QString footer = TraceImage::tr("Times are relative to the first event. Made with Concurrency Lab.");
    const QRectF footerRect(kMargin, y, textWidth, QFontMetricsF(style.smallFont).height());
    const double height = footerRect.bottom() + kMargin * 0.75;

    QPainter *painter = begin(QSizeF(width, height));
    if (!painter)
        return false;
    QPainter &p = *painter;
    p.fillRect(QRectF(0, 0, width, height), style.background);
    p.setRenderHint(QPainter::TextAntialiasing, true);

    p.setPen(style.text);
    p.setFont(titleFont);
    p.drawText(titleRect, Qt::TextWordWrap, title);
    p.setFont(subtitleFont);
    p.setPen(style.mutedText);
    p.drawText(subtitleRect, Qt::TextWordWrap, subtitle);
    p.setFont(verdictFont);
    p.setPen(verdictColour(store, style));
    p.drawText(verdictRect, Qt::TextWordWrap, verdict);
    p.setFont(style.smallFont);
    p.setPen(style.mutedText);
    p.drawText(infoRect, Qt::TextWordWrap, info);
    p.setPen(style.exitBad);
    p.drawText(droppedRect, Qt::TextWordWrap, dropped);
    if (showLegend)
        timelinePainter.paintLegend(p, legendRect, legend);

    TimeAxis axis(0, TimeAxis::kMinSpanNs, axisRect.width(), axisRect.left());
    if (ranged)
        axis.setRange(options.rangeBegin, options.rangeEnd);
    else if (window.end > window.begin)
        axis.setRange(window.begin, window.end);
    DrawListOptions listOptions;
    listOptions.yOrigin = rowsRect.top();
    listOptions.flows = options.flows;
    listOptions.openEnd = window.finished ? window.end : 0;
    DrawList list = buildDrawList(store, layout, axis, listOptions, &index);
    // Exit labels may use the room after the run's end.
    list.plot.setRight(rowsRect.right());
    TimelineFrame frame;
    frame.axisRect = axisRect;
    frame.labelRect = labelRect;
    frame.rowsRect = rowsRect;
    frame.origin = window.begin;
    frame.store = &store;
    timelinePainter.paintFrame(p, layout, list, axis, frame);
    p.setPen(style.separator);
    p.drawLine(QPointF(kMargin, rowsRect.bottom() + 0.5), QPointF(rowsRect.right(), rowsRect.bottom() + 0.5));
    if (layout.rowCount() == 0) {
        p.setPen(style.mutedText);
        p.drawText(rowsRect, Qt::AlignCenter, TraceImage::tr("The trace is empty."));
    }

    std::vector<TraceImageReport::Chart> chartReports;
    for (std::size_t i = 0; i < charts.size(); ++i) {
        const QRectF &plot = chartRects[i];
        const CounterChartScale scale = chartPainter.paint(
            p, charts[i], axis, QRectF(kMargin, plot.top(), layout.labelWidth(), plot.height()), plot, window.begin,
            window.end);
        chartReports.push_back({charts[i].title, scale.valueRect, scale.bottom, scale.top});
        p.setPen(style.separator);
        p.drawLine(QPointF(kMargin, plot.bottom() + 0.5), QPointF(plot.right(), plot.bottom() + 0.5));
    }
    if (!charts.empty())
        chartPainter.paintBottomAxis(p, axis, window.begin, bottomAxisRect);

    if (window.finished && (!ranged || (window.end >= options.rangeBegin && window.end <= options.rangeEnd))) {
        // Where the run ended, through the rows and the charts alike.
        const double x = std::round(axis.right()) + 0.5;
        const double bottom = charts.empty() ? rowsRect.bottom() : chartRects.back().bottom();
        p.setPen(QPen(style.mutedText, 1.0, Qt::DashLine));
        p.drawLine(QPointF(x, axisRect.top() + 4.0), QPointF(x, bottom));
        p.setFont(style.smallFont);
        p.setPen(style.text);
        const QFontMetricsF fm(style.smallFont);
        p.drawText(QPointF(x + 4.0, axisRect.bottom() - 8.0 - fm.descent()), endLabel);
    }

    p.setFont(style.smallFont);
    p.setPen(style.mutedText);
    p.drawText(footerRect, Qt::AlignRight | Qt::AlignVCenter, footer);
    p.end();
    if (report) {
        report->axisBegin = axis.begin();
        report->axisEnd = axis.end();
        report->axisRect = axisRect;
        report->infoLine = info;
        report->verdict = verdict;
        report->legend = showLegend ? timelinePainter.legendTexts(legend) : QStringList();
        report->charts = std::move(chartReports);
    }
    return true;
}

QImage renderTraceImage(const trace::TraceStore &store, const TraceImageOptions &options, TraceImageReport *report)
{
    QImage image;
    QPainter painter;
    const qreal scale = std::clamp(options.scale, 0.5, 4.0);
    const bool ok = paintTraceImage(
        store, options,
        [&](const QSizeF &size) -> QPainter * {
            image = QImage(QSize(int(std::ceil(size.width() * scale)), int(std::ceil(size.height() * scale))),
                           QImage::Format_RGB32);
            image.setDevicePixelRatio(scale);
            return painter.begin(&image) ? &painter : nullptr;
        },
        report);
    return ok ? image : QImage();
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
