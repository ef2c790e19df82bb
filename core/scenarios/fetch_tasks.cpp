#include "core/scenarios/fetch_tasks.h"
#include "core/record/clock.h"
#include "core/runtime/net.h"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <unistd.h>

namespace cl::scenarios {

using runtime::EventLoop;
using runtime::Fd;
using runtime::Task;

namespace {
constexpr std::int64_t kMs = 1'000'000;

std::string request(const FetchArgs &a, int i)
{
    return "GET /" + std::to_string(i) + " " + std::to_string(fetchLatencyMs(a, i)) + "\n";
}

Task serveOne(EventLoop &loop, Fd fd, FetchShared &s)
{
    // "GET /<i> <latency ms>\n": the latency travels with the request, so
    // the server needs no table of its own.
    std::string line;
    char buf[256];
    while (line.find('\n') == std::string::npos && line.size() < 200) {
        long got = 0;
        co_await runtime::asyncRecvSome(loop, fd.get(), buf, sizeof buf, got);
        if (got <= 0)
            co_return;
        line.append(buf, std::size_t(got));
    }
    const std::size_t space = line.rfind(' ');
    const long latency = space == std::string::npos ? 0 : std::strtol(line.c_str() + space + 1, nullptr, 10);
    co_await loop.sleep(std::max<long>(0, latency) * kMs); // the "slow backend"
    const std::string body = "reply to " + line.substr(0, line.find('\n')) + "\n";
    const std::string reply =
        "HTTP/1.0 200 OK\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    bool ok = false;
    co_await runtime::asyncSendAll(loop, fd.get(), reply.data(), reply.size(), ok);
    if (ok)
        s.served.fetch_add(1);
}

Task acceptAll(EventLoop &loop, int listenFd, FetchShared &s, int urls)
{
    for (int i = 0; i < urls; ++i) {
        int fd = -1;
        co_await runtime::asyncAccept(loop, listenFd, fd);
        if (fd < 0)
            co_return;
        loop.spawn(serveOne(loop, Fd(fd), s), "request " + std::to_string(i + 1));
    }
}

Task watchClients(EventLoop &loop, runtime::TaskRef accept, FetchShared &s, int urls)
{
    while (!accept->done) {
        if (s.clientsDone.load() >= std::uint32_t(urls)) {
            loop.cancel(accept);
            co_return;
        }
        co_await loop.sleep(20 * kMs);
    }
}
} // namespace

int fetchServerTask(runtime::WorkerEnv &env)
{
    const auto a = env.argsAs<FetchArgs>();
    FetchShared &s = *env.arena->object<FetchShared>(a.sharedOffset);
    Fd listener(runtime::listenLoopback(0, 1024));
    if (!listener.valid()) {
        s.serverError.store(-listener.release());
        return 1;
    }
    runtime::setNonBlocking(listener.get());
    s.port.store(runtime::localPort(listener.get()));
    runtime::CoroTracer tracer(env.writer);
    EventLoop loop(&tracer, &env.arena->header()->stopRequested);
    runtime::TaskRef accept = loop.spawn(acceptAll(loop, listener.get(), s, a.urls), "acceptor");
    loop.spawn(watchClients(loop, accept, s, a.urls), "watch clients");
    return loop.run() ? 0 : 1;
}

void fetchBlocking(record::Writer &w, const FetchArgs &a, FetchShared &s, FetchResult &r, int i, std::uint32_t object)
{
    r.startNs = record::monotonicNs();
    w.spanBegin(trace::SpanState::Sleep, object);
    Fd fd(runtime::connectLoopback(std::uint16_t(s.port.load())));
    if (!fd.valid()) {
        int none = 0;
        s.clientError.compare_exchange_strong(none, -fd.release());
    } else {
        const std::string req = request(a, i);
        if (runtime::sendAll(fd.get(), req.data(), req.size())) {
            char buf[512];
            ssize_t got;
            while ((got = ::read(fd.get(), buf, sizeof buf)) > 0)
                r.bytes += std::int32_t(got);
            r.ok = got == 0 && r.bytes > 0;
        }
    }
    w.spanEnd(trace::SpanState::Sleep, object);
    r.endNs = record::monotonicNs();
    s.clientsDone.fetch_add(1);
}

Task fetchAsync(EventLoop &loop, const FetchArgs &a, FetchShared &s, FetchResult &r, int i)
{
    struct Done {
        FetchShared &s;
        FetchResult &r;
        ~Done()
        {
            r.endNs = record::monotonicNs();
            s.clientsDone.fetch_add(1);
        }
    } done{s, r};
    r.startNs = record::monotonicNs();
    Fd fd;
    int error = 0;
    co_await runtime::asyncConnect(loop, std::uint16_t(s.port.load()), fd, error);
    if (!fd.valid()) {
        int none = 0;
        s.clientError.compare_exchange_strong(none, error);
        co_return;
    }
    const std::string req = request(a, i);
    bool ok = false;
    co_await runtime::asyncSendAll(loop, fd.get(), req.data(), req.size(), ok);
    if (!ok)
        co_return;
    char buf[512];
    for (;;) {
        long got = 0;
        co_await runtime::asyncRecvSome(loop, fd.get(), buf, sizeof buf, got);
        if (got < 0)
            co_return;
        if (got == 0)
            break;
        r.bytes += std::int32_t(got);
    }
    r.ok = r.bytes > 0;
}

int fetchClientTask(runtime::WorkerEnv &env)
{
    const auto a = env.argsAs<FetchArgs>();
    FetchShared &s = *env.arena->object<FetchShared>(a.sharedOffset);
    auto *results = env.arena->object<FetchResult>(a.resultsOffset);
    const std::uint32_t object = env.arena->newObjectId();
    env.writer->nameObject(object, "GET /" + std::to_string(env.workerIndex));
    fetchBlocking(*env.writer, a, s, results[env.workerIndex], env.workerIndex, object);
    return 0;
}

} // namespace cl::scenarios
