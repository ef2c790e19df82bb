#pragma once
// What a task sees when it runs as a worker, in a forked child or in a
// thread. No Qt: this is the child-side runtime.
#include "core/record/shared_arena.h"
#include "core/record/writer.h"

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace cl::runtime {

// Arguments travel by value (fork server messages, thread captures), so they
// are a small trivially-copyable blob.
inline constexpr std::size_t kMaxTaskArgs = 256;

struct WorkerEnv {
    record::SharedArena *arena = nullptr;
    record::Writer *writer = nullptr;
    std::int32_t workerIndex = 0;
    const unsigned char *args = nullptr;
    std::size_t argsSize = 0;
    // The object this worker is busy with (a pool's "task N"), or 0; spans
    // the worker records on its behalf, such as sleeps, carry it.
    std::uint32_t taskObject = 0;

    template<typename T> T argsAs() const
    {
        static_assert(sizeof(T) <= kMaxTaskArgs);
        T value{};
        std::memcpy(static_cast<void *>(&value), args, argsSize < sizeof(T) ? argsSize : sizeof(T));
        return value;
    }
    bool stopRequested() const { return arena->stopRequested(); }

    // Instrumented sleep: shows as a sleep span, wakes early on Stop. Returns
    // false when the run was stopped.
    bool sleepMs(std::int64_t ms);
    // Busy waits for the run's start line so workers begin together.
    bool waitForStartLine(const std::atomic<std::uint32_t> &go);
};

} // namespace cl::runtime
