#include "core/scenarios/echo_server.h"
#include "core/record/clock.h"
#include "core/runtime/coro_tracer.h"
#include "core/runtime/net.h"
#include "core/scenarios/echo_tasks.h"
#include "core/scenarios/run_context.h"

#include <algorithm>
#include <bit>
#include <cerrno>
#include <csignal>
#include <new>
#include <poll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace cl::scenarios {

namespace {
const QString kModel = QStringLiteral("model");
const QString kClients = QStringLiteral("clients");
const QString kMessages = QStringLiteral("messages");
const QString kBytes = QStringLiteral("bytes");
const QString kThinkMs = QStringLiteral("think_ms");

qint64 percentile(std::vector<std::uint32_t> v, int pct)
{
    if (v.empty())
        return 0;
    const std::size_t k = std::min(v.size() - 1, v.size() * std::size_t(pct) / 100);
    std::nth_element(v.begin(), v.begin() + std::ptrdiff_t(k), v.end());
    return qint64(v[k]);
}
} // namespace

QString EchoServerLesson::title() const { return tr("Echo server: thread, process or event loop per connection"); }

QString EchoServerLesson::category() const { return tr("Coroutines and I/O"); }

QString EchoServerLesson::description() const
{
    return tr("<p>A TCP echo server on <b>127.0.0.1</b> (a free port the kernel picks; nothing leaves this machine) "
              "and <i>clients</i> real client sockets, each sending <i>messages</i> messages of <i>bytes</i> bytes "
              "and checking that every byte comes back unchanged.</p>"
              "<ul><li><b>thread-per-connection</b>: the main thread accepts; each connection gets a thread of its "
              "own that blocks in recv() (seed 000 §8.1).</li>"
              "<li><b>process-per-connection</b>: a server process accepts and forks a child per connection, which "
              "inherits the accepted socket (§8.2 with the fork start method, socketserver.ForkingTCPServer). "
              "The server is single-threaded, so forking there is safe.</li>"
              "<li><b>event-loop</b>: one thread, one epoll event loop, a coroutine per connection: a lane per "
              "connection under a single thread.</li></ul>"
              "<p>The clients run as coroutines of one client thread, so a thousand clients need no thousand "
              "threads. p50 and p99 are the round trips of one message as a client measured them.</p>");
}

QList<ParameterSpec> EchoServerLesson::parameters() const
{
    using T = ParameterSpec::Type;
    return {
        {kModel, T::Choice, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Server model"), "",
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters",
                           "thread-per-connection: a thread per client. process-per-connection: a forked process per "
                           "client. event-loop: one thread with epoll and a coroutine per client."),
         0, 0, 0,
         {QStringLiteral("thread-per-connection"), QStringLiteral("process-per-connection"),
          QStringLiteral("event-loop")},
         QStringLiteral("event-loop")},
        {kClients, T::Integer, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Clients"), "",
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Client connections, all open at the same time."), 1, 1000,
         10, {}, {}},
        {kMessages, T::Integer, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Messages per client"), "",
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Messages each client sends and waits to get back."), 1, 1000,
         50, {}, {}},
        {kBytes, T::Integer, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Message size"),
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "bytes"),
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Bytes in each message."), 1, 65536, 64, {}, {}},
        {kThinkMs, T::Integer, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Think time"),
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "ms"),
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "How long a client waits between two messages."), 0, 1000, 10,
         {}, {}},
    };
}

QList<Preset> EchoServerLesson::presets() const
{
    return {
        // The notes' server: a few clients typing lines now and then.
        {QT_TRANSLATE_NOOP("cl::scenarios::Presets", "As in the notes"),
         {{kModel, QStringLiteral("thread-per-connection")},
          {kClients, QStringLiteral("3")},
          {kMessages, QStringLiteral("5")},
          {kBytes, QStringLiteral("32")},
          {kThinkMs, QStringLiteral("200")}}},
        {QT_TRANSLATE_NOOP("cl::scenarios::Presets", "Quick"),
         {{kModel, QStringLiteral("event-loop")},
          {kClients, QStringLiteral("10")},
          {kMessages, QStringLiteral("20")},
          {kBytes, QStringLiteral("64")},
          {kThinkMs, QStringLiteral("0")}}},
    };
}

int EchoServerLesson::plannedProcesses(const ParameterValues &values) const
{
    return values.choice(kModel) == QLatin1String("process-per-connection") ? int(values.integer(kClients)) + 1 : 0;
}

