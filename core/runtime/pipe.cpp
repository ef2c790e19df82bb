#include "core/runtime/pipe.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace cl::runtime {

using trace::EventKind;
using trace::SpanState;

namespace {
PipeStatus fromIo(IoResult r)
{
    switch (r) {
    case IoResult::Ok:
        return PipeStatus::Ok;
    case IoResult::Closed:
        return PipeStatus::Closed;
    case IoResult::Stopped:
    case IoResult::GaveUp:
        return PipeStatus::Stopped;
    case IoResult::TimedOut:
        return PipeStatus::TimedOut;
    case IoResult::Failed:
        break;
    }
    return PipeStatus::Failed;
}
} // namespace

const char *pipeStatusText(PipeStatus status)
{
    switch (status) {
    case PipeStatus::Ok:
        return "ok";
    case PipeStatus::Closed:
        return "the other end of the pipe is closed (EOFError)";
    case PipeStatus::Stopped:
        return "the run was stopped while waiting on the pipe";
    case PipeStatus::TimedOut:
        return "nothing arrived on the pipe within the timeout";
    case PipeStatus::WrongEnd:
        return "this end of a one-way pipe cannot do that (OSError: connection is read-only or write-only)";
    case PipeStatus::TooLong:
        return "the message is longer than a pipe message may be";
    case PipeStatus::Failed:
        break;
    }
    return "the pipe failed (an I/O error)";
}

Connection::Connection(int readFd, int writeFd, std::uint32_t objectId, record::SharedArena *arena)
    : m_readFd(readFd), m_writeFd(writeFd), m_objectId(objectId), m_arena(arena)
{
    const int fd = readFd >= 0 ? readFd : writeFd;
    m_socket = fd >= 0 && isSocket(fd);
    // A pipe's reading end: a read that finds nothing returns, and the wait
    // happens in poll(), where Stop is noticed.
    if (readFd >= 0 && !m_socket)
        setNonBlocking(readFd);
}

Connection &Connection::operator=(Connection &&other) noexcept
{
    if (this != &other) {
        close();
        m_readFd = other.m_readFd;
        m_writeFd = other.m_writeFd;
        m_objectId = other.m_objectId;
        m_arena = other.m_arena;
        m_socket = other.m_socket;
        other.m_readFd = other.m_writeFd = -1;
    }
    return *this;
}

void Connection::close()
{
    if (m_readFd >= 0)
        ::close(m_readFd);
    if (m_writeFd >= 0 && m_writeFd != m_readFd)
        ::close(m_writeFd);
    m_readFd = m_writeFd = -1;
}

PipeStatus Connection::send(record::Writer &w, std::string_view message)
{
    if (m_writeFd < 0)
        return PipeStatus::WrongEnd;
    if (message.size() > kMaxPipeMessage)
        return PipeStatus::TooLong;
    char frame[sizeof(PipeFrameHeader) + kMaxPipeMessage];
    PipeFrameHeader h{std::uint32_t(message.size()), m_arena->newFlowId()};
    std::memcpy(frame, &h, sizeof h);
    std::memcpy(frame + sizeof h, message.data(), message.size());
    // The arrow leaves before the bytes do: the receiver may stamp its end at once.
    w.flowOut(h.flowId, m_objectId);
    return fromIo(writeFully(m_writeFd, frame, sizeof h + message.size(), m_socket));
}

PipeStatus Connection::recv(record::Writer &w, std::string &message, std::int64_t timeoutMs)
{
    if (m_readFd < 0)
        return PipeStatus::WrongEnd;
    IoWatch watch{m_arena, nullptr, timeoutMs};
    // Only a recv that finds nothing waiting blocks, and only that one is a span.
    IoWatch now{m_arena, nullptr, 0};
    const bool waits = waitReadable(m_readFd, now) != IoResult::Ok;
    if (waits)
        w.spanBegin(SpanState::Sleep, m_objectId);
    PipeFrameHeader h{};
    IoResult r = readFully(m_readFd, &h, sizeof h, watch, m_socket);
    if (r == IoResult::Ok && h.length > kMaxPipeMessage)
        r = IoResult::Failed;
    if (r == IoResult::Ok) {
        message.resize(h.length);
        r = readFully(m_readFd, message.data(), h.length, watch, m_socket);
    }
    const std::uint64_t t = w.nowAfterSync();
    if (waits)
        w.recordAt(t, EventKind::SpanEnd, std::uint8_t(SpanState::Sleep), m_objectId, 0);
    if (r == IoResult::Ok)
        w.recordAt(t, EventKind::FlowIn, 0, h.flowId, m_objectId);
    return fromIo(r);
}

bool createPipeFds(bool duplex, PipeFds &out)
{
    if (duplex) {
        int sv[2];
        if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
            return false;
        out = PipeFds{sv[0], sv[0], sv[1], sv[1]};
        return true;
    }
    int p[2];
    if (::pipe2(p, O_CLOEXEC) != 0)
        return false;
    out = PipeFds{p[0], -1, -1, p[1]};
    return true;
}

} // namespace cl::runtime
