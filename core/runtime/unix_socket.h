#pragma once
// Small POSIX helpers for the pipe and the manager: Unix sockets in the
// abstract namespace (a name, not a file, so nothing is left on disk), file
// descriptors handed to another process over such a socket (SCM_RIGHTS), and
// whole-buffer reads and writes that wake every few ms to notice Stop or a
// peer known to be gone. Any start method works: a worker needs only a name
// from its task arguments, never an inherited descriptor or pointer. No Qt.
#include "core/record/shared_arena.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>

namespace cl::runtime {

// A socket name that travels in task arguments (NUL-terminated).
struct SocketName {
    char text[64] = {};
};

// A fresh name, unique to this process and call: "concurrency-lab/<pid>/<n>/<what>".
SocketName uniqueSocketName(const char *what);

// Binds and listens; returns the fd or -errno.
int listenOn(const SocketName &name, int backlog);
// Connects (SOCK_STREAM); returns the fd or -errno (-ECONNREFUSED: nobody listens).
int connectTo(const SocketName &name);

// Sends `count` descriptors with one byte of payload; false on failure.
bool sendFds(int socket, const int *fds, int count);
// Receives up to `max` descriptors; returns how many, or -errno.
int receiveFds(int socket, int *fds, int max);

enum class IoResult { Ok, Closed, Stopped, GaveUp, TimedOut, Failed };

// Why a wait ends early besides Stop: a word that someone sets to non-zero
// (say, "the manager has ended"). May be null.
struct IoWatch {
    const record::SharedArena *arena = nullptr;
    const std::atomic<std::uint32_t> *giveUp = nullptr;
    std::int64_t timeoutMs = -1; // -1: as long as it takes
};

// Waits until `fd` is readable (or closed). Ok when readable.
IoResult waitReadable(int fd, const IoWatch &watch);
// Reads exactly n bytes. Closed if the peer closed before the first byte.
// A socket is read with MSG_DONTWAIT; any other fd must be O_NONBLOCK (see
// setNonBlocking), so a read that finds nothing waits in poll(), where Stop
// is noticed, and a read that finds data costs one system call.
IoResult readFully(int fd, void *buffer, std::size_t n, const IoWatch &watch, bool socket);
// Writes exactly n bytes (MSG_NOSIGNAL on sockets, so a closed peer is an error, not SIGPIPE).
IoResult writeFully(int fd, const void *buffer, std::size_t n, bool socket);
bool isSocket(int fd);
bool setNonBlocking(int fd);

// Main process: hands descriptors to a worker that asks for them by name.
class FdHandOff {
public:
    FdHandOff() = default;
    ~FdHandOff();
    FdHandOff(const FdHandOff &) = delete;
    FdHandOff &operator=(const FdHandOff &) = delete;

    // Starts listening under a fresh name; false (errno set) on failure.
    bool open(const char *what);
    const SocketName &name() const { return m_name; }
    // Waits for one worker to connect and sends it `fds`. Returns Ok, or why not.
    IoResult give(const int *fds, int count, const IoWatch &watch);

private:
    SocketName m_name;
    int m_listen = -1;
};

// Worker side: connects to a hand-off and receives `count` descriptors.
// Returns 0 or -errno.
int fetchFds(const SocketName &name, int *fds, int count);

} // namespace cl::runtime
