// Chrome trace reader: one parsed event onto the store's events. Workers are
// created in the order the file names them, so tracks keep their order;
// every synthetic event (a name, an object's name) carries the time of a
// real one, so the trace's extent is the file's.
#include "core/trace/chrome_trace_keys.h"
#include "core/trace/chrome_trace_reader_p.h"

#include <charconv>
#include <cmath>
#include <limits>

namespace cl::trace::detail {

namespace {
constexpr std::size_t kChunkEvents = 1u << 16;

std::uint64_t workerKey(std::int32_t pid, std::int32_t tid)
{
    return (std::uint64_t(std::uint32_t(pid)) << 32) | std::uint32_t(tid);
}

Event event(EventKind kind, std::int32_t pid, std::int32_t tid, std::uint64_t time, std::uint8_t arg = 0,
            std::uint32_t object = 0, std::int64_t value = 0)
{
    Event e{};
    e.timeNs = time;
    e.value = value;
    e.pid = pid;
    e.tid = tid;
    e.objectId = object;
    e.kind = kind;
    e.arg = arg;
    return e;
}

// "exit 3", "exit -9": how the exporter writes a worker's end.
bool parseExit(std::string_view name, std::int64_t &value)
{
    if (name.substr(0, 5) != "exit ")
        return false;
    const std::string_view digits = name.substr(5);
    const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    return ec == std::errc() && ptr == digits.data() + digits.size() && !digits.empty();
}

// "CPU 3 (%)" and "CPU of PID 42 (%)": the exporter's CPU counters.
bool parseCpuCounter(std::string_view name, bool &perProcess, std::uint32_t &key)
{
    std::string_view rest;
    if (name.substr(0, 11) == "CPU of PID ") {
        perProcess = true;
        rest = name.substr(11);
    } else if (name.substr(0, 4) == "CPU ") {
        perProcess = false;
        rest = name.substr(4);
    } else {
        return false;
    }
    const auto [ptr, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), key);
    return ec == std::errc() && std::string_view(ptr, std::size_t(rest.data() + rest.size() - ptr)) == " (%)";
}

std::int64_t roundedValue(double v)
{
    if (!std::isfinite(v))
        return 0;
    if (v >= 9.2e18)
        return std::numeric_limits<std::int64_t>::max();
    if (v <= -9.2e18)
        return std::numeric_limits<std::int64_t>::min();
    return std::llround(v);
}
} // namespace

std::uint64_t ChromeTraceReader::timeNs(double micros) const
{
    const double ns = double(m_origin) + micros * 1000.0;
    if (!(ns >= 0.0))
        return 0;
    if (ns >= 1.8e19)
        return std::numeric_limits<std::uint64_t>::max() / 2;
    return std::uint64_t(std::llround(ns));
}

void ChromeTraceReader::push(const Event &e)
{
    m_chunk.push_back(e);
    if (m_chunk.size() >= kChunkEvents)
        flush();
}

void ChromeTraceReader::flush()
{
    if (m_chunk.empty())
        return;
    m_store.addEvents(std::move(m_chunk));
    m_chunk = {};
    m_chunk.reserve(kChunkEvents);
}

std::uint32_t ChromeTraceReader::addString(std::string_view text)
{
    const std::uint32_t id = m_nextString++;
    m_store.addString(id, std::string(text));
    return id;
}

std::uint32_t ChromeTraceReader::objectId(std::string_view name, std::uint64_t time)
{
    if (name.empty())
        return 0;
    auto it = m_objects.find(name);
    if (it != m_objects.end())
        return it->second;
    const std::uint32_t id = m_nextObject++;
    m_objects.emplace(name, id);
    push(event(EventKind::ObjectName, 0, 0, time, 0, id, addString(name)));
    return id;
}

std::uint32_t ChromeTraceReader::counterKey(std::string_view name, std::uint64_t time)
{
    auto it = m_counters.find(name);
    if (it != m_counters.end())
        return it->second;
    std::uint32_t key;
    if (auto known = m_counterIdsFromFile.find(name); known != m_counterIdsFromFile.end())
        key = known->second;
    else
        key = m_nextCounter++;
    m_counters.emplace(name, key);
    // "counter 7" is what the exporter calls a counter without a name.
    if (name != "counter " + std::to_string(key))
        push(event(EventKind::ObjectName, 0, 0, time, 0, key, addString(name)));
    return key;
}

