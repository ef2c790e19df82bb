#include "ui/timeline_draw_list.h"
#include "ui/frame_threads.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <numeric>
#include <unordered_set>
#include <utility>

namespace cl::ui {

namespace {
using trace::Span;
using trace::SpanState;

constexpr std::size_t kStates = std::size_t(SpanState::Count);

// Pads, insets and the lifetime bar are sized for the timeline's own rows;
// rows squeezed smaller (a whole trace in one picture) scale them down with
// the row, so spans keep most of it and nested ones stay inside it.
double smallRowScale(double rowHeight)
{
    constexpr double kFullRowHeight = 22.0;
    return std::clamp(rowHeight / kFullRowHeight, 0.0, 1.0);
}
constexpr double kDepthInset = 2.5;
constexpr std::size_t kMaxDepth = 2;

// Lays out one worker row: folds narrow spans into per-bucket runs and
// tracks nesting so an inner span is inset and the outer stays visible.
class RowBuilder {
public:
    RowBuilder(DrawList &out, const TimeAxis &axis, const DrawListOptions &options, int row, int worker)
        : m_out(out), m_options(options), m_row(row), m_worker(worker), m_top(out.rowTop(row)),
          m_lo(axis.left() - 2.0), m_hi(axis.right() + 2.0), m_begin(axis.begin()), m_left(axis.left()),
          m_scale(1.0 / axis.nsPerPixel()), m_foldNs(options.foldPx * axis.nsPerPixel())
    {
        for (std::size_t depth = 0; depth <= kMaxDepth; ++depth) {
            const double inset = (options.spanPad + double(depth) * kDepthInset) * smallRowScale(out.rowHeight);
            m_spanTop[depth] = m_top + inset;
            m_spanHeight[depth] = std::max(2.0, out.rowHeight - 2.0 * inset);
        }
    }

    void add(const Span &span, bool open)
    {
        // The zoomed-out hot path (a million spans): a narrow span inside the
        // current bucket only adds to the run's totals; no pixel maths.
        const std::uint64_t duration = span.end - span.begin;
        const bool joins = m_group.count > 0 && span.begin < m_group.bucketEnd && double(duration) < m_foldNs && !open;
        if (!joins && !place(span, open))
            return;
        ++m_group.count;
        m_group.end = std::max(m_group.end, span.end);
        const std::size_t state = std::min(std::size_t(span.state), kStates - 1);
        m_group.time[state] += duration;
        m_group.touched |= 1u << state;
    }

    void flush()
    {
        if (m_group.count == 0)
            return;
        Span span = m_group.first;
        span.end = std::max(span.end, m_group.end);
        SpanState minor = span.state;
        float minorShare = 0.0f;
        if (m_group.count > 1) {
            span.objectId = 0;
            trace::dominantStates(m_group.time, span.state, minor, minorShare);
        }
        emit(m_group.x0, x(m_group.end), span, m_group.depth, m_group.open, m_group.count, minor, minorShare);
        m_group.count = 0;
        // Back to all zeros for the next run, writing only what this one
        // used: clearing the whole array per run showed in profiles.
        for (std::uint32_t t = m_group.touched; t != 0; t &= t - 1)
            m_group.time[std::size_t(std::countr_zero(t))] = 0;
        m_group.touched = 0;
    }

    // A level-of-detail bucket: its spans already summed, drawn as one
    // folded run (or as its only span).
    void addBucket(const trace::SpanBucketSummary &b)
    {
        flush();
        if (!m_activeEnds.empty())
            std::erase_if(m_activeEnds, [&](std::uint64_t end) { return end <= b.minBegin; });
        const auto depth = std::uint8_t(std::min<std::size_t>(m_activeEnds.size(), kMaxDepth));
        Span span{b.minBegin, b.maxEnd, b.state, b.objectId};
        SpanState minor = span.state;
        float minorShare = 0.0f;
        if (b.count > 1) {
            span.objectId = 0;
            span.state = b.major;
            minor = b.minor;
            minorShare = b.minorShare;
        }
        emit(x(b.minBegin), x(b.maxEnd), span, depth, false, b.count, minor, minorShare);
    }

private:
    struct Group {
        double x0 = 0.0;
        Span first{};
        std::uint64_t end = 0;
        std::uint64_t bucketEnd = 0;
        std::uint32_t count = 0;
        std::uint8_t depth = 0;
        bool open = false;
        std::uint32_t touched = 0; // states with time in `time`; the others are zero
        std::array<std::uint64_t, kStates> time{};
    };
    static_assert(kStates <= 32);

