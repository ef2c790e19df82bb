#include "core/runtime/ticket_store.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <new>
#include <unistd.h>

namespace cl::runtime {

namespace {
bool writeFile(const char *path, std::int64_t value)
{
    const int fd = ::open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return false;
    char buf[32];
    const int n = std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(value));
    const bool ok = ::write(fd, buf, std::size_t(n)) == n;
    ::close(fd);
    return ok;
}
} // namespace

std::uint64_t TicketStore::create(record::SharedArena &arena, bool useFile, std::string_view path,
                                  std::int64_t initial)
{
    const std::uint64_t offset = arena.allocateObject(sizeof(TicketStoreState), alignof(TicketStoreState));
    if (offset == 0 || path.size() >= sizeof(TicketStoreState::path))
        return 0;
    auto *s = new (arena.object<TicketStoreState>(offset)) TicketStoreState{};
    s->tickets.store(initial);
    s->startLine.store(0);
    s->useFile = useFile ? 1 : 0;
    std::memcpy(s->path, path.data(), path.size());
    s->path[path.size()] = '\0';
    if (useFile && !writeFile(s->path, initial))
        return 0;
    return offset;
}

std::int64_t TicketStore::read() const
{
    if (!m_state->useFile)
        return m_state->tickets.load(std::memory_order_relaxed);
    const int fd = ::open(m_state->path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    char buf[32] = {};
    const ssize_t n = ::read(fd, buf, sizeof buf - 1);
    ::close(fd);
    if (n <= 0)
        return -1; // a writer truncated it just now: the file is not a database
    return std::strtoll(buf, nullptr, 10);
}

bool TicketStore::write(record::Writer &w, std::int64_t tickets)
{
    bool ok = true;
    if (m_state->useFile)
        ok = writeFile(m_state->path, tickets);
    else
        m_state->tickets.store(tickets, std::memory_order_relaxed);
    w.counter(trace::counter_id::TicketsLeft, tickets);
    return ok;
}

} // namespace cl::runtime
