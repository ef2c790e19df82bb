#pragma once
// multiprocessing.Value and Array: integers in the run's shared arena that
// every worker maps, with or without their lock (lock=True/False). As in
// Python, each read and each write is atomic on its own, but "v.value += 1"
// is a read and then a write: only holding get_lock() around both keeps
// another worker's update from being lost. The lock is the robust shared
// mutex, instrumented like any other lock. A Value is an Array of length 1.
// No Qt.
#include "core/record/shared_arena.h"
#include "core/runtime/shared_mutex.h"

#include <atomic>
#include <cstdint>
#include <optional>

namespace cl::runtime {

struct SharedArrayState {
    SharedMutexState lock; // first: its offset is the array's
    std::uint32_t withLock;
    std::uint32_t length;
    std::uint32_t objectId; // counters and spans name the array by it
    std::uint32_t reserved;

    std::atomic<std::int64_t> *values() { return reinterpret_cast<std::atomic<std::int64_t> *>(this + 1); }
};

class SharedArray {
public:
    // Creates it in the arena (main process, before workers start), every
    // element `initial`. Returns 0 if the arena has no room or length is 0.
    static std::uint64_t create(record::SharedArena &arena, std::uint32_t length, bool withLock,
                                std::int64_t initial = 0);
    static std::size_t bytesFor(std::uint32_t length);

    SharedArray(record::SharedArena &arena, std::uint64_t offset)
        : m_state(arena.object<SharedArrayState>(offset)), m_arena(&arena), m_offset(offset)
    {
    }

    std::uint32_t length() const { return m_state->length; }
    std::uint32_t objectId() const { return m_state->objectId; }
    bool hasLock() const { return m_state->withLock != 0; }
    std::int64_t get(std::uint32_t index) const { return m_state->values()[index].load(std::memory_order_relaxed); }
    void set(std::uint32_t index, std::int64_t value) { m_state->values()[index].store(value, std::memory_order_relaxed); }
    std::int64_t sum() const;
    // get_lock(); none for lock=False (Python raises AttributeError there).
    std::optional<SharedMutex> lock() const;

private:
    SharedArrayState *m_state;
    record::SharedArena *m_arena;
    std::uint64_t m_offset;
};

} // namespace cl::runtime
