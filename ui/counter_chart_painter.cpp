#include "ui/counter_chart_painter.h"
#include "ui/chart_points.h"
#include "ui/charts_panel_p.h"

#include <QFontMetricsF>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>

namespace cl::ui {

namespace {
constexpr double kPad = 8.0; // inside the plot, above the top and below the bottom value

std::optional<std::int64_t> metric(const trace::TraceStore &store, const std::string &key)
{
    const auto it = store.metadata().find("metric:" + key);
    if (it == store.metadata().end())
        return std::nullopt;
    std::int64_t v = 0;
    const std::string &s = it->second;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || ptr != s.data() + s.size())
        return std::nullopt;
    return v;
}

// A 1-2-5 step giving about `ticks` intervals over span.
double niceStep(double span, int ticks)
{
    const double raw = std::max(1.0, span / std::max(1, ticks));
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (raw <= m * magnitude)
            return m * magnitude;
    return 10.0 * magnitude;
}
} // namespace

std::vector<CounterChart> counterCharts(const trace::TraceStore &store)
{
    std::vector<const trace::CounterTrack *> tracks;
    for (const auto &c : store.counters())
        if (c.kind == trace::CounterTrack::Kind::Value && !c.samples.empty())
            tracks.push_back(&c);
    std::sort(tracks.begin(), tracks.end(), [](auto *a, auto *b) { return a->key < b->key; });
    std::vector<CounterChart> charts;
    for (std::size_t i = 0; i < tracks.size(); ++i) {
        CounterChart c;
        c.track = tracks[i];
        c.title = counterDisplayName(store, c.track->key);
        c.colour = QColor::fromRgb(charts_detail::kCounterColors[i % std::size(charts_detail::kCounterColors)]);
        // Where a correct run ends: the gap to it is the lesson.
        if (c.track->key == trace::counter_id::SharedValue) {
            if (const auto expected = metric(store, "expected")) {
                c.hasReference = true;
                c.reference = *expected;
                c.referenceLabel = CounterChartPainter::tr("expected: %1").arg(QLocale().toString(qint64(*expected)));
            }
        } else if (c.track->key == trace::counter_id::TicketsLeft) {
            const auto tickets = metric(store, "tickets");
            const auto sold = metric(store, "sold");
            if (tickets && sold) {
                c.hasReference = true;
                c.reference = *tickets - *sold;
                c.referenceLabel = CounterChartPainter::tr("left if every sale counted: %1")
                                       .arg(QLocale().toString(qint64(c.reference)));
            }
        }
        charts.push_back(std::move(c));
    }
    return charts;
}

