#pragma once
// Everything the timeline paints for one view, as plain geometry. Built from
// the store by culling rows and time, and by folding runs of spans narrower
// than a few pixels, so its size follows pixels and rows, not events: a
// million spans zoomed out become a few hundred rectangles.
#include "core/trace/trace_store.h"
#include "ui/time_axis.h"
#include "ui/timeline_layout.h"

#include <QPointF>
#include <QRectF>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>
#include <vector>

namespace cl::ui {

// A span's rectangle in paint coordinates, in floats: a zoomed-out frame
// writes, joins and reads a hundred thousand spans, and their size is what
// that costs. A float keeps a few thousandths of a pixel at any coordinate a
// frame or an export reaches.
struct SpanRect {
    float x = 0.0f;
    float y = 0.0f;
    float w = 0.0f;
    float h = 0.0f;
    SpanRect() = default;
    SpanRect(const QRectF &r) : x(float(r.x())), y(float(r.y())), w(float(r.width())), h(float(r.height())) {}
    operator QRectF() const { return QRectF(x, y, w, h); }
    bool operator==(const SpanRect &) const = default;
    double left() const { return x; }
    double top() const { return y; }
    double width() const { return w; }
    double height() const { return h; }
    double right() const { return double(x) + double(w); }
    double bottom() const { return double(y) + double(h); }
    void setRight(double right) { w = float(right - double(x)); }
    QRectF adjusted(double dx1, double dy1, double dx2, double dy2) const
    {
        return QRectF(*this).adjusted(dx1, dy1, dx2, dy2);
    }
};

// 56 bytes, widest members first.
struct DrawSpan {
    SpanRect rect;
    std::uint64_t begin = 0;      // of the span, or of the folded run
    std::uint64_t end = 0;
    // A folded run's runner-up state (minorState) and its share of the
    // run's span time, so "25% running, 75% waiting for the GIL" survives
    // zooming out.
    float minorShare = 0.0f;
    std::uint32_t count = 1;      // > 1: a folded run of that many narrow spans
    std::uint32_t objectId = 0;   // lock/queue of a single span
    int row = -1;
    int worker = -1;
    trace::SpanState state = trace::SpanState::Running; // a folded run: the state covering most time
    trace::SpanState minorState = trace::SpanState::Running;
    std::uint8_t depth = 0;       // nesting (a sleep inside a lock hold); drawn inset
    bool open = false;            // still in progress: drawn up to store.endTime()
    bool folded() const { return count > 1; }
};
static_assert(sizeof(DrawSpan) == 56);

// floor, ceil and round for the coordinates of a frame (well inside int):
// without SSE4.1 the std:: ones are library calls, and a zoomed-out frame
// snaps and compares a hundred thousand rectangles.
inline int floorPx(double v)
{
    const int i = int(v);
    return i - (v < double(i) ? 1 : 0);
}
inline int ceilPx(double v)
{
    const int i = int(v);
    return i + (v > double(i) ? 1 : 0);
}
inline int roundPx(double v) // half away from zero, as std::round
{
    return v < 0.0 ? -floorPx(-v + 0.5) : floorPx(v + 0.5);
}

// Pixel rows of a folded run's bottom band in its runner-up state (0: none),
// for a span painted snapped to `pixelHeight` rows.
inline int minorBandHeight(const DrawSpan &s, int pixelHeight)
{
    if (!s.folded() || s.minorShare <= 0.04f)
        return 0;
    // + 0.5 and truncation: std::lround for these non-negative values,
    // without a library call per rectangle.
    return std::max(1, int(pixelHeight * double(s.minorShare) + 0.5));
}

// The thin bar from a worker's start to its exit (or the trace end while
// alive); header rows get one for the whole process.
struct DrawLifetime {
    QRectF rect;
    int row = -1;
    int worker = -1; // -1: a process header
    bool alive = false;
};

struct DrawFlow {
    QPointF from;
    QPointF to;
    int flow = -1; // index into store.flows()
    std::uint32_t objectId = 0;
    trace::FlowKind kind = trace::FlowKind::Other;
    bool headVisible = true; // false when the target lies outside the view
};

// A printed line's tick, or a run of ticks at most 3 px apart (a burst of
// prints, zoomed out): drawn as if a tick stood at every pixel from x to
// xEnd, which is what so many triangles side by side look like anyway.
struct DrawTick {
    double x = 0.0;
    double top = 0.0;
    double bottom = 0.0;
    int row = -1;
    int worker = -1;
    std::uint64_t time = 0;       // of the (first) line
    double xEnd = 0.0;            // the last tick of a run; x for one tick
    std::uint64_t timeEnd = 0;    // of the last line of a run
    std::uint32_t count = 1;      // ticks the run stands for
};

struct DrawExit {
    QPointF pos; // exit time on the row's centre line
    int row = -1;
    int worker = -1;
    std::int64_t exitValue = 0; // exit code, or -signal
};

struct DrawList {
    std::vector<DrawLifetime> lifetimes;
    std::vector<DrawSpan> spans; // per row in begin order; later ones paint on top
    std::vector<DrawFlow> flows;
    std::vector<DrawTick> ticks;
    std::vector<DrawExit> exits;
    int firstRow = 0;
    int lastRow = 0; // exclusive
    double yOrigin = 0.0;
    double rowHeight = 0.0;
    QRectF plot;                    // x: axis left..right; y: the visible rows
    std::size_t spansVisited = 0;   // work done, so tests can prove the culling
    std::size_t bucketsVisited = 0; // level-of-detail buckets read instead of spans
    std::size_t flowsVisited = 0;   // hand-overs looked at
    int lodRows = 0;                // rows drawn from buckets
    // Each vector is in row order, as buildDrawList makes them: the items
    // near a band of scanlines are then a binary search away, and a painter
    // may split the rows between threads.
    bool rowOrdered = false;

