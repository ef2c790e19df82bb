#include "core/record/shared_arena.h"
#include "core/record/clock.h"

#include <cerrno>
#include <new>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace cl::record {

namespace {
constexpr std::uint64_t kMagic = 0x434c4152454e4131ull; // "CLARENA1"

std::size_t alignUp(std::size_t v, std::size_t a) { return (v + a - 1) & ~(a - 1); }
} // namespace

SharedArena::~SharedArena() { release(); }

SharedArena::SharedArena(SharedArena &&other) noexcept
    : m_base(std::exchange(other.m_base, nullptr)), m_size(std::exchange(other.m_size, 0)),
      m_fd(std::exchange(other.m_fd, -1))
{
}

SharedArena &SharedArena::operator=(SharedArena &&other) noexcept
{
    if (this != &other) {
        release();
        m_base = std::exchange(other.m_base, nullptr);
        m_size = std::exchange(other.m_size, 0);
        m_fd = std::exchange(other.m_fd, -1);
    }
    return *this;
}

void SharedArena::release()
{
    if (m_base)
        munmap(m_base, m_size);
    if (m_fd >= 0)
        ::close(m_fd);
    m_base = nullptr;
    m_fd = -1;
}

SharedArena SharedArena::create(const Layout &layout)
{
    SharedArena arena;
    std::uint32_t capacity = 1;
    while (capacity < layout.ringCapacity)
        capacity <<= 1;
    const std::size_t headerBytes = alignUp(sizeof(ArenaHeader), 4096);
    const std::size_t objectsBytes = alignUp(layout.objectsBytes, 4096);
    const std::size_t stride = alignUp(Ring::bytesFor(capacity), 4096);
    const std::size_t total = headerBytes + objectsBytes + stride * layout.ringCount;

    // CLOEXEC: the fd reaches fork-server children by SCM_RIGHTS, never by exec.
    const int fd = memfd_create("concurrency-lab-arena", MFD_CLOEXEC);
    if (fd < 0)
        return arena;
    if (ftruncate(fd, off_t(total)) != 0) {
        ::close(fd);
        return arena;
    }
    void *base = mmap(nullptr, total, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (base == MAP_FAILED) {
        ::close(fd);
        return arena;
    }
    arena.m_base = base;
    arena.m_size = total;
    arena.m_fd = fd;

    auto *h = new (base) ArenaHeader{};
    h->magic = kMagic;
    h->totalBytes = total;
    h->objectsOffset = headerBytes;
    h->objectsBytes = objectsBytes;
    h->ringsOffset = headerBytes + objectsBytes;
    h->ringStride = stride;
    h->ringCount = layout.ringCount;
    h->ringCapacity = capacity;
    h->objectsUsed.store(0);
    h->nextStringId.store(1);
    h->nextFlowId.store(1);
    h->nextObjectId.store(100); // below 100: the well-known ids of trace::counter_id
    h->stopRequested.store(0);
    h->ticksAreTsc = ticksAreTsc() ? 1 : 0;
    for (std::uint32_t i = 0; i < layout.ringCount; ++i) {
        auto *rh = reinterpret_cast<RingHeader *>(static_cast<char *>(base) + h->ringsOffset + stride * i);
        Ring::initialise(rh, capacity);
    }
    return arena;
}

SharedArena SharedArena::attach(int fd)
{
    SharedArena arena;
    struct stat st;
    if (fstat(fd, &st) != 0 || std::size_t(st.st_size) < sizeof(ArenaHeader))
        return arena;
    void *base = mmap(nullptr, std::size_t(st.st_size), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (base == MAP_FAILED)
        return arena;
    if (static_cast<ArenaHeader *>(base)->magic != kMagic) {
        munmap(base, std::size_t(st.st_size));
        errno = EINVAL;
        return arena;
    }
    arena.m_base = base;
    arena.m_size = std::size_t(st.st_size);
    arena.m_fd = fd;
    return arena;
}

Ring SharedArena::ring(std::uint32_t index) const
{
    auto *base = static_cast<char *>(m_base) + header()->ringsOffset + header()->ringStride * index;
    auto *rh = reinterpret_cast<RingHeader *>(base);
    return Ring(rh, reinterpret_cast<trace::Event *>(base + sizeof(RingHeader)));
}

int SharedArena::acquireRing()
{
    for (std::uint32_t i = 0; i < ringCount(); ++i) {
        auto *rh = ring(i).header();
        std::uint32_t expected = RingState::Free;
        if (rh->state.compare_exchange_strong(expected, RingState::Writing, std::memory_order_acq_rel))
            return int(i);
    }
    return -1;
}

void SharedArena::recycleRing(std::uint32_t index)
{
    auto *rh = ring(index).header();
    rh->head.store(0, std::memory_order_relaxed);
    rh->tail.store(0, std::memory_order_relaxed);
    rh->ownerPid = 0;
    rh->ownerTid = 0;
    // dropped is kept by the collector before recycling; reset for the next owner.
    rh->dropped.store(0, std::memory_order_relaxed);
    rh->state.store(RingState::Free, std::memory_order_release);
}

std::uint64_t SharedArena::allocateObject(std::size_t bytes, std::size_t align)
{
    auto *h = header();
    std::uint64_t used = h->objectsUsed.load(std::memory_order_relaxed);
    for (;;) {
        const std::uint64_t start = alignUp(used, align);
        if (start + bytes > h->objectsBytes)
            return 0;
        if (h->objectsUsed.compare_exchange_weak(used, start + bytes, std::memory_order_acq_rel))
            return h->objectsOffset + start;
    }
}

} // namespace cl::record
