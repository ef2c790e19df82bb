#include "core/runtime/shared_rlock.h"

#include <cstddef>
#include <new>

namespace cl::runtime {

namespace {
constexpr std::uint64_t kMutexOffset = offsetof(SharedRLockState, mutex);
} // namespace

std::uint64_t SharedRLock::create(record::SharedArena &arena)
{
    const std::uint64_t offset = arena.allocateObject(sizeof(SharedRLockState), alignof(SharedRLockState));
    if (offset == 0)
        return 0;
    auto *s = new (arena.object<SharedRLockState>(offset)) SharedRLockState{};
    SharedMutex::initialise(&s->mutex, arena);
    s->owner.store(0);
    s->depth = 0;
    return offset;
}

SharedRLock::SharedRLock(record::SharedArena &arena, std::uint64_t offset)
    : m_state(arena.object<SharedRLockState>(offset)), m_mutex(arena, offset + kMutexOffset)
{
}

bool SharedRLock::acquire(record::Writer &w)
{
    // Only the owner itself can have stored its own tid, so this unlocked
    // read cannot mistake another worker's hold for ours.
    if (isOwnedBy(w.tid())) {
        ++m_state->depth;
        return true;
    }
    // A previous owner that died holding it left its tid and depth behind;
    // the robust mutex hands the lock over and we start afresh.
    if (!m_mutex.lock(w))
        return false;
    m_state->owner.store(w.tid(), std::memory_order_relaxed);
    m_state->depth = 1;
    return true;
}

RLockRelease SharedRLock::release(record::Writer &w)
{
    if (!isOwnedBy(w.tid()) || m_state->depth == 0)
        return RLockRelease::NotOwner;
    if (--m_state->depth > 0)
        return RLockRelease::StillHeld;
    m_state->owner.store(0, std::memory_order_relaxed);
    m_mutex.unlock(w);
    return RLockRelease::Released;
}

} // namespace cl::runtime
