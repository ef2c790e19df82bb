// Opening a trace: the Chrome trace JSON reader over a generated trace shaped
// like the app's own (state spans with their lock, counters, printed lines,
// hand-overs), from memory and from a mapped file. Goal (issue 7): >= 300 MB/s
// on a 1 GB file of 10 M events; <= 24 bytes of memory per stored span.
//
// CL_BENCH_LOAD_EVENTS sets the generated size (default 1 000 000 events,
// about 100 MB); CL_BENCH_LOAD_FILE names a trace file to load instead of
// generating one (it is generated there first if missing). See
// docs/benchmarks.md for the recorded figures and the command.
#include "core/trace/chrome_trace_reader.h"

#include <QFile>
#include <QString>

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

using cl::trace::TraceStore;

namespace {

std::uint64_t envNumber(const char *name, std::uint64_t fallback)
{
    const char *text = std::getenv(name);
    if (!text || !*text)
        return fallback;
    return std::strtoull(text, nullptr, 10);
}

// A trace like a long lock-contention run: 64 workers taking turns at 4
// locks (wait, hold, running), one counter sample and one printed line in
// 32 events, a hand-over per hold. About 100 bytes per event, as the app
// writes them.
template<typename Sink>
void generateTrace(std::uint64_t events, Sink &&out)
{
    constexpr int kWorkers = 64;
    out("{\"displayTimeUnit\":\"ms\",\"metadata\":{\"scenario\":\"lock-contention\",\"time_origin_ns\":1000000000},"
        "\"traceEvents\":[\n");
    char line[320];
    for (int w = 0; w < kWorkers; ++w) {
        const int n = std::snprintf(line, sizeof line,
                                    "{\"ph\":\"M\",\"pid\":%d,\"tid\":%d,\"name\":\"thread_name\",\"ts\":0,"
                                    "\"args\":{\"name\":\"worker-%d\",\"ppid\":1}},\n",
                                    1000 + w, 1000 + w, w);
        out(std::string_view(line, std::size_t(n)));
    }
    static const char *const kStates[] = {"lock-wait", "lock-hold", "running"};
    double t = 0.0;
    for (std::uint64_t i = 0; i < events; ++i) {
        const int w = int(i % kWorkers);
        const bool last = i + 1 == events;
        int n;
        if (i % 32 == 7) {
            n = std::snprintf(line, sizeof line,
                              "{\"ph\":\"C\",\"name\":\"queue depth\",\"pid\":1000,\"ts\":%.3f,\"args\":{\"value\":%d}}%s\n",
                              t, int(i % 97), last ? "" : ",");
        } else if (i % 32 == 19) {
            n = std::snprintf(line, sizeof line,
                              "{\"ph\":\"i\",\"pid\":%d,\"tid\":%d,\"s\":\"t\",\"name\":\"took the lock %llu\","
                              "\"cat\":\"print\",\"ts\":%.3f}%s\n",
                              1000 + w, 1000 + w, static_cast<unsigned long long>(i), t, last ? "" : ",");
        } else if (i % 32 == 27) {
            n = std::snprintf(line, sizeof line,
                              "{\"ph\":\"%s\",\"pid\":%d,\"tid\":%d,\"id\":%llu,\"name\":\"hand-over\",\"cat\":\"flow\","
                              "\"ts\":%.3f,\"args\":{\"object\":\"lock %d\"}}%s\n",
                              (i / 32) % 2 ? "f" : "s", 1000 + w, 1000 + w, static_cast<unsigned long long>(i / 64),
                              t, int(i % 4), last ? "" : ",");
        } else {
            n = std::snprintf(line, sizeof line,
                              "{\"ph\":\"X\",\"pid\":%d,\"tid\":%d,\"name\":\"%s\",\"cat\":\"state\",\"ts\":%.3f,"
                              "\"dur\":%.3f,\"args\":{\"object\":\"lock %d\"}}%s\n",
                              1000 + w, 1000 + w, kStates[i % 3], t, 12.5 + double(i % 50), int(i % 4),
                              last ? "" : ",");
        }
        out(std::string_view(line, std::size_t(n)));
        t += 0.731;
    }
    out("]}\n");
}

const std::string &generatedText()
{
    static const std::string text = [] {
        std::string s;
        const std::uint64_t events = envNumber("CL_BENCH_LOAD_EVENTS", 1'000'000);
        s.reserve(events * 110);
        generateTrace(events, [&](std::string_view part) { s.append(part); });
        return s;
    }();
    return text;
}

std::uint64_t peakRssBytes()
{
    std::ifstream status("/proc/self/status");
    std::string key;
    while (status >> key) {
        if (key == "VmHWM:") {
            std::uint64_t kb = 0;
            status >> kb;
            return kb * 1024;
        }
        status.ignore(4096, '\n');
    }
    return 0;
}

void report(benchmark::State &state, const TraceStore &store, const cl::trace::TraceLoadReport &r,
            std::uint64_t bytes)
{
    std::uint64_t spans = 0, spanBytes = 0;
    for (const auto &w : store.workers()) {
        spans += w.spans.size();
        spanBytes += w.spans.capacity() * sizeof(cl::trace::Span);
    }
    state.SetBytesProcessed(std::int64_t(bytes) * state.iterations());
    state.SetItemsProcessed(std::int64_t(r.events) * state.iterations());
    state.counters["events"] = double(r.events);
    state.counters["stored_items"] = double(store.storedItems());
    state.counters["not_kept"] = double(store.droppedByLimit());
    state.counters["bytes_per_span"] = spans ? double(spanBytes) / double(spans) : 0.0;
    state.counters["peak_rss_MB"] = double(peakRssBytes()) / (1024.0 * 1024.0);
}

// From memory: the reader and the store, no I/O.
void BM_LoadChromeTraceFromMemory(benchmark::State &state)
{
    const std::string &text = generatedText();
    TraceStore store;
    store.setItemLimit(std::uint64_t(state.range(0)));
    cl::trace::TraceLoadReport r;
    for (auto _ : state) {
        r = cl::trace::readChromeTrace(text, QStringLiteral("generated"), store);
        if (!r.ok)
            state.SkipWithError(r.error.toUtf8().constData());
        benchmark::DoNotOptimize(store.storedItems());
    }
    report(state, store, r, text.size());
}
// The default store limit (4 M items), and one that keeps everything.
BENCHMARK(BM_LoadChromeTraceFromMemory)->Arg(4'000'000)->Arg(1'000'000'000)->Unit(benchmark::kMillisecond)->UseRealTime()->MeasureProcessCPUTime();

// From a file, mapped: what File → Open and "render" do.
void BM_LoadChromeTraceFile(benchmark::State &state)
{
    const char *named = std::getenv("CL_BENCH_LOAD_FILE");
    if (!named || !*named) {
        state.SkipWithError("set CL_BENCH_LOAD_FILE to a trace file (it is generated there if missing)");
        return;
    }
    const QString path = QString::fromLocal8Bit(named);
    if (!QFile::exists(path)) {
        std::FILE *f = std::fopen(named, "wb");
        if (!f) {
            state.SkipWithError("cannot create CL_BENCH_LOAD_FILE");
            return;
        }
        generateTrace(envNumber("CL_BENCH_LOAD_EVENTS", 10'000'000),
                      [&](std::string_view part) { std::fwrite(part.data(), 1, part.size(), f); });
        std::fclose(f);
    }
    const std::uint64_t bytes = std::uint64_t(QFile(path).size());
    TraceStore store;
    store.setItemLimit(std::uint64_t(state.range(0)));
    cl::trace::TraceLoadReport r;
    for (auto _ : state) {
        r = cl::trace::loadChromeTrace(path, store);
        if (!r.ok)
            state.SkipWithError(r.error.toUtf8().constData());
    }
    report(state, store, r, bytes);
}
BENCHMARK(BM_LoadChromeTraceFile)->Arg(4'000'000)->Arg(1'000'000'000)->Unit(benchmark::kMillisecond)->UseRealTime()->MeasureProcessCPUTime()->Iterations(1);

} // namespace
