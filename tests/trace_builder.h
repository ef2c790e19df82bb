#pragma once
// Test helper: hand-made trace events, for tests that fill a TraceStore
// directly instead of running workers.
#include "core/trace/event.h"

#include <cstdint>

namespace cl::tests {

inline constexpr std::uint64_t kMs = 1'000'000ull;

inline trace::Event ev(trace::EventKind kind, std::int32_t pid, std::int32_t tid, std::uint64_t time,
                       std::uint8_t arg = 0, std::uint32_t objectId = 0, std::int64_t value = 0)
{
    trace::Event e{};
    e.timeNs = time;
    e.value = value;
    e.pid = pid;
    e.tid = tid;
    e.objectId = objectId;
    e.kind = kind;
    e.arg = arg;
    return e;
}

} // namespace cl::tests
