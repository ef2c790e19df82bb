#include "core/trace/chrome_trace.h"
#include "core/trace/chrome_trace_keys.h"
#include "core/trace/chrome_trace_reader.h"
#include "core/trace/json_writer.h"
#include "core/trace/message_text.h"

#include <QSaveFile>
#include <algorithm>
#include <limits>
#include <set>
#include <unordered_map>

namespace cl::trace {

namespace {
// Keys of the file's metadata that the exporter writes itself.
constexpr std::string_view kDroppedEvents = "dropped_events";
constexpr std::string_view kDroppedByLimit = "dropped_by_store_limit";
constexpr std::string_view kStoredItems = "stored_items";
constexpr std::string_view kItemLimit = "store_item_limit";

double micros(const TraceStore &store, std::uint64_t t)
{
    return t >= store.beginTime() ? double(t - store.beginTime()) / 1000.0 : 0.0;
}

QString counterName(const TraceStore &store, const CounterTrack &c)
{
    switch (c.kind) {
    case CounterTrack::Kind::CpuCore:
        return QStringLiteral("CPU %1 (%)").arg(c.key);
    case CounterTrack::Kind::CpuProcess:
        return QStringLiteral("CPU of PID %1 (%)").arg(c.key);
    case CounterTrack::Kind::Value:
        break;
    }
    const std::string name = store.objectName(c.key);
    return name.empty() ? QStringLiteral("counter %1").arg(c.key) : QString::fromStdString(name);
}

std::string quoted(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    return JsonWriter::quoted(std::string_view(utf8.constData(), std::size_t(utf8.size())));
}

// The fields every event starts with, in one place so the kinds stay alike.
void eventHead(JsonWriter &json, std::string_view ph, std::int32_t pid, std::int32_t tid)
{
    json.beginObject();
    json.key("ph");
    json.string(ph);
    json.key("pid");
    json.integer(pid);
    json.key("tid");
    json.integer(tid);
}

// The thread's name also carries when it started and its parent: a saved
// run reopens with its tracks in their order and their tooltips complete.
void nameEvent(JsonWriter &json, std::string_view which, const WorkerTrack &w, const std::string &quotedName,
               const TraceStore *store = nullptr)
{
    eventHead(json, "M", w.pid, w.tid);
    json.key("name");
    json.string(which);
    if (store) {
        json.key("ts");
        json.number(micros(*store, w.startTime));
    }
    json.key("args");
    json.beginObject();
    json.key("name");
    json.raw(quotedName);
    if (store) {
        json.key("ppid");
        json.integer(w.ppid);
    }
    json.endObject();
    json.endObject();
}

void writeWorkers(JsonWriter &json, const TraceStore &store)
{
    std::set<std::int32_t> namedPids;
    // Object names repeat on every span: quote each once.
    std::unordered_map<std::uint32_t, std::string> objects;
    for (const WorkerTrack &w : store.workers()) {
        const std::string name = JsonWriter::quoted(w.name);
        if (w.isProcessMain() || !namedPids.count(w.pid)) {
            if (namedPids.insert(w.pid).second || w.isProcessMain())
                nameEvent(json, "process_name", w, name);
        }
        nameEvent(json, "thread_name", w, name, &store);
        for (const Span &s : w.spans) {
            eventHead(json, "X", w.pid, w.tid);
            json.key("name");
            json.string(spanStateKey(s.state));
            json.key("cat");
            json.string("state");
            json.key("ts");
            json.number(micros(store, s.begin));
            json.key("dur");
            json.number(double(s.end - s.begin) / 1000.0);
            json.key("args");
            json.beginObject();
            auto it = objects.find(s.objectId);
            if (it == objects.end()) {
                const std::string object = store.objectName(s.objectId);
                it = objects.emplace(s.objectId, object.empty() ? std::string() : JsonWriter::quoted(object)).first;
            }
            if (!it->second.empty()) {
                json.key("object");
                json.raw(it->second);
            }
            json.endObject();
            json.endObject();
        }
        if (w.exited) {
            eventHead(json, "i", w.pid, w.tid);
            json.key("s");
            json.string("t");
            json.key("name");
            json.string(QStringLiteral("exit %1").arg(w.exitValue));
            json.key("ts");
            json.number(micros(store, w.exitTime));
            json.endObject();
        }
    }
}

void writePrints(JsonWriter &json, const TraceStore &store)
{
    for (const PrintedLine &p : store.prints()) {
        eventHead(json, "i", p.pid, p.tid);
        json.key("s");
        json.string("t");
        json.key("name");
        json.string(printedLineText(store, p));
        json.key("cat");
        json.string("print");
        json.key("ts");
        json.number(micros(store, p.time));
        json.endObject();
    }
}

void writeCounters(JsonWriter &json, const TraceStore &store)
{
    // Counters belong to the run as a whole: show them under the first process.
    const auto &workers = store.workers();
    const std::int32_t counterPid = workers.empty() ? 0 : workers.front().pid;
    for (const CounterTrack &c : store.counters()) {
        const std::string name = quoted(counterName(store, c));
        const bool cpu = c.kind != CounterTrack::Kind::Value;
        for (const CounterSample &s : c.samples) {
            json.beginObject();
            json.key("ph");
            json.string("C");
            json.key("name");
            json.raw(name);
            json.key("pid");
            json.integer(counterPid);
            json.key("ts");
            json.number(micros(store, s.time));
            json.key("args");
            json.beginObject();
            json.key("value");
            json.number(cpu ? double(s.value) / 10.0 : double(s.value));
            json.endObject();
            json.endObject();
        }
    }
}

void writeFlows(JsonWriter &json, const TraceStore &store)
{
    const auto &workers = store.workers();
    int flowId = 1;
    for (const Flow &f : store.flows()) {
        if (f.fromWorker < 0 || f.toWorker < 0)
            continue;
        const auto &from = workers[std::size_t(f.fromWorker)];
        const auto &to = workers[std::size_t(f.toWorker)];
        eventHead(json, "s", from.pid, from.tid);
        json.key("id");
        json.integer(flowId);
        json.key("name");
        json.string("hand-over");
        json.key("cat");
        json.string("flow");
        json.key("ts");
        json.number(micros(store, f.outTime));
        // What was handed over (a lock, a queue): the reader names the arrow
        // by it, and by its kind so views can label and hide arrows per kind.
        const std::string object = store.objectName(f.objectId);
        if (!object.empty() || f.kind != FlowKind::Other) {
            json.key("args");
            json.beginObject();
            if (!object.empty()) {
                json.key("object");
                json.string(object);
            }
            if (f.kind != FlowKind::Other) {
                json.key("kind");
                json.string(flowKindKey(f.kind));
            }
            json.endObject();
        }
        json.endObject();
        eventHead(json, "f", to.pid, to.tid);
        json.key("bp");
        json.string("e");
        json.key("id");
        json.integer(flowId);
        json.key("name");
        json.string("hand-over");
        json.key("cat");
        json.string("flow");
        json.key("ts");
        json.number(micros(store, f.inTime));
        json.endObject();
        ++flowId;
    }
}

void writeMetadata(JsonWriter &json, const TraceStore &store)
{
    json.beginObject();
    for (const auto &[k, v] : store.metadata()) {
        if (isExporterMetadataKey(k))
            continue; // written below, from the store itself
        json.key(k);
        json.string(v);
    }
    json.key(kDroppedEvents);
    json.integer(std::int64_t(store.droppedEvents()));
    json.key(kDroppedByLimit);
    json.integer(std::int64_t(store.droppedByLimit()));
    json.key(kStoredItems);
    json.integer(std::int64_t(store.storedItems()));
    json.key(kItemLimit);
    json.integer(std::int64_t(std::min<std::uint64_t>(store.itemLimit(), std::numeric_limits<std::int64_t>::max())));
    // What a reader needs to put the trace back as it was: absolute times,
    // and the ids the charts know their counters by.
    json.key(kTimeOriginKey);
    json.integer(std::int64_t(store.beginTime()));
    json.key(kEventCountKey);
    json.integer(std::int64_t(store.eventCount()));
    for (const CounterTrack &c : store.counters()) {
        if (c.kind != CounterTrack::Kind::Value)
            continue;
        const QByteArray name = counterName(store, c).toUtf8();
        json.key(std::string(kCounterIdPrefix) + std::string(name.constData(), std::size_t(name.size())));
        json.integer(c.key);
    }
    json.endObject();
}
} // namespace

bool writeChromeTrace(const TraceStore &store, QIODevice *device)
{
    JsonWriter json(device);
    json.beginObject();
    json.key("displayTimeUnit");
    json.string("ms");
    json.key("metadata");
    writeMetadata(json, store);
    json.key("traceEvents");
    json.beginArray();
    writeWorkers(json, store);
    writePrints(json, store);
    writeCounters(json, store);
    writeFlows(json, store);
    json.endArray();
    json.endObject();
    return json.flush();
}

bool writeChromeTrace(const TraceStore &store, const QString &path, QString *error)
{
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly) && writeChromeTrace(store, &file) && file.commit())
        return true;
    if (error)
        *error = file.errorString();
    return false;
}

} // namespace cl::trace