void ChromeTraceReader::startWorker(int index, std::uint64_t time)
{
    Worker &w = m_workers[std::size_t(index)];
    w.first = w.created ? std::min(w.first, time) : time;
    w.created = true;
    // Straight to the store, not through the chunk: tracks are created in
    // the order the file names them.
    m_store.addEvents({event(EventKind::WorkerStart, w.pid, w.tid, w.first, 0, w.nameId, w.ppid)});
}

int ChromeTraceReader::seeWorker(std::int32_t pid, std::int32_t tid, std::uint64_t time)
{
    const auto key = workerKey(pid, tid);
    if (m_lastWorker >= 0 && key == m_lastWorkerKey)
        return m_lastWorker; // created already: it was seen
    auto it = m_workerIndex.find(key);
    int index;
    if (it == m_workerIndex.end()) {
        Worker w;
        w.pid = pid;
        w.tid = tid;
        m_workers.push_back(std::move(w));
        index = int(m_workers.size()) - 1;
        m_workerIndex.emplace(key, index);
    } else {
        index = it->second;
    }
    if (!m_workers[std::size_t(index)].created)
        startWorker(index, time);
    m_lastWorkerKey = key;
    m_lastWorker = index;
    return index;
}

void ChromeTraceReader::setMetadata(std::string_view key, std::string value)
{
    const auto number = [&]() -> std::uint64_t {
        std::uint64_t n = 0;
        std::from_chars(value.data(), value.data() + value.size(), n);
        return n;
    };
    if (key == "dropped_events") {
        m_store.setDroppedEvents(number());
    } else if (key == kTimeOriginKey) {
        // Times in the file are relative to the recorded trace's begin: put
        // them back where they were, and the begin with them.
        if (const std::uint64_t origin = number(); origin > 0 && m_report.events == 0 && m_eventIndex == 0) {
            m_origin = origin;
            m_originFromFile = true;
            push(event(EventKind::StringDef, 0, 0, origin));
        }
    } else if (key == kEventCountKey) {
        m_recordedEvents = number();
    } else if (key.substr(0, kCounterIdPrefix.size()) == kCounterIdPrefix) {
        std::uint32_t id = 0;
        const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), id);
        if (ec == std::errc() && id > 0)
            m_counterIdsFromFile.emplace(std::string(key.substr(kCounterIdPrefix.size())), id);
    }
    if (key == "scenario")
        m_report.fromThisApp = true;
    if (!isExporterMetadataKey(key))
        m_store.metadata()[std::string(key)] = std::move(value);
}

void ChromeTraceReader::mapEvent(EventFields &f)
{
    if (f.ph.empty()) {
        skip(tr("no \"ph\" (phase)").toStdString());
        return;
    }
    if (f.badField) {
        skip(tr("\"%1\" of the wrong type").arg(QString::fromLatin1(f.badField)).toStdString());
        return;
    }
    const char ph = f.ph.size() == 1 ? f.ph[0] : '?';
    if (ph != 'M' && ph != 'C' && !f.hasTs) {
        skip(tr("no \"ts\" (time)").toStdString());
        return;
    }
    if (!f.hasTid)
        f.tid = f.pid; // process-wide events: the process's main track
    switch (ph) {
    case 'X':
        mapSpan(f);
        return;
    case 'B':
    case 'E':
        mapBeginEnd(f);
        return;
    case 'b':
    case 'S':
        mapAsync(f, true);
        return;
    case 'e':
    case 'F':
        mapAsync(f, false);
        return;
    case 'i':
    case 'I':
    case 'n':
    case 'R':
        mapInstant(f);
        return;
    case 'C':
        mapCounter(f);
        return;
    case 'M':
        mapMetadataEvent(f);
        return;
    case 's':
    case 'f':
        mapFlow(f, ph == 's');
        return;
    default:
        break;
    }
    skip(tr("phase \"%1\"").arg(QString::fromUtf8(f.ph.data(), qsizetype(f.ph.size()))).toStdString());
}

std::pair<SpanState, std::uint32_t> ChromeTraceReader::spanKind(const EventFields &f, std::uint64_t time)
{
    SpanState state;
    if (spanStateFromKey(f.name, state))
        return {state, objectId(f.argObject, time)};
    // Another tool's slice: a generic span, named by its object.
    ++m_report.genericSpans;
    return {SpanState::Running, objectId(f.name.empty() ? std::string_view("(unnamed)") : f.name, time)};
}

