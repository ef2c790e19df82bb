#include "ui/compare_image.h"
#include "core/scenarios/compare_report.h"
#include "ui/compare_bands.h"
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

class CompareImage {
    Q_DECLARE_TR_FUNCTIONS(cl::ui::CompareImage)
};

const QColor kBar(0x3b, 0x6e, 0xa8);
const QColor kBarFirst(0x8a, 0x99, 0xab);

// The table's columns for the picture: the compared figures; the lesson's
// own metrics stay in the view, the CSV and the JSON.
QList<scenarios::CompareColumn> pictureColumns(const scenarios::CompareSet &set)
{
    QList<scenarios::CompareColumn> cols = scenarios::CompareReport::columns(set);
    cols.erase(std::remove_if(cols.begin(), cols.end(),
                              [](const scenarios::CompareColumn &c) { return c.key.startsWith(QLatin1String("metric:")); }),
               cols.end());
    return cols;
}

struct TablePlan {
    QList<scenarios::CompareColumn> columns;
    std::vector<double> widths;
    double rowHeight = 0.0;
    double width() const
    {
        double w = 0.0;
        for (double c : widths)
            w += c;
        return w;
    }
    double height(std::size_t runs) const { return rowHeight * double(runs + 1); }
};

TablePlan planTable(const scenarios::CompareSet &set, const QFont &font, const QFont &headerFont)
{
    TablePlan t;
    t.columns = pictureColumns(set);
    const QFontMetricsF fm(font), hfm(headerFont);
    t.rowHeight = std::max(fm.height(), hfm.height()) + 10.0;
    for (const auto &c : t.columns) {
        double w = hfm.horizontalAdvance(c.title);
        for (const auto &r : set.runs)
            w = std::max(w, fm.horizontalAdvance(scenarios::CompareReport::text(set, r, c.key)));
        t.widths.push_back(w + 20.0);
    }
    return t;
}

void paintTable(QPainter &p, const scenarios::CompareSet &set, const TablePlan &t, const QPointF &at,
                const TimelineStyle &style, const QFont &headerFont)
{
    double y = at.y();
    for (std::size_t row = 0; row <= set.runs.size(); ++row) {
        const QRectF line(at.x(), y, t.width(), t.rowHeight);
        if (row == 0)
            p.fillRect(line, QColor(0xe3, 0xe8, 0xef));
        else if (row % 2 == 0)
            p.fillRect(line, style.bandOdd);
        double x = at.x();
        for (qsizetype c = 0; c < t.columns.size(); ++c) {
            const double w = t.widths[std::size_t(c)];
            const QRectF cell(x + 10.0, y, w - 20.0, t.rowHeight);
            const Qt::Alignment align = Qt::AlignVCenter | (c == 0 ? Qt::AlignLeft : Qt::AlignRight);
            p.setFont(row == 0 ? headerFont : style.labelFont);
            p.setPen(style.text);
            const QString text = row == 0 ? t.columns[c].title
                                          : scenarios::CompareReport::text(set, set.runs[row - 1], t.columns[c].key);
            p.drawText(cell, align, text);
            x += w;
        }
        y += t.rowHeight;
    }
    p.setPen(style.separator);
    p.drawRect(QRectF(at.x() + 0.5, at.y() + 0.5, t.width() - 1.0, y - at.y() - 1.0));
}
} // namespace

