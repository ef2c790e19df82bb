#pragma once
// Single-producer / single-consumer ring of trace events living in shared
// memory. The writer is one worker (a forked child or a thread); the reader is
// the collector in the main process. No Qt: this runs inside forked children.
#include "core/trace/event.h"

#include <atomic>
#include <cstdint>

namespace cl::record {

// Keep head and tail on their own cache lines: the writer and the collector
// run on different cores and would otherwise bounce one line per event.
struct alignas(64) RingHeader {
    std::atomic<std::uint64_t> head;    // written by the writer only
    char pad0[64 - sizeof(std::atomic<std::uint64_t>)];
    std::atomic<std::uint64_t> tail;    // written by the collector only
    char pad1[64 - sizeof(std::atomic<std::uint64_t>)];
    std::atomic<std::uint64_t> dropped; // events the writer could not store
    std::atomic<std::uint32_t> state;   // RingState
    std::uint32_t capacity;             // power of two
    std::int32_t ownerPid;
    std::int32_t ownerTid;
};

enum RingState : std::uint32_t { Free = 0, Writing = 1, Closed = 2 };

// A view onto one ring: header followed by `capacity` slots.
class Ring {
public:
    Ring() = default;
    Ring(RingHeader *header, trace::Event *slots) : m_header(header), m_slots(slots) {}

    static std::size_t bytesFor(std::uint32_t capacity);
    static void initialise(RingHeader *header, std::uint32_t capacity);

    bool isValid() const { return m_header != nullptr; }
    RingHeader *header() const { return m_header; }

    // Writer side: never blocks. A full ring drops the event and counts it.
    bool push(const trace::Event &event)
    {
        const std::uint64_t head = m_header->head.load(std::memory_order_relaxed);
        if (head - m_cachedTail >= m_header->capacity) {
            m_cachedTail = m_header->tail.load(std::memory_order_acquire);
            if (head - m_cachedTail >= m_header->capacity) {
                m_header->dropped.fetch_add(1, std::memory_order_relaxed);
                return false;
            }
        }
        m_slots[head & (m_header->capacity - 1)] = event;
        m_header->head.store(head + 1, std::memory_order_release);
        return true;
    }

    // Reader side: copies up to `max` events out, returns how many.
    std::size_t drain(trace::Event *out, std::size_t max);
    std::uint64_t pending() const;

private:
    RingHeader *m_header = nullptr;
    trace::Event *m_slots = nullptr;
    std::uint64_t m_cachedTail = 0; // writer's last view of tail, saves a shared load per event
};

} // namespace cl::record
