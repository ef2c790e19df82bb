#include "ui/timeline_layout.h"
#include "ui/state_palette.h"
#include "ui/time_axis.h"
#include "ui/timeline_draw_list.h"
#include "ui/timeline_painter.h"

#include <algorithm>
#include <cmath>

namespace cl::ui {

namespace {
constexpr std::size_t kFanOut = 32;

bool sameSpan(const trace::Span &a, const trace::Span &b)
{
    return a.begin == b.begin && a.end == b.end && a.state == b.state && a.objectId == b.objectId;
}

QString html(const QString &s)
{
    return s.toHtmlEscaped();
}

QString at(const trace::TraceStore &store, std::uint64_t t)
{
    return formatInstant(std::int64_t(t - store.beginTime()));
}

QString objectCaption(trace::SpanState s, const QString &name)
{
    switch (s) {
    case trace::SpanState::LockWait:
    case trace::SpanState::LockHold:
        return TimelineLayout::tr("lock: %1").arg(name);
    case trace::SpanState::QueueFullWait:
    case trace::SpanState::QueueEmptyWait:
        return TimelineLayout::tr("queue: %1").arg(name);
    default:
        return TimelineLayout::tr("object: %1").arg(name);
    }
}

QString describeSpan(const trace::TraceStore &store, const DrawSpan &s)
{
    const QString range = TimelineLayout::tr("from %1 to %2").arg(at(store, s.begin), at(store, s.end));
    if (s.folded()) {
        return QStringLiteral("<b>%1</b><br/>%2<br/>%3")
            .arg(html(TimelineLayout::tr("%1 spans folded; zoom in to see each").arg(s.count)),
                 html(TimelineLayout::tr("mostly: %1").arg(stateDisplayName(s.state))), html(range));
    }
    const QString duration = s.open ? TimelineLayout::tr("%1 so far").arg(formatDuration(s.end - s.begin))
                                    : formatDuration(s.end - s.begin);
    QString text = QStringLiteral("<b>%1</b> · %2").arg(html(stateDisplayName(s.state)), html(duration));
    const std::string object = s.objectId ? store.objectName(s.objectId) : std::string();
    if (!object.empty())
        text += QStringLiteral("<br/>") + html(objectCaption(s.state, QString::fromStdString(object)));
    return text + QStringLiteral("<br/>") + html(range);
}

QString describeTick(const trace::TraceStore &store, const DrawTick &t, const PrintFormatter &formatter)
{
    const auto &prints = store.prints();
    const auto &w = store.workers()[std::size_t(t.worker)];
    auto it = std::lower_bound(prints.begin(), prints.end(), t.time,
                               [](const trace::PrintedLine &l, std::uint64_t time) { return l.time < time; });
    for (; it != prints.end() && it->time == t.time; ++it) {
        if (it->pid != w.pid || it->tid != w.tid)
            continue;
        const auto raw = store.string(it->stringId);
        const QString line = formatter ? formatter(store, *it) : QString::fromUtf8(raw.data(), qsizetype(raw.size()));
        return QStringLiteral("<b>%1</b> %2<br/><tt>%3</tt>")
            .arg(html(TimelineLayout::tr("printed at")), html(at(store, t.time)), html(line));
    }
    return {};
}
// The tick of the line under x: a run's ticks stand for many lines, and the
// one whose time is nearest x's (along the run) is the one described.
DrawTick lineUnder(const trace::TraceStore &store, const DrawTick &run, double x)
{
    if (run.count <= 1 || run.xEnd <= run.x)
        return run;
    const double along = std::clamp((x - run.x) / (run.xEnd - run.x), 0.0, 1.0);
    const auto target = run.time + std::uint64_t(along * double(run.timeEnd - run.time));
    const auto &times = store.workers()[std::size_t(run.worker)].printTimes;
    if (times.empty())
        return run;
    auto it = std::lower_bound(times.begin(), times.end(), target);
    if (it == times.end() || (it != times.begin() && target - *(it - 1) < *it - target))
        --it;
    DrawTick one = run;
    one.time = std::clamp(*it, run.time, run.timeEnd);
    one.timeEnd = one.time;
    one.count = 1;
    return one;
}
} // namespace

TimelineLayout TimelineLayout::build(const trace::TraceStore &store, const TimelineLayoutOptions &options)
{
    TimelineLayout layout;
    layout.m_options = options;
    layout.m_options.rowHeight = std::max(4, options.rowHeight);
    layout.m_options.labelWidth = std::max(0, options.labelWidth);
    const auto &workers = store.workers();
    layout.m_workerCount = workers.size();
    layout.m_rowOfWorker.assign(workers.size(), -1);

    const auto groups = store.processes();
    for (int g = 0; g < int(groups.size()); ++g) {
        const auto &group = groups[std::size_t(g)];
        if (group.workers.empty())
            continue;
        const auto &first = workers[std::size_t(group.workers.front())];
        // One traced thread gets one row even when it is not the process's
        // main thread (the app's own run thread, say): a header over a
        // single row would only repeat it. Its TID is in the tooltip.
        const bool single = group.workers.size() == 1;
        const QString processName = (first.isProcessMain() || single) && !first.name.empty()
                                        ? QString::fromStdString(first.name)
                                        : tr("process");
        const QString pidText = tr("PID %1").arg(group.pid);
        if (single) {
            TimelineRow row;
            row.kind = TimelineRow::Kind::Process;
            row.worker = group.workers.front();
            row.group = g;
            row.pid = first.pid;
            row.tid = first.tid;
            row.name = processName;
            row.id = pidText;
            layout.m_rowOfWorker[std::size_t(row.worker)] = int(layout.m_rows.size());
            layout.m_rows.push_back(std::move(row));
            continue;
        }
        TimelineRow header;
        header.kind = TimelineRow::Kind::ProcessHeader;
        header.group = g;
        header.pid = group.pid;
        header.name = processName;
        header.id = pidText;
        header.children = int(group.workers.size());
        header.collapsed = options.collapsed.count(group.pid) > 0;
        layout.m_rows.push_back(std::move(header));
        if (layout.m_rows.back().collapsed)
            continue; // its workers keep no row (rowOfWorker: -1)
        // Coroutine lanes go right under their host thread, in the order they
        // started; a lane whose thread left no track goes last.
        std::vector<int> threads, lanes;
        for (int w : group.workers)
            (workers[std::size_t(w)].isCoroutine() ? lanes : threads).push_back(w);
        std::vector<bool> placed(lanes.size(), false);
        auto addLanes = [&](std::int32_t hostTid, bool any) {
            for (std::size_t k = 0; k < lanes.size(); ++k) {
                const auto &track = workers[std::size_t(lanes[k])];
                if (placed[k] || (!any && track.hostTid != hostTid))
                    continue;
                placed[k] = true;
                TimelineRow row;
                row.kind = TimelineRow::Kind::Coroutine;
                row.worker = lanes[k];
                row.group = g;
                row.pid = track.pid;
                row.tid = track.tid;
                row.indent = 2;
                row.name = track.name.empty() ? tr("coroutine") : QString::fromStdString(track.name);
                row.id = tr("on TID %1").arg(track.hostTid);
                layout.m_rowOfWorker[std::size_t(row.worker)] = int(layout.m_rows.size());
                layout.m_rows.push_back(std::move(row));
            }
        };
        for (int w : threads) {
            const auto &track = workers[std::size_t(w)];
            TimelineRow row;
            row.kind = TimelineRow::Kind::Thread;
            row.worker = w;
            row.group = g;
            row.pid = track.pid;
            row.tid = track.tid;
            row.indent = 1;
            // The main thread usually carries the process's name; calling it
            // "main" keeps the header and its first thread from reading alike.
            if (track.isProcessMain())
                row.name = tr("main thread");
            else
                row.name = track.name.empty() ? tr("thread") : QString::fromStdString(track.name);
            // A model's lane (the GIL) is no thread: no TID to show.
            row.id = trace::isLaneTid(track.tid) ? tr("model") : tr("TID %1").arg(track.tid);
            layout.m_rowOfWorker[std::size_t(w)] = int(layout.m_rows.size());
            layout.m_rows.push_back(std::move(row));
            addLanes(track.tid, false);
        }
        addLanes(0, true);
    }
    return layout;
}

int TimelineLayout::rowOfWorker(int worker) const
{
    if (worker < 0 || std::size_t(worker) >= m_rowOfWorker.size())
        return -1;
    return m_rowOfWorker[std::size_t(worker)];
}

int TimelineLayout::rowAt(double contentY) const
{
    if (contentY < 0.0)
        return -1;
    const int row = int(contentY / rowHeight());
    return row < rowCount() ? row : -1;
}

std::pair<int, int> TimelineLayout::rowsIn(double top, double bottom) const
{
    const int first = std::clamp(int(std::floor(top / rowHeight())), 0, rowCount());
    const int last = std::clamp(int(std::ceil(bottom / rowHeight())), first, rowCount());
    return {first, last};
}

void TimelineIndex::clear()
{
    *this = TimelineIndex();
}

void TimelineIndex::update(const trace::TraceStore &store)
{
    if (&store == m_store && store.revision() == m_revision)
        return;
    if (&store != m_store) {
        m_entries.clear();
        m_flows.clear();
    }
    m_store = &store;
    m_revision = store.revision();
    m_flows.update(store.flows());
    const auto &workers = store.workers();
    m_entries.resize(workers.size());
    for (std::size_t i = 0; i < workers.size(); ++i) {
        Entry &e = m_entries[i];
        const auto &spans = workers[i].spans;
        // Spans almost always arrive at the back; extend when the old last
        // span is still where it was, otherwise rebuild this worker.
        if (e.size > 0 && e.size <= spans.size() && sameSpan(spans[e.size - 1], e.last)) {
            if (e.size < spans.size())
                rebuild(e, spans, e.size);
        } else {
            rebuild(e, spans, 0);
        }
    }
}

std::uint32_t TimelineIndex::closedSpanStates() const
{
    std::uint32_t states = 0;
    for (const Entry &e : m_entries)
        states |= e.states;
    return states;
}

void TimelineIndex::rebuild(Entry &e, const std::vector<trace::Span> &spans, std::size_t from)
{
    if (from == 0)
        e.states = 0;
    for (std::size_t k = from; k < spans.size(); ++k)
        e.states |= 1u << std::min<unsigned>(unsigned(spans[k].state), 31u);
    e.size = spans.size();
    if (!spans.empty())
        e.last = spans.back();
    std::size_t count = (spans.size() + kFanOut - 1) / kFanOut;
    std::size_t start = from / kFanOut;
    for (std::size_t level = 0; count > 0; ++level) {
        if (e.levels.size() <= level)
            e.levels.emplace_back();
        auto &cur = e.levels[level];
        cur.resize(count);
        for (std::size_t b = start; b < count; ++b) {
            std::uint64_t m = 0;
            const std::size_t end = std::min((b + 1) * kFanOut, level == 0 ? spans.size() : e.levels[level - 1].size());
            for (std::size_t k = b * kFanOut; k < end; ++k)
                m = std::max(m, level == 0 ? spans[k].end : e.levels[level - 1][k]);
            cur[b] = m;
        }
        if (count == 1) {
            e.levels.resize(level + 1);
            break;
        }
        count = (count + kFanOut - 1) / kFanOut;
        start /= kFanOut;
    }
    if (spans.empty())
        e.levels.clear();
}

std::size_t TimelineIndex::nextReaching(int worker, std::size_t i, std::uint64_t t) const
{
    if (!m_store || worker < 0 || std::size_t(worker) >= m_entries.size())
        return 0;
    const auto &spans = m_store->workers()[std::size_t(worker)].spans;
    const Entry &e = m_entries[std::size_t(worker)];
    const std::size_t n = std::min(spans.size(), e.size);
    // Finish the current block span by span: the common case (spans inside
    // the view) returns on the first comparison.
    for (; i < n; ++i) {
        if (spans[i].end >= t)
            return i;
        if ((i + 1) % kFanOut == 0) {
            ++i;
            break;
        }
    }
    if (i >= n)
        return n;
    // Climb while whole blocks end before t, then descend into the first
    // block that reaches it.
    std::size_t level = 0;
    std::size_t b = i / kFanOut;
    for (;;) {
        const auto &cur = e.levels[level];
        const bool top = level + 1 >= e.levels.size();
        while (b < cur.size() && cur[b] < t) {
            ++b;
            if (!top && b % kFanOut == 0)
                break;
        }
        if (b >= cur.size())
            return n;
        if (cur[b] >= t)
            break;
        b /= kFanOut;
        ++level;
    }
    while (level > 0) {
        --level;
        b *= kFanOut;
        while (e.levels[level][b] < t)
            ++b;
    }
    for (i = b * kFanOut; i < n && spans[i].end < t; ++i) {
    }
    return i;
}

QString workerDetails(const trace::TraceStore &store, int worker)
{
    const auto &w = store.workers()[std::size_t(worker)];
    const QString name = !w.name.empty()      ? QString::fromStdString(w.name)
                         : w.isProcessMain() ? TimelineLayout::tr("process")
                                             : TimelineLayout::tr("thread");
    if (w.isCoroutine())
        return QStringLiteral("<b>%1</b><br/>%2<br/>%3")
            .arg(html(name),
                 html(TimelineLayout::tr("A coroutine run by thread TID %1 of PID %2: green while it runs, grey while "
                                         "it sleeps or waits for a socket, pale while it is suspended. Only one "
                                         "coroutine of a thread runs at a time.").arg(w.hostTid).arg(w.pid)),
                 html(w.exited ? TimelineLayout::tr("ended at %1").arg(at(store, w.exitTime))
                               : TimelineLayout::tr("not ended")));
    if (trace::isLaneTid(w.tid))
        return QStringLiteral("<b>%1</b><br/>%2")
            .arg(html(name), html(TimelineLayout::tr("A lane of PID %1 drawn by a model, not a thread: each span is "
                                                     "one hold, named after the holder.").arg(w.pid)));
    const std::uint64_t end = w.exited ? w.exitTime : store.endTime();
    return QStringLiteral("<b>%1</b><br/>%2<br/>%3<br/>%4")
        .arg(html(name), html(TimelineLayout::tr("PID %1 · TID %2 · parent PID %3").arg(w.pid).arg(w.tid).arg(w.ppid)),
             html(TimelineLayout::tr("started at %1, lived %2").arg(at(store, w.startTime), formatDuration(end - w.startTime))),
             html(w.exited ? TimelineLayout::tr("%1 at %2").arg(exitStatusText(w.exitValue), at(store, w.exitTime))
                           : TimelineLayout::tr("still running")));
}

QString describeAt(const trace::TraceStore &store, const TimelineLayout &layout, const DrawList &list, QPointF pos,
                   double labelRight, const PrintFormatter &printFormatter)
{
    const int row = layout.rowAt(pos.y() - list.yOrigin);
    if (row < list.firstRow || row >= list.lastRow)
        return {};
    const TimelineRow &r = layout.row(row);
    if (std::size_t(std::max(0, r.worker)) >= store.workers().size())
        return {}; // a layout older than the store; the next paint rebuilds it
    if (r.worker < 0)
        return QStringLiteral("<b>%1</b><br/>%2").arg(html(r.name), html(r.id));
    if (pos.x() < labelRight)
        return workerDetails(store, r.worker);
    // Topmost first: ticks paint over spans, later spans over earlier ones.
    for (const auto &t : list.ticks) {
        if (t.row == row && pos.x() >= t.x - 3.0 && pos.x() <= std::max(t.x, t.xEnd) + 3.0 && pos.y() <= t.top + 8.0) {
            const QString text = describeTick(store, lineUnder(store, t, pos.x()), printFormatter);
            if (!text.isEmpty())
                return text;
        }
    }
    for (auto it = list.spans.rbegin(); it != list.spans.rend(); ++it) {
        if (it->row == row && it->rect.adjusted(-1.0, 0.0, 1.0, 0.0).contains(pos))
            return describeSpan(store, *it) + QStringLiteral("<hr/>") + workerDetails(store, it->worker);
    }
    return workerDetails(store, r.worker);
}

} // namespace cl::ui