    // Draws a wide span on its own (false), or opens the run a narrow one
    // joins (true).
    bool place(const Span &span, bool open)
    {
        std::erase_if(m_activeEnds, [&](std::uint64_t end) { return end <= span.begin; });
        const auto depth = std::uint8_t(std::min<std::size_t>(m_activeEnds.size(), kMaxDepth));
        const double x0 = x(span.begin);
        const double x1 = x(span.end);
        if (x1 - x0 >= m_options.foldPx) {
            flush();
            emit(x0, x1, span, depth, open, 1, span.state, 0.0f);
            m_activeEnds.push_back(span.end);
            return false;
        }
        // Runs fold per bucket of foldPx, not per contiguous stretch, so a
        // dense region keeps its colour variation instead of becoming one bar.
        if (m_group.count > 0 && x0 >= m_group.x0 + m_options.foldPx)
            flush();
        if (m_group.count == 0) {
            // The time where this bucket ends, so later members are found by
            // comparing integers.
            const double bucketNs = (x0 + m_options.foldPx - m_left) / m_scale;
            const std::uint64_t bucketEnd = bucketNs <= 0.0 ? 0 : m_begin + std::uint64_t(bucketNs);
            // Field by field: `time` is already all zeros (flush()).
            m_group.x0 = x0;
            m_group.first = span;
            m_group.end = span.end;
            m_group.bucketEnd = bucketEnd;
            m_group.depth = depth;
            m_group.open = open;
        }
        return true;
    }

    void emit(double x0, double x1, const Span &span, std::uint8_t depth, bool open, std::uint32_t count,
              SpanState minor, float minorShare)
    {
        // A lone sub-pixel span still gets one pixel: a short critical
        // section must not vanish when zoomed out.
        DrawSpan s{.rect = QRectF(x0, m_spanTop[depth], std::max(1.0, x1 - x0), m_spanHeight[depth]),
                   .begin = span.begin, .end = span.end, .minorShare = minorShare, .count = count,
                   .objectId = span.objectId, .row = m_row, .worker = m_worker, .state = span.state,
                   .minorState = minor, .depth = depth, .open = open && count == 1};
        if (m_options.mergeRuns && !m_out.spans.empty() && extends(m_out.spans.back(), s)) {
            DrawSpan &run = m_out.spans.back();
            run.rect.setRight(std::max(run.rect.right(), s.rect.right()));
            run.end = std::max(run.end, s.end);
            run.count += s.count;
            return;
        }
        m_out.spans.push_back(s);
    }

    // Zoomed out, neighbouring folded runs often paint the same pixels as
    // one run would: the same colours, the same runner-up band, touching.
    // One rectangle then does, so the paint cost follows what differs on
    // screen rather than the number of buckets.
    bool extends(const DrawSpan &run, const DrawSpan &next) const
    {
        if (!run.folded() || !next.folded() || run.row != next.row || run.depth != next.depth ||
            run.state != next.state || run.minorState != next.minorState || run.rect.top() != next.rect.top() ||
            run.rect.height() != next.rect.height())
            return false;
        if (ceilPx(run.rect.right()) < floorPx(next.rect.left()))
            return false;
        const int pixelHeight = roundPx(run.rect.bottom()) - roundPx(run.rect.top());
        return minorBandHeight(run, pixelHeight) == minorBandHeight(next, pixelHeight);
    }

    // Clamped to just outside the plot: deep zooms give huge coordinates.
    double x(std::uint64_t t) const
    {
        return std::clamp(m_left + double(std::int64_t(t - m_begin)) * m_scale, m_lo, m_hi);
    }

