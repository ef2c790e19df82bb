#include "core/runtime/manager.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <new>
#include <unistd.h>

namespace cl::runtime {

using trace::EventKind;
using trace::SpanState;

std::uint64_t ManagerState::create(record::SharedArena &arena)
{
    const std::uint64_t offset = arena.allocateObject(sizeof(ManagerState), alignof(ManagerState));
    if (offset == 0)
        return 0;
    auto *s = new (arena.object<ManagerState>(offset)) ManagerState{};
    s->address = uniqueSocketName("manager");
    s->ready.store(0);
    s->gone.store(0);
    s->pid.store(0);
    s->setupError.store(0);
    s->served.store(0);
    s->objectId = arena.newObjectId();
    return offset;
}

const char *managerStatusText(ManagerStatus status)
{
    switch (status) {
    case ManagerStatus::Ok:
        return "ok";
    case ManagerStatus::KeyError:
        return "no such key in the manager's dict (KeyError)";
    case ManagerStatus::IndexError:
        return "list index out of range on the manager (IndexError)";
    case ManagerStatus::NotOwner:
        return "released a manager lock this caller does not hold (RuntimeError)";
    case ManagerStatus::BadHandle:
        return "no such object on the manager";
    case ManagerStatus::Gone:
        return "the manager process has ended: the call got no reply (EOFError / ConnectionRefusedError)";
    case ManagerStatus::Stopped:
        return "the run was stopped while waiting for the manager";
    case ManagerStatus::Failed:
        break;
    }
    return "could not talk to the manager";
}

ManagerConnection::~ManagerConnection() { close(); }

void ManagerConnection::close()
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
}

ManagerStatus ManagerConnection::connect(record::SharedArena &arena, std::uint64_t stateOffset)
{
    close();
    m_arena = &arena;
    m_state = arena.object<ManagerState>(stateOffset);
    if (m_state->gone.load(std::memory_order_acquire) != 0 || m_state->ready.load(std::memory_order_acquire) != 1)
        return ManagerStatus::Gone;
    const int fd = connectTo(m_state->address);
    if (fd < 0)
        return fd == -ECONNREFUSED || fd == -ENOENT ? ManagerStatus::Gone : ManagerStatus::Failed;
    m_fd = fd;
    return ManagerStatus::Ok;
}

ManagerStatus ManagerConnection::call(record::Writer &w, ManagerOp op, std::uint32_t handle, std::string_view key,
                                      std::int64_t value, ManagerReply &reply, std::uint32_t objectId)
{
    if (m_fd < 0)
        return ManagerStatus::Gone;
    const std::uint32_t object = objectId != 0 ? objectId : m_state->objectId;
    ManagerRequest req{};
    req.op = op;
    req.handle = handle;
    req.flowId = m_arena->newFlowId();
    req.value = value;
    // An empty key may have no data pointer at all, which memcpy must not get.
    if (!key.empty())
        std::memcpy(req.key, key.data(), std::min(key.size(), sizeof req.key - 1));
    const SpanState waitState = op == ManagerOp::LockAcquire ? SpanState::LockWait : SpanState::Sleep;
    w.flowOut(req.flowId, object);
    w.spanBegin(waitState, object);
    IoResult r = writeFully(m_fd, &req, sizeof req, true);
    if (r == IoResult::Ok) {
        // Gone is also set by the run once it reaped the manager: a peer that
        // died before closing the socket must not leave us waiting.
        const IoWatch watch{m_arena, &m_state->gone, -1};
        r = readFully(m_fd, &reply, sizeof reply, watch, true);
    }
    const std::uint64_t t = w.nowAfterSync();
    w.recordAt(t, EventKind::SpanEnd, std::uint8_t(waitState), object, 0);
    if (r == IoResult::Ok) {
        w.recordAt(t, EventKind::FlowIn, 0, reply.flowId, object);
        return reply.status;
    }
    if (r == IoResult::Closed || r == IoResult::GaveUp) {
        close();
        return ManagerStatus::Gone;
    }
    return r == IoResult::Stopped ? ManagerStatus::Stopped : ManagerStatus::Failed;
}

