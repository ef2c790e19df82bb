// A pipe round trip and a manager proxy round trip, recorded as a run
// records them (flows, wait spans, a collector draining the rings). The
// figures to compare with CPython (tests/benchmarks/sharing_latency.py):
// multiprocessing.Pipe() send → recv → send back, and one Manager().dict()
// read through its proxy. docs/benchmarks.md ("Pipes and managers").
#include "core/record/collector.h"
#include "core/record/shared_arena.h"
#include "core/record/writer.h"
#include "core/runtime/manager.h"
#include "core/runtime/pipe.h"
#include "core/runtime/shared_value.h"

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <sys/wait.h>
#include <unistd.h>

using cl::record::Collector;
using cl::record::SharedArena;
using cl::record::Writer;
namespace rt = cl::runtime;

namespace {

struct Rig {
    SharedArena arena = SharedArena::create({4, 1 << 16, 1 << 16});
    Collector collector{arena};
    Rig()
    {
        if (!arena.isValid())
            std::abort();
        collector.start(); // drained as in a live run
    }
    std::uint32_t ring()
    {
        const int r = arena.acquireRing();
        if (r < 0)
            std::abort();
        return std::uint32_t(r);
    }
};

// conn.send(x); conn.recv() against a child that sends back what it gets.
void BM_PipeRoundTrip(benchmark::State &state)
{
    Rig rig;
    const bool duplex = state.range(0) != 0;
    rt::PipeFds down, up;
    if (!rt::createPipeFds(duplex, down) || (!duplex && !rt::createPipeFds(false, up)))
        std::abort();
    const std::uint32_t childRing = rig.ring();
    const pid_t pid = fork();
    if (pid < 0)
        std::abort();
    if (pid == 0) {
        Writer w(&rig.arena, childRing);
        rt::Connection in = duplex ? rt::Connection(down.bRead, down.bWrite, 1, &rig.arena)
                                   : rt::Connection(down.aRead, -1, 1, &rig.arena);
        rt::Connection out = duplex ? rt::Connection() : rt::Connection(-1, up.bWrite, 2, &rig.arena);
        rt::Connection &reply = duplex ? in : out;
        std::string m;
        while (in.recv(w, m) == rt::PipeStatus::Ok && m != "bye")
            reply.send(w, m);
        _exit(0);
    }
    Writer w(&rig.arena, rig.ring());
    rt::Connection out = duplex ? rt::Connection(down.aRead, down.aWrite, 1, &rig.arena)
                                : rt::Connection(-1, down.bWrite, 1, &rig.arena);
    rt::Connection in = duplex ? rt::Connection() : rt::Connection(up.aRead, -1, 2, &rig.arena);
    rt::Connection &replies = duplex ? out : in;
    if (duplex)
        ::close(down.bRead);
    else {
        ::close(down.aRead);
        ::close(up.bWrite);
    }
    std::string m;
    std::int64_t i = 0;
    for (auto _ : state) {
        out.send(w, "message");
        replies.recv(w, m);
        benchmark::DoNotOptimize(m.data());
        if ((++i & 1023) == 0)
            benchmark::DoNotOptimize(rig.collector.takeBatch());
    }
    out.send(w, "bye");
    waitpid(pid, nullptr, 0);
}
BENCHMARK(BM_PipeRoundTrip)->Arg(1)->Arg(0)->UseRealTime();

// d["count"] through a Manager().dict() proxy: one request, one reply.
void BM_ManagerRoundTrip(benchmark::State &state)
{
    Rig rig;
    const std::uint64_t stateOffset = rt::ManagerState::create(rig.arena);
    const std::uint32_t serverRing = rig.ring();
    const pid_t pid = fork();
    if (pid < 0)
        std::abort();
    if (pid == 0) {
        Writer w(&rig.arena, serverRing);
        rt::ManagerServerArgs args{stateOffset};
        rt::WorkerEnv env{&rig.arena, &w, 0, reinterpret_cast<const unsigned char *>(&args), sizeof args};
        _exit(rt::managerServerTask(env));
    }
    auto *ms = rig.arena.object<rt::ManagerState>(stateOffset);
    while (ms->ready.load() == 0)
        usleep(100);
    Writer w(&rig.arena, rig.ring());
    rt::ManagerConnection c;
    if (c.connect(rig.arena, stateOffset) != rt::ManagerStatus::Ok)
        std::abort();
    std::uint32_t object = 0;
    const std::uint32_t handle = c.create(w, rt::ManagerOp::CreateDict, 0, &object);
    rt::DictProxy d(c, handle, object);
    d.set(w, "count", 0);
    std::int64_t v = 0, i = 0;
    const bool write = state.range(0) != 0;
    for (auto _ : state) {
        if (write)
            d.set(w, "count", i);
        else
            d.get(w, "count", v);
        benchmark::DoNotOptimize(v);
        if ((++i & 1023) == 0)
            benchmark::DoNotOptimize(rig.collector.takeBatch());
    }
    c.shutdown(w);
    waitpid(pid, nullptr, 0);
}
BENCHMARK(BM_ManagerRoundTrip)->ArgName("set")->Arg(0)->Arg(1)->UseRealTime();

// v.value += 1 on a shared Value, with its lock or without: the other side
// of the shared-vs-manager lesson (one thread, never waiting).
void BM_SharedValueIncrement(benchmark::State &state)
{
    Rig rig;
    const bool locked = state.range(0) != 0;
    rt::SharedArray v(rig.arena, rt::SharedArray::create(rig.arena, 1, locked));
    Writer w(&rig.arena, rig.ring());
    auto lock = v.lock();
    std::int64_t i = 0;
    for (auto _ : state) {
        if (lock)
            lock->lock(w);
        v.set(0, v.get(0) + 1);
        if (lock)
            lock->unlock(w);
        if ((++i & 1023) == 0)
            benchmark::DoNotOptimize(rig.collector.takeBatch());
    }
}
BENCHMARK(BM_SharedValueIncrement)->ArgName("lock")->Arg(0)->Arg(1);

} // namespace
