#pragma once
// The recording handle of one worker (a process or a thread). Every
// instrumented primitive writes through it. No Qt: runs in forked children.
#include "core/record/clock.h"
#include "core/record/ring.h"
#include "core/record/shared_arena.h"
#include "core/trace/event.h"

#include <sched.h>
#include <string_view>

namespace cl::record {

class Writer {
public:
    Writer() = default;
    // Binds ring `ringIndex` of `arena` to the calling thread: call it from the
    // worker itself so pid and tid are the kernel's ids of that worker.
    Writer(SharedArena *arena, std::uint32_t ringIndex);

    bool isValid() const { return m_ring.isValid(); }
    std::int32_t pid() const { return m_pid; }
    std::int32_t tid() const { return m_tid; }
    std::uint32_t ringIndex() const { return m_ringIndex; }
    SharedArena *arena() const { return m_arena; }

    std::uint64_t now() const { return rawTicks(m_tsc); }
    // For the first stamp after acquiring something another worker released
    // (a lock, an item): never earlier than that release. See clock.h.
    std::uint64_t nowAfterSync() const { return rawTicksOrdered(m_tsc); }

    void record(trace::EventKind kind, std::uint8_t arg, std::uint32_t objectId, std::int64_t value)
    {
        recordAt(now(), kind, arg, objectId, value);
    }
    void recordAt(std::uint64_t ticks, trace::EventKind kind, std::uint8_t arg, std::uint32_t objectId,
                  std::int64_t value)
    {
        trace::Event e;
        e.timeNs = ticks;
        e.value = value;
        e.pid = m_pid;
        e.tid = m_tid;
        e.objectId = objectId;
        e.cpu = static_cast<std::uint16_t>(sched_getcpu());
        e.kind = kind;
        e.arg = arg;
        m_ring.push(e);
    }
    // For events about another worker (its exit, seen by whoever reaped it).
    void recordFor(std::int32_t pid, std::int32_t tid, trace::EventKind kind, std::uint8_t arg,
                   std::uint32_t objectId, std::int64_t value, std::uint64_t ticks = 0);

    void workerStart(std::string_view name, std::int32_t ppid, std::uint64_t requestTicks);
    void spanBegin(trace::SpanState s, std::uint32_t objectId = 0)
    {
        record(trace::EventKind::SpanBegin, std::uint8_t(s), objectId, 0);
    }
    void spanEnd(trace::SpanState s, std::uint32_t objectId = 0)
    {
        record(trace::EventKind::SpanEnd, std::uint8_t(s), objectId, 0);
    }
    void counter(std::uint32_t counterId, std::int64_t value)
    {
        record(trace::EventKind::Counter, 0, counterId, value);
    }
    void flowOut(std::uint32_t flowId, std::uint32_t objectId, trace::FlowKind kind = trace::FlowKind::Other)
    {
        record(trace::EventKind::FlowOut, std::uint8_t(kind), flowId, objectId);
    }
    void flowIn(std::uint32_t flowId, std::uint32_t objectId, trace::FlowKind kind = trace::FlowKind::Other)
    {
        record(trace::EventKind::FlowIn, std::uint8_t(kind), flowId, objectId);
    }
    // Defines a string once and returns its id.
    std::uint32_t defineString(std::string_view text);
    void print(std::string_view line);
    // A line to be shown translated: message id plus arguments separated by
    // trace::kMessageArgSeparator.
    void printMessage(std::int64_t messageId, std::string_view args);
    void nameObject(std::uint32_t objectId, std::string_view name);

    // The worker is done: the collector may recycle the ring once drained.
    void close();

private:
    SharedArena *m_arena = nullptr;
    Ring m_ring;
    std::uint32_t m_ringIndex = 0;
    std::int32_t m_pid = 0;
    std::int32_t m_tid = 0;
    bool m_tsc = false;
};

} // namespace cl::record
