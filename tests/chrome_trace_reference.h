#pragma once
// Test oracle: the Chrome trace exporter as it was before it streamed, which
// built the whole document with QJsonObject. The streaming exporter must
// write a file that parses to the same document (plus the newer metadata).
#include "core/trace/message_text.h"
#include "core/trace/trace_store.h"

#include <QJsonArray>
#include <QJsonObject>
#include <set>

namespace cl::tests {

using namespace cl::trace;

inline double referenceMicros(const TraceStore &store, std::uint64_t t)
{
    return t >= store.beginTime() ? double(t - store.beginTime()) / 1000.0 : 0.0;
}

inline QString referenceCounterName(const TraceStore &store, const CounterTrack &c)
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

inline QJsonObject referenceChromeTraceJson(const TraceStore &store)
{
    QJsonArray events;
    const auto &workers = store.workers();
    std::set<std::int32_t> namedPids;
    for (const auto &w : workers) {
        const QString name = QString::fromStdString(w.name);
        if (w.isProcessMain() || !namedPids.count(w.pid)) {
            if (namedPids.insert(w.pid).second || w.isProcessMain())
                events.append(QJsonObject{{QStringLiteral("ph"), QStringLiteral("M")},
                                          {QStringLiteral("name"), QStringLiteral("process_name")},
                                          {QStringLiteral("pid"), w.pid},
                                          {QStringLiteral("tid"), w.tid},
                                          {QStringLiteral("args"), QJsonObject{{QStringLiteral("name"), name}}}});
        }
        // Since traces reopen: the thread's start and parent travel with its name.
        events.append(QJsonObject{{QStringLiteral("ph"), QStringLiteral("M")},
                                  {QStringLiteral("name"), QStringLiteral("thread_name")},
                                  {QStringLiteral("pid"), w.pid},
                                  {QStringLiteral("tid"), w.tid},
                                  {QStringLiteral("ts"), referenceMicros(store, w.startTime)},
                                  {QStringLiteral("args"), QJsonObject{{QStringLiteral("name"), name},
                                                                       {QStringLiteral("ppid"), w.ppid}}}});
        for (const Span &s : w.spans) {
            QJsonObject args;
            const std::string object = store.objectName(s.objectId);
            if (!object.empty())
                args.insert(QStringLiteral("object"), QString::fromStdString(object));
            events.append(QJsonObject{{QStringLiteral("ph"), QStringLiteral("X")},
                                      {QStringLiteral("name"), QString::fromLatin1(spanStateKey(s.state))},
                                      {QStringLiteral("cat"), QStringLiteral("state")},
                                      {QStringLiteral("pid"), w.pid},
                                      {QStringLiteral("tid"), w.tid},
                                      {QStringLiteral("ts"), referenceMicros(store, s.begin)},
                                      {QStringLiteral("dur"), double(s.end - s.begin) / 1000.0},
                                      {QStringLiteral("args"), args}});
        }
        if (w.exited)
            events.append(QJsonObject{{QStringLiteral("ph"), QStringLiteral("i")},
                                      {QStringLiteral("s"), QStringLiteral("t")},
                                      {QStringLiteral("name"), QStringLiteral("exit %1").arg(w.exitValue)},
                                      {QStringLiteral("pid"), w.pid},
                                      {QStringLiteral("tid"), w.tid},
                                      {QStringLiteral("ts"), referenceMicros(store, w.exitTime)}});
    }
    for (const PrintedLine &p : store.prints())
        events.append(QJsonObject{{QStringLiteral("ph"), QStringLiteral("i")},
                                  {QStringLiteral("s"), QStringLiteral("t")},
                                  {QStringLiteral("name"), printedLineText(store, p)},
                                  {QStringLiteral("cat"), QStringLiteral("print")},
                                  {QStringLiteral("pid"), p.pid},
                                  {QStringLiteral("tid"), p.tid},
                                  {QStringLiteral("ts"), referenceMicros(store, p.time)}});
    // Counters belong to the run as a whole: show them under the first process.
    const std::int32_t counterPid = workers.empty() ? 0 : workers.front().pid;
    for (const CounterTrack &c : store.counters()) {
        const QString name = referenceCounterName(store, c);
        const bool cpu = c.kind != CounterTrack::Kind::Value;
        for (const CounterSample &s : c.samples)
            events.append(QJsonObject{{QStringLiteral("ph"), QStringLiteral("C")},
                                      {QStringLiteral("name"), name},
                                      {QStringLiteral("pid"), counterPid},
                                      {QStringLiteral("ts"), referenceMicros(store, s.time)},
                                      {QStringLiteral("args"),
                                       QJsonObject{{QStringLiteral("value"), cpu ? double(s.value) / 10.0
                                                                                 : double(s.value)}}}});
    }
    int flowId = 1;
    for (const Flow &f : store.flows()) {
        if (f.fromWorker < 0 || f.toWorker < 0)
            continue;
        const auto &from = workers[std::size_t(f.fromWorker)];
        const auto &to = workers[std::size_t(f.toWorker)];
        const QString name = QStringLiteral("hand-over");
        QJsonObject out{{QStringLiteral("ph"), QStringLiteral("s")}, {QStringLiteral("id"), flowId},
                        {QStringLiteral("name"), name}, {QStringLiteral("cat"), QStringLiteral("flow")},
                        {QStringLiteral("pid"), from.pid}, {QStringLiteral("tid"), from.tid},
                        {QStringLiteral("ts"), referenceMicros(store, f.outTime)}};
        if (const std::string object = store.objectName(f.objectId); !object.empty())
            out.insert(QStringLiteral("args"), QJsonObject{{QStringLiteral("object"), QString::fromStdString(object)}});
        events.append(out);
        events.append(QJsonObject{{QStringLiteral("ph"), QStringLiteral("f")}, {QStringLiteral("bp"), QStringLiteral("e")},
                                  {QStringLiteral("id"), flowId}, {QStringLiteral("name"), name},
                                  {QStringLiteral("cat"), QStringLiteral("flow")}, {QStringLiteral("pid"), to.pid},
                                  {QStringLiteral("tid"), to.tid}, {QStringLiteral("ts"), referenceMicros(store, f.inTime)}});
        ++flowId;
    }
    QJsonObject meta;
    for (const auto &[k, v] : store.metadata())
        meta.insert(QString::fromStdString(k), QString::fromStdString(v));
    meta.insert(QStringLiteral("dropped_events"), qint64(store.droppedEvents()));
    return QJsonObject{{QStringLiteral("traceEvents"), events},
                       {QStringLiteral("displayTimeUnit"), QStringLiteral("ms")},
                       {QStringLiteral("metadata"), meta}};
}

} // namespace cl::tests
