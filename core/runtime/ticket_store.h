#pragma once
// Where the tickets are kept: a text file, as in the course notes ("the file
// as a database"), or an integer in shared memory. Reading and writing are
// separate steps, so buyers that do not lock can both read the same count.
// No Qt.
#include "core/record/shared_arena.h"
#include "core/record/writer.h"

#include <atomic>
#include <cstdint>
#include <string_view>

namespace cl::runtime {

struct TicketStoreState {
    std::atomic<std::int64_t> tickets; // the shm store
    std::atomic<std::uint32_t> startLine;
    std::uint32_t useFile;
    char path[200];
};

class TicketStore {
public:
    // Creates the store with `initial` tickets; for a file store, writes the file.
    // Returns 0 on failure.
    static std::uint64_t create(record::SharedArena &arena, bool useFile, std::string_view path,
                                std::int64_t initial);
    TicketStore(record::SharedArena &arena, std::uint64_t offset)
        : m_state(arena.object<TicketStoreState>(offset))
    {
    }

    std::int64_t read() const; // -1 if the file could not be read
    // Writes the count back and records it on the "tickets left" counter.
    bool write(record::Writer &w, std::int64_t tickets);
    TicketStoreState *state() const { return m_state; }

private:
    TicketStoreState *m_state;
};

} // namespace cl::runtime
