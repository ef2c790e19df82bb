#include "core/scenarios/fetch.h"
#include "core/record/clock.h"
#include "core/runtime/coro_tracer.h"
#include "core/runtime/net.h"
#include "core/scenarios/fetch_tasks.h"
#include "core/scenarios/run_context.h"

#include <algorithm>
#include <new>
#include <unistd.h>

namespace cl::scenarios {

namespace {
const QString kMode = QStringLiteral("mode");
const QString kUrls = QStringLiteral("urls");
const QString kLatency = QStringLiteral("latency_ms");
const QString kStep = QStringLiteral("latency_step_ms");
} // namespace

QString FetchLesson::title() const { return tr("Fetching URLs: one after another, threads, coroutines"); }

QString FetchLesson::category() const { return tr("Coroutines and I/O"); }

QString FetchLesson::description() const
{
    return tr("<p>The lesson starts a small HTTP-like server on <b>127.0.0.1</b> (a free port; it stops with the "
              "run) that answers each request after a delay, as a slow web site would: request <i>i</i> waits "
              "<i>latency_ms</i> + <i>i</i> × <i>latency_step_ms</i>. Then <i>urls</i> requests are made:</p>"
              "<ul><li><b>sequential</b>: one after another on the main thread, as with requests.get() in a "
              "loop;</li><li><b>threads</b>: one thread per request;</li><li><b>coroutines</b>: one coroutine per "
              "request on one event loop, as with asyncio and aiohttp (seed 000 §6.2).</li></ul>"
              "<p>One after another, the waits add up; threads and coroutines wait at the same time, so the run "
              "takes about the longest wait. <i>overlap</i> says how much: 0% when the waits followed each other, "
              "100% when the run took no longer than the longest of them.</p>");
}

QList<ParameterSpec> FetchLesson::parameters() const
{
    using T = ParameterSpec::Type;
    return {
        {kMode, T::Choice, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Requests made"), "",
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters",
                           "sequential: one after another. threads: a thread per request. coroutines: a coroutine "
                           "per request on one event loop."),
         0, 0, 0, {QStringLiteral("sequential"), QStringLiteral("threads"), QStringLiteral("coroutines")},
         QStringLiteral("coroutines")},
        {kUrls, T::Integer, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Requests"), "",
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "How many URLs to fetch."), 1, 200, 10, {}, {}},
        {kLatency, T::Integer, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Server latency"),
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "ms"),
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "How long the server waits before it answers a request."), 0,
         5000, 200, {}, {}},
        {kStep, T::Integer, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Latency step"),
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "ms"),
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters",
                           "Request i waits this much more than request i − 1, so the latencies differ."),
         0, 1000, 0, {}, {}},
    };
}

QList<Preset> FetchLesson::presets() const
{
    return {
        // Seed 000 §6.2 downloads three pictures.
        {QT_TRANSLATE_NOOP("cl::scenarios::Presets", "As in the notes"),
         {{kMode, QStringLiteral("coroutines")},
          {kUrls, QStringLiteral("3")},
          {kLatency, QStringLiteral("500")},
          {kStep, QStringLiteral("250")}}},
        {QT_TRANSLATE_NOOP("cl::scenarios::Presets", "Quick"),
         {{kMode, QStringLiteral("coroutines")},
          {kUrls, QStringLiteral("10")},
          {kLatency, QStringLiteral("50")},
          {kStep, QStringLiteral("0")}}},
    };
}

int FetchLesson::plannedProcesses(const ParameterValues &) const { return 0; }

record::SharedArena::Layout FetchLesson::layout(const ParameterValues &values) const
{
    record::SharedArena::Layout l;
    l.ringCount = std::uint32_t(values.integer(kUrls)) + 8; // a thread per request, the server, the run thread
    l.ringCapacity = 16384;
    l.objectsBytes = 64 * 1024 + std::size_t(values.integer(kUrls)) * sizeof(FetchResult);
    return l;
}

