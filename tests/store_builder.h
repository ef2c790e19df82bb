#pragma once
// Test helper: batches of hand-made events for tests that feed a TraceStore
// the way the collector does.
#include "trace_builder.h"
#include "core/record/collector.h"
#include "core/trace/trace_store.h"

#include <QMetaType>
#include <QtGlobal>

#include <string>
#include <utility>
#include <vector>

namespace cl::tests {

using Batches = std::vector<std::vector<trace::Event>>;

inline trace::Event begin(std::int32_t pid, std::int32_t tid, std::uint64_t t, trace::SpanState s,
                          std::uint32_t object = 0)
{
    return ev(trace::EventKind::SpanBegin, pid, tid, t, std::uint8_t(s), object);
}

inline trace::Event end(std::int32_t pid, std::int32_t tid, std::uint64_t t, trace::SpanState s,
                        std::uint32_t object = 0)
{
    return ev(trace::EventKind::SpanEnd, pid, tid, t, std::uint8_t(s), object);
}

inline trace::Event exitOf(std::int32_t pid, std::int32_t tid, std::uint64_t t, std::int64_t status = 0)
{
    return ev(trace::EventKind::WorkerExit, pid, tid, t, 0, 0, status);
}

inline record::Batch batch(std::vector<trace::Event> events,
                           std::vector<std::pair<std::uint32_t, std::string>> strings = {}, std::uint64_t dropped = 0)
{
    record::Batch b;
    b.events = std::move(events);
    b.strings = std::move(strings);
    b.droppedTotal = dropped;
    return b;
}

inline const trace::WorkerTrack &track(const trace::TraceStore &store, std::int32_t pid, std::int32_t tid)
{
    const int i = store.workerIndex(pid, tid);
    if (i < 0)
        qFatal("no track for %d/%d", pid, tid);
    return store.workers()[std::size_t(i)];
}

} // namespace cl::tests

Q_DECLARE_METATYPE(cl::tests::Batches)
