#pragma once
// Test helper: two stores compared item for item (a saved trace against the
// store it was saved from), and a compact text of a store for data rows.
#include "core/trace/chrome_trace_reader.h"
#include "core/trace/message_text.h"
#include "core/trace/trace_store.h"

#include <QStringList>
#include <QTest>

namespace cl::tests {

// What a Chrome trace holds of a store: closed spans, exits, prints, counters,
// complete flows, metadata. Open spans and half flows are not in a file.
inline void compareStores(const trace::TraceStore &a, const trace::TraceStore &b)
{
    QCOMPARE(b.beginTime(), a.beginTime());
    QVERIFY(b.endTime() <= a.endTime());
    QCOMPARE(b.droppedEvents(), a.droppedEvents());
    QCOMPARE(b.eventCount(), a.eventCount());
    QCOMPARE(b.workers().size(), a.workers().size());
    for (std::size_t i = 0; i < a.workers().size(); ++i) {
        const auto &x = a.workers()[i];
        const auto &y = b.workers()[i];
        const QByteArray which = QByteArray::number(x.pid) + '/' + QByteArray::number(x.tid);
        QVERIFY2(y.pid == x.pid && y.tid == x.tid, which.constData());
        QCOMPARE(y.name, x.name);
        QCOMPARE(y.ppid, x.ppid);
        QCOMPARE(y.startTime, x.startTime);
        QCOMPARE(y.exited, x.exited);
        if (x.exited) {
            QCOMPARE(y.exitTime, x.exitTime);
            QCOMPARE(y.exitValue, x.exitValue);
        }
        QVERIFY2(y.spans.size() == x.spans.size(), which.constData());
        for (std::size_t s = 0; s < x.spans.size(); ++s) {
            QCOMPARE(y.spans[s].begin, x.spans[s].begin);
            QCOMPARE(y.spans[s].end, x.spans[s].end);
            QCOMPARE(y.spans[s].state, x.spans[s].state);
            QCOMPARE(b.objectName(y.spans[s].objectId), a.objectName(x.spans[s].objectId));
        }
        QCOMPARE(y.printTimes, x.printTimes);
    }
    const auto ap = a.processes();
    const auto bp = b.processes();
    QCOMPARE(bp.size(), ap.size());
    for (std::size_t i = 0; i < ap.size(); ++i) {
        QCOMPARE(bp[i].pid, ap[i].pid);
        QCOMPARE(bp[i].workers, ap[i].workers);
    }
    QCOMPARE(b.counters().size(), a.counters().size());
    for (std::size_t i = 0; i < a.counters().size(); ++i) {
        const auto &x = a.counters()[i];
        const auto &y = b.counters()[i];
        QCOMPARE(int(y.kind), int(x.kind));
        QCOMPARE(y.key, x.key);
        QCOMPARE(b.objectName(y.key), a.objectName(x.key));
        QCOMPARE(y.samples.size(), x.samples.size());
        for (std::size_t s = 0; s < x.samples.size(); ++s) {
            QCOMPARE(y.samples[s].time, x.samples[s].time);
            QCOMPARE(y.samples[s].value, x.samples[s].value);
        }
    }
    QCOMPARE(b.prints().size(), a.prints().size());
    for (std::size_t i = 0; i < a.prints().size(); ++i) {
        const auto &x = a.prints()[i];
        const auto &y = b.prints()[i];
        QCOMPARE(y.time, x.time);
        QCOMPARE(y.pid, x.pid);
        QCOMPARE(y.tid, x.tid);
        QCOMPARE(trace::printedLineText(b, y), trace::printedLineText(a, x));
    }
    std::vector<const trace::Flow *> flows;
    for (const auto &f : a.flows())
        if (f.fromWorker >= 0 && f.toWorker >= 0)
            flows.push_back(&f);
    QCOMPARE(b.flows().size(), flows.size());
    for (std::size_t i = 0; i < flows.size(); ++i) {
        const auto &x = *flows[i];
        const auto &y = b.flows()[i];
        QCOMPARE(y.outTime, x.outTime);
        QCOMPARE(y.inTime, x.inTime);
        QCOMPARE(y.fromWorker, x.fromWorker);
        QCOMPARE(y.toWorker, x.toWorker);
        QCOMPARE(int(y.kind), int(x.kind));
        QCOMPARE(b.objectName(y.objectId), a.objectName(x.objectId));
    }
    auto meta = a.metadata();
    std::erase_if(meta, [](const auto &kv) { return trace::isExporterMetadataKey(kv.first); });
    QCOMPARE(b.metadata(), meta);
}

inline QString relativeMicros(const trace::TraceStore &store, std::uint64_t t)
{
    return QString::number(double(t - store.beginTime()) / 1000.0, 'g', 12);
}

// One line per track, counter, printed line and flow; times in µs from the start.
inline QString describeStore(const trace::TraceStore &store)
{
    QStringList lines;
    for (const auto &w : store.workers()) {
        QString line = QStringLiteral("T %1/%2 '%3'").arg(w.pid).arg(w.tid).arg(QString::fromStdString(w.name));
        if (w.exited)
            line += QStringLiteral(" exit=%1@%2").arg(w.exitValue).arg(relativeMicros(store, w.exitTime));
        if (!w.spans.empty()) {
            line += QStringLiteral(" |");
            for (const auto &s : w.spans) {
                const std::string object = store.objectName(s.objectId);
                line += QStringLiteral(" %1%2@%3+%4")
                            .arg(QString::fromLatin1(trace::spanStateKey(s.state)),
                                 object.empty() ? QString() : QStringLiteral(":") + QString::fromStdString(object),
                                 relativeMicros(store, s.begin),
                                 QString::number(double(s.end - s.begin) / 1000.0, 'g', 12));
            }
        }
        lines << line;
    }
    for (const auto &c : store.counters()) {
        QString line;
        switch (c.kind) {
        case trace::CounterTrack::Kind::Value:
            line = QStringLiteral("C value '%1'").arg(QString::fromStdString(store.objectName(c.key)));
            break;
        case trace::CounterTrack::Kind::CpuCore:
            line = QStringLiteral("C cpu-core %1").arg(c.key);
            break;
        case trace::CounterTrack::Kind::CpuProcess:
            line = QStringLiteral("C cpu-process %1").arg(c.key);
            break;
        }
        for (const auto &s : c.samples)
            line += QStringLiteral(" %1@%2").arg(s.value).arg(relativeMicros(store, s.time));
        lines << line;
    }
    for (const auto &p : store.prints())
        lines << QStringLiteral("P %1/%2 %3 '%4'")
                     .arg(p.pid)
                     .arg(p.tid)
                     .arg(relativeMicros(store, p.time), trace::printedLineText(store, p));
    for (const auto &f : store.flows()) {
        const std::string object = store.objectName(f.objectId);
        lines << QStringLiteral("F %1->%2 %3-%4%5%6")
                     .arg(f.fromWorker)
                     .arg(f.toWorker)
                     .arg(relativeMicros(store, f.outTime), relativeMicros(store, f.inTime),
                          object.empty() ? QString() : QStringLiteral(" '%1'").arg(QString::fromStdString(object)),
                          f.kind == trace::FlowKind::Other
                              ? QString()
                              : QStringLiteral(" %1").arg(QString::fromLatin1(trace::flowKindKey(f.kind))));
    }
    return lines.join(QLatin1Char('\n'));
}

inline QString describeReport(const trace::TraceLoadReport &r)
{
    QStringList parts;
    if (r.genericSpans > 0)
        parts << QStringLiteral("generic=%1").arg(r.genericSpans);
    if (r.neverEnded > 0)
        parts << QStringLiteral("never-ended=%1").arg(r.neverEnded);
    for (const auto &[reason, count] : r.skipped)
        parts << QStringLiteral("%1=%2").arg(QString::fromStdString(reason)).arg(count);
    return parts.join(QLatin1Char(' '));
}

} // namespace cl::tests
