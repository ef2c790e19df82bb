#pragma once
// A shared integer in the arena, like multiprocessing.Value('i'). Reads and
// writes are each atomic, but "read, then write" is not: exactly the lost
// update of the lesson. No Qt.
#include "core/record/shared_arena.h"

#include <atomic>
#include <cstdint>
#include <new>

namespace cl::runtime {

struct SharedCounter {
    std::atomic<std::int64_t> value;
    std::atomic<std::uint32_t> startLine; // workers wait here so they run together

    static std::uint64_t create(record::SharedArena &arena, std::int64_t initial)
    {
        const std::uint64_t offset = arena.allocateObject(sizeof(SharedCounter), alignof(SharedCounter));
        if (offset != 0) {
            auto *c = new (arena.object<SharedCounter>(offset)) SharedCounter{};
            c->value.store(initial);
            c->startLine.store(0);
        }
        return offset;
    }
};

} // namespace cl::runtime
