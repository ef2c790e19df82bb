// ChartsPanel: building a chart strip and placing its plot area, title and
// legend so the plot lines up with the timeline above it.
#include "ui/charts_panel.h"
#include "ui/charts_panel_p.h"

#include <QChart>
#include <QChartView>
#include <QFontMetricsF>
#include <QGraphicsLayout>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QLegend>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>

namespace cl::ui {

using namespace charts_detail;

std::unique_ptr<ChartsPanel::Strip> ChartsPanel::createStrip(const QString &objectName)
{
    auto strip = std::make_unique<Strip>();
    strip->chart = new QChart;
    strip->chart->setMargins(QMargins(0, 0, 0, 0));
    strip->chart->layout()->setContentsMargins(0, 0, 0, 0);
    strip->chart->setBackgroundRoundness(0);
    strip->chart->setBackgroundBrush(kBackground);
    strip->chart->setAnimationOptions(QChart::NoAnimation);
    QFont small = font();
    small.setPointSizeF(std::max(7.0, small.pointSizeF() * 0.85));

    strip->x = new QValueAxis(strip->chart);
    strip->y = new QValueAxis(strip->chart);
    for (QValueAxis *a : {strip->x, strip->y}) {
        a->setLabelsFont(small);
        a->setLabelsColor(kMuted);
        a->setGridLineColor(kGrid);
        a->setLinePenColor(kAxisLine);
        a->setMinorGridLineVisible(false);
    }
    strip->x->setTickType(QValueAxis::TicksDynamic);
    strip->x->setTickAnchor(0);
    strip->x->setTickInterval(200);
    strip->x->setRange(0, 1000);
    strip->y->setTickCount(3);
    strip->y->setLabelFormat(QStringLiteral("%.0f"));
    strip->chart->addAxis(strip->x, Qt::AlignBottom);
    strip->chart->addAxis(strip->y, Qt::AlignLeft);

    // The legend is drawn by layoutLegend() in the left column, where the
    // timeline has its row labels, so the plot keeps the full time width.
    strip->chart->legend()->hide();
    strip->legendFont = small;

    strip->title = new QGraphicsSimpleTextItem(strip->chart);
    QFont titleFont = font();
    titleFont.setBold(true);
    strip->title->setFont(titleFont);
    strip->title->setBrush(kText);

    strip->view = new QChartView(strip->chart, this);
    strip->view->setObjectName(objectName);
    strip->view->setRenderHint(QPainter::Antialiasing);
    strip->view->setFrameShape(QFrame::NoFrame);
    strip->view->setMinimumHeight(80);
    strip->view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    strip->view->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    strip->view->installEventFilter(this);
    return strip;
}

void ChartsPanel::layoutStrip(Strip &strip)
{
    const QSizeF size = strip.view->viewport()->size();
    const double bottom = strip.xLabels ? kBottomPadWithLabels : kBottomPad;
    const double width = std::max(10.0, size.width() - m_left - m_right);
    const double height = std::max(10.0, size.height() - kTopPad - bottom);
    strip.chart->setPlotArea(QRectF(m_left, kTopPad, width, height));
    strip.x->setLabelsVisible(strip.xLabels);
    strip.title->setPos(8, 4);
    layoutLegend(strip);
}

void ChartsPanel::layoutLegend(Strip &strip)
{
    // Entries flow left to right under the title, wrapping inside the label
    // column; when they do not fit (many cores), one line says how many.
    for (auto &entry : strip.legend) {
        delete entry.swatch;
        delete entry.label;
    }
    strip.legend.clear();
    const double left = 8;
    const double right = std::max(left + 40, double(m_left - kYLabelRoom));
    const double bottom = strip.view->viewport()->height() - 4;
    const QFontMetricsF fm(strip.legendFont);
    const double lineHeight = fm.height() + 2;
    const double swatch = 12;
    double x = left, y = 4 + kTitleHeight + 2;
    bool fits = true;
    std::vector<std::pair<QString, QColor>> entries;
    for (const auto &[key, series] : strip.series)
        entries.emplace_back(series->name(), series->pen().color());
    for (const auto &[name, colour] : entries) {
        const double w = swatch + 4 + fm.horizontalAdvance(name) + 10;
        if (x > left && x + w > right) {
            x = left;
            y += lineHeight;
        }
        if (y + lineHeight > bottom)
            fits = false;
        x += w;
    }
    if (!fits && entries.size() > 1) {
        const QString text = tr("%n series", nullptr, int(entries.size()));
        entries = {{text, kMuted}};
    }
    x = left;
    y = 4 + kTitleHeight + 2;
    for (const auto &[name, colour] : entries) {
        const double w = swatch + 4 + fm.horizontalAdvance(name) + 10;
        if (x > left && x + w > right) {
            x = left;
            y += lineHeight;
        }
        Strip::LegendEntry entry;
        entry.swatch = new QGraphicsRectItem(x, y + lineHeight / 2 - 2, swatch, 4, strip.chart);
        entry.swatch->setBrush(colour);
        entry.swatch->setPen(Qt::NoPen);
        entry.label = new QGraphicsSimpleTextItem(name, strip.chart);
        entry.label->setFont(strip.legendFont);
        entry.label->setBrush(kText);
        entry.label->setPos(x + swatch + 4, y + (lineHeight - fm.height()) / 2);
        strip.legend.push_back(entry);
        x += w;
    }
}

} // namespace cl::ui
