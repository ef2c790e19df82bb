// The manager's server loop: one thread, poll() over the listening socket
// and every client connection, one request at a time, like a manager whose
// objects are all guarded by one lock. A Lock proxy's acquire that cannot be
// granted is answered later, when the holder releases (or disconnects), so
// a blocked acquire never blocks the server. No Qt.
#include "core/runtime/manager.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <deque>
#include <map>
#include <poll.h>
#include <string>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

namespace cl::runtime {

using trace::EventKind;
using trace::SpanState;

namespace {

enum class Kind { Dict, List, Value, Lock };

struct Waiter {
    int fd;
};

struct Object {
    Kind kind;
    std::uint32_t objectId;
    std::map<std::string, std::int64_t> dict;
    std::vector<std::int64_t> list;
    std::int64_t value = 0;
    int owner = -1; // Lock: the holding connection
    std::deque<Waiter> waiting;
};

const char *opName(ManagerOp op)
{
    static constexpr std::array<const char *, std::size_t(ManagerOp::Count)> names = {
        "", "Manager.dict()", "Manager.list()", "Manager.Value()", "Manager.Lock()", "d[key]", "d[key] = v",
        "len(d)", "l.append()", "l[i]", "len(l)", "v.value", "v.value = x", "lock.acquire()", "lock.release()",
        "shutdown()"};
    const auto i = std::size_t(op);
    return i < names.size() ? names[i] : "?";
}

class Server {
public:
    Server(WorkerEnv &env, ManagerState &state) : m_env(env), m_w(*env.writer), m_state(state)
    {
        // One object per kind of call: the manager's spans are named after it.
        for (std::size_t i = 1; i < m_opObjects.size(); ++i) {
            m_opObjects[i] = env.arena->newObjectId();
            m_w.nameObject(m_opObjects[i], opName(ManagerOp(i)));
        }
        m_idleObject = env.arena->newObjectId();
        m_w.nameObject(m_idleObject, "waiting for requests");
    }
    ~Server()
    {
        for (int fd : m_clients)
            ::close(fd);
    }

    int run(int listenFd);

private:
    void serve(int fd, const ManagerRequest &req, std::uint64_t arrived);
    void reply(int fd, ManagerStatus status, std::int64_t value = 0, std::int64_t aux = 0);
    void disconnect(int fd);
    void grantNext(Object &lock);
    Object *find(std::uint32_t handle, Kind kind);

