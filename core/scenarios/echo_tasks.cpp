#include "core/scenarios/echo_tasks.h"
#include "core/record/clock.h"
#include "core/runtime/launcher.h"
#include "core/runtime/net.h"

#include <cerrno>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace cl::scenarios {

using runtime::EventLoop;
using runtime::Fd;
using runtime::Task;

namespace {
constexpr std::int64_t kMs = 1'000'000;

Task echoClient(EventLoop &loop, const EchoArgs &a, EchoShared &s, std::uint32_t *latencies, int client)
{
    struct Done {
        EchoShared &s;
        ~Done() { s.clientsDone.fetch_add(1); } // also when cancelled
    } done{s};
    Fd fd;
    int error = 0;
    co_await runtime::asyncConnect(loop, std::uint16_t(s.port.load()), fd, error);
    if (!fd.valid()) {
        int none = 0;
        s.clientError.compare_exchange_strong(none, error);
        s.bytesWrong.fetch_add(std::uint64_t(a.messages) * std::uint64_t(a.bytes));
        co_return;
    }
    s.connected.fetch_add(1);
    std::vector<unsigned char> out(std::size_t(a.bytes)), in(std::size_t(a.bytes));
    for (int m = 0; m < a.messages; ++m) {
        for (int i = 0; i < a.bytes; ++i)
            out[std::size_t(i)] = echoPattern(client, m, i);
        const std::uint64_t t0 = record::monotonicNs();
        bool ok = false;
        co_await runtime::asyncSendAll(loop, fd.get(), out.data(), out.size(), ok);
        if (ok)
            co_await runtime::asyncRecvAll(loop, fd.get(), in.data(), in.size(), ok);
        if (!ok) {
            s.bytesWrong.fetch_add(std::uint64_t(a.messages - m) * std::uint64_t(a.bytes));
            co_return;
        }
        latencies[std::size_t(client) * std::size_t(a.messages) + std::size_t(m)] =
            std::uint32_t((record::monotonicNs() - t0) / 1000);
        std::uint64_t wrong = 0;
        for (std::size_t i = 0; i < in.size(); ++i)
            wrong += in[i] != out[i];
        s.bytesWrong.fetch_add(wrong);
        s.bytesEchoed.fetch_add(std::uint64_t(a.bytes) - wrong);
        if (a.thinkMs > 0)
            co_await loop.sleep(a.thinkMs * kMs);
    }
}

Task loopConnection(EventLoop &loop, Fd fd)
{
    std::vector<unsigned char> buf(64 * 1024);
    for (;;) {
        long got = 0;
        co_await runtime::asyncRecvSome(loop, fd.get(), buf.data(), buf.size(), got);
        if (got <= 0)
            co_return; // the client closed: so do we, as fd goes out of scope
        bool ok = false;
        co_await runtime::asyncSendAll(loop, fd.get(), buf.data(), std::size_t(got), ok);
        if (!ok)
            co_return;
    }
}

Task acceptor(EventLoop &loop, int listenFd, EchoShared &s, int clients)
{
    for (int i = 0; i < clients; ++i) {
        int fd = -1;
        co_await runtime::asyncAccept(loop, listenFd, fd);
        if (fd < 0)
            co_return;
        s.accepted.fetch_add(1);
        loop.spawn(loopConnection(loop, Fd(fd)), "conn-" + std::to_string(i + 1));
    }
}

// Ends the acceptor once the clients are all done: a client that never
// connected must not keep the server waiting for it.
Task watchClients(EventLoop &loop, runtime::TaskRef accept, EchoShared &s, int clients)
{
    while (!accept->done) {
        if (s.clientsDone.load() >= std::uint32_t(clients)) {
            loop.cancel(accept);
            co_return;
        }
        co_await loop.sleep(20 * kMs);
    }
}

bool waitForPort(runtime::WorkerEnv &env, EchoShared &s)
{
    const std::uint64_t deadline = record::monotonicNs() + 10'000 * kMs;
    while (s.port.load() == 0) {
        if (s.serverError.load() != 0 || env.stopRequested() || record::monotonicNs() > deadline)
            return false;
        usleep(1000);
    }
    return true;
}
} // namespace

void runEchoLoopServer(EventLoop &loop, int listenFd, EchoShared &shared, int clients)
{
    runtime::TaskRef accept = loop.spawn(acceptor(loop, listenFd, shared, clients), "acceptor");
    loop.spawn(watchClients(loop, accept, shared, clients), "watch clients");
    loop.run();
}

