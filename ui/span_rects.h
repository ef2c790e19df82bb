#pragma once
// The pixels of a DrawList's spans: one geometry (snapping, the runner-up
// band of a folded run, cut corners of wide spans) that the QPainter path
// and the direct fills both paint, and the direct writer a zoomed-out frame
// uses for its hundred thousand narrow spans. Internal to TimelinePainter.
#include "ui/span_raster.h"
#include "ui/state_palette.h"
#include "ui/timeline_draw_list.h"

#include <QRect>
#include <QRgb>

#include <algorithm>
#include <array>
#include <cstring>

namespace cl::ui::spanrects {

// Integer rectangles filled through the raster engine's fast path: a
// frame holds tens of thousands of them, and an antialiased rounded rect
// costs a path and its rasterisation each. The corners are cut by a pixel,
// which reads as rounded at these sizes.
inline QRect snap(const QRectF &r)
{
    return QRect(QPoint(floorPx(r.left()), roundPx(r.top())), QPoint(ceilPx(r.right()) - 1, roundPx(r.bottom()) - 1));
}
// The same for a span, straight from its floats: a frame snaps a hundred
// thousand of them, and a call with a QRectF made for it showed in profiles.
[[gnu::always_inline]] inline QRect snap(const SpanRect &r)
{
    return QRect(QPoint(floorPx(r.left()), roundPx(r.top())), QPoint(ceilPx(r.right()) - 1, roundPx(r.bottom()) - 1));
}

// The state colours of one paint, looked up once rather than per rectangle.
struct StateColours {
    std::array<QRgb, std::size_t(trace::SpanState::Count)> rgb{};
    bool opaque = true; // all of them: writeSpans() stores them as they are
    StateColours()
    {
        for (std::size_t k = 0; k < rgb.size(); ++k) {
            rgb[k] = stateColor(trace::SpanState(k)).rgba();
            opaque = opaque && qAlpha(rgb[k]) == 255;
        }
    }
    QRgb operator()(trace::SpanState s) const { return rgb[std::min(std::size_t(s), rgb.size() - 1)]; }
    static const StateColours &instance()
    {
        static const StateColours colours;
        return colours;
    }
};

// fill(rect, colour) for each pixel row of a rectangle with its corners cut.
template<typename Fill>
void fillChamfered(Fill &&fill, const QRect &r, QRgb c, int cut)
{
    if (r.width() <= 2 * cut + 1 || r.height() <= 2 * cut + 1) {
        fill(r, c);
        return;
    }
    fill(r.adjusted(cut, 0, -cut, 0), c);
    for (int i = 0; i < cut; ++i) {
        const int inset = cut - i;
        fill(QRect(r.left() + i, r.top() + inset, 1, r.height() - 2 * inset), c);
        fill(QRect(r.right() - i, r.top() + inset, 1, r.height() - 2 * inset), c);
    }
}

// A span drawn as a plain block: narrow ones and folded runs, pixel-snapped
// so adjacent runs tile without seams.
inline bool isBlock(const DrawSpan &s)
{
    return s.rect.width() < 6.0 || s.folded();
}

// A wide span: a one-pixel gap after it keeps back-to-back spans of one
// state countable, and its corners are cut.
template<typename Fill>
void fillWideSpan(Fill &&fill, const DrawSpan &s, QRgb colour)
{
    QRect snapped = snap(s.rect);
    snapped.setRight(std::max(snapped.left(), snapped.right() - 1));
    fillChamfered(fill, snapped, colour, 1);
}

// Every rectangle of the spans, in paint order.
template<typename Fill>
void forEachSpanRect(const DrawSpan *first, const DrawSpan *last, Fill &&fill)
{
    const StateColours &colour = StateColours::instance();
    for (const DrawSpan *it = first; it != last; ++it) {
        const DrawSpan &s = *it;
        if (!isBlock(s)) {
            fillWideSpan(fill, s, colour(s.state));
            continue;
        }
        // The runner-up's band at the bottom; the major colour only above
        // it, so no pixel is written twice.
        const QRect snapped = snap(s.rect);
        const int h = std::min(minorBandHeight(s, snapped.height()), snapped.height());
        if (h < snapped.height())
            fill(snapped.adjusted(0, 0, 0, -h), colour(s.state));
        if (h > 0)
            fill(QRect(snapped.left(), snapped.bottom() + 1 - h, snapped.width(), h), colour(s.minorState));
    }
}

// forEachSpanRect's pixels, written by a raster that only translates by
// whole pixels: the same rectangles, but a block's rows are worked out once
// per height and depth instead of per span, and each span costs a clamp and
// a few stores. Zoomed out, a frame is a hundred thousand blocks of a few
// pixels, where the per-rectangle checks of a general fill were half the
// paint. `clip` is in device pixels, within the raster's.
inline void writeSpans(const SpanRaster &raster, const DrawSpan *first, const DrawSpan *last, const QRect &clip)
{
    const StateColours &colour = StateColours::instance();
    const QPoint offset = raster.offset();
    // The block rows of the last rectangle height seen (a row's spans
    // share one per nesting depth).
    float cachedY = -1.0f;
    float cachedH = -1.0f;
    int top = 0;     // device rows of the block, unclipped
    int bottom = -1;
    const auto general = [&](const QRect &r, QRgb c) { raster.fill(r, c, clip); };
    for (const DrawSpan *it = first; it != last; ++it) {
        const DrawSpan &s = *it;
        if (!isBlock(s)) {
            fillWideSpan(general, s, colour(s.state));
            continue;
        }
        const SpanRect &r = s.rect;
        if (r.y != cachedY || r.h != cachedH) {
            cachedY = r.y;
            cachedH = r.h;
            top = roundPx(r.top()) + offset.y();
            bottom = roundPx(r.bottom()) - 1 + offset.y();
        }
        const int height = bottom - top + 1;
        if (height <= 0)
            continue;
        const int x0 = std::max(floorPx(r.left()) + offset.x(), clip.left());
        const int x1 = std::min(ceilPx(r.right()) - 1 + offset.x(), clip.right());
        if (x0 > x1)
            continue;
        const int minor = std::min(minorBandHeight(s, height), height);
        const int split = bottom + 1 - minor; // first row of the runner-up band
        const int majorEnd = std::min(split - 1, clip.bottom());
        const QRgb major = colour(s.state);
        for (int y = std::max(top, clip.top()); y <= majorEnd; ++y)
            raster.fillDeviceLine(y, x0, x1, major);
        if (minor > 0) {
            const QRgb runnerUp = colour(s.minorState);
            const int minorEnd = std::min(bottom, clip.bottom());
            for (int y = std::max(split, clip.top()); y <= minorEnd; ++y)
                raster.fillDeviceLine(y, x0, x1, runnerUp);
        }
    }
}

// A printed line's tick is a small downward triangle, row by row of
// pixels; a run is the triangles of every pixel from its first tick to its
// last. Rows k = 0..3 of a tick: [first - 3 + k, last + 3 - k] at y + k.
struct TickRows {
    int first = 0;
    int last = 0;
    int y = 0;
    explicit TickRows(const DrawTick &t)
        : first(roundPx(t.x)), last(std::max(first, roundPx(t.xEnd))), y(roundPx(t.top))
    {
    }
    static constexpr int kRows = 4;
};

template<typename Fill>
void forEachTickRect(const DrawTick *first, const DrawTick *last, QRgb colour, Fill &&fill)
{
    for (const DrawTick *t = first; t != last; ++t) {
        const TickRows rows(*t);
        for (int k = 0; k < TickRows::kRows; ++k)
            fill(QRect(rows.first - 3 + k, rows.y + k, rows.last - rows.first + 7 - 2 * k, 1), colour);
    }
}

// forEachTickRect's pixels through a raster that only translates, as
// writeSpans: a zoomed-out frame of a chatty trace has tens of thousands
// of tick runs. `colour` is opaque.
inline void writeTicks(const SpanRaster &raster, const DrawTick *first, const DrawTick *last, const QRect &clip,
                       QRgb colour)
{
    const QPoint offset = raster.offset();
    for (const DrawTick *t = first; t != last; ++t) {
        const TickRows rows(*t);
        const int left = rows.first + offset.x();
        const int right = rows.last + offset.x();
        for (int k = 0; k < TickRows::kRows; ++k) {
            const int y = rows.y + offset.y() + k;
            const int x0 = std::max(left - 3 + k, clip.left());
            const int x1 = std::min(right + 3 - k, clip.right());
            if (y >= clip.top() && y <= clip.bottom() && x0 <= x1)
                raster.fillDeviceLine(y, x0, x1, colour);
        }
    }
}

} // namespace cl::ui::spanrects
