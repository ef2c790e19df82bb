#include "core/runtime/unix_socket.h"
#include "core/record/clock.h"

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <csignal>
#include <optional>
#include <pthread.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

namespace cl::runtime {

namespace {
// How often a wait looks at Stop and its give-up word.
constexpr int kSliceMs = 10;

socklen_t addressOf(const SocketName &name, sockaddr_un &addr)
{
    std::memset(&addr, 0, sizeof addr);
    addr.sun_family = AF_UNIX;
    const std::size_t length = std::min(std::strlen(name.text), sizeof addr.sun_path - 1);
    // sun_path[0] == 0: the abstract namespace.
    std::memcpy(addr.sun_path + 1, name.text, length);
    return socklen_t(offsetof(sockaddr_un, sun_path) + 1 + length);
}

bool shouldGiveUp(const IoWatch &watch, IoResult &why)
{
    if (watch.arena && watch.arena->stopRequested()) {
        why = IoResult::Stopped;
        return true;
    }
    if (watch.giveUp && watch.giveUp->load(std::memory_order_acquire) != 0) {
        why = IoResult::GaveUp;
        return true;
    }
    return false;
}
} // namespace

SocketName uniqueSocketName(const char *what)
{
    static std::atomic<std::uint32_t> counter{0};
    SocketName n;
    std::snprintf(n.text, sizeof n.text, "concurrency-lab/%d/%u/%llu/%s", int(getpid()),
                  counter.fetch_add(1, std::memory_order_relaxed),
                  static_cast<unsigned long long>(record::monotonicNs() % 1000000007ull), what);
    return n;
}

int listenOn(const SocketName &name, int backlog)
{
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -errno;
    sockaddr_un addr;
    const socklen_t length = addressOf(name, addr);
    if (::bind(fd, reinterpret_cast<sockaddr *>(&addr), length) != 0 || ::listen(fd, backlog) != 0) {
        const int error = errno;
        ::close(fd);
        return -error;
    }
    return fd;
}

int connectTo(const SocketName &name)
{
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -errno;
    sockaddr_un addr;
    const socklen_t length = addressOf(name, addr);
    int rc;
    do
        rc = ::connect(fd, reinterpret_cast<sockaddr *>(&addr), length);
    while (rc != 0 && errno == EINTR);
    if (rc != 0) {
        const int error = errno;
        ::close(fd);
        return -error;
    }
    return fd;
}

bool sendFds(int socket, const int *fds, int count)
{
    char byte = 'F';
    iovec iov{&byte, 1};
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * 8)] = {};
    if (count < 1 || count > 8)
        return false;
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = CMSG_SPACE(sizeof(int) * std::size_t(count));
    cmsghdr *c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int) * std::size_t(count));
    std::memcpy(CMSG_DATA(c), fds, sizeof(int) * std::size_t(count));
    ssize_t n;
    do
        n = ::sendmsg(socket, &msg, MSG_NOSIGNAL);
    while (n < 0 && errno == EINTR);
    return n == 1;
}

int receiveFds(int socket, int *fds, int max)
{
    char byte = 0;
    iovec iov{&byte, 1};
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * 8)] = {};
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
    ssize_t n;
    do
        n = ::recvmsg(socket, &msg, MSG_CMSG_CLOEXEC);
    while (n < 0 && errno == EINTR);
    if (n < 0)
        return -errno;
    if (n == 0)
        return -ECONNRESET;
    int got = 0;
    for (cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
        if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
            continue;
        const int k = int((c->cmsg_len - CMSG_LEN(0)) / sizeof(int));
        for (int i = 0; i < k; ++i) {
            int fd;
            std::memcpy(&fd, CMSG_DATA(c) + sizeof(int) * std::size_t(i), sizeof fd);
            if (got < max)
                fds[got++] = fd;
            else
                ::close(fd);
        }
    }
    return got;
}

IoResult waitReadable(int fd, const IoWatch &watch)
{
    const std::uint64_t deadline =
        watch.timeoutMs < 0 ? 0 : record::monotonicNs() + std::uint64_t(watch.timeoutMs) * 1000000ull;
    for (;;) {
        IoResult why;
        if (shouldGiveUp(watch, why))
            return why;
        int slice = kSliceMs;
        if (watch.timeoutMs == 0) {
            pollfd p{fd, POLLIN, 0};
            return ::poll(&p, 1, 0) > 0 ? IoResult::Ok : IoResult::TimedOut;
        }
        if (deadline != 0) {
            const std::uint64_t now = record::monotonicNs();
            if (now >= deadline)
                return IoResult::TimedOut;
            slice = int(std::min<std::uint64_t>((deadline - now + 999999) / 1000000, kSliceMs));
        }
        pollfd p{fd, POLLIN, 0};
        const int rc = ::poll(&p, 1, slice);
        if (rc > 0)
            return IoResult::Ok; // readable, or closed/failed: the read says which
        if (rc < 0 && errno != EINTR)
            return IoResult::Failed;
    }
}

