#include "core/record/ring.h"

#include <algorithm>
#include <new>

namespace cl::record {

std::size_t Ring::bytesFor(std::uint32_t capacity)
{
    return sizeof(RingHeader) + std::size_t(capacity) * sizeof(trace::Event);
}

void Ring::initialise(RingHeader *header, std::uint32_t capacity)
{
    new (header) RingHeader{};
    header->head.store(0, std::memory_order_relaxed);
    header->tail.store(0, std::memory_order_relaxed);
    header->dropped.store(0, std::memory_order_relaxed);
    header->capacity = capacity;
    header->ownerPid = 0;
    header->ownerTid = 0;
    header->state.store(RingState::Free, std::memory_order_release);
}

std::size_t Ring::drain(trace::Event *out, std::size_t max)
{
    const std::uint64_t tail = m_header->tail.load(std::memory_order_relaxed);
    const std::uint64_t head = m_header->head.load(std::memory_order_acquire);
    const std::size_t n = std::min<std::uint64_t>(head - tail, max);
    const std::uint32_t mask = m_header->capacity - 1;
    for (std::size_t i = 0; i < n; ++i)
        out[i] = m_slots[(tail + i) & mask];
    m_header->tail.store(tail + n, std::memory_order_release);
    return n;
}

std::uint64_t Ring::pending() const
{
    return m_header->head.load(std::memory_order_acquire) - m_header->tail.load(std::memory_order_relaxed);
}

} // namespace cl::record