    DrawList &m_out;
    const DrawListOptions &m_options;
    int m_row;
    int m_worker;
    double m_top;
    double m_lo;
    double m_hi;
    std::uint64_t m_begin;
    double m_left;
    double m_scale;  // px per ns
    double m_foldNs; // spans shorter than this fold
    // Where a span of each nesting depth sits in the row (inset from its
    // top and bottom), worked out once per row rather than per span.
    std::array<double, kMaxDepth + 1> m_spanTop{};
    std::array<double, kMaxDepth + 1> m_spanHeight{};
    Group m_group;
    std::vector<std::uint64_t> m_activeEnds;
};

QRectF lifetimeRect(const DrawList &out, const TimeAxis &axis, const DrawListOptions &options, int row,
                    std::uint64_t begin, std::uint64_t end)
{
    const double x0 = std::clamp(axis.xOf(begin), axis.left() - 2.0, axis.right() + 2.0);
    const double x1 = std::clamp(axis.xOf(end), axis.left() - 2.0, axis.right() + 2.0);
    const double height = std::max(1.0, options.lifetimeHeight * smallRowScale(out.rowHeight));
    const double y = out.rowTop(row) + (out.rowHeight - height) / 2.0;
    return QRectF(x0, y, std::max(1.0, x1 - x0), height);
}

// A row with more spans in view than pixels to show them: the store's
// buckets of the level whose bucket is a fold (a few pixels) wide, and the
// spans at least that long, merged in begin order with the open spans.
void addRowFromLod(DrawList &out, const trace::SpanLevel &level, const TimeAxis &axis, RowBuilder &builder,
                   const std::vector<Span> &open)
{
    ++out.lodRows;
    const unsigned shift = level.shift;
    const std::uint64_t viewBegin = axis.begin();
    const std::uint64_t viewEnd = axis.end();
    // The bucket before the view can hold a narrow span reaching into it.
    std::size_t b = level.firstBucket(viewBegin >> shift);
    if (b > 0 && level.summaries[b - 1].maxEnd >= viewBegin)
        --b;
    std::size_t wi = level.nextWideReaching(0, viewBegin);
    // At most one rectangle per bucket in view (and a few wide spans).
    // Still grown geometrically: a reserve per row of exactly what it needs
    // would copy every earlier row's rectangles again for each row.
    const std::size_t needed = out.spans.size() + (level.firstBucket((viewEnd >> shift) + 1) - b) + 16;
    if (needed > out.spans.capacity())
        out.spans.reserve(std::max(needed, 2 * out.spans.capacity()));
    auto o = open.begin();
    constexpr std::uint64_t kNone = ~std::uint64_t(0);
    for (;;) {
        const std::uint64_t bb = b < level.summaries.size() && level.summaries[b].minBegin < viewEnd
                                     ? level.summaries[b].minBegin
                                     : kNone;
        const std::uint64_t wb = wi < level.wide.size() && level.wide[wi].begin < viewEnd ? level.wide[wi].begin : kNone;
        const std::uint64_t ob = o != open.end() ? o->begin : kNone;
        if (bb == kNone && wb == kNone && ob == kNone)
            break;
        if (ob <= bb && ob <= wb) {
            builder.add(*o++, true);
        } else if (wb <= bb) {
            ++out.spansVisited;
            builder.add(level.wide[wi], false);
            wi = level.nextWideReaching(wi + 1, viewBegin);
        } else {
            ++out.bucketsVisited;
            builder.addBucket(level.summaries[b++]);
        }
    }
}

// Spans of a worker's sorted vector that begin in the view: [first, end).
std::pair<std::size_t, std::size_t> spansBeginningIn(const trace::WorkerTrack &w, const TimeAxis &axis)
{
    const auto byBegin = [](const Span &s, std::uint64_t t) { return s.begin < t; };
    const auto first = std::lower_bound(w.spans.begin(), w.spans.end(), axis.begin(), byBegin);
    const auto end = std::lower_bound(first, w.spans.end(), axis.end(), byBegin);
    return {std::size_t(first - w.spans.begin()), std::size_t(end - w.spans.begin())};
}

// A row to build and what it is drawn from, chosen before the rows are
// split between threads: asking the store for a level of detail may build
// it, and only one thread may do that.
struct RowPlan {
    int row = 0;
    const trace::SpanLevel *lod = nullptr; // null: the worker's spans
    std::size_t cost = 1;                  // spans or buckets it reads, roughly
    std::size_t firstInView = 0;           // the worker's spans beginning in the view
    std::size_t endInView = 0;
};

// Rows with more spans in view than this are drawn from a level of detail.
std::size_t lodThreshold(const TimeAxis &axis, const DrawListOptions &options)
{
    return options.lodSpans > 0 ? options.lodSpans : std::size_t(std::max(64.0, axis.width() / options.foldPx));
}

// Where a row's spans in view are: a search in the worker's spans, which
// may be megabytes, so rows are located on several threads. A row drawn
// from a level of detail also looks its level up here when it is ready:
// the lookup misses the cache and the TLB as the searches do (a frame's
// pixels have just been through the cache), about 6 us a row on one thread.
RowPlan locateRow(const trace::TraceStore &store, const TimelineLayout &layout, const TimeAxis &axis,
                  const DrawListOptions &options, int row)
{
    RowPlan plan{.row = row};
    const int worker = layout.row(row).worker;
    if (worker < 0 || std::size_t(worker) >= store.workers().size())
        return plan;
    const auto [first, end] = spansBeginningIn(store.workers()[std::size_t(worker)], axis);
    plan.firstInView = first;
    plan.endInView = end;
    plan.cost += end - first;
    if (options.lod && end - first > lodThreshold(axis, options))
        plan.lod = store.currentSpanLevel(worker, trace::SpanLod::shiftFor(options.foldPx * axis.nsPerPixel()));
    return plan;
}

// A row with more spans in view than pixels to show them is drawn from a
// level of detail. Only on the calling thread: asking for a level may build it.
void chooseLevel(const trace::TraceStore &store, const TimelineLayout &layout, const TimeAxis &axis,
                 const DrawListOptions &options, RowPlan &plan)
{
    const int worker = layout.row(plan.row).worker;
    if (!options.lod || worker < 0 || std::size_t(worker) >= store.workers().size())
        return;
    if (plan.endInView - plan.firstInView > lodThreshold(axis, options)) {
        if (!plan.lod) {
            const unsigned shift = trace::SpanLod::shiftFor(options.foldPx * axis.nsPerPixel());
            plan.lod = &store.spanLevel(worker, shift);
        }
        plan.cost = 1 + std::size_t(axis.width() / options.foldPx) * 2;
    }
}

void addWorkerRow(DrawList &out, const trace::TraceStore &store, const TimeAxis &axis,
                  const DrawListOptions &options, const TimelineIndex &index, int worker, const RowPlan &plan)
{
    const int row = plan.row;
    const trace::WorkerTrack &w = store.workers()[std::size_t(worker)];
    const std::uint64_t viewBegin = axis.begin();
    const std::uint64_t viewEnd = axis.end();
    const std::uint64_t openEnd = options.openEnd != 0 ? options.openEnd : store.endTime();
    const std::uint64_t lifeEnd = w.exited ? w.exitTime : std::max(w.startTime, openEnd);
    if (w.startTime <= viewEnd && lifeEnd >= viewBegin)
        out.lifetimes.push_back({lifetimeRect(out, axis, options, row, w.startTime, lifeEnd), row, worker,
                                 !w.exited && options.openEnd == 0});

    // Open spans are not in the sorted vector yet; merge them in by begin.
    std::vector<Span> open;
    for (const trace::OpenSpan &o : w.open) {
        if (o.begin < viewEnd && openEnd >= viewBegin)
            open.push_back(Span{o.begin, std::max(o.begin, openEnd), o.state, o.objectId});
    }
    std::sort(open.begin(), open.end(), [](const Span &a, const Span &b) { return a.begin < b.begin; });

    RowBuilder builder(out, axis, options, row, worker);
    auto nextOpen = open.begin();
    // Spans are sorted by begin: those starting in the view are a
    // lower_bound away; those starting before it only matter if they still
    // reach into it, which the index finds without walking the others.
    if (plan.lod) {
        addRowFromLod(out, *plan.lod, axis, builder, open);
        nextOpen = open.end();
    } else {
        const std::size_t firstInView = plan.firstInView;
        const std::size_t endInView = plan.endInView;
        const auto add = [&](const Span &span) {
            ++out.spansVisited;
            for (; nextOpen != open.end() && nextOpen->begin <= span.begin; ++nextOpen)
                builder.add(*nextOpen, true);
            builder.add(span, false);
        };
        for (std::size_t i = index.nextReaching(worker, 0, viewBegin); i < firstInView;
             i = index.nextReaching(worker, i + 1, viewBegin))
            add(w.spans[i]);
        for (std::size_t i = firstInView; i < endInView; ++i)
            add(w.spans[i]);
    }
    for (; nextOpen != open.end(); ++nextOpen)
        builder.add(*nextOpen, true);
    builder.flush();

    // One tick per couple of pixels is all the eye can use: after a tick,
    // jump to the first line two pixels on, so a million lines cost a
    // search per tick drawn. The search gallops from the last tick, where
    // the next one usually is, rather than halving the row's whole rest.
    const auto &prints = w.printTimes;
    const auto twoPixels = std::uint64_t(std::max(1.0, std::ceil(2.0 * axis.nsPerPixel())));
    // A chatty trace zoomed out has a print every few pixels of every row:
    // x from a multiplication, and the last run's end pixel kept at hand.
    const double pxPerNs = 1.0 / axis.nsPerPixel();
    const double tickTop = out.rowTop(row) + 1.0;
    const double tickBottom = out.rowTop(row) + out.rowHeight - 1.0;
    DrawTick *run = nullptr;
    int runEndPx = 0;
    for (auto it = std::lower_bound(prints.begin(), prints.end(), viewBegin); it != prints.end() && *it <= viewEnd;) {
        const double x = axis.left() + double(std::int64_t(*it - viewBegin)) * pxPerNs;
        const int px = roundPx(x);
        if (run && px - runEndPx <= 3) {
            // Close enough to the last to touch it: one run, one item.
            run->xEnd = x;
            run->timeEnd = *it;
            ++run->count;
        } else {
            run = &out.ticks.emplace_back(DrawTick{x, tickTop, tickBottom, row, worker, *it, x, *it, 1});
        }
        runEndPx = px;
        const std::uint64_t next = *it + twoPixels;
        auto lo = it + 1;
        std::ptrdiff_t step = 1;
        while (prints.end() - lo > step && *(lo + step) < next) {
            lo += step;
            step *= 2;
        }
        it = std::lower_bound(lo, lo + std::min(step + 1, prints.end() - lo), next);
    }

    if (w.exited && w.exitTime >= viewBegin && w.exitTime <= viewEnd)
        out.exits.push_back({QPointF(axis.xOf(w.exitTime), out.rowTop(row) + out.rowHeight / 2.0), row, worker, w.exitValue});
}

void addHeaderRow(DrawList &out, const trace::TraceStore &store, const TimelineLayout &layout, const TimeAxis &axis,
                  const DrawListOptions &options, int row)
{
    std::uint64_t begin = ~std::uint64_t(0);
    std::uint64_t end = 0;
    bool alive = false;
    const std::uint64_t openEnd = options.openEnd != 0 ? options.openEnd : store.endTime();
    const auto take = [&](const trace::WorkerTrack &w) {
        begin = std::min(begin, w.startTime);
        end = std::max(end, w.exited ? w.exitTime : std::max(w.startTime, openEnd));
        alive = alive || (!w.exited && options.openEnd == 0);
    };
    const TimelineRow &header = layout.row(row);
    if (header.collapsed) {
        // Its threads have no rows: the bar spans them all the same.
        for (const auto &w : store.workers())
            if (w.pid == header.pid)
                take(w);
    }
    for (int r = row + 1; r < layout.rowCount() && layout.row(r).group == header.group; ++r) {
        if (layout.row(r).worker < 0 || std::size_t(layout.row(r).worker) >= store.workers().size())
            continue;
        take(store.workers()[std::size_t(layout.row(r).worker)]);
    }
    if (begin <= end && begin <= axis.end() && end >= axis.begin())
        out.lifetimes.push_back({lifetimeRect(out, axis, options, row, begin, end), row, -1, alive});
}

// Clips the segment to a band around the plot so painting never sees the
// huge coordinates a deep zoom produces.
bool clipToBand(QPointF &a, QPointF &b, double lo, double hi, bool &headVisible)
{
    if ((a.x() < lo && b.x() < lo) || (a.x() > hi && b.x() > hi))
        return false;
    auto clipPoint = [&](QPointF &p, const QPointF &other) {
        const double x = std::clamp(p.x(), lo, hi);
        if (x == p.x() || other.x() == p.x())
            return false;
        const double t = (x - other.x()) / (p.x() - other.x());
        p = QPointF(x, other.y() + t * (p.y() - other.y()));
        return true;
    };
    clipPoint(a, b);
    headVisible = !clipPoint(b, a);
    return true;
}

void addFlows(DrawList &out, const trace::TraceStore &store, const TimelineLayout &layout, const TimeAxis &axis,
              const FlowIndex &index, std::uint32_t hiddenKinds)
{
    const auto &flows = store.flows();
    // One arrow per 10 px column at most is kept below: a column index.
    const auto columns = std::size_t(axis.width() / 10.0) + 2;
    const auto columnOf = [&](double fromX) {
        return std::min(columns, std::size_t(std::max(0.0, fromX - axis.left() + 2.0) / 10.0));
    };
    // A flow to draw: both ends on rows in view or around it, not hidden.
    // Its rows, or false.
    const auto drawable = [&](const trace::Flow &f, int &fromRow, int &toRow) {
        // A worker re-taking its own lock is no hand-over; its spans show it.
        if (f.fromWorker < 0 || f.toWorker < 0 || f.fromWorker == f.toWorker || f.outTime == 0 || f.inTime == 0)
            return false;
        if (hiddenKinds & (1u << unsigned(f.kind)))
            return false;
        fromRow = layout.rowOfWorker(f.fromWorker);
        toRow = layout.rowOfWorker(f.toWorker);
        return fromRow >= 0 && toRow >= 0 && std::max(fromRow, toRow) >= out.firstRow &&
               std::min(fromRow, toRow) < out.lastRow;
    };
    const auto arrow = [&](int i, int fromRow, int toRow, DrawFlow &d) {
        const trace::Flow &f = flows[std::size_t(i)];
        QPointF from(axis.xOf(f.outTime), out.rowTop(fromRow) + out.rowHeight / 2.0);
        QPointF to(axis.xOf(f.inTime), out.rowTop(toRow) + out.rowHeight / 2.0);
        bool headVisible = true;
        if (!clipToBand(from, to, axis.left() - 2.0, axis.right() + 2.0, headVisible))
            return false;
        d = DrawFlow{from, to, i, f.objectId, f.kind, headVisible};
        return true;
    };

    // The flows that reach into the view, from the index: [first, stop) by
    // start, less those ending before the view.
    const std::uint64_t viewBegin = axis.begin();
    const std::uint64_t viewEnd = axis.end();
    const std::size_t stop =
        viewEnd == ~std::uint64_t(0) ? index.size() : index.firstStartingFrom(viewEnd + 1);
    const std::size_t first = index.nextReaching(0, viewBegin);
    if (first < stop && stop - first > 16 * columns) {
        // Many more than the columns can show (a long trace of hand-overs,
        // zoomed out): per column, the first drawable flow leaving in it,
        // from a search by time, so the cost follows the columns.
        constexpr std::size_t kTriesPerColumn = 64;
        for (std::size_t c = 0; c < columns; ++c) {
            const std::uint64_t t0 = axis.timeAt(axis.left() - 2.0 + 10.0 * double(c));
            const std::uint64_t t1 = axis.timeAt(axis.left() - 2.0 + 10.0 * double(c + 1));
            std::size_t pos = std::max(first, index.firstStartingFrom(t0));
            for (std::size_t tries = 0; pos < stop && index.startAt(pos) < t1 && tries < kTriesPerColumn;
                 ++pos, ++tries) {
                ++out.flowsVisited;
                const int i = int(index.flowAt(pos));
                int fromRow = 0;
                int toRow = 0;
                if (!drawable(flows[std::size_t(i)], fromRow, toRow) ||
                    columnOf(axis.xOf(flows[std::size_t(i)].outTime)) != c)
                    continue;
                DrawFlow d;
                if (arrow(i, fromRow, toRow, d)) {
                    out.flows.push_back(d);
                    break;
                }
            }
        }
        return;
    }

    // In store order, as they happened to be recorded: which of two arrows
    // on the same pixels is kept does not depend on the index.
    std::vector<std::uint32_t> inView;
    for (std::size_t pos = first; pos < stop; pos = index.nextReaching(pos + 1, viewBegin))
        inView.push_back(index.flowAt(pos));
    std::sort(inView.begin(), inView.end());
    out.flowsVisited += inView.size();
    std::unordered_set<std::uint64_t> seen;
    for (const std::uint32_t k : inView) {
        const int i = int(k);
        int fromRow = 0;
        int toRow = 0;
        if (!drawable(flows[k], fromRow, toRow))
            continue;
        // Zoomed out, thousands of hand-overs between the same two rows land
        // on the same pixels and turn into a black smear; one arrow per pair
        // of rows every few pixels still shows who hands over to whom.
        const double fromX = axis.xOf(flows[k].outTime);
        const auto bucket = std::uint64_t(std::max(0.0, fromX - axis.left() + 8.0) / 6.0);
        const std::uint64_t key = (std::uint64_t(std::uint32_t(fromRow)) << 44) ^
                                  (std::uint64_t(std::uint32_t(toRow)) << 24) ^ (bucket & 0xffffff);
        if (!seen.insert(key).second)
            continue;
        DrawFlow d;
        if (arrow(i, fromRow, toRow, d))
            out.flows.push_back(d);
    }
    // Heavy contention still leaves a thicket; past one arrow per 10 px keep
    // one per 10 px column, which says "hand-overs happen here" legibly.
    if (out.flows.size() <= columns)
        return;
    std::vector<char> taken(columns + 1, 0);
    std::erase_if(out.flows, [&](const DrawFlow &f) { return std::exchange(taken[columnOf(f.from.x())], char(1)) != 0; });
}
} // namespace

DrawList buildDrawList(const trace::TraceStore &store, const TimelineLayout &layout, const TimeAxis &axis,
                       const DrawListOptions &options, TimelineIndex *index, DrawList recycled)
{
    TimelineIndex local;
    if (!index)
        index = &local;
    index->update(store);

    DrawList out;
    out.lifetimes = std::move(recycled.lifetimes);
    out.spans = std::move(recycled.spans);
    out.flows = std::move(recycled.flows);
    out.ticks = std::move(recycled.ticks);
    out.exits = std::move(recycled.exits);
    out.lifetimes.clear();
    out.spans.clear();
    out.flows.clear();
    out.ticks.clear();
    out.exits.clear();
    out.firstRow = std::clamp(options.firstRow, 0, layout.rowCount());
    out.lastRow = std::clamp(options.lastRow, out.firstRow, layout.rowCount());
    out.yOrigin = options.yOrigin;
    out.rowHeight = layout.rowHeight();
    out.rowOrdered = true; // rows are added top to bottom, each row's items together
    out.plot = QRectF(axis.left(), out.rowTop(out.firstRow), axis.width(),
                      (out.lastRow - out.firstRow) * out.rowHeight);

    std::vector<RowPlan> plans(std::size_t(out.lastRow - out.firstRow));
    const auto locate = [&](std::size_t from, std::size_t to) {
        for (std::size_t k = from; k < to; ++k)
            plans[k] = locateRow(store, layout, axis, options, out.firstRow + int(k));
    };
    // Many rows of big workers: their searches miss the cache all the way
    // down, a measurable part of a frame on one thread.
    std::size_t stored = 0;
    for (const auto &w : store.workers())
        stored += w.spans.size();
    const int locateParts =
        plans.size() >= 64 && stored >= (std::size_t(1) << 20) ? std::min(2, frameThreads(stored, options.threads)) : 1;
    if (locateParts <= 1) {
        locate(0, plans.size());
    } else {
        runParts(locateParts, [&](int k) {
            locate(plans.size() * std::size_t(k) / std::size_t(locateParts),
                   plans.size() * std::size_t(k + 1) / std::size_t(locateParts));
        });
    }
    std::size_t cost = 0;
    for (RowPlan &plan : plans) {
        chooseLevel(store, layout, axis, options, plan);
        cost += plan.cost;
    }
    const auto addRows = [&](DrawList &part, std::size_t from, std::size_t to) {
        for (std::size_t k = from; k < to; ++k) {
            const int r = plans[k].row;
            const TimelineRow &row = layout.row(r);
            if (row.worker >= 0 && std::size_t(row.worker) < store.workers().size())
                addWorkerRow(part, store, axis, options, *index, row.worker, plans[k]);
            else if (row.kind == TimelineRow::Kind::ProcessHeader)
                addHeaderRow(part, store, layout, axis, options, r);
        }
    };
    const int parts = std::min(frameThreads(cost, options.threads), int(plans.size()));
    if (parts <= 1) {
        addRows(out, 0, plans.size());
    } else {
        // Rows are independent: each thread builds a run of them, about an
        // equal share of the reading, into its own list; the lists are then
        // joined in row order, so the result is the one-thread list.
        std::vector<std::size_t> cuts{0};
        std::size_t done = 0;
        for (std::size_t k = 0; k < plans.size() && int(cuts.size()) < parts; ++k) {
            done += plans[k].cost;
            if (done * std::size_t(parts) >= cost * cuts.size())
                cuts.push_back(k + 1);
        }
        cuts.push_back(plans.size());
        // Kept per calling thread, so panning does not fault in fresh
        // megabytes for every frame.
        // (A reference: in the threads, the name would mean their own.)
        thread_local std::vector<DrawList> perThread;
        std::vector<DrawList> &scratch = perThread;
        scratch.resize(cuts.size() - 1);
        for (auto &part : scratch) {
            part.lifetimes.clear();
            part.spans.clear();
            part.ticks.clear();
            part.exits.clear();
            part.yOrigin = out.yOrigin;
            part.rowHeight = out.rowHeight;
            part.spansVisited = part.bucketsVisited = 0;
            part.lodRows = 0;
        }
        runParts(int(cuts.size()) - 1, [&](int k) {
            addRows(k == 0 ? out : scratch[std::size_t(k)], cuts[std::size_t(k)], cuts[std::size_t(k) + 1]);
        });
        for (std::size_t k = 1; k + 1 < cuts.size(); ++k) {
            const DrawList &part = scratch[k];
            out.lifetimes.insert(out.lifetimes.end(), part.lifetimes.begin(), part.lifetimes.end());
            out.spans.insert(out.spans.end(), part.spans.begin(), part.spans.end());
            out.ticks.insert(out.ticks.end(), part.ticks.begin(), part.ticks.end());
            out.exits.insert(out.exits.end(), part.exits.begin(), part.exits.end());
            out.spansVisited += part.spansVisited;
            out.bucketsVisited += part.bucketsVisited;
            out.lodRows += part.lodRows;
        }
    }
    if (options.flows)
        addFlows(out, store, layout, axis, index->flows(), options.hiddenFlowKinds);
    return out;
}

} // namespace cl::ui
