#pragma once
// One run's shared memory: a memfd holding a header, an area for shared
// objects (locks, counters, ticket stores) and the per-worker event rings.
// Forked children inherit the mapping; fork-server children map the same fd.
// Pages are only backed once touched, so a thousand rings cost what their
// events cost, not their capacity. No Qt: used inside forked children.
#include "core/record/ring.h"

#include <atomic>
#include <cstddef>
#include <cstdint>

namespace cl::record {

struct ArenaHeader {
    std::uint64_t magic;
    std::uint64_t totalBytes;
    std::uint64_t objectsOffset;
    std::uint64_t objectsBytes;
    std::uint64_t ringsOffset;
    std::uint64_t ringStride;
    std::uint32_t ringCount;
    std::uint32_t ringCapacity;
    std::atomic<std::uint64_t> objectsUsed;
    std::atomic<std::uint32_t> nextStringId;
    std::atomic<std::uint32_t> nextFlowId;
    std::atomic<std::uint32_t> nextObjectId;
    std::atomic<std::uint32_t> stopRequested;
    std::uint32_t ticksAreTsc;
};

class SharedArena {
public:
    struct Layout {
        std::uint32_t ringCount = 64;
        std::uint32_t ringCapacity = 8192; // events per ring, power of two
        std::size_t objectsBytes = 1 << 20;
    };

    SharedArena() = default;
    ~SharedArena();
    SharedArena(const SharedArena &) = delete;
    SharedArena &operator=(const SharedArena &) = delete;
    SharedArena(SharedArena &&other) noexcept;
    SharedArena &operator=(SharedArena &&other) noexcept;

    // Creates a fresh arena; returns an invalid one (and sets errno) on failure.
    static SharedArena create(const Layout &layout);
    // Maps an arena created by another process from its fd (fork-server children).
    static SharedArena attach(int fd);

    bool isValid() const { return m_base != nullptr; }
    int fd() const { return m_fd; }
    ArenaHeader *header() const { return static_cast<ArenaHeader *>(m_base); }
    std::uint32_t ringCount() const { return header()->ringCount; }
    Ring ring(std::uint32_t index) const;

    // Main process only: finds a free ring and marks it in use. Returns -1 if
    // every ring is in use (the caller drains and retries).
    int acquireRing();
    // Gives a closed, fully drained ring back.
    void recycleRing(std::uint32_t index);

    // Bump allocator for shared objects; returns the offset (0 on exhaustion).
    std::uint64_t allocateObject(std::size_t bytes, std::size_t align);
    template<typename T> T *object(std::uint64_t offset) const
    {
        return reinterpret_cast<T *>(static_cast<char *>(m_base) + offset);
    }

    std::uint32_t newStringId() { return header()->nextStringId.fetch_add(1, std::memory_order_relaxed); }
    std::uint32_t newFlowId() { return header()->nextFlowId.fetch_add(1, std::memory_order_relaxed); }
    std::uint32_t newObjectId() { return header()->nextObjectId.fetch_add(1, std::memory_order_relaxed); }

    void requestStop() { header()->stopRequested.store(1, std::memory_order_release); }
    bool stopRequested() const { return header()->stopRequested.load(std::memory_order_acquire) != 0; }

private:
    void release();
    void *m_base = nullptr;
    std::size_t m_size = 0;
    int m_fd = -1;
};

} // namespace cl::record
