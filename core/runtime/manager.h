#pragma once
// multiprocessing.Manager(): a server process that owns dicts, lists, Values
// and Locks, and proxies that reach them over a real Unix socket. Every proxy
// call is one round trip: the request leaves the caller (a flow out), the
// manager serves it on its own PID track (a "running" span named after the
// call, its idle time a "sleep / I/O" span) and its reply comes back (a flow
// in). A caller waiting for a reply shows a "sleep / I/O" span, a Lock
// proxy's acquire a "waiting for lock" span.
//
// The server is an ordinary worker task ("manager.server") started through
// the run like any other, so it works under every start method: it listens
// on a name from its arguments, found again by clients through the state in
// the arena. If it dies, every connection to it closes: a call in flight or
// a later one fails with ManagerStatus::Gone instead of hanging. No Qt.
#include "core/record/writer.h"
#include "core/runtime/unix_socket.h"
#include "core/runtime/worker_env.h"

#include <atomic>
#include <cstdint>
#include <string_view>

namespace cl::runtime {

// In the arena: where the manager listens and whether it is up.
struct ManagerState {
    SocketName address;
    std::atomic<std::uint32_t> ready;   // 1 once it listens; 2 if it could not
    std::atomic<std::uint32_t> gone;    // set by the run once the manager has ended
    std::atomic<std::int32_t> pid;
    std::atomic<std::int32_t> setupError; // errno of a failed listen
    std::atomic<std::uint64_t> served;  // requests answered
    std::uint32_t objectId;             // flows and waits name the manager by it

    static std::uint64_t create(record::SharedArena &arena);
};

struct ManagerServerArgs {
    std::uint64_t stateOffset;
};
int managerServerTask(WorkerEnv &env);

enum class ManagerOp : std::uint32_t {
    CreateDict = 1,
    CreateList,
    CreateValue,
    CreateLock,
    DictGet,
    DictSet,
    DictLen,
    ListAppend,
    ListGet,
    ListLen,
    ValueGet,
    ValueSet,
    LockAcquire,
    LockRelease,
    Shutdown,
    Count
};

enum class ManagerStatus : std::int32_t {
    Ok = 0,
    KeyError,   // dict key not there
    IndexError, // list index out of range
    NotOwner,   // release of a lock this connection does not hold (RuntimeError)
    BadHandle,  // no such object, or the wrong kind
    Gone,       // the manager process has ended: no reply came and none will
    Stopped,    // the run was stopped while waiting
    Failed,     // could not connect or send for another reason
};

const char *managerStatusText(ManagerStatus status);

struct ManagerRequest {
    ManagerOp op;
    std::uint32_t handle;
    std::uint32_t flowId;
    std::uint32_t reserved;
    std::int64_t value;
    char key[32];
};

struct ManagerReply {
    ManagerStatus status;
    std::uint32_t flowId;
    std::int64_t value;
    std::int64_t aux; // Create*: the object id its spans use
};

// One client's connection, like the one each Python proxy keeps per thread.
class ManagerConnection {
public:
    ManagerConnection() = default;
    ~ManagerConnection();
    ManagerConnection(const ManagerConnection &) = delete;
    ManagerConnection &operator=(const ManagerConnection &) = delete;

    ManagerStatus connect(record::SharedArena &arena, std::uint64_t stateOffset);
    bool isConnected() const { return m_fd >= 0; }
    void close();

    // One round trip. `objectId` names what the caller's wait is about.
    ManagerStatus call(record::Writer &w, ManagerOp op, std::uint32_t handle, std::string_view key,
                       std::int64_t value, ManagerReply &reply, std::uint32_t objectId = 0);
    // Creates an object on the manager; returns its handle (0 on failure).
    std::uint32_t create(record::Writer &w, ManagerOp op, std::int64_t initial, std::uint32_t *objectId = nullptr,
                         ManagerStatus *status = nullptr);
    ManagerStatus shutdown(record::Writer &w);

private:
    record::SharedArena *m_arena = nullptr;
    ManagerState *m_state = nullptr;
    int m_fd = -1;
};

// Proxies: a handle on the manager plus the connection to reach it.
class DictProxy {
public:
    DictProxy(ManagerConnection &c, std::uint32_t handle, std::uint32_t objectId)
        : m_c(&c), m_handle(handle), m_objectId(objectId) {}
    ManagerStatus get(record::Writer &w, std::string_view key, std::int64_t &value);
    ManagerStatus set(record::Writer &w, std::string_view key, std::int64_t value);
    ManagerStatus size(record::Writer &w, std::int64_t &n);

private:
    ManagerConnection *m_c;
    std::uint32_t m_handle, m_objectId;
};

class ListProxy {
public:
    ListProxy(ManagerConnection &c, std::uint32_t handle, std::uint32_t objectId)
        : m_c(&c), m_handle(handle), m_objectId(objectId) {}
    ManagerStatus append(record::Writer &w, std::int64_t value);
    ManagerStatus get(record::Writer &w, std::int64_t index, std::int64_t &value);
    ManagerStatus size(record::Writer &w, std::int64_t &n);

private:
    ManagerConnection *m_c;
    std::uint32_t m_handle, m_objectId;
};

class ValueProxy {
public:
    ValueProxy(ManagerConnection &c, std::uint32_t handle, std::uint32_t objectId)
        : m_c(&c), m_handle(handle), m_objectId(objectId) {}
    ManagerStatus get(record::Writer &w, std::int64_t &value);
    ManagerStatus set(record::Writer &w, std::int64_t value);

private:
    ManagerConnection *m_c;
    std::uint32_t m_handle, m_objectId;
};

class LockProxy {
public:
    LockProxy(ManagerConnection &c, std::uint32_t handle, std::uint32_t objectId)
        : m_c(&c), m_handle(handle), m_objectId(objectId) {}
    // The wait for the reply is a "waiting for lock" span; the hold a "holding lock" one.
    ManagerStatus acquire(record::Writer &w);
    ManagerStatus release(record::Writer &w);

private:
    ManagerConnection *m_c;
    std::uint32_t m_handle, m_objectId;
};

} // namespace cl::runtime