void ChromeTraceReader::mapSpan(EventFields &f)
{
    if (!f.hasDur || f.dur < 0) {
        skip(tr("\"X\" without a duration").toStdString());
        return;
    }
    const std::uint64_t begin = timeNs(f.ts);
    const std::uint64_t end = std::max(begin, timeNs(f.ts + f.dur));
    const int w = seeWorker(f.pid, f.tid, begin);
    const auto [state, object] = spanKind(f, begin);
    // One whole span, not a begin and an end to pair: nested and
    // overlapping X spans stay what the file says.
    const Worker &wk = m_workers[std::size_t(w)];
    push(event(EventKind::SpanComplete, wk.pid, wk.tid, begin, std::uint8_t(state), object, std::int64_t(end)));
}

void ChromeTraceReader::mapBeginEnd(EventFields &f)
{
    const std::uint64_t t = timeNs(f.ts);
    const int w = seeWorker(f.pid, f.tid, t);
    Worker &wk = m_workers[std::size_t(w)];
    if (f.ph[0] == 'B') {
        const auto [state, object] = spanKind(f, t);
        wk.stack.push_back({state, object});
        push(event(EventKind::SpanBegin, wk.pid, wk.tid, t, std::uint8_t(state), object));
        return;
    }
    if (wk.stack.empty()) {
        skip(tr("\"E\" without its \"B\"").toStdString());
        return;
    }
    const Worker::Open open = wk.stack.back();
    wk.stack.pop_back();
    push(event(EventKind::SpanEnd, wk.pid, wk.tid, t, std::uint8_t(open.state), open.object));
}

void ChromeTraceReader::mapAsync(EventFields &f, bool begin)
{
    m_asyncKey.assign(f.cat);
    m_asyncKey += '\x1f';
    m_asyncKey.append(f.id);
    const std::uint64_t t = timeNs(f.ts);
    if (begin) {
        const int w = seeWorker(f.pid, f.tid, t);
        const Worker &wk = m_workers[std::size_t(w)];
        const auto [state, object] = spanKind(f, t);
        m_async[m_asyncKey].push_back({w, state, object});
        push(event(EventKind::SpanBegin, wk.pid, wk.tid, t, std::uint8_t(state), object));
        return;
    }
    auto it = m_async.find(m_asyncKey);
    if (it == m_async.end() || it->second.empty()) {
        skip(tr("\"e\" without its \"b\"").toStdString());
        return;
    }
    const AsyncOpen open = it->second.back();
    it->second.pop_back();
    if (it->second.empty())
        m_async.erase(it);
    const Worker &wk = m_workers[std::size_t(open.worker)];
    push(event(EventKind::SpanEnd, wk.pid, wk.tid, t, std::uint8_t(open.state), open.object));
}

void ChromeTraceReader::mapInstant(EventFields &f)
{
    const std::uint64_t t = timeNs(f.ts);
    const int w = seeWorker(f.pid, f.tid, t);
    const Worker &wk = m_workers[std::size_t(w)];
    std::int64_t exitValue = 0;
    if (f.cat.empty() && parseExit(f.name, exitValue)) {
        push(event(EventKind::WorkerExit, wk.pid, wk.tid, t, 0, 0, exitValue));
        return;
    }
    // The app's printed lines, and any other tool's marks: a line in the
    // console and a tick on the row.
    push(event(EventKind::Print, wk.pid, wk.tid, t, 0, addString(f.name), 0));
}

void ChromeTraceReader::mapCounter(EventFields &f)
{
    if (!f.hasTs) {
        skip(tr("no \"ts\" (time)").toStdString());
        return;
    }
    if (f.numberCount == 0) {
        skip(tr("counter without a numeric value").toStdString());
        return;
    }
    const std::uint64_t t = timeNs(f.ts);
    for (std::size_t i = 0; i < f.numberCount; ++i) {
        const auto &[series, value] = f.numbers[i];
        // One series keeps the counter's name; several are told apart by key.
        std::string_view full = f.name;
        if (f.numberCount > 1) {
            m_counterName.assign(f.name);
            m_counterName += ' ';
            m_counterName += series;
            full = m_counterName;
        }
        bool perProcess = false;
        std::uint32_t cpuKey = 0;
        if (parseCpuCounter(full, perProcess, cpuKey)) {
            push(event(EventKind::CpuSample, 0, 0, t, perProcess ? 1 : 0, cpuKey, roundedValue(value * 10.0)));
            continue;
        }
        push(event(EventKind::Counter, 0, 0, t, 0, counterKey(full, t), roundedValue(value)));
    }
}

