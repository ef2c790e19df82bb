#include "core/runtime/net.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

namespace cl::runtime {

namespace {
sockaddr_in loopback(std::uint16_t port)
{
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return a;
}

void noDelay(int fd)
{
    // Small echoes must not wait for Nagle's algorithm: latency is the lesson.
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}
} // namespace

void Fd::reset()
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
}

int listenLoopback(std::uint16_t port, int backlog)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -errno;
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    const sockaddr_in a = loopback(port);
    if (::bind(fd, reinterpret_cast<const sockaddr *>(&a), sizeof a) != 0 || ::listen(fd, backlog) != 0) {
        const int e = errno;
        ::close(fd);
        return -e;
    }
    return fd;
}

std::uint16_t localPort(int fd)
{
    sockaddr_in a{};
    socklen_t len = sizeof a;
    if (getsockname(fd, reinterpret_cast<sockaddr *>(&a), &len) != 0)
        return 0;
    return ntohs(a.sin_port);
}

int connectLoopback(std::uint16_t port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -errno;
    const sockaddr_in a = loopback(port);
    while (::connect(fd, reinterpret_cast<const sockaddr *>(&a), sizeof a) != 0) {
        if (errno == EINTR)
            continue;
        const int e = errno;
        ::close(fd);
        return -e;
    }
    noDelay(fd);
    return fd;
}

std::string netErrorText(int error)
{
    switch (error) {
    case EADDRINUSE:
        return "the port is already in use on 127.0.0.1";
    case ECONNREFUSED:
        return "the connection to 127.0.0.1 was refused (no server is listening on that port)";
    case EMFILE:
    case ENFILE:
        return "too many open files: lower the number of clients or raise ulimit -n";
    default:
        return std::strerror(error);
    }
}

bool sendAll(int fd, const void *data, std::size_t n)
{
    const char *p = static_cast<const char *>(data);
    while (n > 0) {
        const ssize_t k = ::send(fd, p, n, MSG_NOSIGNAL);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return false;
        p += k;
        n -= std::size_t(k);
    }
    return true;
}

bool recvAll(int fd, void *data, std::size_t n)
{
    char *p = static_cast<char *>(data);
    while (n > 0) {
        const ssize_t k = ::recv(fd, p, n, 0);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return false;
        p += k;
        n -= std::size_t(k);
    }
    return true;
}

Task asyncConnect(EventLoop &loop, std::uint16_t port, Fd &out, int &error)
{
    Fd fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
    error = 0;
    if (!fd.valid()) {
        error = errno;
        co_return;
    }
    const sockaddr_in a = loopback(port);
    if (::connect(fd.get(), reinterpret_cast<const sockaddr *>(&a), sizeof a) != 0) {
        if (errno != EINPROGRESS) {
            error = errno;
            co_return;
        }
        co_await loop.writable(fd.get());
        socklen_t len = sizeof error;
        getsockopt(fd.get(), SOL_SOCKET, SO_ERROR, &error, &len);
        if (error != 0)
            co_return;
    }
    noDelay(fd.get());
    out = std::move(fd);
}

Task asyncSendAll(EventLoop &loop, int fd, const void *data, std::size_t n, bool &ok)
{
    const char *p = static_cast<const char *>(data);
    ok = false;
    while (n > 0) {
        const ssize_t k = ::send(fd, p, n, MSG_NOSIGNAL);
        if (k > 0) {
            p += k;
            n -= std::size_t(k);
        } else if (k < 0 && (errno == EAGAIN || errno == EINTR)) {
            co_await loop.writable(fd);
        } else {
            co_return;
        }
    }
    ok = true;
}

Task asyncRecvAll(EventLoop &loop, int fd, void *data, std::size_t n, bool &ok)
{
    char *p = static_cast<char *>(data);
    ok = false;
    while (n > 0) {
        const ssize_t k = ::recv(fd, p, n, 0);
        if (k > 0) {
            p += k;
            n -= std::size_t(k);
        } else if (k < 0 && (errno == EAGAIN || errno == EINTR)) {
            co_await loop.readable(fd);
        } else {
            co_return;
        }
    }
    ok = true;
}

Task asyncRecvSome(EventLoop &loop, int fd, void *data, std::size_t n, long &got)
{
    for (;;) {
        const ssize_t k = ::recv(fd, data, n, 0);
        if (k >= 0) {
            got = long(k);
            co_return;
        }
        if (errno != EAGAIN && errno != EINTR) {
            got = -1;
            co_return;
        }
        co_await loop.readable(fd);
    }
}

Task asyncAccept(EventLoop &loop, int listenFd, int &fd)
{
    for (;;) {
        fd = ::accept4(listenFd, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
        if (fd >= 0) {
            noDelay(fd);
            co_return;
        }
        if (errno != EAGAIN && errno != EINTR) {
            fd = -errno;
            co_return;
        }
        co_await loop.readable(listenFd);
    }
}

} // namespace cl::runtime