IoResult readFully(int fd, void *buffer, std::size_t n, const IoWatch &watch, bool socket)
{
    auto *p = static_cast<char *>(buffer);
    std::size_t done = 0;
    while (done < n) {
        const ssize_t k = socket ? ::recv(fd, p + done, n - done, MSG_DONTWAIT) : ::read(fd, p + done, n - done);
        if (k > 0) {
            done += std::size_t(k);
            continue;
        }
        if (k == 0)
            return done == 0 ? IoResult::Closed : IoResult::Failed;
        if (errno == EINTR)
            continue;
        if (errno == ECONNRESET)
            return IoResult::Closed;
        if (errno != EAGAIN)
            return IoResult::Failed;
        const IoResult r = waitReadable(fd, watch);
        if (r != IoResult::Ok)
            return r;
    }
    return IoResult::Ok;
}

namespace {
// write() to a pipe whose reader is gone raises SIGPIPE, which would kill a
// worker. Block it around the write and swallow the one it raised, so the
// writer sees EPIPE (BrokenPipeError) like a socket's MSG_NOSIGNAL gives.
class SigpipeGuard {
public:
    SigpipeGuard()
    {
        sigemptyset(&m_pipe);
        sigaddset(&m_pipe, SIGPIPE);
        sigset_t pending;
        sigpending(&pending);
        m_wasPending = sigismember(&pending, SIGPIPE) == 1;
        pthread_sigmask(SIG_BLOCK, &m_pipe, &m_old);
    }
    ~SigpipeGuard()
    {
        if (!m_wasPending) {
            const timespec zero{0, 0};
            while (sigtimedwait(&m_pipe, nullptr, &zero) == SIGPIPE) {
            }
        }
        pthread_sigmask(SIG_SETMASK, &m_old, nullptr);
    }

private:
    sigset_t m_pipe, m_old;
    bool m_wasPending = false;
};
} // namespace

IoResult writeFully(int fd, const void *buffer, std::size_t n, bool socket)
{
    std::optional<SigpipeGuard> guard;
    if (!socket)
        guard.emplace();
    const auto *p = static_cast<const char *>(buffer);
    std::size_t done = 0;
    while (done < n) {
        const ssize_t k = socket ? ::send(fd, p + done, n - done, MSG_NOSIGNAL) : ::write(fd, p + done, n - done);
        if (k > 0) {
            done += std::size_t(k);
            continue;
        }
        if (k < 0 && errno == EINTR)
            continue;
        return k < 0 && (errno == EPIPE || errno == ECONNRESET) ? IoResult::Closed : IoResult::Failed;
    }
    return IoResult::Ok;
}

bool isSocket(int fd)
{
    struct stat st;
    return ::fstat(fd, &st) == 0 && S_ISSOCK(st.st_mode);
}

bool setNonBlocking(int fd)
{
    const int flags = ::fcntl(fd, F_GETFL);
    return flags >= 0 && ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0;
}

FdHandOff::~FdHandOff()
{
    if (m_listen >= 0)
        ::close(m_listen);
}

bool FdHandOff::open(const char *what)
{
    m_name = uniqueSocketName(what);
    m_listen = listenOn(m_name, 4);
    if (m_listen < 0) {
        errno = -m_listen;
        m_listen = -1;
        return false;
    }
    return true;
}

IoResult FdHandOff::give(const int *fds, int count, const IoWatch &watch)
{
    const IoResult ready = waitReadable(m_listen, watch);
    if (ready != IoResult::Ok)
        return ready;
    const int c = ::accept4(m_listen, nullptr, nullptr, SOCK_CLOEXEC);
    if (c < 0)
        return IoResult::Failed;
    const bool sent = sendFds(c, fds, count);
    ::close(c);
    return sent ? IoResult::Ok : IoResult::Failed;
}

int fetchFds(const SocketName &name, int *fds, int count)
{
    const int s = connectTo(name);
    if (s < 0)
        return s;
    const int got = receiveFds(s, fds, count);
    ::close(s);
    if (got < 0)
        return got;
    if (got != count) {
        for (int i = 0; i < got; ++i)
            ::close(fds[i]);
        return -EPROTO;
    }
    return 0;
}

} // namespace cl::runtime
