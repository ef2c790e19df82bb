// What a timeline frame costs at scale, and how long an event takes to
// reach the screen in a live run. docs/benchmarks.md ("Timeline at scale")
// has the figures and how to run this.
//
// BM_TimelineFrame/M/Z/A: a synthetic trace of M million spans over 200 rows
// (tests/synthetic_trace.h: back-to-back lock-lesson states, some nested,
// one in 64 up to 40 times longer), a 1920x1080 frame showing 1/Z of the
// run, centred. A = 1: all 200 rows on screen (5 px each); A = 0: the rows a
// 1080 px view shows at the timeline's 22 px. Each iteration builds the draw
// list and paints the whole frame (bands, grid, axis, labels, spans, ticks,
// arrows) into a QImage, as TimelineView does after a pan or zoom.
//
// BM_TimelineFlows/M/Z: hand-overs only, found through their index (below).
//
// BM_LiveEventToPixel: worker threads record 100,000 span events/s into the
// shared-memory rings, the collector drains them on its thread, and the GUI
// side pulls a batch every 30 ms as RunSession does, ingests it, refreshes a
// real TimelineView (following live, fitted) and renders it. The latency of
// an event is when the frame that first showed it was done, minus its time.
#include "../synthetic_trace.h"
#include "../trace_builder.h"
#include "core/record/clock.h"
#include "core/record/collector.h"
#include "core/record/shared_arena.h"
#include "core/record/writer.h"
#include "core/trace/trace_store.h"
#include "ui/timeline_draw_list.h"
#include "ui/timeline_painter.h"
#include "ui/timeline_view.h"

#include <QApplication>
#include <QImage>
#include <QPainter>
#include <QRegion>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <map>
#include <memory>
#include <thread>
#include <vector>

using namespace cl;

