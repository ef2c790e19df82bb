#pragma once
// A process-shared, robust mutex living in the arena, instrumented: time spent
// waiting and time holding show as spans, and each hand-over from a releaser
// to the next holder is a flow. Works the same for forked children, fork-server
// children (mapped at another address) and threads. No Qt.
#include "core/record/shared_arena.h"
#include "core/record/writer.h"

#include <atomic>
#include <pthread.h>
#include <string_view>

namespace cl::runtime {

struct SharedMutexState {
    pthread_mutex_t mutex;
    std::atomic<std::uint32_t> waiters;
    std::atomic<std::uint32_t> handOverFlow; // set by a releaser that had waiters
    std::uint32_t objectId;
};

class SharedMutex {
public:
    // Creates the mutex in the arena (main process, before workers start).
    static std::uint64_t create(record::SharedArena &arena);
    // Sets up a mutex embedded in a bigger shared object (the RLock's).
    static void initialise(SharedMutexState *state, record::SharedArena &arena);
    SharedMutex(record::SharedArena &arena, std::uint64_t offset)
        : m_state(arena.object<SharedMutexState>(offset)), m_arena(&arena)
    {
    }

    std::uint32_t objectId() const { return m_state->objectId; }
    // Returns false if the run was stopped while waiting (the lock is not held).
    bool lock(record::Writer &w);
    void unlock(record::Writer &w);

private:
    bool acquire();
    SharedMutexState *m_state;
    record::SharedArena *m_arena;
};

} // namespace cl::runtime
