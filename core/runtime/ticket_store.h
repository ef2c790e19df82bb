#pragma once
// Where the tickets are kept: a text file, as in the course notes ("the file
// as a database"), or an integer in shared memory. Reading and writing are
// separate steps, so buyers that do not lock can both read the same count.
// No Qt.
#include "core/record/shared_arena.h"
#include "core/record/writer.h"

#include <atomic>
#include <climits>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace cl::runtime {

struct TicketStoreState {
    std::atomic<std::int64_t> tickets; // the shm store
    std::atomic<std::uint32_t> startLine;
    std::uint32_t useFile;
    char path[PATH_MAX]; // any path the kernel accepts, with its NUL
};

class TicketStore {
public:
    // The longest file path a store can use, in bytes.
    static constexpr std::size_t kMaxPathBytes = PATH_MAX - 1;

    // Creates the store with `initial` tickets; for a file store, writes the file.
    // Returns 0 on failure, with errno set (ENAMETOOLONG: the path is longer
    // than kMaxPathBytes).
    static std::uint64_t create(record::SharedArena &arena, bool useFile, std::string_view path,
                                std::int64_t initial);
    TicketStore(record::SharedArena &arena, std::uint64_t offset)
        : m_state(arena.object<TicketStoreState>(offset))
    {
    }

    // Reads the count. False if the file could not be read or holds no
    // number, with the reason in `error` (an errno value).
    bool read(std::int64_t &tickets, int *error = nullptr) const;
    // Writes the count back and, if that worked, records it on the "tickets
    // left" counter. False (reason in `error`) if the file write failed.
    bool write(record::Writer &w, std::int64_t tickets, int *error = nullptr);
    TicketStoreState *state() const { return m_state; }

private:
    TicketStoreState *m_state;
};

} // namespace cl::runtime