std::uint64_t echoBlocking(record::Writer &w, record::SharedArena &arena, int fd, std::uint32_t recvObject)
{
    // A receive timeout lets a blocked connection notice Stop.
    timeval tv{0, 100'000};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    std::vector<unsigned char> buf(64 * 1024);
    std::uint64_t echoed = 0;
    for (;;) {
        w.spanBegin(trace::SpanState::Sleep, recvObject);
        ssize_t got;
        while ((got = ::recv(fd, buf.data(), buf.size(), 0)) < 0 &&
               (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) && !arena.stopRequested()) {
        }
        w.spanEnd(trace::SpanState::Sleep, recvObject);
        if (got <= 0 || !runtime::sendAll(fd, buf.data(), std::size_t(got)))
            break;
        echoed += std::uint64_t(got);
    }
    return echoed;
}

int echoClientsTask(runtime::WorkerEnv &env)
{
    const auto a = env.argsAs<EchoArgs>();
    EchoShared &s = *env.arena->object<EchoShared>(a.sharedOffset);
    auto *latencies = env.arena->object<std::uint32_t>(a.latencyOffset);
    if (!waitForPort(env, s)) {
        s.clientsDone.store(std::uint32_t(a.clients));
        return 1;
    }
    runtime::CoroTracer tracer(env.writer);
    EventLoop loop(&tracer, &env.arena->header()->stopRequested);
    for (int c = 0; c < a.clients; ++c)
        loop.spawn(echoClient(loop, a, s, latencies, c), "client-" + std::to_string(c + 1));
    return loop.run() ? 0 : 1;
}

int echoConnectionTask(runtime::WorkerEnv &env)
{
    const auto a = env.argsAs<EchoArgs>();
    Fd fd(a.fd);
    const std::uint32_t recv = env.arena->newObjectId();
    env.writer->nameObject(recv, "recv (socket)");
    echoBlocking(*env.writer, *env.arena, fd.get(), recv);
    return 0;
}

int echoForkingServerTask(runtime::WorkerEnv &env)
{
    // socketserver.ForkingTCPServer, or the notes' multiprocessing server
    // with fork: this process is single-threaded (the fork server made it),
    // so fork() is safe here, and the accepted socket reaches the child by
    // inheritance.
    const auto a = env.argsAs<EchoArgs>();
    record::SharedArena &arena = *env.arena;
    EchoShared &s = *arena.object<EchoShared>(a.sharedOffset);
    const auto *rings = arena.object<std::uint32_t>(a.ringsOffset);
    auto *pids = arena.object<std::int32_t>(a.pidsOffset);
    Fd listener(runtime::listenLoopback(0, 128));
    if (!listener.valid()) {
        s.serverError.store(-listener.release());
        return 1;
    }
    s.port.store(runtime::localPort(listener.get()));
    const std::uint32_t acceptObject = arena.newObjectId();
    env.writer->nameObject(acceptObject, "accept");
    const pid_t self = getpid();
    std::vector<pid_t> live;
    auto reap = [&](bool block) {
        for (std::size_t i = 0; i < live.size();) {
            int status = 0;
            const pid_t r = waitpid(live[i], &status, block ? 0 : WNOHANG);
            if (r == live[i] || (r < 0 && errno == ECHILD)) {
                const std::int64_t value = WIFSIGNALED(status) ? -WTERMSIG(status) : WEXITSTATUS(status);
                env.writer->recordFor(live[i], live[i], trace::EventKind::WorkerExit, 0, 0, value);
                live.erase(live.begin() + std::ptrdiff_t(i));
            } else {
                ++i;
            }
        }
    };
    for (int i = 0; i < a.clients && !env.stopRequested();) {
        pollfd p{listener.get(), POLLIN, 0};
        env.writer->spanBegin(trace::SpanState::Sleep, acceptObject);
        const int ready = poll(&p, 1, 20);
        env.writer->spanEnd(trace::SpanState::Sleep, acceptObject);
        reap(false);
        if (s.clientsDone.load() >= std::uint32_t(a.clients))
            break;
        if (ready <= 0)
            continue;
        Fd conn(::accept4(listener.get(), nullptr, nullptr, SOCK_CLOEXEC));
        if (!conn.valid())
            continue;
        s.accepted.fetch_add(1);
        const std::uint64_t asked = env.writer->now();
        const pid_t child = fork();
        if (child == 0) {
            listener.reset();
            if (!runtime::armParentDeathSignal(self))
                _exit(runtime::kOrphanedExitCode);
            record::Writer w(&arena, rings[i]);
            w.workerStart("conn-" + std::to_string(i + 1), self, asked);
            const std::uint32_t recv = arena.newObjectId();
            w.nameObject(recv, "recv (socket)");
            echoBlocking(w, arena, conn.get(), recv);
            conn.reset();
            _exit(0);
        }
        if (child < 0) {
            s.forkError.store(errno);
            break;
        }
        pids[i] = child;
        live.push_back(child);
        s.serverProcesses.fetch_add(1);
        ++i;
    }
    listener.reset();
    // Each child ends when its client closes; on Stop, end them now.
    if (env.stopRequested())
        for (pid_t p : live)
            ::kill(p, SIGKILL);
    reap(true);
    // Every child is reaped: its ring has no writer left.
    for (int i = 0; i < a.clients; ++i)
        if (pids[i] > 0)
            arena.ring(rings[i]).header()->state.store(record::RingState::Closed, std::memory_order_release);
    return 0;
}

} // namespace cl::scenarios
