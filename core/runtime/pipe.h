#pragma once
// multiprocessing.Pipe: two connection ends over real descriptors made
// before the workers start. Duplex: one socketpair(2), both ends send and
// receive. One-way (duplex=False): one pipe(2), the first end only receives,
// the second only sends, as Python returns (reader, writer).
//
// Messages are framed (a length and a flow id, then the bytes), so one recv
// returns exactly one send. Instrumented: every send is a flow out, the recv
// that gets it the flow in (one arrow per message), and a recv that has to
// wait shows as a "sleep / I/O" span on the pipe's object.
//
// A worker gets its end by number through a FdHandOff (unix_socket.h), so
// fork, the fork server and spawned executables all work. No Qt.
#include "core/record/writer.h"
#include "core/runtime/unix_socket.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace cl::runtime {

enum class PipeStatus {
    Ok,
    Closed,    // EOFError: the other end is closed (or its process ended)
    Stopped,   // the run was stopped while waiting
    TimedOut,  // nothing arrived within the timeout (poll(timeout) returned False)
    WrongEnd,  // send on a read-only end or recv on a write-only one (OSError)
    TooLong,   // a message longer than kMaxPipeMessage
    Failed,    // any other I/O error
};

const char *pipeStatusText(PipeStatus status);

inline constexpr std::size_t kMaxPipeMessage = 4000; // stays below PIPE_BUF with its header: one write

struct PipeFrameHeader {
    std::uint32_t length;
    std::uint32_t flowId;
};

class Connection {
public:
    Connection() = default;
    // Takes ownership of the descriptors (-1 for a direction it lacks; the
    // same fd twice for a socket end).
    Connection(int readFd, int writeFd, std::uint32_t objectId, record::SharedArena *arena);
    ~Connection() { close(); }
    Connection(Connection &&other) noexcept { *this = std::move(other); }
    Connection &operator=(Connection &&other) noexcept;
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;

    bool readable() const { return m_readFd >= 0; }
    bool writable() const { return m_writeFd >= 0; }
    std::uint32_t objectId() const { return m_objectId; }

    PipeStatus send(record::Writer &w, std::string_view message);
    // timeoutMs < 0 waits as long as it takes.
    PipeStatus recv(record::Writer &w, std::string &message, std::int64_t timeoutMs = -1);
    void close();

private:
    int m_readFd = -1;
    int m_writeFd = -1;
    std::uint32_t m_objectId = 0;
    record::SharedArena *m_arena = nullptr;
    bool m_socket = false;
};

// The descriptors of one Pipe, before they are wrapped: end `a` and end `b`.
struct PipeFds {
    int aRead = -1, aWrite = -1, bRead = -1, bWrite = -1;
};
// Creates them (close-on-exec); false with errno set on failure.
bool createPipeFds(bool duplex, PipeFds &out);

} // namespace cl::runtime
