#pragma once
// The fixed-size record every primitive writes. Used inside forked children,
// so this header must stay free of Qt.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace cl::trace {

enum class EventKind : std::uint8_t {
    WorkerStart = 1, // value: parent pid (arg kLaneOfThread: the host thread's tid); objectId: name string id
    WorkerExit,      // value: exit code (>= 0) or -signal; pid/tid of the worker
    SpanBegin,       // arg: SpanState; objectId: the lock/queue involved (0 if none)
    SpanEnd,         // arg: SpanState
    Counter,         // objectId: counter id; value: new value
    Print,           // objectId: string id of the printed line
    FlowOut,         // objectId: flow id (unique per hand-over); value: object id; arg: FlowKind
    FlowIn,          // objectId: flow id; value: object id; arg: FlowKind
    StringDef,       // objectId: string id; value: length; followed by TextChunk events
    TextChunk,       // payload overlays the record, see packText()
    ObjectName,      // objectId: object id (lock, counter); value: string id
    CpuSample,       // arg: 0 per core (objectId = core), 1 per process (pid); value: permille
    Metric,          // objectId: string id of the metric name; value: metric value
    SpanComplete,    // a whole span, as a loaded trace holds it: timeNs its begin, value its end;
                     // arg: SpanState; objectId: the object. Never recorded by a run.
};

// Fixed palette shared by timeline, legend, exports and docs.
enum class SpanState : std::uint8_t {
    Running = 0,
    LockWait,
    LockHold,
    QueueFullWait,
    QueueEmptyWait,
    Sleep,
    Starting,
    GilWait,
    Zombie,
    Suspended, // a coroutine that is not running: ready, switched away, or awaiting another one
    Count
};

// What a flow hands from one worker to another, so views can label arrows
// and hide a kind. Older recordings carry 0: Other.
enum class FlowKind : std::uint8_t {
    Other = 0,
    Lock,     // a lock handed over by its holder to the next
    Queue,    // an item put into a queue and got out of it
    Pipe,     // a message sent through a pipe and received
    Callback, // a result travelling to its done callback
    Count
};

struct Event {
    std::uint64_t timeNs;   // CLOCK_MONOTONIC, same clock in every process
    std::int64_t value;
    std::int32_t pid;
    std::int32_t tid;
    std::uint32_t objectId;
    std::uint16_t cpu;
    EventKind kind;
    std::uint8_t arg;
};
static_assert(sizeof(Event) == 32, "events must stay 32 bytes: the ring and the bench assume it");

// A text chunk reuses the first 24 bytes of the record (time, value, pid, tid)
// so strings travel through the same fixed-size ring as everything else.
inline constexpr std::size_t kTextChunkBytes = 24;

inline Event packText(std::uint32_t stringId, std::string_view chunk)
{
    Event e{};
    std::memcpy(static_cast<void *>(&e), chunk.data(), chunk.size() < kTextChunkBytes ? chunk.size() : kTextChunkBytes);
    e.objectId = stringId;
    e.kind = EventKind::TextChunk;
    e.arg = static_cast<std::uint8_t>(chunk.size() < kTextChunkBytes ? chunk.size() : kTextChunkBytes);
    return e;
}

inline std::string_view unpackText(const Event &e)
{
    return {reinterpret_cast<const char *>(&e), e.arg};
}

// Counter ids that have meaning across the whole product.
namespace counter_id {
inline constexpr std::uint32_t TicketsLeft = 1;
inline constexpr std::uint32_t SharedValue = 2;
inline constexpr std::uint32_t QueueDepth = 3;
} // namespace counter_id

// A track with a negative tid is a lane a model draws for its process (the
// GIL's holder), not a thread: the kernel never hands out negative ids.
inline constexpr bool isLaneTid(std::int32_t tid) { return tid < 0; }

// WorkerStart's arg for a lane that belongs to one thread (a coroutine run
// by that thread): the event's value is then the host thread's tid.
inline constexpr std::uint8_t kLaneOfThread = 1;

} // namespace cl::trace
