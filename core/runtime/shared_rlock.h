#pragma once
// A recursive lock, as Python's RLock: the worker that holds it may acquire
// it again, and it is free once the owner released it as often as it
// acquired it. Releasing it without owning it is an error, not a release.
// Built on SharedMutex, so waits, holds and hand-overs are recorded the same
// way and a worker that dies holding it does not hang the others. Owners are
// kernel thread ids, unique across processes, so one lock serves processes
// and threads alike. No Qt.
#include "core/runtime/shared_mutex.h"

#include <atomic>
#include <cstdint>

namespace cl::runtime {

struct SharedRLockState {
    SharedMutexState mutex;
    std::atomic<std::int32_t> owner; // tid of the holder, 0 when free
    std::uint32_t depth;             // touched only by the owner
};

enum class RLockRelease {
    Released,  // the last release: the lock is free (or handed over)
    StillHeld, // an inner release: the owner still holds it
    NotOwner,  // the caller does not hold it; nothing changed
};

class SharedRLock {
public:
    // Creates the lock in the arena (main process, before workers start).
    static std::uint64_t create(record::SharedArena &arena);
    SharedRLock(record::SharedArena &arena, std::uint64_t offset);

    std::uint32_t objectId() const { return m_mutex.objectId(); }
    // Returns false if the run was stopped while waiting (the lock is not
    // held). A re-entry by the owner never waits and records nothing, so the
    // owner's hold span stays one span from the first acquire to the last
    // release.
    bool acquire(record::Writer &w);
    RLockRelease release(record::Writer &w);

    bool isOwnedBy(std::int32_t tid) const { return m_state->owner.load(std::memory_order_relaxed) == tid; }
    // How often the owner holds it; meaningful to the owner only.
    std::uint32_t depth() const { return m_state->depth; }

private:
    SharedRLockState *m_state;
    SharedMutex m_mutex;
};

} // namespace cl::runtime