Outcome FetchLesson::run(RunContext &context, const ParameterValues &values) const
{
    Outcome out;
    const QString mode = values.choice(kMode);
    auto &arena = context.arena();
    FetchArgs args{};
    args.urls = int(values.integer(kUrls));
    args.latencyMs = int(values.integer(kLatency));
    args.stepMs = int(values.integer(kStep));
    args.sharedOffset = arena.allocateObject(sizeof(FetchShared), alignof(FetchShared));
    args.resultsOffset = arena.allocateObject(sizeof(FetchResult) * std::size_t(args.urls), alignof(FetchResult));
    if (!args.sharedOffset || !args.resultsOffset) {
        out.error = tr("could not set up the shared results");
        return out;
    }
    FetchShared &shared = *new (arena.object<FetchShared>(args.sharedOffset)) FetchShared{};
    auto *results = arena.object<FetchResult>(args.resultsOffset);
    std::fill_n(results, args.urls, FetchResult{});

    if (!context.spawn(true, "fetch.server", "server", 0, args)) {
        out.error = context.error();
        return out;
    }
    while (shared.port.load() == 0 && shared.serverError.load() == 0 && !context.stopRequested())
        context.reapFor(1);
    // Requests never made count as done, so the server's watch can end it;
    // threads still running count themselves when they finish.
    std::uint32_t notMade = std::uint32_t(args.urls);
    if (shared.port.load() != 0) {
        record::Writer &w = context.writer();
        if (mode == QLatin1String("sequential")) {
            for (int i = 0; i < args.urls && !context.stopRequested(); ++i) {
                const std::uint32_t object = arena.newObjectId();
                w.nameObject(object, "GET /" + std::to_string(i));
                fetchBlocking(w, args, shared, results[i], i, object);
            }
        } else if (mode == QLatin1String("threads")) {
            notMade = 0;
            for (int i = 0; i < args.urls; ++i)
                if (!context.spawn(true, "fetch.client", "fetch-" + std::to_string(i), i, args)) {
                    notMade = std::uint32_t(args.urls - i);
                    break;
                }
        } else {
            runtime::CoroTracer tracer(&w);
            runtime::EventLoop loop(&tracer, &arena.header()->stopRequested);
            for (int i = 0; i < args.urls; ++i)
                loop.spawn(fetchAsync(loop, args, shared, results[i], i), "fetch /" + std::to_string(i));
            loop.run();
        }
        if (mode != QLatin1String("threads"))
            notMade = std::uint32_t(args.urls) - std::min<std::uint32_t>(shared.clientsDone.load(), args.urls);
    }
    shared.clientsDone.fetch_add(notMade);
    context.waitAll();
    out.error = context.error();
    if (out.error.isEmpty() && shared.serverError.load() != 0)
        out.error = tr("the server could not listen on 127.0.0.1: %1")
                        .arg(QString::fromStdString(runtime::netErrorText(shared.serverError.load())));
    if (out.error.isEmpty() && shared.clientError.load() != 0)
        out.error = tr("a request failed: %1")
                        .arg(QString::fromStdString(runtime::netErrorText(shared.clientError.load())));

    std::uint64_t first = ~std::uint64_t(0), last = 0, sumDur = 0, maxDur = 0;
    qint64 ok = 0, sumLatency = 0, maxLatency = 0;
    for (int i = 0; i < args.urls; ++i) {
        const FetchResult &r = results[i];
        sumLatency += fetchLatencyMs(args, i);
        maxLatency = std::max<qint64>(maxLatency, fetchLatencyMs(args, i));
        if (!r.ok)
            continue;
        ++ok;
        first = std::min(first, r.startNs);
        last = std::max(last, r.endNs);
        sumDur += r.endNs - r.startNs;
        maxDur = std::max(maxDur, r.endNs - r.startNs);
    }
    const std::uint64_t wall = ok > 0 ? last - first : 0;
    // 0: the requests followed each other (wall = sum); 100: the run took
    // no longer than its longest request (wall = max).
    qint64 overlap = 0;
    if (ok > 1 && sumDur > maxDur)
        overlap = std::clamp<qint64>(qint64((double(sumDur) - double(wall)) * 100.0 / double(sumDur - maxDur) + 0.5),
                                     0, 100);
    const qint64 wallMs = qint64((wall + 500'000) / 1'000'000);
    out.metrics = {
        {QStringLiteral("wall_ms"), wallMs, tr("wall time, first request to last reply (ms)")},
        {QStringLiteral("sum_latency_ms"), sumLatency, tr("server latencies added up (ms)")},
        {QStringLiteral("max_latency_ms"), maxLatency, tr("longest server latency (ms)")},
        {QStringLiteral("overlap_pct"), overlap, tr("overlap of the waits (%)")},
        {QStringLiteral("requests_ok"), ok, tr("requests answered")},
    };
    out.problem = ok != args.urls;
    if (out.problem)
        out.verdict = tr("Only %1 of %2 requests were answered.").arg(ok).arg(args.urls);
    else if (mode == QLatin1String("sequential"))
        out.verdict = tr("One after another, the %1 requests took %2 ms: about the sum of the server's latencies "
                         "(%3 ms). Overlap %4%.")
                          .arg(args.urls)
                          .arg(wallMs)
                          .arg(sumLatency)
                          .arg(overlap);
    else
        out.verdict = tr("%1: the %2 requests waited at the same time and took %3 ms, about the longest latency "
                         "(%4 ms) instead of their sum (%5 ms). Overlap %6%.")
                          .arg(choiceLabel(mode))
                          .arg(args.urls)
                          .arg(wallMs)
                          .arg(maxLatency)
                          .arg(sumLatency)
                          .arg(overlap);
    return out;
}

QString FetchLesson::pythonSnippet(const ParameterValues &values) const
{
    const QString mode = values.choice(kMode);
    QString py = QStringLiteral("import asyncio, socket, threading, time\n"
                                "\n"
                                "URLS, LATENCY_MS, STEP_MS = %1, %2, %3\n"
                                "\n"
                                "# The slow site: answers 'GET /i' after LATENCY_MS + i * STEP_MS.\n"
                                "async def handle(reader, writer):\n"
                                "    i = int((await reader.readline()).split()[1][1:])\n"
                                "    await asyncio.sleep((LATENCY_MS + i * STEP_MS) / 1000)\n"
                                "    writer.write(b'HTTP/1.0 200 OK\\r\\n\\r\\nhello\\n')\n"
                                "    await writer.drain()\n"
                                "    writer.close()\n"
                                "\n"
                                "def run_server(ready):\n"
                                "    async def main():\n"
                                "        server = await asyncio.start_server(handle, '127.0.0.1', 0)\n"
                                "        ready.append(server.sockets[0].getsockname()[1])\n"
                                "        async with server:\n"
                                "            await asyncio.sleep(3600)\n"
                                "    asyncio.run(main())\n"
                                "\n")
                     .arg(values.integer(kUrls))
                     .arg(values.integer(kLatency))
                     .arg(values.integer(kStep));
    if (mode == QLatin1String("coroutines")) {
        py += QStringLiteral("async def fetch(port, i):\n"
                             "    reader, writer = await asyncio.open_connection('127.0.0.1', port)\n"
                             "    writer.write(f'GET /{i}\\n'.encode())\n"
                             "    reply = await reader.read()      # the loop runs the other fetches meanwhile\n"
                             "    writer.close()\n"
                             "    return reply\n"
                             "\n"
                             "async def fetch_all(port):\n"
                             "    return await asyncio.gather(*(fetch(port, i) for i in range(URLS)))\n"
                             "\n");
    } else {
        py += QStringLiteral("def fetch(port, i, replies):\n"
                             "    with socket.create_connection(('127.0.0.1', port)) as s:\n"
                             "        s.sendall(f'GET /{i}\\n'.encode())\n"
                             "        replies.append(b''.join(iter(lambda: s.recv(4096), b'')))\n"
                             "\n");
    }
    py += QStringLiteral("if __name__ == '__main__':\n"
                         "    ready = []\n"
                         "    threading.Thread(target=run_server, args=(ready,), daemon=True).start()\n"
                         "    while not ready:\n"
                         "        time.sleep(0.01)\n"
                         "    t0 = time.perf_counter()\n");
    if (mode == QLatin1String("coroutines"))
        py += QStringLiteral("    replies = asyncio.run(fetch_all(ready[0]))\n");
    else if (mode == QLatin1String("threads"))
        py += QStringLiteral("    replies = []\n"
                             "    threads = [threading.Thread(target=fetch, args=(ready[0], i, replies)) for i in range(URLS)]\n"
                             "    for t in threads:\n"
                             "        t.start()\n"
                             "    for t in threads:\n"
                             "        t.join()\n");
    else
        py += QStringLiteral("    replies = []\n"
                             "    for i in range(URLS):\n"
                             "        fetch(ready[0], i, replies)   # one after another\n");
    py += QStringLiteral("    wall = (time.perf_counter() - t0) * 1000\n"
                         "    latencies = [LATENCY_MS + i * STEP_MS for i in range(URLS)]\n"
                         "    print(f'{len(replies)} replies in {wall:.0f} ms; '\n"
                         "          f'latencies add up to {sum(latencies)} ms, the longest is {max(latencies)} ms')\n");
    return py;
}

} // namespace cl::scenarios
