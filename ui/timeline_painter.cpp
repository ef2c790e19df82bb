#include "ui/timeline_painter.h"
#include "ui/flow_kind.h"
#include "ui/frame_threads.h"
#include "ui/span_raster.h"
#include "ui/span_rects.h"
#include "ui/state_palette.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <QStaticText>

#include <algorithm>
#include <array>
#include <climits>
#include <cmath>
#include <cstring>
#include <limits>

namespace cl::ui {

namespace {
constexpr double kIndentPx = 14.0;
constexpr double kSwatch = 12.0;

using spanrects::fillChamfered;
using spanrects::snap;

void drawArrowHead(QPainter &p, const QPointF &from, const QPointF &to, double size)
{
    const double dx = to.x() - from.x();
    const double dy = to.y() - from.y();
    const double len = std::hypot(dx, dy);
    if (len < 0.5)
        return;
    const double ux = dx / len;
    const double uy = dy / len;
    const QPointF base(to.x() - ux * size, to.y() - uy * size);
    const QPointF side(-uy * size * 0.45, ux * size * 0.45);
    const QPointF head[3] = {to, base + side, base - side};
    p.drawPolygon(head, 3);
}
} // namespace

TimelineStyle defaultTimelineStyle(const QFont &base)
{
    TimelineStyle s;
    s.labelFont = base;
    s.legendFont = base;
    s.smallFont = base;
    if (base.pixelSize() > 0)
        s.smallFont.setPixelSize(std::max(8, base.pixelSize() - 1));
    else
        s.smallFont.setPointSizeF(std::max(6.0, base.pointSizeF() * 0.9));
    return s;
}

QString exitStatusText(std::int64_t exitValue)
{
    if (exitValue >= 0)
        return QCoreApplication::translate("cl::ui::TimelinePainter", "exit %1").arg(exitValue);
    const int signal = int(-exitValue);
    const char *abbrev = sigabbrev_np(signal);
    if (abbrev)
        return QCoreApplication::translate("cl::ui::TimelinePainter", "killed (signal %1, SIG%2)")
            .arg(signal)
            .arg(QString::fromLatin1(abbrev));
    return QCoreApplication::translate("cl::ui::TimelinePainter", "killed (signal %1)").arg(signal);
}

TimelinePainter::TimelinePainter(TimelineStyle style)
    : m_style(std::move(style)), m_boldFont(m_style.labelFont)
{
    m_boldFont.setBold(true);
}

double TimelinePainter::tickSpacing() const
{
    return QFontMetricsF(m_style.smallFont).horizontalAdvance(QStringLiteral("000.00 ms")) + 24.0;
}

void TimelinePainter::paintFrame(QPainter &p, const TimelineLayout &layout, const DrawList &list,
                                 const TimeAxis &axis, const TimelineFrame &frame) const
{
    const auto ticks = axisTicks(axis, frame.origin, tickSpacing());
    // A clip from the caller could leave part of the column unpainted: not
    // a column to keep.
    const bool wholeColumn = !p.hasClipping();
    p.save();
    // Everything in a frame is axis-aligned rectangles and text but the
    // arrows and fold triangles, which ask for antialiasing themselves: with
    // it on, even an integer fillRect or a 1 px line goes through the
    // rasterizer instead of a plain span fill.
    p.setRenderHint(QPainter::Antialiasing, false);
    p.fillRect(frame.axisRect.toAlignedRect(), m_style.background);
    paintRowsArea(p, layout, list, ticks, frame.labelRect.left(), frame.rowsRect, frame.store);
    p.setClipRect(frame.labelRect);
    if (!wholeColumn || !m_labelColumn.restore(p, layout, list, frame.labelRect)) {
        paintLabels(p, layout, list, frame.labelRect);
        if (wholeColumn)
            m_labelColumn.keep(p, layout, list, frame.labelRect);
    }
    p.setClipping(false);
    p.fillRect(QRect(int(std::round(frame.labelRect.right())), int(frame.rowsRect.top()), 1,
                     int(std::ceil(frame.rowsRect.height()))),
               m_style.separator);
    paintAxis(p, ticks, frame.axisRect);
    p.restore();
}

void TimelinePainter::paintRowsArea(QPainter &p, const TimelineLayout &layout, const DrawList &list,
                                    const std::vector<AxisTick> &ticks, double labelLeft, const QRectF &rows,
                                    const trace::TraceStore *store) const
{
    p.save();
    p.setPen(Qt::NoPen);
    p.setRenderHint(QPainter::Antialiasing, false);
    const QRectF whole(labelLeft, rows.top(), rows.right() - labelLeft, rows.height());
    p.setClipRect(whole);
    const Backdrop backdrop{&layout, &ticks, whole.toAlignedRect(), rows.toAlignedRect()};
    paintRowItems(p, list, &backdrop);
    p.setClipRect(rows);
    paintSpanLabels(p, list, store);
    paintExits(p, list);
    p.setRenderHint(QPainter::Antialiasing, m_style.antialias);
    paintFlows(p, list, store);
    p.restore();
}

template<typename Fill, typename Grid>
void TimelinePainter::backdropRects(const Backdrop &b, const DrawList &list, int rowLo, int rowHi, Fill &&fill,
                                    Grid &&grid) const
{
    // Each pixel once: a row in its own colour, the background only above
    // and below the rows.
    const QRgb background = m_style.background.rgba();
    const QRgb band = m_style.bandOdd.rgba();
    const QRgb separator = m_style.separator.rgba();
    const int x0 = b.whole.left();
    const int width = b.whole.width();
    const int rowsTop = int(std::round(list.rowTop(list.firstRow)));
    const int rowsBottom = int(std::round(list.rowTop(list.lastRow)));
    fill(QRect(x0, b.whole.top(), width, std::max(0, rowsTop - b.whole.top())), background);
    fill(QRect(x0, rowsBottom, width, std::max(0, b.whole.bottom() + 1 - rowsBottom)), background);
    for (int r = std::max(list.firstRow, rowLo); r < std::min(list.lastRow, rowHi); ++r) {
        const int top = int(std::round(list.rowTop(r)));
        const int bottom = int(std::round(list.rowTop(r + 1)));
        fill(QRect(x0, top, width, bottom - top), b.layout->row(r).group % 2 == 1 ? band : background);
        // A line where a new process starts groups its threads visually.
        if (r > 0 && b.layout->row(r - 1).group != b.layout->row(r).group)
            fill(QRect(x0, top, width, 1), separator);
    }
    const QRgb line = m_style.grid.rgba();
    for (const auto &t : *b.ticks)
        grid(QRect(int(std::round(t.x)), b.rows.top(), 1, b.rows.height()), line);
}

void TimelinePainter::paintAxis(QPainter &p, const std::vector<AxisTick> &ticks, const QRectF &axisRect) const
{
    p.save();
    p.setFont(m_style.smallFont);
    const QFontMetricsF fm(m_style.smallFont);
    const int bottom = int(std::round(axisRect.bottom()));
    p.fillRect(QRect(int(std::floor(axisRect.left())), bottom - 1, int(std::ceil(axisRect.width())), 1),
               m_style.separator);
    for (const auto &t : ticks) {
        const int x = int(std::round(t.x));
        p.fillRect(QRect(x, bottom - 5, 1, 5), m_style.mutedText);
        // Centred on the tick, but never cut off at either end of the axis.
        const double w = fm.horizontalAdvance(t.label);
        const double left = std::max(axisRect.left(), std::min(x + 0.5 - w / 2.0, axisRect.right() - w));
        p.setPen(m_style.text);
        p.drawText(QPointF(left, axisRect.bottom() - 8.0 - fm.descent()), t.label);
    }
    p.restore();
}

const QStaticText &TimelinePainter::cachedText(const QString &text, TextFont font, double width) const
{
    // Laid out (and elided to width, when one is given) once per text: a
    // frame repeats the same row names and span labels ("ticket lock",
    // "running") every time it is painted, and shaping text is what a frame
    // of few rectangles would otherwise spend most of its time on.
    const int room = width > 0.0 ? int(width) : -1;
    QString key;
    key.reserve(text.size() + 12);
    key += QChar(u'0' + int(font));
    key += QString::number(room);
    key += QLatin1Char('\n');
    key += text;
    auto it = m_textCache.find(key);
    if (it == m_textCache.end()) {
        if (m_textCache.size() > 4096)
            m_textCache.clear();
        const QFont &f = this->font(font);
        QString shown = text;
        if (room >= 0) {
            const QFontMetricsF fm(f);
            if (fm.horizontalAdvance(text) > room)
                shown = fm.elidedText(text, Qt::ElideRight, room);
        }
        QStaticText laidOut(shown);
        laidOut.setTextFormat(Qt::PlainText);
        laidOut.prepare(QTransform(), f);
        it = m_textCache.insert(key, laidOut);
    }
    return *it;
}

const QFont &TimelinePainter::font(TextFont font) const
{
    switch (font) {
    case TextFont::Small:
        return m_style.smallFont;
    case TextFont::Bold:
        return m_boldFont;
    case TextFont::Label:
        break;
    }
    return m_style.labelFont;
}

void TimelinePainter::drawCachedText(QPainter &p, const QRectF &box, const QString &text, TextFont font,
                                     double width) const
{
    const QStaticText &laidOut = cachedText(text, font, width);
    p.setFont(this->font(font));
    p.drawStaticText(QPointF(box.left(), box.center().y() - laidOut.size().height() / 2.0), laidOut);
}

void TimelinePainter::paintLabels(QPainter &p, const TimelineLayout &layout, const DrawList &list,
                                  const QRectF &column) const
{
    // Rows shorter than a line of text (a whole trace squeezed into one
    // picture) would stack their names into an unreadable smear: a row is
    // named only where its name does not overlap the last one drawn.
    const double textHeight = QFontMetricsF(m_style.labelFont).height();
    double freeFrom = -std::numeric_limits<double>::infinity();
    for (int r = list.firstRow; r < list.lastRow; ++r) {
        const TimelineRow &row = layout.row(r);
        const double top = list.rowTop(r);
        const double centre = top + list.rowHeight / 2.0;
        if (centre - textHeight / 2.0 < freeFrom)
            continue;
        freeFrom = centre + textHeight / 2.0;
        const double indent = column.left() + 6.0 + row.indent * kIndentPx;
        const int colourIndex = row.worker >= 0 ? row.worker
                                : r + 1 < layout.rowCount() ? layout.row(r + 1).worker
                                                            : 0;
        if (m_style.disclosure && row.kind == TimelineRow::Kind::ProcessHeader) {
            // In the colour bar's place: right when folded, down when open.
            const double cx = indent + 1.5;
            const double cy = top + list.rowHeight / 2.0;
            const QPointF folded[3] = {QPointF(cx - 2.5, cy - 4.5), QPointF(cx + 3.0, cy), QPointF(cx - 2.5, cy + 4.5)};
            const QPointF open[3] = {QPointF(cx - 4.5, cy - 2.5), QPointF(cx + 4.5, cy - 2.5), QPointF(cx, cy + 3.0)};
            p.save();
            p.setRenderHint(QPainter::Antialiasing, m_style.antialias);
            p.setPen(Qt::NoPen);
            p.setBrush(m_style.mutedText);
            p.drawPolygon(row.collapsed ? folded : open, 3);
            p.restore();
        } else {
            // The same colour as this worker's console lines.
            p.fillRect(QRectF(indent, top + 4.0, 3.0, list.rowHeight - 8.0), workerColor(colourIndex));
        }

        const double idWidth = cachedText(row.id, TextFont::Small).size().width();
        const double idLeft = column.right() - 8.0 - idWidth;
        p.setPen(m_style.mutedText);
        drawCachedText(p, QRectF(idLeft, top, idWidth + 1.0, list.rowHeight), row.id, TextFont::Small);

        const TextFont nameFont = row.kind == TimelineRow::Kind::ProcessHeader ? TextFont::Bold : TextFont::Label;
        const double nameLeft = indent + 9.0;
        const double nameWidth = std::max(0.0, idLeft - 6.0 - nameLeft);
        p.setPen(m_style.text);
        drawCachedText(p, QRectF(nameLeft, top, nameWidth + 1.0, list.rowHeight), row.name, nameFont, nameWidth);
    }
}

void TimelinePainter::paintRows(QPainter &p, const DrawList &list, const trace::TraceStore *store) const
{
    p.save();
    p.setPen(Qt::NoPen);
    // Integer rectangles only take the raster engine's fast path (a plain
    // span fill) without antialiasing; with it, each one goes through the
    // rasterizer. Arrows get it back below.
    p.setRenderHint(QPainter::Antialiasing, false);
    paintRowItems(p, list, nullptr);
    paintSpanLabels(p, list, store);
    paintExits(p, list);
    p.setRenderHint(QPainter::Antialiasing, m_style.antialias);
    paintFlows(p, list, store);
    p.restore();
}

void TimelinePainter::paintRowItems(QPainter &p, const DrawList &list, const Backdrop *backdrop) const
{
    const QRgb header = m_style.separator.darker(115).rgba();
    const QRgb running = stateColor(trace::SpanState::Running).rgba();
    const QRgb tick = m_style.tick.rgba();
    // The items of rows [rowLo, rowHi) in paint order: a row's lifetime,
    // its spans, then its print ticks. Row by row, so a row's pixels are
    // still in the cache for its spans and ticks; a list not in row order
    // (not made by buildDrawList) paints all lifetimes, then all spans,
    // then all ticks.
    const auto rects = [&](int rowLo, int rowHi, auto &&fill, auto &&spans, auto &&ticks) {
        const auto rowsOf = [&](const auto &items) {
            if (!list.rowOrdered)
                return std::pair(items.data(), items.data() + items.size());
            const auto below = [&](int bound) {
                return [bound](const auto &item) { return item.row < bound; };
            };
            const auto lo = std::partition_point(items.data(), items.data() + items.size(), below(rowLo));
            return std::pair(lo, std::partition_point(lo, items.data() + items.size(), below(rowHi)));
        };
        auto [life, lifeHi] = rowsOf(list.lifetimes);
        auto [span, spanHi] = rowsOf(list.spans);
        auto [t, tickHi] = rowsOf(list.ticks);
        while (life != lifeHi || span != spanHi || t != tickHi) {
            int row = INT_MAX;
            if (list.rowOrdered) {
                row = std::min({life != lifeHi ? life->row : INT_MAX, span != spanHi ? span->row : INT_MAX,
                                t != tickHi ? t->row : INT_MAX});
            }
            for (; life != lifeHi && life->row <= row; ++life) {
                // Headers get a neutral bar: the process is alive, its threads say how.
                fillChamfered(fill, snap(life->rect), life->worker < 0 ? header : running, 2);
            }
            const auto *spanEnd = span;
            while (spanEnd != spanHi && spanEnd->row <= row)
                ++spanEnd;
            spans(span, spanEnd);
            span = spanEnd;
            const auto *tickEnd = t;
            while (tickEnd != tickHi && tickEnd->row <= row)
                ++tickEnd;
            ticks(t, tickEnd);
            t = tickEnd;
        }
    };
    // The area only bounds the work: spans reach a few pixels past the plot
    // and lifetimes past a short row, and the painter's clip still applies.
    const QRect itemArea = snap(list.plot).adjusted(-8, -8, 8, 8);
    if (m_style.directFills && m_rowRaster.begin(p, backdrop ? backdrop->whole : itemArea)) {
        const SpanRaster &raster = m_rowRaster;
        const QRect clip = raster.deviceClip();
        const bool writeDirect = raster.translatesOnly() && spanrects::StateColours::instance().opaque;
        // Under a backdrop the painter's clip takes in the label column too:
        // the items stay inside the rows, as with the rows as the clip.
        const QRect itemClip = backdrop ? raster.deviceClipOf(itemArea & backdrop->rows) : clip;
        const QRect gridClip = backdrop ? raster.deviceClipOf(backdrop->rows) : QRect();
        const std::size_t work = list.spans.size() + list.lifetimes.size() + list.ticks.size() +
                                 std::size_t(std::max(0, clip.width())) * std::size_t(std::max(0, clip.height())) / 64;
        const int bands = list.rowOrdered ? std::min(frameThreads(work, m_style.threads), std::max(1, clip.height() / 16))
                                          : 1;
        // Items reach a row or so past their own (lifetimes past a short
        // row, ticks and insets by a few pixels): a band or a stretch of
        // scanlines takes every item that can reach it.
        const int margin = 1 + int(std::ceil(12.0 / std::max(1.0, list.rowHeight)));
        const auto rowAt = [&](int deviceY) {
            return int(std::floor((raster.logicalY(deviceY) - list.yOrigin) / std::max(1.0, list.rowHeight)));
        };
        // The backdrop of device scanlines [y0, y1), for the rows that can reach them.
        const auto paintBackdrop = [&](int y0, int y1) {
            const QRect lines = QRect(clip.left(), y0, clip.width(), y1 - y0) & clip;
            if (lines.isEmpty())
                return;
            const QRect gridLines = lines & gridClip;
            backdropRects(
                *backdrop, list, rowAt(y0) - 1, rowAt(y1 - 1) + 2,
                [&](const QRect &r, QRgb c) { raster.fill(r, c, lines); },
                [&](const QRect &r, QRgb c) { raster.fill(r, c, gridLines); });
        };
        // Device scanlines [top, bottom] of the frame, on one thread.
        const auto paintBand = [&](int top, int bottom) {
            const QRect items = QRect(clip.left(), top, clip.width(), bottom - top + 1) & itemClip;
            const auto fillItems = [&](const QRect &r, QRgb c) { raster.fill(r, c, items); };
            const auto spanItems = [&](const DrawSpan *first, const DrawSpan *last) {
                if (writeDirect)
                    spanrects::writeSpans(raster, first, last, items);
                else
                    spanrects::forEachSpanRect(first, last, fillItems);
            };
            const auto tickItems = [&](const DrawTick *first, const DrawTick *last) {
                if (writeDirect && qAlpha(tick) == 255)
                    spanrects::writeTicks(raster, first, last, items, tick);
                else
                    spanrects::forEachTickRect(first, last, tick, fillItems);
            };
            const int rowLo = rowAt(top) - margin;
            const int rowHi = rowAt(bottom + 1) + 1 + margin;
            if (!backdrop) {
                rects(rowLo, rowHi, fillItems, spanItems, tickItems);
                return;
            }
            // Stretches of scanlines that stay in the cache while all their
            // layers are written. A stretch's backdrop goes down one ahead of
            // its items: an item reaching into the next stretch lands on its
            // backdrop, and no later backdrop covers it, as in one pass of
            // backdrop then items.
            const int step = std::max(64, int(std::ceil((list.rowHeight + 16.0) * raster.scaleY())));
            paintBackdrop(top, std::min(top + step, bottom + 1));
            int rowFrom = rowLo;
            for (int y = top; y <= bottom; y += step) {
                const int next = y + step;
                if (next <= bottom)
                    paintBackdrop(next, std::min(next + step, bottom + 1));
                const int rowTo = next > bottom ? rowHi : std::max(rowFrom, rowAt(next));
                rects(rowFrom, rowTo, fillItems, spanItems, tickItems);
                rowFrom = rowTo;
            }
        };
        if (bands <= 1) {
            paintBand(clip.top(), clip.bottom());
        } else {
            // Bands of whole scanlines, each thread taking every item that
            // can reach its band and writing only inside it: the same pixels
            // as one pass, in the same order.
            runParts(bands, [&](int k) {
                const int top = clip.top() + int(std::int64_t(clip.height()) * k / bands);
                const int bottom = clip.top() + int(std::int64_t(clip.height()) * (k + 1) / bands);
                paintBand(top, bottom - 1);
            });
        }
        m_rowRaster.end(p);
        return;
    }
    const auto fill = [&](const QRect &r, QRgb c) { p.fillRect(r, QColor::fromRgba(c)); };
    if (backdrop) {
        // The grid stays inside the rows, as the items do.
        backdropRects(*backdrop, list, INT_MIN, INT_MAX, fill,
                      [&](const QRect &r, QRgb c) { fill(r & backdrop->rows, c); });
        p.save();
        p.setClipRect(backdrop->rows, Qt::IntersectClip);
    }
    rects(
        INT_MIN, INT_MAX, fill,
        [&](const DrawSpan *first, const DrawSpan *last) { spanrects::forEachSpanRect(first, last, fill); },
        [&](const DrawTick *first, const DrawTick *last) { spanrects::forEachTickRect(first, last, tick, fill); });
    if (backdrop)
        p.restore();
}

void TimelinePainter::paintSpanLabels(QPainter &p, const DrawList &list, const trace::TraceStore *store) const
{
    // After all spans, so a later span does not paint over a label.
    for (const SpanLabel &label : spanLabels(list, store)) {
        p.setPen(stateStyle(list.spans[label.span].state).text);
        drawCachedText(p, label.rect, label.text, TextFont::Small);
    }
}

std::vector<SpanLabel> TimelinePainter::spanLabels(const DrawList &list, const trace::TraceStore *store) const
{
    const QFontMetricsF fm(m_style.smallFont);
    std::vector<SpanLabel> out;
    // No span is taller than its row: rows too short for a line of text
    // need no look at their (possibly hundred thousand) spans.
    if (list.rowHeight < fm.height() - 2.0)
        return out;
    for (std::size_t k = 0; k < list.spans.size(); ++k) {
        const DrawSpan &s = list.spans[k];
        if (s.folded() || s.rect.width() < 6.0)
            continue;
        const QRectF r = s.rect.adjusted(0.5, 0.0, -0.5, 0.0);
        // Text only where it stays readable: the next span of the row (a
        // nested sleep, say) covers whatever lies beyond its start.
        double room = r.width();
        if (k + 1 < list.spans.size() && list.spans[k + 1].row == s.row && list.spans[k + 1].rect.left() < r.right())
            room = list.spans[k + 1].rect.left() - r.left();
        if (room < 40.0 || r.height() < fm.height() - 2.0)
            continue;
        // Any named object: a lock or queue, or the task a pool worker runs.
        QString text;
        if (store && s.objectId != 0)
            text = QString::fromStdString(store->objectName(s.objectId));
        if (text.isEmpty())
            text = stateDisplayName(s.state);
        // Widths and elisions come from the layout cache: a frame of many
        // spans too short for their names would otherwise shape each name
        // again on every paint.
        const QString shown = cachedText(text, TextFont::Small).size().width() <= room - 8.0
                                  ? text
                                  : cachedText(text, TextFont::Small, room - 8.0).text();
        if (shown.isEmpty() || (shown != text && shown.size() < 4))
            continue;
        out.push_back({k, QRectF(r.left() + 4.0, r.top(), room - 8.0, r.height()), shown});
    }
    return out;
}

void TimelinePainter::paintExits(QPainter &p, const DrawList &list) const
{
    const QFontMetricsF fm(m_style.smallFont);
    p.setFont(m_style.smallFont);
    for (const auto &e : list.exits) {
        const bool bad = e.exitValue != 0;
        const QColor c = bad ? m_style.exitBad : m_style.tick;
        p.fillRect(QRectF(e.pos.x() - 1.0, e.pos.y() - list.rowHeight / 2.0 + 3.0, 2.0, list.rowHeight - 6.0), c);
        const QString text = exitStatusText(e.exitValue);
        const double w = fm.horizontalAdvance(text);
        QRectF box(e.pos.x() + 5.0, e.pos.y() - list.rowHeight / 2.0, w + 2.0, list.rowHeight);
        if (box.right() > list.plot.right() - 2.0) {
            // A run that was stopped ends at the right edge: label it on the
            // left, over the bar, on a backing so it stays readable.
            box.moveRight(e.pos.x() - 5.0);
            if (box.left() < list.plot.left() + 2.0)
                continue;
            const QRectF backing = box.adjusted(-3.0, 4.0, 3.0, -4.0);
            p.fillRect(backing, QColor(255, 255, 255, 225));
        }
        p.setPen(bad ? m_style.exitBad : m_style.mutedText);
        p.drawText(box, Qt::AlignVCenter | Qt::AlignLeft, text);
    }
}

void TimelinePainter::paintFlows(QPainter &p, const DrawList &list, const trace::TraceStore *store) const
{
    p.setPen(QPen(m_style.flow, 1.3, Qt::SolidLine, Qt::RoundCap));
    for (const auto &f : list.flows) {
        p.setBrush(Qt::NoBrush);
        p.drawLine(f.from, f.to);
        p.setBrush(m_style.flow);
        if (f.headVisible)
            drawArrowHead(p, f.from, f.to, 7.0);
        p.drawEllipse(f.from, 1.8, 1.8);
    }
    p.setFont(m_style.smallFont);
    for (const FlowLabelBox &label : flowLabelBoxes(list, store)) {
        // On a backing so spans under it do not swallow the text.
        p.fillRect(label.rect, QColor(255, 255, 255, 210));
        p.setPen(m_style.text);
        p.drawText(label.rect.adjusted(2.0, 0.0, 0.0, 0.0), Qt::AlignVCenter | Qt::AlignLeft, label.text);
    }
}

std::vector<FlowLabelBox> TimelinePainter::flowLabelBoxes(const DrawList &list, const trace::TraceStore *store) const
{
    // Labels only while arrows are few enough to read them, only on an
    // arrow long enough to carry its text beside it, and never on top of
    // another label: where hand-overs crowd, the first of them speaks for
    // the rest.
    constexpr std::size_t kMaxLabels = 80;
    std::vector<FlowLabelBox> out;
    if (!m_style.flowLabels || !store || list.flows.empty() || list.flows.size() > kMaxLabels)
        return out;
    const QFontMetricsF fm(m_style.smallFont);
    for (std::size_t k = 0; k < list.flows.size(); ++k) {
        const DrawFlow &f = list.flows[k];
        if (f.flow < 0 || std::size_t(f.flow) >= store->flows().size())
            continue;
        const QString text = flowLabel(*store, store->flows()[std::size_t(f.flow)]);
        const double length = std::hypot(f.to.x() - f.from.x(), f.to.y() - f.from.y());
        if (text.isEmpty() || length < std::max(24.0, fm.height() * 1.5))
            continue;
        // Beside the middle of the arrow.
        const QPointF mid = (f.from + f.to) / 2.0;
        const QRectF box(mid.x() + 4.0, mid.y() - fm.height() / 2.0, fm.horizontalAdvance(text) + 4.0, fm.height());
        const QRectF room = box.adjusted(-3.0, -1.0, 3.0, 1.0);
        if (std::any_of(out.begin(), out.end(),
                        [&](const FlowLabelBox &placed) { return placed.rect.adjusted(-3.0, -1.0, 3.0, 1.0).intersects(room); }))
            continue;
        out.push_back({k, box, text});
    }
    return out;
}

LegendContent legendContent(const trace::TraceStore &store, const TimelineIndex &index, bool flows)
{
    std::uint32_t states = index.closedSpanStates();
    for (const auto &w : store.workers()) {
        for (const trace::OpenSpan &o : w.open)
            states |= 1u << unsigned(o.state);
    }
    if (!store.workers().empty())
        states |= 1u << unsigned(trace::SpanState::Running);
    LegendContent content;
    for (auto s : allSpanStates())
        if (states & (1u << unsigned(s)))
            content.states.push_back(s);
    content.printedLines = !store.prints().empty();
    if (flows) {
        // The same test as the draw list: a worker re-taking its own lock is no hand-over.
        for (const auto &f : store.flows()) {
            if (f.fromWorker >= 0 && f.toWorker >= 0 && f.fromWorker != f.toWorker && f.outTime != 0 && f.inTime != 0) {
                content.handOvers = true;
                break;
            }
        }
    }
    return content;
}

namespace {
struct LegendItem {
    enum class Glyph { State, Tick, Flow };
    Glyph glyph;
    trace::SpanState state;
    QString text;
};

std::vector<LegendItem> legendItems(const LegendContent &content)
{
    std::vector<LegendItem> items;
    for (auto s : content.states)
        items.push_back({LegendItem::Glyph::State, s, stateDisplayName(s)});
    if (content.printedLines)
        items.push_back({LegendItem::Glyph::Tick, trace::SpanState::Running,
                         QCoreApplication::translate("cl::ui::TimelinePainter", "printed line")});
    if (content.handOvers)
        items.push_back({LegendItem::Glyph::Flow, trace::SpanState::Running,
                         QCoreApplication::translate("cl::ui::TimelinePainter", "hand-over")});
    return items;
}

// Calls place(item, x, y) for each item and returns the height used.
template<typename Place>
double flowLegend(const QFont &font, double width, const LegendContent &content, Place place)
{
    const auto items = legendItems(content);
    if (items.empty())
        return 0.0;
    const QFontMetricsF fm(font);
    const double lineHeight = std::max(kSwatch, fm.height()) + 6.0;
    double x = 0.0;
    double y = 0.0;
    for (const auto &item : items) {
        const double w = kSwatch + 6.0 + fm.horizontalAdvance(item.text);
        if (x > 0.0 && x + w > width) {
            x = 0.0;
            y += lineHeight;
        }
        place(item, x, y, lineHeight);
        x += w + 18.0;
    }
    return y + lineHeight;
}
} // namespace

QStringList TimelinePainter::legendTexts(const LegendContent &content) const
{
    QStringList texts;
    for (const auto &item : legendItems(content))
        texts << item.text;
    return texts;
}

double TimelinePainter::legendHeight(double width, const LegendContent &content) const
{
    return flowLegend(m_style.legendFont, width, content, [](const LegendItem &, double, double, double) {});
}

void TimelinePainter::paintLegend(QPainter &p, const QRectF &rect, const LegendContent &content) const
{
    p.save();
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setFont(m_style.legendFont);
    const QFontMetricsF fm(m_style.legendFont);
    flowLegend(m_style.legendFont, rect.width(), content, [&](const LegendItem &item, double x, double y, double h) {
        const QRectF swatch(rect.left() + x, rect.top() + y + (h - kSwatch) / 2.0, kSwatch, kSwatch);
        p.setPen(Qt::NoPen);
        switch (item.glyph) {
        case LegendItem::Glyph::State:
            p.setBrush(stateColor(item.state));
            p.drawRoundedRect(swatch, 2.0, 2.0);
            break;
        case LegendItem::Glyph::Tick: {
            p.setBrush(m_style.tick);
            const QPointF tri[3] = {swatch.topLeft() + QPointF(2.0, 2.0), swatch.topRight() + QPointF(-2.0, 2.0),
                                    QPointF(swatch.center().x(), swatch.bottom() - 2.0)};
            p.drawPolygon(tri, 3);
            break;
        }
        case LegendItem::Glyph::Flow:
            p.setPen(QPen(m_style.flow, 1.3));
            p.setBrush(m_style.flow);
            p.drawLine(swatch.bottomLeft(), swatch.topRight());
            drawArrowHead(p, swatch.bottomLeft(), swatch.topRight(), 6.0);
            break;
        }
        p.setPen(m_style.text);
        p.drawText(QRectF(swatch.right() + 6.0, rect.top() + y, fm.horizontalAdvance(item.text) + 2.0, h),
                   Qt::AlignVCenter | Qt::AlignLeft, item.text);
    });
    p.restore();
}

} // namespace cl::ui