void ChromeTraceReader::mapMetadataEvent(EventFields &f)
{
    const bool thread = f.name == "thread_name";
    if (f.name == "process_name") {
        m_processNames[f.pid] = std::string(f.argName);
        return;
    }
    if (!thread) {
        // Sort indices, labels: the timeline orders and names tracks itself.
        if (f.name != "process_sort_index" && f.name != "thread_sort_index")
            skip(tr("metadata \"%1\"").arg(QString::fromUtf8(f.name.data(), qsizetype(f.name.size()))).toStdString());
        return;
    }
    const auto key = workerKey(f.pid, f.tid);
    auto it = m_workerIndex.find(key);
    int index;
    if (it == m_workerIndex.end()) {
        Worker w;
        w.pid = f.pid;
        w.tid = f.tid;
        m_workers.push_back(std::move(w));
        index = int(m_workers.size()) - 1;
        m_workerIndex.emplace(key, index);
    } else {
        index = it->second;
    }
    Worker &w = m_workers[std::size_t(index)];
    w.nameId = addString(f.argName);
    w.ppid = std::int64_t(f.ppid);
    // The app writes when each worker started; other tools' names wait
    // for the worker's first event, so they do not stretch the trace.
    if (f.hasTs)
        startWorker(index, timeNs(f.ts));
    else if (w.created)
        startWorker(index, w.first);
}

void ChromeTraceReader::mapFlow(EventFields &f, bool out)
{
    if (!f.hasId) {
        skip(tr("flow without an \"id\"").toStdString());
        return;
    }
    m_asyncKey.assign(f.cat);
    m_asyncKey += '\x1f';
    m_asyncKey.append(f.id);
    const std::uint64_t t = timeNs(f.ts);
    std::uint32_t object = objectId(f.argObject, t);
    std::uint32_t flow;
    if (out) {
        flow = m_nextFlow++;
        if (auto [it, inserted] = m_openFlows.try_emplace(m_asyncKey, OpenFlow{flow, object}); !inserted) {
            skip(tr("flow start without its end").toStdString());
            it->second = OpenFlow{flow, object};
        }
    } else {
        auto it = m_openFlows.find(m_asyncKey);
        if (it == m_openFlows.end()) {
            skip(tr("flow end without its start").toStdString());
            return;
        }
        flow = it->second.flow;
        if (object == 0)
            object = it->second.object; // the arrow is named by its start
        m_openFlows.erase(it);
    }
    // What the flow hands over; files without it (older ones, other tools') say Other.
    FlowKind kind = FlowKind::Other;
    if (!f.argKind.empty())
        flowKindFromKey(f.argKind, kind);
    const int w = seeWorker(f.pid, f.tid, t);
    const Worker &wk = m_workers[std::size_t(w)];
    push(event(out ? EventKind::FlowOut : EventKind::FlowIn, wk.pid, wk.tid, t, std::uint8_t(kind), flow, object));
}

void ChromeTraceReader::finish()
{
    flush();
    // Named in the file but with no event of their own: shown at the start.
    const std::uint64_t begin = m_store.beginTime() ? m_store.beginTime() : m_origin;
    for (std::size_t i = 0; i < m_workers.size(); ++i) {
        Worker &w = m_workers[i];
        if (!w.created)
            startWorker(int(i), begin);
        m_report.neverEnded += w.stack.size();
    }
    for (const auto &[key, open] : m_async)
        m_report.neverEnded += open.size();
    if (!m_openFlows.empty())
        m_report.skipped[tr("flow start without its end").toStdString()] += m_openFlows.size();
    // A process named only as a process: its main track carries the name.
    for (const Worker &w : m_workers) {
        if (w.nameId != 0 || w.pid != w.tid)
            continue;
        auto it = m_processNames.find(w.pid);
        if (it == m_processNames.end() || it->second.empty())
            continue;
        const int index = m_store.workerIndex(w.pid, w.tid);
        const std::uint64_t start = index >= 0 ? m_store.workers()[std::size_t(index)].startTime : begin;
        m_store.addEvents({event(EventKind::WorkerStart, w.pid, w.tid, start, 0, addString(it->second), w.ppid)});
    }
    m_store.setEventCount(m_recordedEvents > 0 ? m_recordedEvents : m_report.events);
    // Nothing more arrives: the growth slack is memory for nothing.
    m_store.shrinkToFit();
}

} // namespace cl::trace::detail
