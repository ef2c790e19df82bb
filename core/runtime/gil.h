#pragma once
// A model of CPython's global interpreter lock, for "Python threads" that are
// real kernel threads of one process. A thread must hold the GIL to compute;
// it gives the GIL up around sleeps and I/O, and a computing holder hands it
// over when another thread has waited a switch interval
// (sys.setswitchinterval, 5 ms by default).
//
// The hand-over follows CPython's "drop request" logic (Python/ceval_gil.c,
// 3.2 and later), simplified: a waiter waits on a condition variable for one
// interval; if it timed out and no switch happened meanwhile, it sets the
// drop request. The holder computes in short slices and checks the request
// between slices, where CPython checks its "eval breaker" between bytecodes.
// It then drops the GIL and, as CPython's FORCE_SWITCHING does, waits until
// another thread has taken it before asking for it again, so the dropper
// cannot grab it straight back. Simplified: one mutex for both conditions,
// slices of the calibrated loop instead of bytecodes, no signal handling,
// no thread-state switching.
//
// What it records: a GilWait span on a thread while it waits, a Running span
// while it computes holding the GIL, and a "GIL" lane of its process whose
// LockHold spans are the hold periods, each named after its holder.
// No Qt: runs in worker threads.
#include "core/record/shared_arena.h"
#include "core/record/writer.h"

#include <atomic>
#include <cstdint>
#include <pthread.h>
#include <string_view>

namespace cl::runtime {

// The lane's track id: a negative tid, which no kernel thread has (see
// trace::isLaneTid).
inline constexpr std::int32_t kGilLaneTid = -1;

struct GilState {
    pthread_mutex_t mutex;
    pthread_cond_t cond;       // signalled when the GIL is dropped
    pthread_cond_t switchCond; // signalled when a thread takes it
    std::uint32_t holder;      // holder id, 0 when free
    std::uint32_t lastHolder;
    std::uint64_t switchNumber;
    std::uint32_t waiters;
    std::atomic<std::uint32_t> dropRequest;
    std::int64_t intervalNs;
    std::uint32_t objectId;    // the GIL itself, on GilWait spans
    std::int32_t pid;          // the process the GIL belongs to
    std::uint64_t handOvers;   // takes by a thread other than the last holder
    std::uint64_t dropRequests;
    std::uint64_t waitNs;      // all threads' time waiting for the GIL
    record::Writer lane;       // written only under `mutex`
};

class Gil {
public:
    // Main process, on the thread that will start the Python threads: sets up
    // the GIL in the arena and opens its lane in ring `laneRing` (taken with
    // SharedArena::acquireRing). One GIL per process: only threads of the
    // calling process may use it. Returns the offset, 0 when out of space.
    static std::uint64_t create(record::SharedArena &arena, std::int64_t switchIntervalNs, std::uint32_t laneRing);
    Gil(record::SharedArena &arena, std::uint64_t offset)
        : m_state(arena.object<GilState>(offset)), m_arena(&arena)
    {
    }

    // Before the threads start: an id for one thread, named `name` on the lane.
    std::uint32_t addHolder(std::string_view name);
    // After every thread has ended: closes the lane's ring (the collector
    // recycles it) and destroys the lock.
    void close();

    std::uint32_t objectId() const { return m_state->objectId; }
    std::uint64_t handOvers() const;
    std::uint64_t dropRequests() const;
    std::uint64_t waitNs() const;
    std::uint32_t waiters() const; // threads waiting for the GIL right now

    // Waits for the GIL (a GilWait span if it is held). Returns the stamp at
    // which it was taken, or 0 when the run was stopped first.
    std::uint64_t take(record::Writer &w, std::uint32_t holder);
    // Releases the GIL; `at` is the release stamp (0: now).
    void drop(record::Writer &w, std::uint32_t holder, std::uint64_t at = 0);

    // Runs `iterations` of the calibrated loop holding the GIL (the caller
    // holds it on entry and still holds it on return), as Running spans named
    // `job`, handing the GIL over whenever a waiter asks for it. False when
    // the run was stopped; the GIL is released then.
    bool compute(record::Writer &w, std::uint32_t holder, std::uint64_t iterations, std::uint32_t job);
    // Blocking I/O as CPython does it: release the GIL, sleep (a Sleep span
    // named `job`), take it back. False when stopped; the GIL is released then.
    bool sleepReleased(record::Writer &w, std::uint32_t holder, std::int64_t ms, std::uint32_t job);

    // What a holder does on a drop request: releases the GIL (`at` is the
    // release stamp, 0: now) and returns once another thread has taken it,
    // or the run was stopped. The caller then takes it again.
    void handOver(record::Writer &w, std::uint32_t holder, std::uint64_t at = 0);

private:

    GilState *m_state;
    record::SharedArena *m_arena;
};

} // namespace cl::runtime
