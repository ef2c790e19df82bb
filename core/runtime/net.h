#pragma once
// Loopback TCP for the I/O lessons: listening on 127.0.0.1 (an ephemeral port
// unless one is given), blocking and coroutine-friendly send/receive, and an
// owning descriptor that closes on every way out (return, exception,
// cancellation). Nothing here touches another host. No Qt.
#include "core/runtime/event_loop.h"
#include "core/runtime/unix_socket.h" // setNonBlocking

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>

namespace cl::runtime {

class Fd {
public:
    Fd() = default;
    explicit Fd(int fd) : m_fd(fd) {}
    Fd(Fd &&o) noexcept : m_fd(std::exchange(o.m_fd, -1)) {}
    Fd &operator=(Fd &&o) noexcept
    {
        std::swap(m_fd, o.m_fd);
        return *this;
    }
    ~Fd() { reset(); }
    void reset();
    int get() const { return m_fd; }
    int release() { return std::exchange(m_fd, -1); }
    bool valid() const { return m_fd >= 0; }

private:
    int m_fd = -1;
};

// A listening socket on 127.0.0.1:port (0: the kernel picks one); -errno on failure.
int listenLoopback(std::uint16_t port, int backlog);
std::uint16_t localPort(int fd);
// A connected socket to 127.0.0.1:port, blocking; -errno on failure.
int connectLoopback(std::uint16_t port);
// "the port 8001 is in use", "the connection was refused"...: the errno
// explained for these lessons.
std::string netErrorText(int error);

// Blocking, whole buffers; false on error or EOF.
bool sendAll(int fd, const void *data, std::size_t n);
bool recvAll(int fd, void *data, std::size_t n);

// The same on a non-blocking socket inside an event-loop task: it awaits
// readiness instead of blocking the thread. Set `ok` false on error or EOF.
Task asyncConnect(EventLoop &loop, std::uint16_t port, Fd &out, int &error);
Task asyncSendAll(EventLoop &loop, int fd, const void *data, std::size_t n, bool &ok);
Task asyncRecvAll(EventLoop &loop, int fd, void *data, std::size_t n, bool &ok);
// Up to n bytes (at least one unless EOF or an error); got = 0 at EOF, -1 on error.
Task asyncRecvSome(EventLoop &loop, int fd, void *data, std::size_t n, long &got);
// Accepts one connection (non-blocking result); -errno in `fd` on error.
Task asyncAccept(EventLoop &loop, int listenFd, int &fd);

} // namespace cl::runtime