void paintSpeedupBars(QPainter &p, const scenarios::CompareSet &set, const QRectF &rect, std::vector<QRectF> *barRects)
{
    const TimelineStyle style = defaultTimelineStyle(p.font());
    QFont font = p.font();
    const QFontMetricsF fm(font);
    double top = 1.0;
    for (const auto &r : set.runs)
        top = std::max(top, r.figures.speedup);
    top = std::ceil(top * 1.15 * 2.0) / 2.0; // room for the value labels, in halves
    const double labelH = fm.height() + 6.0;
    const QRectF plot(rect.left() + fm.horizontalAdvance(QStringLiteral("00.0×")) + 8.0, rect.top() + labelH,
                      0.0, rect.height() - 2.0 * labelH);
    const QRectF area(plot.left(), plot.top(), rect.right() - plot.left(), plot.height());
    const auto yOf = [&](double v) { return area.bottom() - v / top * area.height(); };
    p.save();
    p.setRenderHint(QPainter::Antialiasing, true);
    // Axis with a few steps and the 1.0× line: "as fast as the first run".
    const double step = top <= 2.0 ? 0.5 : top <= 5.0 ? 1.0 : 2.0;
    for (double v = 0.0; v <= top + 1e-9; v += step) {
        p.setPen(QPen(style.grid, 1.0));
        p.drawLine(QPointF(area.left(), yOf(v)), QPointF(area.right(), yOf(v)));
        p.setPen(style.mutedText);
        p.drawText(QRectF(rect.left(), yOf(v) - labelH / 2.0, area.left() - rect.left() - 6.0, labelH),
                   Qt::AlignRight | Qt::AlignVCenter, CompareImage::tr("%1×").arg(QLocale().toString(v, 'f', 1)));
    }
    p.setPen(QPen(style.mutedText, 1.0, Qt::DashLine));
    p.drawLine(QPointF(area.left(), yOf(1.0)), QPointF(area.right(), yOf(1.0)));
    const auto n = double(std::max<std::size_t>(1, set.runs.size()));
    const double slot = area.width() / n;
    const double barW = std::min(90.0, slot * 0.6);
    for (std::size_t i = 0; i < set.runs.size(); ++i) {
        const auto &r = set.runs[i];
        const double cx = area.left() + slot * (double(i) + 0.5);
        const QRectF bar(cx - barW / 2.0, yOf(r.figures.speedup), barW, area.bottom() - yOf(r.figures.speedup));
        p.fillRect(bar, i == 0 ? kBarFirst : kBar);
        if (barRects)
            barRects->push_back(bar);
        p.setPen(style.text);
        p.drawText(QRectF(cx - slot / 2.0, bar.top() - labelH, slot, labelH), Qt::AlignHCenter | Qt::AlignBottom,
                   scenarios::CompareReport::text(set, r, QStringLiteral("speedup")));
        p.drawText(QRectF(cx - slot / 2.0, area.bottom() + 2.0, slot, labelH), Qt::AlignHCenter | Qt::AlignTop,
                   fm.elidedText(r.label, Qt::ElideRight, slot - 4.0));
    }
    p.setPen(style.separator);
    p.drawLine(QPointF(area.left(), area.bottom() + 0.5), QPointF(area.right(), area.bottom() + 0.5));
    p.restore();
}

