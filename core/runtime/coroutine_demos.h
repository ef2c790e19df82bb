#pragma once
// The coroutine lesson's demos, run on the calling thread and recorded as
// lanes of it: greenlet switches (1, 3, 2, 4), a producer sending to two
// consumer generators, the event loop's two sleepers, the same waits one
// after another and together, and many coroutines at once. No Qt, so the
// benchmarks run them too.
#include "core/runtime/coro_tracer.h"

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

namespace cl::runtime {

struct CoroDemoResult {
    std::vector<std::string> printed; // in the order it happened
    std::uint64_t wallNs = 0;
    std::uint64_t syncNs = 0;  // sync-vs-async: the waits one after another
    std::uint64_t asyncNs = 0; // ... and together
    int coroutines = 0;
    int completed = 0;
    std::size_t frameBytes = 0; // coroutine frames alive with every coroutine suspended (many)
    std::uint64_t switches = 0;
    bool stopped = false;
};

// Python's greenlet example: func1 prints 1, switches to func2, which prints
// 3 and switches back; func1 prints 2 and switches; func2 prints 4.
CoroDemoResult runSwitchDemo(CoroTracer &tracer);
// Two consumers `baozi = yield`, a producer sending items 1..items to each.
CoroDemoResult runGeneratorDemo(CoroTracer &tracer, int items);
// asyncio: func1 prints 1, sleeps firstMs, prints 2; func2 prints 3,
// sleeps 2 × firstMs, prints 4.
CoroDemoResult runEventLoopDemo(CoroTracer &tracer, std::int64_t firstMs, const std::atomic<std::uint32_t> *stop);
// `tasks` waits of taskMs awaited one after another, then spawned together.
CoroDemoResult runSyncVsAsyncDemo(CoroTracer &tracer, int tasks, std::int64_t taskMs,
                                  const std::atomic<std::uint32_t> *stop);
// `count` coroutines that each sleep taskMs once.
CoroDemoResult runManyDemo(CoroTracer &tracer, int count, std::int64_t taskMs, const std::atomic<std::uint32_t> *stop);

} // namespace cl::runtime