std::uint32_t ManagerConnection::create(record::Writer &w, ManagerOp op, std::int64_t initial,
                                        std::uint32_t *objectId, ManagerStatus *status)
{
    ManagerReply reply{};
    const ManagerStatus s = call(w, op, 0, {}, initial, reply);
    if (status)
        *status = s;
    if (s != ManagerStatus::Ok)
        return 0;
    if (objectId)
        *objectId = std::uint32_t(reply.aux);
    return std::uint32_t(reply.value);
}

ManagerStatus ManagerConnection::shutdown(record::Writer &w)
{
    ManagerReply reply{};
    return call(w, ManagerOp::Shutdown, 0, {}, 0, reply);
}

ManagerStatus DictProxy::get(record::Writer &w, std::string_view key, std::int64_t &value)
{
    ManagerReply r{};
    const ManagerStatus s = m_c->call(w, ManagerOp::DictGet, m_handle, key, 0, r, m_objectId);
    if (s == ManagerStatus::Ok)
        value = r.value;
    return s;
}

ManagerStatus DictProxy::set(record::Writer &w, std::string_view key, std::int64_t value)
{
    ManagerReply r{};
    return m_c->call(w, ManagerOp::DictSet, m_handle, key, value, r, m_objectId);
}

ManagerStatus DictProxy::size(record::Writer &w, std::int64_t &n)
{
    ManagerReply r{};
    const ManagerStatus s = m_c->call(w, ManagerOp::DictLen, m_handle, {}, 0, r, m_objectId);
    if (s == ManagerStatus::Ok)
        n = r.value;
    return s;
}

ManagerStatus ListProxy::append(record::Writer &w, std::int64_t value)
{
    ManagerReply r{};
    return m_c->call(w, ManagerOp::ListAppend, m_handle, {}, value, r, m_objectId);
}

ManagerStatus ListProxy::get(record::Writer &w, std::int64_t index, std::int64_t &value)
{
    ManagerReply r{};
    const ManagerStatus s = m_c->call(w, ManagerOp::ListGet, m_handle, {}, index, r, m_objectId);
    if (s == ManagerStatus::Ok)
        value = r.value;
    return s;
}

ManagerStatus ListProxy::size(record::Writer &w, std::int64_t &n)
{
    ManagerReply r{};
    const ManagerStatus s = m_c->call(w, ManagerOp::ListLen, m_handle, {}, 0, r, m_objectId);
    if (s == ManagerStatus::Ok)
        n = r.value;
    return s;
}

ManagerStatus ValueProxy::get(record::Writer &w, std::int64_t &value)
{
    ManagerReply r{};
    const ManagerStatus s = m_c->call(w, ManagerOp::ValueGet, m_handle, {}, 0, r, m_objectId);
    if (s == ManagerStatus::Ok)
        value = r.value;
    return s;
}

ManagerStatus ValueProxy::set(record::Writer &w, std::int64_t value)
{
    ManagerReply r{};
    return m_c->call(w, ManagerOp::ValueSet, m_handle, {}, value, r, m_objectId);
}

ManagerStatus LockProxy::acquire(record::Writer &w)
{
    ManagerReply r{};
    const ManagerStatus s = m_c->call(w, ManagerOp::LockAcquire, m_handle, {}, 0, r, m_objectId);
    if (s == ManagerStatus::Ok)
        w.spanBegin(SpanState::LockHold, m_objectId);
    return s;
}

ManagerStatus LockProxy::release(record::Writer &w)
{
    w.spanEnd(SpanState::LockHold, m_objectId);
    ManagerReply r{};
    return m_c->call(w, ManagerOp::LockRelease, m_handle, {}, 0, r, m_objectId);
}

} // namespace cl::runtime