QImage renderCompareImage(const scenarios::CompareSet &set, const CompareImageOptions &options,
                          CompareImageReport *report)
{
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        return {};
    const double width = std::max(700, options.width);
    QFont base = QGuiApplication::font();
    base.setPixelSize(12);
    const TimelineStyle style = defaultTimelineStyle(base);
    QFont titleFont = base;
    titleFont.setPixelSize(20);
    titleFont.setBold(true);
    QFont subtitleFont = base;
    subtitleFont.setPixelSize(13);
    QFont headerFont = style.labelFont;
    headerFont.setBold(true);
    QFont sectionFont = base;
    sectionFont.setPixelSize(14);
    sectionFont.setBold(true);
    const TimelinePainter painter(style);
    const double textWidth = width - 2.0 * kMargin;

    const QString title = !options.title.isEmpty() ? options.title
                          : set.key.isEmpty()
                              ? CompareImage::tr("%1 — runs compared").arg(set.scenarioTitle)
                              : CompareImage::tr("%1 — compared by %2").arg(set.scenarioTitle, set.key);
    const QString subtitle = scenarios::CompareReport::subtitle(set) + QStringLiteral(" · ") +
                             QLocale().toString(QDateTime::currentDateTime(), QLocale::ShortFormat);
    const QString note = CompareImage::tr(
        "Every run is drawn at the same scale: a shorter band finished sooner. Speedup = the first run's wall "
        "time / this run's wall time; efficiency = speedup / workers used (at most the cores).");
    const auto wrapped = [&](const QFont &f, const QString &t) {
        return QFontMetricsF(f).boundingRect(QRectF(0, 0, textWidth, 1e6), Qt::TextWordWrap, t).height();
    };

    double y = kMargin;
    const QRectF titleRect(kMargin, y, textWidth, wrapped(titleFont, title));
    y = titleRect.bottom() + 4.0;
    const QRectF subtitleRect(kMargin, y, textWidth, wrapped(subtitleFont, subtitle));
    y = subtitleRect.bottom() + 4.0;
    const QRectF noteRect(kMargin, y, textWidth, wrapped(style.smallFont, note));
    y = noteRect.bottom() + 12.0;
    CompareBands bands(set, style);
    const LegendContent legend = bands.legend();
    const QRectF legendRect(kMargin, y, textWidth, painter.legendHeight(textWidth, legend));
    y = legendRect.bottom() + (legend.isEmpty() ? 0.0 : 10.0);
    y += bands.layout(kMargin, y, textWidth) + 8.0;

    const TablePlan table = planTable(set, style.labelFont, headerFont);
    const double sectionH = QFontMetricsF(sectionFont).height() + 8.0;
    const double barsMinWidth = 120.0 + 110.0 * double(set.runs.size());
    const bool sideBySide = table.width() + 40.0 + barsMinWidth <= textWidth;
    const QRectF tableTitle(kMargin, y, textWidth, sectionH);
    const QRectF tableRect(kMargin, tableTitle.bottom(), table.width(), table.height(set.runs.size()));
    const double barsHeight = std::max(200.0, tableRect.height());
    QRectF barsTitle, barsRect;
    if (sideBySide) {
        const double left = tableRect.right() + 40.0;
        barsTitle = QRectF(left, y, width - kMargin - left, sectionH);
        barsRect = QRectF(left, tableRect.top(), barsTitle.width(), barsHeight);
        y = std::max(tableRect.bottom(), barsRect.bottom());
    } else {
        barsTitle = QRectF(kMargin, tableRect.bottom() + 16.0, textWidth, sectionH);
        barsRect = QRectF(kMargin, barsTitle.bottom(), std::min(textWidth, barsMinWidth + 200.0), barsHeight);
        y = barsRect.bottom();
    }
    const QRectF footerRect(kMargin, y + 12.0, textWidth, QFontMetricsF(style.smallFont).height());
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
    p.setPen(style.mutedText);
    p.drawText(subtitleRect, Qt::TextWordWrap, subtitle);
    p.setFont(style.smallFont);
    p.drawText(noteRect, Qt::TextWordWrap, note);
    if (!legend.isEmpty())
        painter.paintLegend(p, legendRect, legend);
    bands.paint(p);

    p.setFont(sectionFont);
    p.setPen(style.text);
    p.drawText(tableTitle, Qt::AlignLeft | Qt::AlignVCenter, CompareImage::tr("Figures"));
    paintTable(p, set, table, tableRect.topLeft(), style, headerFont);
    p.setFont(sectionFont);
    p.setPen(style.text);
    p.drawText(barsTitle, Qt::AlignLeft | Qt::AlignVCenter, CompareImage::tr("Speedup against the first run"));
    p.setFont(style.labelFont);
    std::vector<QRectF> barRects;
    paintSpeedupBars(p, set, barsRect, &barRects);
    p.setFont(style.smallFont);
    p.setPen(style.mutedText);
    p.drawText(footerRect, Qt::AlignRight | Qt::AlignVCenter,
               CompareImage::tr("Times are relative to each run's first event. Made with Concurrency Lab."));
    p.end();
    if (report) {
        report->bandRows.clear();
        for (const CompareBand &b : bands.bands())
            report->bandRows.push_back(b.rows);
        report->table = tableRect;
        report->bars = barsRect;
        report->barRects = barRects;
    }
    return image;
}

bool saveCompareImage(const scenarios::CompareSet &set, const CompareImageOptions &options, const QString &path,
                      QString *error)
{
    const QImage image = renderCompareImage(set, options);
    if (image.isNull()) {
        if (error)
            *error = CompareImage::tr("Cannot render the comparison: no GUI application (fonts) is available.");
        return false;
    }
    QImageWriter writer(path, "png");
    if (!writer.write(image)) {
        if (error)
            *error = writer.errorString();
        return false;
    }
    return true;
}

} // namespace cl::ui
