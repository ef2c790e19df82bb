#include "ui/compare_bands.h"
#include "core/scenarios/compare_report.h"
#include "ui/timeline_draw_list.h"
#include "ui/timeline_layout.h"

#include <QFontMetricsF>
#include <QLocale>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace cl::ui {

CompareBands::CompareBands(const scenarios::CompareSet &set, const TimelineStyle &style,
                           const CompareBandsOptions &options)
    : m_set(set), m_style(style), m_options(options)
{
    for (const scenarios::CompareRun &r : set.runs)
        if (r.store) {
            const scenarios::RunWindow w = scenarios::runWindow(*r.store);
            m_spanNs = std::max(m_spanNs, w.end > w.begin ? w.end - w.begin : 0);
        }
    m_spanNs = std::max<std::uint64_t>(m_spanNs, TimeAxis::kMinSpanNs);
}

double CompareBands::layout(double left, double top, double width)
{
    m_bands.clear();
    const double plotLeft = left + m_options.labelWidth;
    const double plotWidth = std::max(50.0, width - m_options.labelWidth - m_options.endRoom);
    m_axisRect = QRectF(plotLeft, top, plotWidth, m_options.axisHeight);
    double y = m_axisRect.bottom();
    TimelineLayoutOptions layoutOptions;
    layoutOptions.rowHeight = m_options.rowHeight;
    layoutOptions.labelWidth = m_options.labelWidth;
    for (std::size_t i = 0; i < m_set.runs.size(); ++i) {
        const scenarios::CompareRun &r = m_set.runs[i];
        CompareBand b;
        b.run = int(i);
        b.header = QRectF(left, y, width, m_options.headerHeight);
        y = b.header.bottom();
        const int rows = r.store ? std::max(1, TimelineLayout::build(*r.store, layoutOptions).rowCount()) : 1;
        b.rows = QRectF(plotLeft, y, width - m_options.labelWidth, rows * double(m_options.rowHeight));
        b.labels = QRectF(left, y, m_options.labelWidth, b.rows.height());
        const std::uint64_t begin = r.store ? scenarios::runWindow(*r.store).begin : 0;
        b.axis = TimeAxis(begin, begin + m_spanNs, plotWidth, plotLeft);
        y = b.rows.bottom() + m_options.gap;
        m_bands.push_back(b);
    }
    m_height = y - top;
    return m_height;
}

QString CompareBands::headerText(int run) const
{
    const scenarios::CompareRun &r = m_set.runs[std::size_t(run)];
    const QLocale locale;
    const QString name = m_set.key.isEmpty() ? r.label : m_set.key + QStringLiteral(" = ") + r.label;
    QString text = tr("%1 · wall %2 ms · speedup %3")
                       .arg(name, locale.toString(r.figures.wallMs, 'f', 1),
                            scenarios::CompareReport::text(m_set, r, QStringLiteral("speedup")));
    if (r.figures.coresBusy >= 0.0)
        text += QStringLiteral(" · ") + tr("cores busy %1").arg(locale.toString(r.figures.coresBusy, 'f', 2));
    if (r.result.stopped)
        text += QStringLiteral(" · ") + tr("stopped");
    return text;
}

LegendContent CompareBands::legend() const
{
    LegendContent all;
    for (const scenarios::CompareRun &r : m_set.runs) {
        if (!r.store)
            continue;
        TimelineIndex index;
        index.update(*r.store);
        const LegendContent c = legendContent(*r.store, index, m_options.flows);
        for (trace::SpanState s : c.states)
            if (std::find(all.states.begin(), all.states.end(), s) == all.states.end())
                all.states.push_back(s);
        all.printedLines = all.printedLines || c.printedLines;
        all.handOvers = all.handOvers || c.handOvers;
    }
    std::sort(all.states.begin(), all.states.end());
    return all;
}

void CompareBands::paint(QPainter &p, const QRectF &visible) const
{
    if (m_bands.empty())
        return;
    const TimelinePainter painter(m_style);
    const auto ticks = axisTicks(m_bands.front().axis, m_bands.front().axis.begin(), painter.tickSpacing());
    p.save();
    p.setRenderHint(QPainter::Antialiasing, m_style.antialias);
    painter.paintAxis(p, ticks, m_axisRect);
    TimelineLayoutOptions layoutOptions;
    layoutOptions.rowHeight = m_options.rowHeight;
    layoutOptions.labelWidth = m_options.labelWidth;
    QFont headerFont = m_style.labelFont;
    headerFont.setBold(true);
    for (const CompareBand &b : m_bands) {
        const QRectF whole(b.header.left(), b.header.top(), b.header.width(), b.rows.bottom() - b.header.top());
        if (visible.isValid() && !visible.intersects(whole))
            continue;
        const scenarios::CompareRun &r = m_set.runs[std::size_t(b.run)];
        // The title strip: which value, and the figures that matter most.
        p.fillRect(b.header, QColor(0xe3, 0xe8, 0xef));
        p.setPen(m_style.text);
        p.setFont(headerFont);
        p.drawText(b.header.adjusted(8, 0, -8, 0), Qt::AlignVCenter | Qt::AlignLeft, headerText(b.run));
        if (!r.store)
            continue;
        const trace::TraceStore &store = *r.store;
        const scenarios::RunWindow window = scenarios::runWindow(store);
        const TimelineLayout layout = TimelineLayout::build(store, layoutOptions);
        TimelineIndex index;
        index.update(store);
        DrawListOptions listOptions;
        listOptions.yOrigin = b.rows.top();
        listOptions.flows = m_options.flows;
        listOptions.openEnd = window.finished ? window.end : 0;
        DrawList list = buildDrawList(store, layout, b.axis, listOptions, &index);
        list.plot.setRight(b.rows.right());
        painter.paintRowsArea(p, layout, list, ticks, b.labels.left(), b.rows, &store);
        p.setClipRect(b.labels);
        painter.paintLabels(p, layout, list, b.labels);
        p.setClipping(false);
        p.setPen(m_style.separator);
        p.drawLine(QPointF(b.labels.right() + 0.5, b.rows.top()), QPointF(b.labels.right() + 0.5, b.rows.bottom()));
        // Where this run ended, on the shared scale (its header says how long).
        const double x = std::round(b.axis.xOf(window.end)) + 0.5;
        p.setPen(QPen(m_style.mutedText, 1.0, Qt::DashLine));
        p.drawLine(QPointF(x, b.rows.top()), QPointF(x, b.rows.bottom()));
    }
    p.restore();
}

} // namespace cl::ui