CounterChartScale CounterChartPainter::paint(QPainter &p, const CounterChart &chart, const TimeAxis &axis,
                                             const QRectF &labelColumn, const QRectF &plot, std::uint64_t origin,
                                             std::uint64_t holdUntil) const
{
    if (!chart.track)
        return {};
    const auto &samples = chart.track->samples;
    std::int64_t lo = 0, hi = 1;
    for (const auto &s : samples) {
        lo = std::min(lo, s.value);
        hi = std::max(hi, s.value);
    }
    if (chart.hasReference) {
        lo = std::min(lo, chart.reference);
        hi = std::max(hi, chart.reference);
    }
    const double step = niceStep(double(hi - lo), 3);
    const double bottom = std::floor(double(lo) / step) * step;
    const double top = std::max(bottom + step, std::ceil(double(hi) / step) * step);
    const QRectF inner = plot.adjusted(0, kPad, 0, -kPad);
    const auto yOf = [&](double v) { return inner.bottom() - (v - bottom) / (top - bottom) * inner.height(); };

    p.save();
    p.setRenderHint(QPainter::Antialiasing, true);
    const QFontMetricsF smallFm(m_style.smallFont);

    // Scale: grid lines across the plot, values right-aligned in the label column.
    p.setFont(m_style.smallFont);
    for (double v = bottom; v <= top + step / 2; v += step) {
        const double y = std::round(yOf(v)) + 0.5;
        p.setPen(QPen(m_style.grid, 1.0));
        p.drawLine(QPointF(plot.left(), y), QPointF(axis.right(), y));
        p.setPen(m_style.mutedText);
        const QString text = QLocale().toString(qint64(v));
        p.drawText(QRectF(labelColumn.left(), y - smallFm.height() / 2, labelColumn.width() - 8.0, smallFm.height()),
                   Qt::AlignRight | Qt::AlignVCenter, text);
    }
    for (const auto &t : axisTicks(axis, origin, TimelinePainter(m_style).tickSpacing())) {
        const double x = std::round(t.x) + 0.5;
        p.setPen(QPen(m_style.grid, 1.0));
        p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
    }
    QFont titleFont = m_style.labelFont;
    titleFont.setBold(true);
    p.setFont(titleFont);
    p.setPen(m_style.text);
    const QRectF titleRect(labelColumn.left() + 6.0, plot.top(), labelColumn.width() - 60.0, plot.height());
    p.drawText(titleRect, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, chart.title);
    // The swatch ties the title to its line.
    p.fillRect(QRectF(labelColumn.left() + 6.0, plot.top() + QFontMetricsF(titleFont).height() + 4.0, 18.0, 3.0),
               chart.colour);

    p.setClipRect(plot.adjusted(-1, -1, 1, 1));
    if (chart.hasReference) {
        const double y = std::round(yOf(double(chart.reference))) + 0.5;
        p.setPen(QPen(m_style.mutedText, 1.2, Qt::DashLine));
        p.drawLine(QPointF(axis.left(), y), QPointF(axis.right(), y));
        p.setFont(m_style.smallFont);
        const double w = smallFm.horizontalAdvance(chart.referenceLabel) + 8.0;
        // Above the line where there is room, else below it.
        const double textTop = y - smallFm.height() - 2.0 >= plot.top() ? y - smallFm.height() - 2.0 : y + 2.0;
        const QRectF box(axis.left() + 6.0, textTop, w, smallFm.height());
        p.fillRect(box, QColor(255, 255, 255, 220));
        p.setPen(m_style.mutedText);
        p.drawText(box, Qt::AlignCenter, chart.referenceLabel);
    }

    ChartPointsOptions options;
    options.begin = axis.begin();
    options.end = axis.end();
    options.origin = axis.begin();
    options.maxPoints = std::max(64, int(axis.width() * 2));
    options.step = true;
    options.holdUntil = holdUntil;
    const QList<QPointF> points = chartPoints(samples, options);
    if (!points.isEmpty()) {
        const auto xOf = [&](double ms) { return axis.left() + ms * 1e6 / axis.nsPerPixel(); };
        QPainterPath path(QPointF(xOf(points.first().x()), yOf(points.first().y())));
        for (qsizetype i = 1; i < points.size(); ++i)
            path.lineTo(xOf(points[i].x()), yOf(points[i].y()));
        QPen pen(chart.colour, 2.0);
        pen.setJoinStyle(Qt::MiterJoin);
        pen.setCapStyle(Qt::FlatCap);
        p.setPen(pen);
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);

        // The value the run ended with, beside the line's end.
        const QPointF end(xOf(points.last().x()), yOf(points.last().y()));
        const QString text = QLocale().toString(qint64(std::llround(points.last().y())));
        QFont bold = m_style.smallFont;
        bold.setBold(true);
        p.setFont(bold);
        const QFontMetricsF fm(bold);
        QRectF box(end.x() + 5.0, end.y() - fm.height() / 2.0, fm.horizontalAdvance(text) + 4.0, fm.height());
        if (box.right() > plot.right())
            box.moveRight(end.x() - 5.0);
        box.moveTop(std::clamp(box.top(), plot.top(), plot.bottom() - box.height()));
        p.fillRect(box, QColor(255, 255, 255, 220));
        p.setPen(chart.colour);
        p.drawText(box, Qt::AlignCenter, text);
    }
    p.restore();
    return CounterChartScale{inner, bottom, top};
}

void CounterChartPainter::paintBottomAxis(QPainter &p, const TimeAxis &axis, std::uint64_t origin,
                                          const QRectF &rect) const
{
    p.save();
    p.setFont(m_style.smallFont);
    const QFontMetricsF fm(m_style.smallFont);
    p.setPen(m_style.separator);
    p.drawLine(QPointF(axis.left(), rect.top() + 0.5), QPointF(axis.right(), rect.top() + 0.5));
    for (const auto &t : axisTicks(axis, origin, TimelinePainter(m_style).tickSpacing())) {
        const double x = std::round(t.x) + 0.5;
        p.setPen(m_style.mutedText);
        p.drawLine(QPointF(x, rect.top()), QPointF(x, rect.top() + 5.0));
        const double w = fm.horizontalAdvance(t.label);
        const double left = std::max(axis.left(), std::min(x - w / 2.0, axis.right() - w));
        p.setPen(m_style.text);
        p.drawText(QPointF(left, rect.top() + 7.0 + fm.ascent()), t.label);
    }
    p.restore();
}

} // namespace cl::ui
