#include "core/runtime/ticket_store.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <new>
#include <unistd.h>

namespace cl::runtime {

namespace {
// Returns 0, or the errno of what failed.
int writeFile(const char *path, std::int64_t value)
{
    const int fd = ::open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return errno;
    char buf[32];
    const int n = std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(value));
    const ssize_t written = ::write(fd, buf, std::size_t(n));
    const int error = written < 0 ? errno : written != n ? EIO : 0;
    return ::close(fd) != 0 && error == 0 ? errno : error;
}

void setError(int *error, int value)
{
    if (error)
        *error = value;
}
} // namespace

std::uint64_t TicketStore::create(record::SharedArena &arena, bool useFile, std::string_view path,
                                  std::int64_t initial)
{
    if (path.size() > kMaxPathBytes) {
        errno = ENAMETOOLONG;
        return 0;
    }
    const std::uint64_t offset = arena.allocateObject(sizeof(TicketStoreState), alignof(TicketStoreState));
    if (offset == 0) {
        errno = ENOMEM;
        return 0;
    }
    auto *s = new (arena.object<TicketStoreState>(offset)) TicketStoreState{};
    s->tickets.store(initial);
    s->startLine.store(0);
    s->useFile = useFile ? 1 : 0;
    std::memcpy(s->path, path.data(), path.size());
    s->path[path.size()] = '\0';
    if (useFile) {
        if (const int error = writeFile(s->path, initial)) {
            errno = error;
            return 0;
        }
    }
    return offset;
}

bool TicketStore::read(std::int64_t &tickets, int *error) const
{
    if (!m_state->useFile) {
        tickets = m_state->tickets.load(std::memory_order_relaxed);
        return true;
    }
    const int fd = ::open(m_state->path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        setError(error, errno);
        return false;
    }
    char buf[32] = {};
    const ssize_t n = ::read(fd, buf, sizeof buf - 1);
    const int readError = errno;
    ::close(fd);
    if (n < 0) {
        setError(error, readError);
        return false;
    }
    if (n == 0) {
        setError(error, ENODATA); // a writer truncated it just now: the file is not a database
        return false;
    }
    char *end = nullptr;
    errno = 0;
    const long long value = std::strtoll(buf, &end, 10);
    while (end != buf && (*end == '\n' || *end == ' '))
        ++end;
    if (end == buf || *end != '\0' || errno != 0) {
        setError(error, EBADMSG); // not a number: nothing to sell from
        return false;
    }
    tickets = value;
    return true;
}

bool TicketStore::write(record::Writer &w, std::int64_t tickets, int *error)
{
    if (m_state->useFile) {
        if (const int failed = writeFile(m_state->path, tickets)) {
            setError(error, failed);
            return false;
        }
    } else {
        m_state->tickets.store(tickets, std::memory_order_relaxed);
    }
    w.counter(trace::counter_id::TicketsLeft, tickets);
    return true;
}

} // namespace cl::runtime
