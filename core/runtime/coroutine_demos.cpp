#include "core/runtime/coroutine_demos.h"
#include "core/record/clock.h"
#include "core/runtime/event_loop.h"
#include "core/runtime/generator.h"
#include "core/runtime/greenlet.h"

namespace cl::runtime {

namespace {
constexpr std::int64_t kMs = 1'000'000;

// Prints on the running coroutine's lane and keeps the order for the verdict.
struct Printer {
    CoroTracer &tracer;
    std::vector<std::string> &lines;
    void operator()(std::string line)
    {
        tracer.print(tracer.current(), line);
        lines.push_back(std::move(line));
    }
};

struct SwitchDemo {
    GreenletHub &hub;
    Printer &print;
    Greenlet gr1, gr2;
};

GreenletBody func1(SwitchDemo &d)
{
    d.print("1");
    co_await d.hub.switchTo(d.gr2);
    d.print("2");
    co_await d.hub.switchTo(d.gr2);
}

GreenletBody func2(SwitchDemo &d)
{
    d.print("3");
    co_await d.hub.switchTo(d.gr1);
    d.print("4");
}

Generator<int> consumer(Printer &print, std::string name)
{
    print(name + " is ready to eat");
    for (;;) {
        const int baozi = co_yield 0; // baozi = yield
        print(name + " eats baozi " + std::to_string(baozi));
    }
}

Task sleeper(EventLoop &loop, Printer &print, std::string before, std::int64_t ns, std::string after)
{
    print(std::move(before));
    co_await loop.sleep(ns);
    print(std::move(after));
}

Task waitTask(EventLoop &loop, Printer &print, int i, std::int64_t ns, int &completed)
{
    co_await loop.sleep(ns);
    ++completed;
    print("task " + std::to_string(i) + " done");
}

Task oneAfterAnother(EventLoop &loop, Printer &print, int tasks, std::int64_t ns, int &completed)
{
    for (int i = 1; i <= tasks; ++i)
        co_await waitTask(loop, print, i, ns, completed); // await task(i): no overlap
}

Task quietSleeper(EventLoop &loop, std::int64_t ns, int &completed)
{
    co_await loop.sleep(ns);
    ++completed;
}
} // namespace

CoroDemoResult runSwitchDemo(CoroTracer &tracer)
{
    CoroDemoResult r;
    const std::uint64_t t0 = record::monotonicNs();
    Printer print{tracer, r.printed};
    GreenletHub hub(tracer);
    SwitchDemo d{hub, print, {}, {}};
    hub.create(d.gr1, "gr1 (func1)", func1(d));
    hub.create(d.gr2, "gr2 (func2)", func2(d));
    hub.switchFromMain(d.gr1); // gr1.switch()
    r.coroutines = 2;
    r.completed = int(d.gr1.dead()) + int(d.gr2.dead());
    r.switches = hub.switches();
    r.wallNs = record::monotonicNs() - t0;
    return r; // gr1 is still suspended after its last switch: its frame is unwound here
}

CoroDemoResult runGeneratorDemo(CoroTracer &tracer, int items)
{
    CoroDemoResult r;
    const std::uint64_t t0 = record::monotonicNs();
    Printer print{tracer, r.printed};
    {
        auto c1 = consumer(print, "c1").traced(tracer, "consumer c1");
        auto c2 = consumer(print, "c2").traced(tracer, "consumer c2");
        c1.next(); // run to the first yield, as con.__next__()
        c2.next();
        for (int n = 1; n <= items; ++n) {
            c1.send(n);
            c2.send(n);
            r.completed += 2;
        }
    }
    r.coroutines = 2;
    r.wallNs = record::monotonicNs() - t0;
    return r;
}

CoroDemoResult runEventLoopDemo(CoroTracer &tracer, std::int64_t firstMs, const std::atomic<std::uint32_t> *stop)
{
    CoroDemoResult r;
    const std::uint64_t t0 = record::monotonicNs();
    Printer print{tracer, r.printed};
    {
        EventLoop loop(&tracer, stop);
        TaskRef a = loop.spawn(sleeper(loop, print, "1", firstMs * kMs, "2"), "func1");
        TaskRef b = loop.spawn(sleeper(loop, print, "3", 2 * firstMs * kMs, "4"), "func2");
        r.stopped = !loop.run();
        r.completed = int(a->done && !a->cancelled) + int(b->done && !b->cancelled);
        r.switches = loop.switches();
    }
    r.coroutines = 2;
    r.wallNs = record::monotonicNs() - t0;
    return r;
}

CoroDemoResult runSyncVsAsyncDemo(CoroTracer &tracer, int tasks, std::int64_t taskMs,
                                  const std::atomic<std::uint32_t> *stop)
{
    CoroDemoResult r;
    Printer print{tracer, r.printed};
    const std::uint64_t t0 = record::monotonicNs();
    {
        EventLoop loop(&tracer, stop);
        loop.spawn(oneAfterAnother(loop, print, tasks, taskMs * kMs, r.completed), "synchronous");
        r.stopped = !loop.run();
        r.switches += loop.switches();
    }
    const std::uint64_t t1 = record::monotonicNs();
    r.syncNs = t1 - t0;
    if (!r.stopped) {
        EventLoop loop(&tracer, stop);
        for (int i = 1; i <= tasks; ++i)
            loop.spawn(waitTask(loop, print, i, taskMs * kMs, r.completed), "task " + std::to_string(i));
        r.stopped = !loop.run();
        r.switches += loop.switches();
    }
    r.asyncNs = record::monotonicNs() - t1;
    r.coroutines = 1 + tasks;
    r.wallNs = record::monotonicNs() - t0;
    return r;
}

CoroDemoResult runManyDemo(CoroTracer &tracer, int count, std::int64_t taskMs, const std::atomic<std::uint32_t> *stop)
{
    CoroDemoResult r;
    const std::uint64_t t0 = record::monotonicNs();
    {
        EventLoop loop(&tracer, stop);
        const std::size_t before = g_coroutineFrameBytes.load();
        for (int i = 0; i < count; ++i)
            loop.spawn(quietSleeper(loop, taskMs * kMs, r.completed), "coro " + std::to_string(i + 1));
        r.frameBytes = g_coroutineFrameBytes.load() - before;
        r.stopped = !loop.run();
        r.switches = loop.switches();
    }
    r.printed.push_back(std::to_string(r.completed) + " of " + std::to_string(count) + " coroutines done");
    tracer.print(tracer.hostLane(), r.printed.back());
    r.coroutines = count;
    r.wallNs = record::monotonicNs() - t0;
    return r;
}

} // namespace cl::runtime
