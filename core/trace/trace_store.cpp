#include "core/trace/trace_store.h"
#include "core/record/collector.h"

#include <algorithm>
#include <iterator>
#include <limits>

namespace cl::trace {

namespace {
std::uint64_t workerKey(std::int32_t pid, std::int32_t tid)
{
    return (std::uint64_t(std::uint32_t(pid)) << 32) | std::uint32_t(tid);
}

// Events from different writers arrive interleaved; within a track they are
// nearly sorted, so inserting from the back costs O(1) in practice.
template<typename Vec, typename Key>
void insertSorted(Vec &v, typename Vec::value_type item, Key key)
{
    if (v.empty() || key(v.back()) <= key(item)) {
        v.push_back(std::move(item));
        return;
    }
    auto it = std::upper_bound(v.begin(), v.end(), item,
                               [&](const auto &a, const auto &b) { return key(a) < key(b); });
    v.insert(it, std::move(item));
}

constexpr const char *kStateKeys[] = {"running",     "lock-wait", "lock-hold",   "queue-full", "queue-empty",
                                      "sleep",       "starting",  "gil-wait",    "zombie",    "suspended"};
static_assert(std::size(kStateKeys) == std::size_t(SpanState::Count));

constexpr const char *kFlowKeys[] = {"other", "lock", "queue", "pipe", "callback"};
static_assert(std::size(kFlowKeys) == std::size_t(FlowKind::Count));
} // namespace

const char *spanStateKey(SpanState s)
{
    const auto i = std::size_t(s);
    return i < std::size(kStateKeys) ? kStateKeys[i] : "unknown";
}

bool spanStateFromKey(std::string_view key, SpanState &out)
{
    for (std::size_t i = 0; i < std::size(kStateKeys); ++i) {
        if (key == kStateKeys[i]) {
            out = SpanState(i);
            return true;
        }
    }
    return false;
}

const char *flowKindKey(FlowKind k)
{
    const auto i = std::size_t(k);
    return i < std::size(kFlowKeys) ? kFlowKeys[i] : kFlowKeys[0];
}

bool flowKindFromKey(std::string_view key, FlowKind &out)
{
    for (std::size_t i = 0; i < std::size(kFlowKeys); ++i) {
        if (key == kFlowKeys[i]) {
            out = FlowKind(i);
            return true;
        }
    }
    return false;
}

void TraceStore::clear()
{
    const auto rev = m_revision;
    const auto limit = m_itemLimit;
    *this = TraceStore();
    m_revision = rev + 1;
    m_itemLimit = limit;
}

void TraceStore::ingest(record::Batch batch)
{
    for (auto &[id, text] : batch.strings)
        m_strings[id] = std::move(text);
    addEvents(std::move(batch.events));
    m_dropped = batch.droppedTotal;
}

void TraceStore::addString(std::uint32_t id, std::string text)
{
    m_strings[id] = std::move(text);
    ++m_revision;
}

void TraceStore::addEvents(std::vector<Event> events)
{
    const auto earlier = [](const Event &a, const Event &b) { return a.timeNs < b.timeNs; };
    // A loaded trace's chunks are often in time order already: one pass checks.
    if (!std::is_sorted(events.begin(), events.end(), earlier))
        std::stable_sort(events.begin(), events.end(), earlier);
    for (const Event &e : events)
        apply(e);
    m_eventCount += events.size();
    ++m_revision;
}

void TraceStore::shrinkToFit()
{
    for (WorkerTrack &w : m_workers) {
        w.spans.shrink_to_fit();
        w.printTimes.shrink_to_fit();
    }
    for (CounterTrack &c : m_counters)
        c.samples.shrink_to_fit();
    m_prints.shrink_to_fit();
    m_flows.shrink_to_fit();
}

bool TraceStore::takeItem()
{
    if (m_items >= m_itemLimit) {
        ++m_droppedByLimit;
        return false;
    }
    ++m_items;
    return true;
}

void TraceStore::closeSpan(WorkerTrack &w, const OpenSpan &open, std::uint64_t end)
{
    if (!takeItem())
        return;
    const Span span{open.begin, end, open.state, open.objectId};
    insertSorted(w.spans, span, [](const Span &x) { return x.begin; });
    if (const auto i = std::size_t(&w - m_workers.data()); i < m_spanLods.size())
        m_spanLods[i].add(span);
}

int TraceStore::ensureWorker(std::int32_t pid, std::int32_t tid, std::uint64_t time)
{
    const auto key = workerKey(pid, tid);
    auto it = m_workerByKey.find(key);
    if (it != m_workerByKey.end())
        return it->second;
    WorkerTrack w;
    w.pid = pid;
    w.tid = tid;
    w.startTime = time;
    w.lastTime = time;
    m_workers.push_back(std::move(w));
    const int index = int(m_workers.size()) - 1;
    m_workerByKey.emplace(key, index);
    return index;
}

CounterTrack &TraceStore::ensureCounter(CounterTrack::Kind kind, std::uint32_t key)
{
    for (auto &c : m_counters)
        if (c.kind == kind && c.key == key)
            return c;
    m_counters.push_back(CounterTrack{kind, key, {}});
    return m_counters.back();
}

void TraceStore::apply(const Event &e)
{
    if (e.kind != EventKind::CpuSample && e.kind != EventKind::Metric) {
        if (m_begin == 0 || e.timeNs < m_begin)
            m_begin = e.timeNs;
    }
    m_end = std::max(m_end, e.timeNs);

    switch (e.kind) {
    case EventKind::SpanComplete: {
        // Known whole (a loaded X event): nothing to pair, and nested or
        // overlapping spans of one state and object stay as they were.
        const auto end = std::max(e.timeNs, std::uint64_t(e.value));
        m_end = std::max(m_end, end);
        WorkerTrack &w = m_workers[std::size_t(ensureWorker(e.pid, e.tid, e.timeNs))];
        if (e.arg < std::size_t(SpanState::Count))
            closeSpan(w, OpenSpan{e.timeNs, e.objectId, SpanState(e.arg)}, end);
        w.lastTime = std::max(w.lastTime, end);
        w.startTime = std::min(w.startTime, e.timeNs);
        break;
    }
    case EventKind::WorkerStart: {
        WorkerTrack &w = m_workers[std::size_t(ensureWorker(e.pid, e.tid, e.timeNs))];
        if (e.arg == kLaneOfThread)
            w.hostTid = std::int32_t(e.value);
        else
            w.ppid = std::int32_t(e.value);
        w.name = std::string(string(e.objectId));
        w.startTime = std::min(w.startTime, e.timeNs);
        break;
    }
    case EventKind::WorkerExit: {
        WorkerTrack &w = m_workers[std::size_t(ensureWorker(e.pid, e.tid, e.timeNs))];
        w.exited = true;
        w.exitTime = e.timeNs;
        w.exitValue = e.value;
        w.lastTime = std::max(w.lastTime, e.timeNs);
        // A worker that died mid-span (killed while holding a lock) ends its spans here.
        for (const OpenSpan &open : w.open)
            closeSpan(w, open, e.timeNs);
        w.open.clear();
        break;
    }
    case EventKind::SpanBegin: {
        WorkerTrack &w = m_workers[std::size_t(ensureWorker(e.pid, e.tid, e.timeNs))];
        if (e.arg < std::size_t(SpanState::Count)) {
            if (w.open.size() < kMaxOpenSpans)
                w.open.push_back(OpenSpan{e.timeNs, e.objectId, SpanState(e.arg)});
            else
                ++m_droppedByLimit; // the span it begins can never be stored
        }
        w.lastTime = std::max(w.lastTime, e.timeNs);
        w.startTime = std::min(w.startTime, e.timeNs);
        break;
    }
    case EventKind::SpanEnd: {
        WorkerTrack &w = m_workers[std::size_t(ensureWorker(e.pid, e.tid, e.timeNs))];
        // The latest open span of this state on this object: nested spans
        // close inside out, interleaved ones by their object. An end that
        // names no open object closes the latest span of its state.
        const auto state = SpanState(e.arg);
        auto match = std::find_if(w.open.rbegin(), w.open.rend(), [&](const OpenSpan &o) {
            return o.state == state && o.objectId == e.objectId;
        });
        if (match == w.open.rend())
            match = std::find_if(w.open.rbegin(), w.open.rend(), [&](const OpenSpan &o) { return o.state == state; });
        if (match != w.open.rend()) {
            const OpenSpan open = *match;
            w.open.erase(std::next(match).base());
            closeSpan(w, open, e.timeNs);
        }
        w.lastTime = std::max(w.lastTime, e.timeNs);
        break;
    }
    case EventKind::Counter:
    case EventKind::CpuSample:
        if (takeItem()) {
            const auto kind = e.kind == EventKind::Counter ? CounterTrack::Kind::Value
                              : e.arg == 0                 ? CounterTrack::Kind::CpuCore
                                                           : CounterTrack::Kind::CpuProcess;
            CounterTrack &c = ensureCounter(kind, e.objectId);
            const CounterSample sample{e.timeNs, e.value};
            insertSorted(c.samples, sample, [](const CounterSample &s) { return s.time; });
            if (const auto i = std::size_t(&c - m_counters.data()); i < m_counterLods.size())
                m_counterLods[i].add(sample);
        }
        break;
    case EventKind::Print: {
        WorkerTrack &w = m_workers[std::size_t(ensureWorker(e.pid, e.tid, e.timeNs))];
        w.lastTime = std::max(w.lastTime, e.timeNs);
        if (!takeItem()) {
            // Every line has a string of its own, which arrived before it: free it too.
            m_strings.erase(e.objectId);
            break;
        }
        insertSorted(w.printTimes, e.timeNs, [](std::uint64_t t) { return t; });
        const bool known = e.value >= 0 && e.value <= std::numeric_limits<std::int32_t>::max();
        insertSorted(m_prints, PrintedLine{e.timeNs, e.pid, e.tid, e.objectId, known ? std::int32_t(e.value) : 0},
                     [](const PrintedLine &p) { return p.time; });
        break;
    }
    case EventKind::FlowOut:
    case EventKind::FlowIn: {
        const int worker = ensureWorker(e.pid, e.tid, e.timeNs);
        auto it = m_openFlows.find(e.objectId);
        std::size_t index;
        if (it == m_openFlows.end()) {
            if (m_droppedFlows.erase(e.objectId) > 0)
                break; // the other half of a flow dropped (and counted) already
            if (!takeItem()) {
                m_droppedFlows.insert(e.objectId);
                break;
            }
            m_flows.push_back(Flow{});
            index = m_flows.size() - 1;
            m_openFlows.emplace(e.objectId, index);
        } else {
            index = it->second;
            m_openFlows.erase(it);
        }
        Flow &f = m_flows[index];
        f.objectId = std::uint32_t(e.value);
        if (e.arg != 0 && e.arg < std::uint8_t(FlowKind::Count))
            f.kind = FlowKind(e.arg);
        if (e.kind == EventKind::FlowOut) {
            f.outTime = e.timeNs;
            f.fromWorker = worker;
        } else {
            f.inTime = e.timeNs;
            f.toWorker = worker;
        }
        break;
    }
    case EventKind::ObjectName:
        m_objectNames[e.objectId] = std::uint32_t(e.value);
        break;
    case EventKind::StringDef:
    case EventKind::TextChunk:
    case EventKind::Metric:
        break;
    }
}

int TraceStore::workerIndex(std::int32_t pid, std::int32_t tid) const
{
    auto it = m_workerByKey.find(workerKey(pid, tid));
    return it == m_workerByKey.end() ? -1 : it->second;
}

std::vector<ProcessGroup> TraceStore::processes() const
{
    std::vector<ProcessGroup> groups;
    std::unordered_map<std::int32_t, std::size_t> byPid;
    for (int i = 0; i < int(m_workers.size()); ++i) {
        const auto &w = m_workers[std::size_t(i)];
        auto it = byPid.find(w.pid);
        if (it == byPid.end()) {
            byPid.emplace(w.pid, groups.size());
            groups.push_back(ProcessGroup{w.pid, {i}});
        } else {
            groups[it->second].workers.push_back(i);
        }
    }
    for (auto &g : groups) {
        std::stable_sort(g.workers.begin(), g.workers.end(), [this](int a, int b) {
            const auto &wa = m_workers[std::size_t(a)];
            const auto &wb = m_workers[std::size_t(b)];
            if (wa.isProcessMain() != wb.isProcessMain())
                return wa.isProcessMain();
            return wa.startTime < wb.startTime;
        });
    }
    return groups;
}

const CounterTrack *TraceStore::counter(CounterTrack::Kind kind, std::uint32_t key) const
{
    for (const auto &c : m_counters)
        if (c.kind == kind && c.key == key)
            return &c;
    return nullptr;
}

const SpanLevel &TraceStore::spanLevel(int worker, unsigned shift) const
{
    const auto i = std::size_t(worker);
    if (m_spanLods.size() <= i)
        m_spanLods.resize(i + 1);
    return m_spanLods[i].level(shift, m_workers[i].spans);
}

const SpanLevel *TraceStore::currentSpanLevel(int worker, unsigned shift) const
{
    const auto i = std::size_t(worker);
    if (worker < 0 || i >= m_spanLods.size() || i >= m_workers.size())
        return nullptr;
    return m_spanLods[i].current(shift, m_workers[i].spans.size());
}

const CounterLevel &TraceStore::counterLevel(std::size_t counter, unsigned shift) const
{
    if (m_counterLods.size() <= counter)
        m_counterLods.resize(counter + 1);
    return m_counterLods[counter].level(shift, m_counters[counter].samples);
}

std::string_view TraceStore::string(std::uint32_t id) const
{
    auto it = m_strings.find(id);
    return it == m_strings.end() ? std::string_view() : std::string_view(it->second);
}

std::string TraceStore::objectName(std::uint32_t objectId) const
{
    auto it = m_objectNames.find(objectId);
    return it == m_objectNames.end() ? std::string() : std::string(string(it->second));
}

} // namespace cl::trace