    WorkerEnv &m_env;
    record::Writer &m_w;
    ManagerState &m_state;
    std::array<std::uint32_t, std::size_t(ManagerOp::Count)> m_opObjects{};
    std::uint32_t m_idleObject = 0; // its idle time, between requests
    std::vector<int> m_clients;
    std::vector<Object> m_objects; // handle = index + 1
    bool m_shutdown = false;
};

void Server::reply(int fd, ManagerStatus status, std::int64_t value, std::int64_t aux)
{
    ManagerReply r{status, m_env.arena->newFlowId(), value, aux};
    m_w.flowOut(r.flowId, m_state.objectId);
    // A client that went away meanwhile is noticed by the next poll.
    writeFully(fd, &r, sizeof r, true);
    m_state.served.fetch_add(1, std::memory_order_relaxed);
}

Object *Server::find(std::uint32_t handle, Kind kind)
{
    if (handle == 0 || handle > m_objects.size() || m_objects[handle - 1].kind != kind)
        return nullptr;
    return &m_objects[handle - 1];
}

void Server::grantNext(Object &lock)
{
    lock.owner = -1;
    if (lock.waiting.empty())
        return;
    lock.owner = lock.waiting.front().fd;
    lock.waiting.pop_front();
    reply(lock.owner, ManagerStatus::Ok);
}

void Server::serve(int fd, const ManagerRequest &req, std::uint64_t arrived)
{
    const auto op = std::size_t(req.op) < m_opObjects.size() ? req.op : ManagerOp::Count;
    const std::uint32_t spanObject = op == ManagerOp::Count ? m_state.objectId : m_opObjects[std::size_t(op)];
    m_w.recordAt(arrived, EventKind::FlowIn, 0, req.flowId, m_state.objectId);
    m_w.recordAt(arrived, EventKind::SpanBegin, std::uint8_t(SpanState::Running), spanObject, 0);
    const std::string key(req.key, strnlen(req.key, sizeof req.key));
    const auto create = [&](Kind kind) {
        Object o{kind, m_env.arena->newObjectId(), {}, {}, req.value, -1, {}};
        m_objects.push_back(std::move(o));
        reply(fd, ManagerStatus::Ok, std::int64_t(m_objects.size()), m_objects.back().objectId);
    };
    Object *o = nullptr;
    switch (op) {
    case ManagerOp::CreateDict:
        create(Kind::Dict);
        break;
    case ManagerOp::CreateList:
        create(Kind::List);
        break;
    case ManagerOp::CreateValue:
        create(Kind::Value);
        break;
    case ManagerOp::CreateLock:
        create(Kind::Lock);
        break;
    case ManagerOp::DictGet:
        if (!(o = find(req.handle, Kind::Dict)))
            reply(fd, ManagerStatus::BadHandle);
        else if (auto it = o->dict.find(key); it == o->dict.end())
            reply(fd, ManagerStatus::KeyError);
        else
            reply(fd, ManagerStatus::Ok, it->second);
        break;
    case ManagerOp::DictSet:
        if (!(o = find(req.handle, Kind::Dict)))
            reply(fd, ManagerStatus::BadHandle);
        else {
            o->dict[key] = req.value;
            reply(fd, ManagerStatus::Ok);
        }
        break;
    case ManagerOp::DictLen:
        if (!(o = find(req.handle, Kind::Dict)))
            reply(fd, ManagerStatus::BadHandle);
        else
            reply(fd, ManagerStatus::Ok, std::int64_t(o->dict.size()));
        break;
    case ManagerOp::ListAppend:
        if (!(o = find(req.handle, Kind::List)))
            reply(fd, ManagerStatus::BadHandle);
        else {
            o->list.push_back(req.value);
            reply(fd, ManagerStatus::Ok, std::int64_t(o->list.size()));
        }
        break;
    case ManagerOp::ListGet:
        if (!(o = find(req.handle, Kind::List)))
            reply(fd, ManagerStatus::BadHandle);
        else if (req.value < 0 || std::size_t(req.value) >= o->list.size())
            reply(fd, ManagerStatus::IndexError);
        else
            reply(fd, ManagerStatus::Ok, o->list[std::size_t(req.value)]);
        break;
    case ManagerOp::ListLen:
        if (!(o = find(req.handle, Kind::List)))
            reply(fd, ManagerStatus::BadHandle);
        else
            reply(fd, ManagerStatus::Ok, std::int64_t(o->list.size()));
        break;
    case ManagerOp::ValueGet:
        if (!(o = find(req.handle, Kind::Value)))
            reply(fd, ManagerStatus::BadHandle);
        else
            reply(fd, ManagerStatus::Ok, o->value);
        break;
    case ManagerOp::ValueSet:
        if (!(o = find(req.handle, Kind::Value)))
            reply(fd, ManagerStatus::BadHandle);
        else {
            o->value = req.value;
            reply(fd, ManagerStatus::Ok);
        }
        break;
    case ManagerOp::LockAcquire:
        if (!(o = find(req.handle, Kind::Lock)))
            reply(fd, ManagerStatus::BadHandle);
        else if (o->owner < 0) {
            o->owner = fd;
            reply(fd, ManagerStatus::Ok);
        } else {
            o->waiting.push_back({fd}); // answered by the release that hands it over
        }
        break;
    case ManagerOp::LockRelease:
        if (!(o = find(req.handle, Kind::Lock)))
            reply(fd, ManagerStatus::BadHandle);
        else if (o->owner != fd)
            reply(fd, ManagerStatus::NotOwner);
        else {
            reply(fd, ManagerStatus::Ok);
            grantNext(*o);
        }
        break;
    case ManagerOp::Shutdown:
        reply(fd, ManagerStatus::Ok);
        m_shutdown = true;
        break;
    case ManagerOp::Count:
        reply(fd, ManagerStatus::BadHandle);
        break;
    }
    m_w.spanEnd(SpanState::Running, spanObject);
}

void Server::disconnect(int fd)
{
    // A client that ends holding a lock gives it up, or the others would wait forever.
    for (Object &o : m_objects) {
        if (o.kind != Kind::Lock)
            continue;
        o.waiting.erase(std::remove_if(o.waiting.begin(), o.waiting.end(), [fd](const Waiter &x) { return x.fd == fd; }),
                        o.waiting.end());
        if (o.owner == fd)
            grantNext(o);
    }
    ::close(fd);
    m_clients.erase(std::remove(m_clients.begin(), m_clients.end(), fd), m_clients.end());
}

int Server::run(int listenFd)
{
    std::vector<pollfd> fds;
    m_w.spanBegin(SpanState::Sleep, m_idleObject);
    while (!m_shutdown && !m_env.stopRequested()) {
        fds.clear();
        fds.push_back({listenFd, POLLIN, 0});
        for (int c : m_clients)
            fds.push_back({c, POLLIN, 0});
        const int rc = ::poll(fds.data(), fds.size(), 20); // wake now and then to notice Stop
        if (rc <= 0)
            continue;
        const std::uint64_t arrived = m_w.nowAfterSync();
        m_w.recordAt(arrived, EventKind::SpanEnd, std::uint8_t(SpanState::Sleep), m_idleObject, 0);
        if (fds[0].revents & POLLIN) {
            const int c = ::accept4(listenFd, nullptr, nullptr, SOCK_CLOEXEC);
            if (c >= 0)
                m_clients.push_back(c);
        }
        for (std::size_t i = 1; i < fds.size() && !m_shutdown; ++i) {
            if (fds[i].revents == 0)
                continue;
            ManagerRequest req{};
            const IoWatch watch{m_env.arena, nullptr, 1000};
            if (readFully(fds[i].fd, &req, sizeof req, watch, true) != IoResult::Ok) {
                disconnect(fds[i].fd);
                continue;
            }
            serve(fds[i].fd, req, i == 1 ? arrived : m_w.nowAfterSync());
        }
        m_w.spanBegin(SpanState::Sleep, m_idleObject);
    }
    m_w.spanEnd(SpanState::Sleep, m_idleObject);
    return 0;
}

} // namespace

int managerServerTask(WorkerEnv &env)
{
    const auto a = env.argsAs<ManagerServerArgs>();
    ManagerState &state = *env.arena->object<ManagerState>(a.stateOffset);
    state.pid.store(env.writer->pid(), std::memory_order_relaxed);
    const int listenFd = listenOn(state.address, 128);
    if (listenFd < 0) {
        state.setupError.store(-listenFd);
        state.ready.store(2, std::memory_order_release);
        return 1;
    }
    env.writer->nameObject(state.objectId, "manager");
    state.ready.store(1, std::memory_order_release);
    int code;
    {
        Server server(env, state);
        code = server.run(listenFd);
    }
    ::close(listenFd);
    return code;
}

} // namespace cl::runtime
