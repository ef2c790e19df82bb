#include "core/runtime/shared_value.h"

#include <new>

namespace cl::runtime {

std::size_t SharedArray::bytesFor(std::uint32_t length)
{
    return sizeof(SharedArrayState) + sizeof(std::atomic<std::int64_t>) * length;
}

std::uint64_t SharedArray::create(record::SharedArena &arena, std::uint32_t length, bool withLock,
                                  std::int64_t initial)
{
    if (length == 0)
        return 0;
    const std::uint64_t offset = arena.allocateObject(bytesFor(length), alignof(SharedArrayState));
    if (offset == 0)
        return 0;
    auto *s = arena.object<SharedArrayState>(offset);
    // The lock is set up either way: a lock=False array simply never hands it out.
    SharedMutex::initialise(&s->lock, arena);
    s->withLock = withLock ? 1 : 0;
    s->length = length;
    s->objectId = arena.newObjectId();
    s->reserved = 0;
    for (std::uint32_t i = 0; i < length; ++i)
        new (&s->values()[i]) std::atomic<std::int64_t>(initial);
    return offset;
}

std::int64_t SharedArray::sum() const
{
    std::int64_t total = 0;
    for (std::uint32_t i = 0; i < m_state->length; ++i)
        total += get(i);
    return total;
}

std::optional<SharedMutex> SharedArray::lock() const
{
    if (!hasLock())
        return std::nullopt;
    return SharedMutex(*m_arena, m_offset);
}

} // namespace cl::runtime
