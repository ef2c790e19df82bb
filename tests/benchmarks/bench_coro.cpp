// What coroutines cost here: a generator round trip and a greenlet switch
// (symmetric transfer), spawning and finishing a task on the event loop,
// the memory of a suspended task, timer throughput, and one echo round trip
// over loopback per server model. Nothing is recorded (no writer): these are
// the runtime's own costs. docs/benchmarks.md ("Coroutines") has the figures
// and the CPython equivalents (tests/benchmarks/coro_bench.py).
#include "core/runtime/event_loop.h"
#include "core/runtime/generator.h"
#include "core/runtime/greenlet.h"
#include "core/runtime/net.h"

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace cl::runtime;

namespace {

Generator<int> counter()
{
    for (int i = 0;; ++i)
        co_yield i;
}

// next() on a generator: a switch in and a switch out.
void BM_GeneratorNext(benchmark::State &state)
{
    auto g = counter();
    for (auto _ : state)
        benchmark::DoNotOptimize(g.next());
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_GeneratorNext);

struct PingPong {
    GreenletHub &hub;
    Greenlet a, b;
    long left;
};

GreenletBody ping(PingPong &p)
{
    while (p.left-- > 0)
        co_await p.hub.switchTo(p.b);
}

GreenletBody pong(PingPong &p)
{
    for (;;)
        co_await p.hub.switchTo(p.a);
}

// gr.switch() between two greenlets; items = switches.
void BM_GreenletSwitch(benchmark::State &state)
{
    CoroTracer tracer;
    for (auto _ : state) {
        state.PauseTiming();
        GreenletHub hub(tracer);
        PingPong p{hub, {}, {}, 100000};
        hub.create(p.a, "a", ping(p));
        hub.create(p.b, "b", pong(p));
        state.ResumeTiming();
        hub.switchFromMain(p.a);
        state.counters["switches"] = double(hub.switches());
    }
    state.SetItemsProcessed(state.iterations() * 200000);
}
BENCHMARK(BM_GreenletSwitch)->Unit(benchmark::kMillisecond);

Task nothing() { co_return; }

// spawn + run to completion of N empty tasks; items = tasks.
void BM_TaskSpawn(benchmark::State &state)
{
    const int n = int(state.range(0));
    for (auto _ : state) {
        EventLoop loop;
        for (int i = 0; i < n; ++i)
            loop.spawn(nothing(), "t");
        loop.run();
    }
    state.SetItemsProcessed(state.iterations() * n);
}
BENCHMARK(BM_TaskSpawn)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);

Task sleepOnce(EventLoop &loop, std::int64_t ns)
{
    co_await loop.sleep(ns);
}

// N tasks all suspended in a sleep: frame bytes and the loop's record per task.
void BM_SuspendedMemory(benchmark::State &state)
{
    const int n = int(state.range(0));
    for (auto _ : state) {
        EventLoop loop;
        const std::size_t before = g_coroutineFrameBytes.load();
        for (int i = 0; i < n; ++i)
            loop.spawn(sleepOnce(loop, 1'000'000), "t");
        state.counters["frame_bytes_per_task"] = double(g_coroutineFrameBytes.load() - before) / n;
        state.counters["task_state_bytes"] = double(sizeof(TaskState));
        loop.run();
    }
}
BENCHMARK(BM_SuspendedMemory)->Arg(100000)->Unit(benchmark::kMillisecond)->Iterations(3);

Task sleeper(EventLoop &loop, int times)
{
    for (int i = 0; i < times; ++i)
        co_await loop.sleep(0);
}

// Timers that expire at once: 100 tasks × 1000 sleeps; items = timers fired.
void BM_TimerThroughput(benchmark::State &state)
{
    for (auto _ : state) {
        EventLoop loop;
        for (int i = 0; i < 100; ++i)
            loop.spawn(sleeper(loop, 1000), "t");
        loop.run();
    }
    state.SetItemsProcessed(state.iterations() * 100 * 1000);
}
BENCHMARK(BM_TimerThroughput)->Unit(benchmark::kMillisecond);

void blockingEcho(int fd)
{
    char buf[4096];
    ssize_t n;
    while ((n = ::recv(fd, buf, sizeof buf, 0)) > 0)
        if (!sendAll(fd, buf, std::size_t(n)))
            break;
    ::close(fd);
}

Task loopEcho(EventLoop &loop, int listenFd)
{
    int fd = -1;
    co_await asyncAccept(loop, listenFd, fd);
    Fd conn(fd);
    char buf[4096];
    for (;;) {
        long got = 0;
        co_await asyncRecvSome(loop, conn.get(), buf, sizeof buf, got);
        if (got <= 0)
            co_return;
        bool ok = false;
        co_await asyncSendAll(loop, conn.get(), buf, std::size_t(got), ok);
    }
}

// One 64-byte message to the server and back; 0: a thread, 1: a forked
// process, 2: an epoll event-loop thread.
void BM_EchoRoundTrip(benchmark::State &state)
{
    const int model = int(state.range(0));
    Fd listener(listenLoopback(0, 8));
    const std::uint16_t port = localPort(listener.get());
    std::thread server;
    pid_t child = 0;
    if (model == 0) {
        server = std::thread([&] { blockingEcho(::accept(listener.get(), nullptr, nullptr)); });
    } else if (model == 1) {
        child = fork();
        if (child == 0) {
            blockingEcho(::accept(listener.get(), nullptr, nullptr));
            _exit(0);
        }
    } else {
        setNonBlocking(listener.get());
        server = std::thread([&] {
            EventLoop loop;
            loop.spawn(loopEcho(loop, listener.get()), "echo");
            loop.run();
        });
    }
    Fd client(connectLoopback(port));
    char msg[64] = {}, back[64];
    for (auto _ : state) {
        if (!sendAll(client.get(), msg, sizeof msg) || !recvAll(client.get(), back, sizeof back)) {
            state.SkipWithError("echo failed");
            break;
        }
    }
    client.reset();
    if (server.joinable())
        server.join();
    if (child > 0)
        waitpid(child, nullptr, 0);
    state.SetLabel(model == 0 ? "thread" : model == 1 ? "process" : "event-loop");
}
BENCHMARK(BM_EchoRoundTrip)->Arg(0)->Arg(1)->Arg(2)->UseRealTime();

} // namespace
