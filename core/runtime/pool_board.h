#pragma once
// The task board of a pool, in the run's shared arena, so process workers
// (forked or fork-server children) and thread workers use the same transport.
// The submitting thread fills slot i and publishes it by raising `submitted`;
// workers claim tasks in order with a compare-and-swap on `claimed`; a worker
// that finished a task appends its index to the completion list, which the
// result handler drains. Every blocking wait is a futex with a timeout, so a
// killed worker leaves at worst one claimed task unfinished, never a waiter
// stuck for good. No Qt: runs inside forked children.
#include "core/record/shared_arena.h"
#include "core/record/writer.h"

#include <atomic>
#include <cstddef>
#include <cstdint>

namespace cl::runtime {

struct WorkerEnv;

inline constexpr std::size_t kPoolArgsBytes = 64;
inline constexpr std::size_t kPoolResultWords = 4;

enum class PoolSlotState : std::uint32_t {
    Empty = 0,
    Queued,  // submitted, not claimed yet
    Running, // a worker claimed it
    Done,    // result written, not yet handed to its callback
    Handled, // the result reached whoever waits for it (callback ran)
};

struct PoolSlot {
    std::atomic<std::uint32_t> state;
    std::uint16_t function; // index into the pool function table
    std::uint16_t argsSize;
    std::int32_t workerNumber; // 1-based pool worker that ran it; 0: not run
    std::int32_t pid;          // kernel ids of whoever ran it
    std::int32_t tid;
    std::uint32_t flow;        // result → callback flow id (0: none)
    std::int32_t status;       // the function's return code (0: ok)
    std::uint64_t beganNs;     // CLOCK_MONOTONIC when the task started and ended,
    std::uint64_t endedNs;     // for "how many ran at once"
    std::int64_t result[kPoolResultWords];
    alignas(8) unsigned char args[kPoolArgsBytes];
};

struct PoolBoardState {
    std::atomic<std::uint32_t> wakeSeq;   // futex for idle workers: bumped by submit, close and abort
    std::atomic<std::uint32_t> submitted; // slots [0, submitted) are published
    std::atomic<std::uint32_t> claimed;   // next slot a pool worker takes
    std::atomic<std::uint32_t> completionReserve;
    std::atomic<std::uint32_t> completed; // entries written to the completion list
    std::atomic<std::uint32_t> resultSeq; // futex for the result handler: bumped by publish, close, abort
    std::atomic<std::uint32_t> handled;   // futex for the submitter: results delivered
    std::atomic<std::uint32_t> ready;     // futex for the starter: pool workers waiting for tasks
    std::atomic<std::uint32_t> closed;    // no more tasks (Pool.close())
    std::atomic<std::uint32_t> aborted;   // the pool is broken or terminated
    std::uint32_t capacity;
    std::uint32_t queueObject;    // the task queue, for "queue empty" waits
    std::uint32_t resultObject;   // the result queue
    std::uint32_t taskObjectBase; // task i: base + i; its callback: base + capacity + i
    std::uint64_t slotsOffset;
    std::uint64_t completionsOffset; // std::atomic<uint32_t>[capacity], task index + 1
};

class PoolBoard {
public:
    // Creates a board for at most `capacity` tasks; returns 0 if the arena is full.
    static std::uint64_t create(record::SharedArena &arena, std::uint32_t capacity);
    // Arena bytes a board of `capacity` tasks needs, for scenario layouts.
    static std::size_t bytesFor(std::uint32_t capacity);

    PoolBoard() = default;
    PoolBoard(record::SharedArena &arena, std::uint64_t offset);

    bool isValid() const { return m_state != nullptr; }
    PoolBoardState *state() const { return m_state; }
    PoolSlot &slot(std::uint32_t index) const { return m_slots[index]; }
    std::uint32_t capacity() const { return m_state->capacity; }
    std::uint32_t taskObject(std::uint32_t index) const { return m_state->taskObjectBase + index; }
    std::uint32_t callbackObject(std::uint32_t index) const
    {
        return m_state->taskObjectBase + m_state->capacity + index;
    }
    bool aborted() const { return m_state->aborted.load(std::memory_order_acquire) != 0; }

    // --- the submitting side (one thread) ---
    // Publishes a task; returns its index, or -1 when the board is full or closed.
    std::int64_t submit(std::uint16_t function, const void *args, std::size_t size);
    void close();
    void abort();
    // Blocks until `word` (handled or ready) differs from `seen` or timeoutMs passed.
    static void waitChange(const std::atomic<std::uint32_t> &word, std::uint32_t seen, int timeoutMs);

    // --- pool workers ---
    // The worker is up and about to wait for tasks.
    void reportReady();
    // The next task in submission order, or -1 once the pool is closed and
    // drained, aborted, or the run stopped. An idle wait shows as "queue empty".
    std::int64_t claim(WorkerEnv &env);
    // Runs slot `index`'s function as a "Running" span labelled "task N" on
    // the calling worker's track, and stores the result in the slot.
    void run(WorkerEnv &env, std::uint32_t index, std::int32_t workerNumber);
    // The result goes to the result handler: a flow starts here.
    void publish(record::Writer &w, std::uint32_t index);

    // --- whoever delivers results (the result handler, or a thread worker) ---
    // The next completed task, or -1 once every submitted task was taken after
    // close, or on abort/stop. `cursor` is the caller's position in the list.
    std::int64_t nextCompleted(WorkerEnv &env, std::uint32_t &cursor);
    void markHandled(std::uint32_t index);

private:
    record::SharedArena *m_arena = nullptr;
    PoolBoardState *m_state = nullptr;
    PoolSlot *m_slots = nullptr;
    std::atomic<std::uint32_t> *m_completions = nullptr;
};

} // namespace cl::runtime
