#include "core/record/writer.h"

#include <unistd.h>

namespace cl::record {

Writer::Writer(SharedArena *arena, std::uint32_t ringIndex)
    : m_arena(arena), m_ring(arena->ring(ringIndex)), m_ringIndex(ringIndex), m_pid(::getpid()),
      m_tid(::gettid()), m_tsc(arena->header()->ticksAreTsc != 0)
{
    m_ring.header()->ownerPid = m_pid;
    m_ring.header()->ownerTid = m_tid;
}

void Writer::recordFor(std::int32_t pid, std::int32_t tid, trace::EventKind kind, std::uint8_t arg,
                       std::uint32_t objectId, std::int64_t value, std::uint64_t ticks)
{
    trace::Event e;
    e.timeNs = ticks != 0 ? ticks : now();
    e.value = value;
    e.pid = pid;
    e.tid = tid;
    e.objectId = objectId;
    e.cpu = static_cast<std::uint16_t>(sched_getcpu());
    e.kind = kind;
    e.arg = arg;
    m_ring.push(e);
}

void Writer::workerStart(std::string_view name, std::int32_t ppid, std::uint64_t requestTicks)
{
    const std::uint32_t nameId = defineString(name);
    if (requestTicks != 0) {
        // Spawn latency: from the moment the parent asked for this worker until now.
        recordAt(requestTicks, trace::EventKind::SpanBegin, std::uint8_t(trace::SpanState::Starting), 0, 0);
        record(trace::EventKind::SpanEnd, std::uint8_t(trace::SpanState::Starting), 0, 0);
    }
    record(trace::EventKind::WorkerStart, 0, nameId, ppid);
}

std::uint32_t Writer::defineString(std::string_view text)
{
    const std::uint32_t id = m_arena->newStringId();
    record(trace::EventKind::StringDef, 0, id, std::int64_t(text.size()));
    for (std::size_t off = 0; off < text.size(); off += trace::kTextChunkBytes)
        m_ring.push(trace::packText(id, text.substr(off, trace::kTextChunkBytes)));
    return id;
}

void Writer::print(std::string_view line)
{
    const std::uint32_t id = defineString(line);
    record(trace::EventKind::Print, 0, id, 0);
}

void Writer::printMessage(std::int64_t messageId, std::string_view args)
{
    const std::uint32_t id = defineString(args);
    record(trace::EventKind::Print, 0, id, messageId);
}

void Writer::nameObject(std::uint32_t objectId, std::string_view name)
{
    const std::uint32_t id = defineString(name);
    record(trace::EventKind::ObjectName, 0, objectId, id);
}

void Writer::close()
{
    if (m_ring.isValid())
        m_ring.header()->state.store(RingState::Closed, std::memory_order_release);
}

} // namespace cl::record