namespace {

QApplication &app()
{
    static int argc = 1;
    static char name[] = "cl_bench";
    static char *argv[] = {name, nullptr};
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    static QApplication a(argc, argv);
    return a;
}

const trace::TraceStore &syntheticStore(std::uint64_t spans)
{
    static std::map<std::uint64_t, std::unique_ptr<trace::TraceStore>> stores;
    auto &store = stores[spans];
    if (!store) {
        // One at a time: 10 M spans are 240 MB on their own.
        stores.clear();
        auto fresh = std::make_unique<trace::TraceStore>();
        tests::fillSyntheticTrace(*fresh, {.spans = spans, .rows = 200, .printEvery = 100});
        return *(stores[spans] = std::move(fresh));
    }
    return *store;
}

double msSince(std::chrono::steady_clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

void BM_TimelineFrame(benchmark::State &state)
{
    app();
    const auto spans = std::uint64_t(state.range(0)) * 1'000'000;
    const auto zoom = std::uint64_t(state.range(1));
    const bool allRows = state.range(2) != 0;
    const trace::TraceStore &store = syntheticStore(spans);

    constexpr int kWidth = 1920;
    constexpr int kHeight = 1080;
    constexpr int kLabel = 180;
    constexpr int kAxis = 28;
    QFont font;
    font.setPixelSize(12); // as exports do: the same picture whatever the screen
    const ui::TimelinePainter painter(ui::defaultTimelineStyle(font));
    ui::TimelineLayoutOptions layoutOptions;
    layoutOptions.rowHeight = allRows ? 5 : 22;
    layoutOptions.labelWidth = kLabel;
    const auto layout = ui::TimelineLayout::build(store, layoutOptions);
    ui::TimelineIndex index;
    index.update(store);
    QImage image(kWidth, kHeight, QImage::Format_ARGB32_Premultiplied);

    const std::uint64_t whole = store.endTime() - store.beginTime();
    const std::uint64_t span = whole / zoom;
    const std::uint64_t begin = store.beginTime() + (whole - span) / 2;
    ui::TimeAxis axis(begin, begin + span, kWidth - kLabel - 10, kLabel);
    ui::DrawListOptions options;
    options.yOrigin = kAxis;
    options.lastRow = (kHeight - kAxis) / layout.rowHeight() + 1;
    // For trying other thresholds: rows with more spans in view than this
    // are drawn from the level of detail (0: the timeline's own choice).
    if (const char *lod = std::getenv("CL_BENCH_LOD_SPANS"))
        options.lodSpans = std::size_t(std::strtoull(lod, nullptr, 10));
    ui::TimelineFrame frame;
    frame.axisRect = QRectF(kLabel, 0, axis.width(), kAxis);
    frame.labelRect = QRectF(0, kAxis, kLabel, kHeight - kAxis);
    frame.rowsRect = QRectF(kLabel, kAxis, kWidth - kLabel, kHeight - kAxis);
    frame.origin = store.beginTime();
    frame.store = &store;
    QRegion around(image.rect());
    around -= frame.axisRect.toAlignedRect();
    around -= frame.labelRect.united(frame.rowsRect).toAlignedRect();

    // The first frame at a zoom level builds the store's buckets for it:
    // timed apart, once, since every later frame at that level reuses them.
    const auto warm = std::chrono::steady_clock::now();
    ui::DrawList list = ui::buildDrawList(store, layout, axis, options, &index);
    state.counters["first_frame_ms"] = msSince(warm);

    double buildMs = 0.0;
    double paintMs = 0.0;
    std::size_t rects = 0;
    std::size_t ticks = 0;
    int step = 0;
    for (auto _ : state) {
        // A one-pixel pan back and forth: a new range every frame, as when
        // the user drags, so nothing but the store's buckets is reused.
        ui::TimeAxis moved = axis;
        moved.pan((step++ % 2) ? 1.0 : -1.0);
        const auto t0 = std::chrono::steady_clock::now();
        list = ui::buildDrawList(store, layout, moved, options, &index, std::move(list)); // as TimelineView does
        const auto t1 = std::chrono::steady_clock::now();
        // As TimelineView does: the frame paints its axis, label column and
        // rows; the corners beside the axis are filled apart.
        QPainter p(&image);
        for (const QRect &r : around)
            p.fillRect(r, Qt::white);
        painter.paintFrame(p, layout, list, moved, frame);
        p.end();
        buildMs += std::chrono::duration<double, std::milli>(t1 - t0).count();
        paintMs += msSince(t1);
        rects = list.spans.size();
        ticks = list.ticks.size();
        benchmark::DoNotOptimize(image.constBits());
    }
    // To look at what was timed: CL_BENCH_SAVE_FRAMES=DIR keeps each case's last frame.
    if (const char *dir = std::getenv("CL_BENCH_SAVE_FRAMES"))
        image.save(QStringLiteral("%1/frame_%2M_zoom%3_%4.png")
                       .arg(QString::fromLocal8Bit(dir))
                       .arg(spans / 1'000'000)
                       .arg(zoom)
                       .arg(allRows ? QStringLiteral("allrows") : QStringLiteral("22px")));
    const double n = double(std::max<benchmark::IterationCount>(state.iterations(), 1));
    state.counters["build_ms"] = buildMs / n;
    state.counters["paint_ms"] = paintMs / n;
    state.counters["rects"] = double(rects);
    state.counters["ticks"] = double(ticks);
    state.counters["rows"] = double(list.lastRow - list.firstRow);
    state.counters["lod_rows"] = double(list.lodRows);
}
BENCHMARK(BM_TimelineFrame)
    ->ArgsProduct({{1, 10}, {1, 8, 64, 512}, {0, 1}})
    ->ArgNames({"Mspans", "zoom", "allrows"})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// One worker thread: records begin/end pairs at `rate` events/s, in bursts
// every millisecond, until told to stop.
void produce(record::SharedArena &arena, std::atomic<bool> &stop, double rate)
{
    record::Writer w(&arena, std::uint32_t(arena.acquireRing()));
    w.record(trace::EventKind::WorkerStart, 0, 0, 0);
    const auto period = std::chrono::milliseconds(1);
    auto next = std::chrono::steady_clock::now();
    double owed = 0.0;
    bool open = false;
    while (!stop.load(std::memory_order_relaxed)) {
        owed += rate / 1000.0;
        for (; owed >= 1.0; owed -= 1.0) {
            w.record(open ? trace::EventKind::SpanEnd : trace::EventKind::SpanBegin,
                     std::uint8_t(trace::SpanState::LockHold), 1, 0);
            open = !open;
        }
        next += period;
        std::this_thread::sleep_until(next);
    }
    w.record(trace::EventKind::WorkerExit, 0, 0, 0);
}

void BM_LiveEventToPixel(benchmark::State &state)
{
    app();
    const int workers = int(state.range(0));
    const double rate = double(state.range(1)); // events/s, all workers together
    constexpr auto kPoll = std::chrono::milliseconds(30); // RunSession's poll interval
    constexpr int kFrames = 150;

    std::vector<double> worst; // per frame: its oldest new event
    std::vector<double> mean;  // per frame: the average over its new events
    std::uint64_t events = 0;
    std::uint64_t dropped = 0;
    double measuredS = 0.0; // wall time of the measured frames: a slow frame delays the next poll
    for (auto _ : state) {
        record::SharedArena arena = record::SharedArena::create({std::uint32_t(workers + 2), 1u << 16, 1 << 16});
        record::Collector collector(arena);
        collector.start(); // its default interval, as a run uses
        trace::TraceStore store;
        ui::TimelineView view;
        view.setAttribute(Qt::WA_DontShowOnScreen);
        view.resize(1920, 1080);
        view.show();
        view.setStore(&store);
        QImage image(view.size(), QImage::Format_ARGB32_Premultiplied);

        std::atomic<bool> stop{false};
        std::vector<std::thread> threads;
        for (int i = 0; i < workers; ++i)
            threads.emplace_back(produce, std::ref(arena), std::ref(stop), rate / workers);
        auto next = std::chrono::steady_clock::now();
        auto measuredFrom = next;
        for (int f = 0; f < kFrames; ++f) {
            if (f == 5)
                measuredFrom = std::chrono::steady_clock::now();
            next += kPoll;
            // A frame that took longer than the poll interval delays the next
            // poll, as a busy GUI thread delays RunSession's timer.
            next = std::max(next, std::chrono::steady_clock::now());
            std::this_thread::sleep_until(next);
            record::Batch batch = collector.takeBatch();
            std::uint64_t oldest = ~std::uint64_t(0);
            double sum = 0.0;
            std::size_t n = 0;
            for (const auto &e : batch.events) {
                if (e.kind != trace::EventKind::SpanBegin && e.kind != trace::EventKind::SpanEnd)
                    continue;
                oldest = std::min(oldest, e.timeNs);
                sum += double(e.timeNs);
                ++n;
            }
            store.ingest(std::move(batch));
            view.refresh();
            view.render(&image);
            const std::uint64_t done = record::monotonicNs();
            if (n > 0 && f >= 5) { // after the start-up frames
                worst.push_back(double(done - oldest) / 1e6);
                mean.push_back((double(done) - sum / double(n)) / 1e6);
                events += n;
            }
        }
        measuredS = std::chrono::duration<double>(std::chrono::steady_clock::now() - measuredFrom).count();
        stop.store(true);
        for (auto &t : threads)
            t.join();
        collector.stop();
        dropped = collector.droppedTotal();
        state.SetIterationTime(double(kFrames) * 0.030);
    }
    std::sort(worst.begin(), worst.end());
    const auto pct = [&](double p) { return worst.empty() ? 0.0 : worst[std::size_t(p * double(worst.size() - 1))]; };
    double meanAll = 0.0;
    for (double m : mean)
        meanAll += m;
    state.counters["latency_p50_ms"] = pct(0.5);
    state.counters["latency_p99_ms"] = pct(0.99);
    state.counters["latency_max_ms"] = worst.empty() ? 0.0 : worst.back();
    state.counters["latency_mean_ms"] = mean.empty() ? 0.0 : meanAll / double(mean.size());
    state.counters["events_per_s"] = measuredS > 0.0 ? double(events) / measuredS : 0.0;
    state.counters["frames"] = double(worst.size());
    state.counters["dropped"] = double(dropped);
}
BENCHMARK(BM_LiveEventToPixel)
    ->Args({8, 100000})
    ->ArgNames({"workers", "events_per_s"})
    ->Iterations(1)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

// BM_TimelineFlows/M/Z: the draw list of a trace of M million hand-overs
// between 200 workers (random pairs, random times over 10 s, a few long),
// 1/Z of the run in view, 200 rows. The flows are found through the index
// by time; zoomed out over far more flows than columns, per column.
void BM_TimelineFlows(benchmark::State &state)
{
    app();
    const auto flows = std::uint64_t(state.range(0)) * 1'000'000;
    const auto zoom = std::uint64_t(state.range(1));
    static std::map<std::uint64_t, std::unique_ptr<trace::TraceStore>> stores;
    auto &slot = stores[flows];
    if (!slot) {
        slot = std::make_unique<trace::TraceStore>();
        slot->setItemLimit(flows * 2 + 1'000'000);
        constexpr std::uint64_t kT0 = 1'000'000'000'000ull;
        constexpr std::uint64_t kRun = 10'000'000'000ull;
        tests::Lcg rnd(7);
        std::vector<trace::Event> events;
        for (int w = 0; w < 200; ++w)
            events.push_back(tests::ev(trace::EventKind::WorkerStart, 100 + w, 100 + w, kT0));
        for (std::uint64_t i = 0; i < flows; ++i) {
            // Lcg::below draws 32 bits: microseconds, then nanoseconds.
            const std::uint64_t t = kT0 + 1 + rnd.below(kRun / 1000) * 1000 + rnd.below(1000);
            const std::uint64_t gap = rnd.below(64) == 0 ? rnd.below(kRun / 10) : rnd.below(kRun / 100'000);
            const int from = int(rnd.below(200));
            const int to = int(rnd.below(200));
            const auto id = std::uint32_t(1000 + i);
            events.push_back(tests::ev(trace::EventKind::FlowOut, 100 + from, 100 + from, t, 1, id, 7));
            events.push_back(tests::ev(trace::EventKind::FlowIn, 100 + to, 100 + to, t + gap, 1, id, 7));
        }
        slot->addEvents(std::move(events));
    }
    const trace::TraceStore &store = *slot;
    ui::TimelineLayoutOptions layoutOptions;
    layoutOptions.rowHeight = 5;
    const auto layout = ui::TimelineLayout::build(store, layoutOptions);
    ui::TimelineIndex index;
    const auto warm = std::chrono::steady_clock::now();
    index.update(store);
    state.counters["index_ms"] = msSince(warm);
    const std::uint64_t whole = store.endTime() - store.beginTime();
    const std::uint64_t span = whole / zoom;
    const std::uint64_t begin = store.beginTime() + (whole - span) / 2;
    const ui::TimeAxis axis(begin, begin + span, 1730, 180);
    ui::DrawList list;
    int step = 0;
    for (auto _ : state) {
        ui::TimeAxis moved = axis;
        moved.pan((step++ % 2) ? 1.0 : -1.0);
        list = ui::buildDrawList(store, layout, moved, {}, &index, std::move(list));
        benchmark::DoNotOptimize(list.flows.data());
    }
    state.counters["arrows"] = double(list.flows.size());

    state.counters["flows_read"] = double(list.flowsVisited);
}
BENCHMARK(BM_TimelineFlows)
    ->ArgsProduct({{1}, {1, 64, 4096}})
    ->ArgNames({"Mflows", "zoom"})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

} // namespace