    double rowTop(int row) const { return yOrigin + row * rowHeight; }
};

struct DrawListOptions {
    int firstRow = 0;
    int lastRow = INT_MAX;      // exclusive; clamped to the layout
    double yOrigin = 0.0;       // paint y of row 0's top (header height - scroll)
    double foldPx = 3.0;        // spans narrower than this fold together
    double spanPad = 3.0;       // gap above and below spans inside a row
    double lifetimeHeight = 6.0;
    bool flows = true;
    std::uint32_t hiddenFlowKinds = 0; // bit (1 << FlowKind) per kind not drawn
    // Rows with more spans in view than lodSpans (0: the plot width over
    // foldPx, so spans narrower than a fold on average) are drawn from the
    // store's level-of-detail buckets: their cost then follows the row's
    // pixels, not its spans. Off: every span in view is read (the reference
    // the tests compare against).
    bool lod = true;
    std::size_t lodSpans = 0;
    // Neighbouring folded runs that would paint the same pixels become one
    // rectangle. Off: one per bucket (tests compare the pictures).
    bool mergeRuns = true;
    // Where whatever is still open (a lane without an exit, an open span)
    // ends: 0 means store.endTime(), right for a live run; a finished run
    // passes its RunWindow end so no lane runs on past it.
    std::uint64_t openEnd = 0;
    // Threads building rows: 0 lets a big frame use the machine's cores
    // (frameThreads()); 1 builds on the calling thread only.
    int threads = 0;
};

// index may be null (the exporter draws once); then a temporary one is built.
// A previous list passed as `recycled` lends its buffers: a view redrawing
// while panning then does not fault in megabytes of fresh memory per frame.
DrawList buildDrawList(const trace::TraceStore &store, const TimelineLayout &layout, const TimeAxis &axis,
                       const DrawListOptions &options = {}, TimelineIndex *index = nullptr,
                       DrawList recycled = {});

} // namespace cl::ui