record::SharedArena::Layout EchoServerLesson::layout(const ParameterValues &values) const
{
    const std::uint64_t clients = std::uint64_t(values.integer(kClients));
    const std::uint64_t messages = std::uint64_t(values.integer(kMessages));
    record::SharedArena::Layout l;
    // A ring per connection worker, the clients' thread, the server, the run thread.
    l.ringCount = std::uint32_t(clients + 8);
    // The clients' thread writes about a dozen events per message; the
    // collector drains meanwhile. Keep all rings together under 4 GB of
    // address space (pages are only backed once written).
    const std::uint64_t cap = std::max<std::uint64_t>(8192, (std::uint64_t(1) << 32) / 32 / l.ringCount);
    l.ringCapacity = std::uint32_t(
        std::bit_floor(std::min<std::uint64_t>(std::bit_ceil(std::max<std::uint64_t>(8192, clients * messages * 12)),
                                               std::min<std::uint64_t>(cap, 1u << 21))));
    l.objectsBytes = 64 * 1024 + clients * messages * 4 + clients * 16;
    return l;
}

Outcome EchoServerLesson::run(RunContext &context, const ParameterValues &values) const
{
    Outcome out;
    const QString model = values.choice(kModel);
    const bool threads = model == QLatin1String("thread-per-connection");
    const bool processes = model == QLatin1String("process-per-connection");
    const int clients = int(values.integer(kClients));
    const int messages = int(values.integer(kMessages));
    auto &arena = context.arena();

    EchoArgs args{};
    args.clients = clients;
    args.messages = messages;
    args.bytes = int(values.integer(kBytes));
    args.thinkMs = int(values.integer(kThinkMs));
    args.fd = -1;
    args.sharedOffset = arena.allocateObject(sizeof(EchoShared), alignof(EchoShared));
    args.latencyOffset = arena.allocateObject(sizeof(std::uint32_t) * std::size_t(clients) * std::size_t(messages), 8);
    args.ringsOffset = arena.allocateObject(sizeof(std::uint32_t) * std::size_t(clients), 8);
    args.pidsOffset = arena.allocateObject(sizeof(std::int32_t) * std::size_t(clients), 8);
    if (!args.sharedOffset || !args.latencyOffset || !args.ringsOffset || !args.pidsOffset) {
        out.error = tr("could not set up the shared results");
        return out;
    }
    EchoShared &shared = *new (arena.object<EchoShared>(args.sharedOffset)) EchoShared{};
    auto *latencies = arena.object<std::uint32_t>(args.latencyOffset);
    std::fill_n(latencies, std::size_t(clients) * std::size_t(messages), ~std::uint32_t(0));
    auto *pids = arena.object<std::int32_t>(args.pidsOffset);
    std::fill_n(pids, clients, 0);

    runtime::Fd listener;
    const std::uint64_t t0 = record::monotonicNs();
    if (processes) {
        auto *rings = arena.object<std::uint32_t>(args.ringsOffset);
        for (int i = 0; i < clients; ++i) {
            const int ring = arena.acquireRing();
            if (ring < 0) {
                out.error = tr("no free event ring for connection process %1").arg(i + 1);
                return out;
            }
            rings[i] = std::uint32_t(ring);
        }
        if (!context.spawn(false, "echo.forking-server", "echo server", 0, args)) {
            out.error = context.error();
            return out;
        }
    } else {
        listener = runtime::Fd(runtime::listenLoopback(0, 1024));
        if (!listener.valid()) {
            out.error = tr("could not listen on 127.0.0.1: %1")
                            .arg(QString::fromStdString(runtime::netErrorText(-listener.release())));
            return out;
        }
        shared.port.store(runtime::localPort(listener.get()));
    }
    if (!context.spawn(true, "echo.clients", "clients", 0, args)) {
        out.error = context.error();
        context.requestStop();
    } else if (threads) {
        record::Writer &w = context.writer();
        const std::uint32_t acceptObject = arena.newObjectId();
        w.nameObject(acceptObject, "accept");
        for (int i = 0; i < clients && !context.stopRequested();) {
            pollfd p{listener.get(), POLLIN, 0};
            w.spanBegin(trace::SpanState::Sleep, acceptObject);
            const int ready = poll(&p, 1, 20);
            w.spanEnd(trace::SpanState::Sleep, acceptObject);
            if (shared.clientsDone.load() >= std::uint32_t(clients))
                break;
            context.reapFor(0);
            if (ready <= 0)
                continue;
            const int fd = ::accept4(listener.get(), nullptr, nullptr, SOCK_CLOEXEC);
            if (fd < 0)
                continue;
            shared.accepted.fetch_add(1);
            EchoArgs conn = args;
            conn.fd = fd;
            if (!context.spawn(true, "echo.connection", "conn-" + std::to_string(i + 1), i, conn)) {
                ::close(fd);
                out.error = context.error();
                context.requestStop();
                break;
            }
            ++i;
        }
    } else if (!processes) {
        runtime::CoroTracer tracer(&context.writer());
        runtime::EventLoop loop(&tracer, &arena.header()->stopRequested);
        runtime::setNonBlocking(listener.get());
        runEchoLoopServer(loop, listener.get(), shared, clients);
    }
    listener.reset();
    context.waitAll();
    if (processes) {
        // A server killed by Stop leaves its children to us (the app is their
        // subreaper): reap exactly those, never anyone else's.
        for (int i = 0; i < clients; ++i) {
            if (pids[i] <= 0)
                continue;
            int status = 0;
            if (waitpid(pids[i], &status, WNOHANG) == 0) {
                ::kill(pids[i], SIGKILL);
                waitpid(pids[i], &status, 0);
            }
        }
    }
    const std::uint64_t wallNs = record::monotonicNs() - t0;
    if (out.error.isEmpty())
        out.error = context.error();
    if (out.error.isEmpty() && shared.serverError.load() != 0)
        out.error = tr("the server could not listen on 127.0.0.1: %1")
                        .arg(QString::fromStdString(runtime::netErrorText(shared.serverError.load())));
    if (out.error.isEmpty() && shared.clientError.load() != 0)
        out.error = tr("a client could not connect: %1")
                        .arg(QString::fromStdString(runtime::netErrorText(shared.clientError.load())));
    if (out.error.isEmpty() && shared.forkError.load() != 0)
        out.error = tr("the server could not fork a connection process: %1")
                        .arg(QString::fromLocal8Bit(strerror(shared.forkError.load())));

    std::vector<std::uint32_t> done;
    done.reserve(std::size_t(clients) * std::size_t(messages));
    for (std::size_t i = 0; i < std::size_t(clients) * std::size_t(messages); ++i)
        if (latencies[i] != ~std::uint32_t(0))
            done.push_back(latencies[i]);
    const qint64 expected = qint64(clients) * messages * args.bytes;
    const qint64 echoed = qint64(shared.bytesEchoed.load());
    // Bytes a client never got back count as wrong too.
    const qint64 wrong = std::max<qint64>(qint64(shared.bytesWrong.load()), expected - echoed);
    const qint64 connections = qint64(shared.accepted.load());
    const qint64 serverProcesses = processes ? 1 + qint64(shared.serverProcesses.load()) : 1;
    const qint64 serverThreads = threads ? 1 + connections : processes ? serverProcesses : 1;
    out.metrics = {
        {QStringLiteral("connections"), connections, tr("connections accepted")},
        {QStringLiteral("bytes_echoed"), echoed, tr("bytes echoed back unchanged")},
        {QStringLiteral("bytes_wrong"), wrong, tr("bytes wrong or missing")},
        {QStringLiteral("p50_us"), percentile(done, 50), tr("round trip, median (µs)")},
        {QStringLiteral("p99_us"), percentile(done, 99), tr("round trip, 99th percentile (µs)")},
        {QStringLiteral("server_threads"), serverThreads, tr("server threads")},
        {QStringLiteral("server_processes"), serverProcesses, tr("server processes")},
        {QStringLiteral("wall_ms"), qint64((wallNs + 500'000) / 1'000'000), tr("wall time (ms)")},
    };
    out.problem = wrong != 0 || connections != clients;
    if (!out.problem)
        out.verdict = tr("Every byte came back: %1 clients, %2 bytes echoed, none wrong. The server used %3 "
                         "thread(s) in %4 process(es); round trips took %5 µs (median) and %6 µs (p99).")
                          .arg(clients)
                          .arg(echoed)
                          .arg(serverThreads)
                          .arg(serverProcesses)
                          .arg(percentile(done, 50))
                          .arg(percentile(done, 99));
    else
        out.verdict = tr("%1 of %2 bytes did not come back as sent (%3 of %4 clients connected).")
                          .arg(wrong)
                          .arg(expected)
                          .arg(connections)
                          .arg(clients);
    return out;
}

} // namespace cl::scenarios
