// Pixels, not just geometry: a known trace painted into a fixed-size image
// must show the lock-hold colour where the hold is, the lock-wait colour
// where the wait is, and background where nothing happened. Also the widget
// and the PNG exporter end to end.
#include "trace_builder.h"
#include "core/scenarios/run_session.h"
#include "ui/state_palette.h"
#include "ui/timeline_painter.h"
#include "ui/timeline_view.h"
#include "ui/trace_image.h"

#include <QHelpEvent>
#include <QImage>
#include <QLocale>
#include <QPainter>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolTip>

#include <cmath>
#include <vector>

using namespace cl;
using trace::Event;
using trace::EventKind;
using trace::SpanState;
using trace::TraceStore;

namespace {
constexpr std::uint64_t kT0 = 77000000000000ull;
using cl::tests::kMs;
constexpr std::uint32_t kLock = 42;

// Every worker here is a one-thread process.
Event ev(EventKind kind, std::int32_t pid, std::uint64_t t, std::uint8_t arg = 0, std::uint32_t object = 0,
         std::int64_t value = 0)
{
    return cl::tests::ev(kind, pid, pid, t, arg, object, value);
}

Event span(EventKind kind, std::int32_t pid, std::uint64_t t, SpanState s, std::uint32_t object = kLock)
{
    return ev(kind, pid, t, std::uint8_t(s), object);
}

// buyer-1 holds the lock 1..4 ms and hands it to buyer-2, which waited 1..4 ms
// and holds it 4..8 ms; buyer-1 exits at 5 ms, buyer-2 at 9 ms.
void fillTwoBuyers(TraceStore &store)
{
    store.addString(1, "buyer-1");
    store.addString(2, "buyer-2");
    store.addString(3, "tickets lock");
    store.addString(4, "tickets left: 9");
    store.addEvents({
        ev(EventKind::ObjectName, 0, kT0, 0, kLock, 3),
        ev(EventKind::WorkerStart, 101, kT0, 0, 1, 100),
        ev(EventKind::WorkerStart, 102, kT0, 0, 2, 100),
        span(EventKind::SpanBegin, 101, kT0 + 1 * kMs, SpanState::LockHold),
        span(EventKind::SpanBegin, 102, kT0 + 1 * kMs, SpanState::LockWait),
        ev(EventKind::Print, 101, kT0 + 2 * kMs, 0, 4),
        span(EventKind::SpanEnd, 101, kT0 + 4 * kMs, SpanState::LockHold),
        ev(EventKind::FlowOut, 101, kT0 + 4 * kMs, 0, 7, kLock),
        span(EventKind::SpanEnd, 102, kT0 + 4 * kMs, SpanState::LockWait),
        ev(EventKind::FlowIn, 102, kT0 + 4 * kMs, 0, 7, kLock),
        span(EventKind::SpanBegin, 102, kT0 + 4 * kMs, SpanState::LockHold),
        ev(EventKind::WorkerExit, 101, kT0 + 5 * kMs, 0, 0, 0),
        span(EventKind::SpanEnd, 102, kT0 + 8 * kMs, SpanState::LockHold),
        ev(EventKind::WorkerExit, 102, kT0 + 9 * kMs, 0, 0, 0),
    });
}

bool sameColour(QRgb pixel, const QColor &expected)
{
    const QColor c = QColor::fromRgb(pixel);
    return qAbs(c.red() - expected.red()) <= 2 && qAbs(c.green() - expected.green()) <= 2 &&
           qAbs(c.blue() - expected.blue()) <= 2;
}

int countColour(const QImage &image, const QColor &expected)
{
    int n = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            n += sameColour(image.pixel(x, y), expected) ? 1 : 0;
    return n;
}

QString describe(QRgb pixel)
{
    return QColor::fromRgb(pixel).name();
}
} // namespace

class TstTimelineRender : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void paletteIsDistinct();
    void paintsKnownPixels();
    void viewPaintsAndSignals();
    void viewToolTip();
    void traceImage();
    void legendListsOnlyWhatTheTraceHas();
    void finishedRunEndsEveryLane();
    void exportShowsTheCounter();
    void sampleImage();
};

void TstTimelineRender::paletteIsDistinct()
{
    const auto &states = ui::allSpanStates();
    for (std::size_t i = 0; i < states.size(); ++i) {
        QVERIFY(!ui::stateDisplayName(states[i]).isEmpty());
        for (std::size_t j = i + 1; j < states.size(); ++j)
            QVERIFY(ui::stateColor(states[i]) != ui::stateColor(states[j]));
    }
    QVERIFY(ui::workerColor(0) != ui::workerColor(1));
    QVERIFY(ui::workerColor(40).isValid());
}

void TstTimelineRender::paintsKnownPixels()
{
    TraceStore store;
    fillTwoBuyers(store);
    const auto layout = ui::TimelineLayout::build(store);
    QCOMPARE(layout.rowCount(), 2);

    QImage image(800, 300, QImage::Format_RGB32);
    const ui::TimelinePainter painter;
    image.fill(painter.style().background);
    const double axisHeight = 30.0;
    ui::TimeAxis axis(kT0, kT0 + 10 * kMs, 800.0 - layout.labelWidth(), layout.labelWidth());
    ui::DrawListOptions options;
    options.yOrigin = axisHeight;
    const auto list = ui::buildDrawList(store, layout, axis, options);
    ui::TimelineFrame frame;
    frame.axisRect = QRectF(axis.left(), 0, axis.width(), axisHeight);
    frame.labelRect = QRectF(0, axisHeight, layout.labelWidth(), 300 - axisHeight);
    frame.rowsRect = QRectF(axis.left(), axisHeight, axis.width(), 300 - axisHeight);
    frame.origin = store.beginTime();
    frame.store = &store;
    {
        QPainter p(&image);
        painter.paintFrame(p, layout, list, axis, frame);
    }

    const int row1 = layout.rowOfWorker(store.workerIndex(101, 101));
    const int row2 = layout.rowOfWorker(store.workerIndex(102, 102));
    const auto centre = [&](int row) { return int(list.rowTop(row) + layout.rowHeight() / 2.0); };
    // Sample late in each span: the span's own label is drawn at its left.
    const auto at = [&](std::uint64_t t, int row) { return image.pixel(int(axis.xOf(kT0 + t)), centre(row)); };
    const QColor hold = ui::stateColor(SpanState::LockHold);
    const QColor wait = ui::stateColor(SpanState::LockWait);

    QVERIFY2(sameColour(at(3500 * 1000, row1), hold), qPrintable(describe(at(3500 * 1000, row1))));
    QVERIFY2(sameColour(at(3500 * 1000, row2), wait), qPrintable(describe(at(3500 * 1000, row2))));
    QVERIFY2(sameColour(at(7500 * 1000, row2), hold), qPrintable(describe(at(7500 * 1000, row2))));
    // After buyer-1 exited (and past its "exit 0" label): nothing but background.
    const QRgb empty = image.pixel(int(axis.xOf(kT0 + 9700 * 1000)), int(list.rowTop(row1)) + 2);
    QVERIFY2(sameColour(empty, painter.style().background), qPrintable(describe(empty)));
    // Before anything started, the worker's thin lifetime bar is "running".
    const QRgb life = at(500 * 1000, row1);
    QVERIFY2(!sameColour(life, painter.style().background) && !sameColour(life, hold), qPrintable(describe(life)));
    // The label column shows the name; some dark text pixels exist there.
    int dark = 0;
    for (int x = 0; x < layout.labelWidth(); ++x)
        dark += QColor::fromRgb(image.pixel(x, centre(row1))).lightness() < 100 ? 1 : 0;
    QVERIFY(dark > 3);
    // The hand-over arrow crosses the gap between the rows at 4 ms.
    const int gapY = int(list.rowTop(row2));
    bool arrow = false;
    for (int dx = -2; dx <= 2; ++dx)
        arrow = arrow || QColor::fromRgb(image.pixel(int(axis.xOf(kT0 + 4 * kMs)) + dx, gapY)).lightness() < 170;
    QVERIFY(arrow);
}

void TstTimelineRender::viewPaintsAndSignals()
{
    TraceStore store;
    fillTwoBuyers(store);
    ui::TimelineView view;
    view.resize(900, 300);
    QSignalSpy spy(&view, &ui::TimelineView::visibleRangeChanged);
    view.setStore(&store);
    QVERIFY(spy.count() >= 1);
    QCOMPARE(view.visibleBegin(), store.beginTime());
    QVERIFY(view.visibleEnd() >= store.endTime());
    QCOMPARE(view.labelWidth(), 180);
    QCOMPARE(view.plotRect().left(), 180);

    const QImage shot = view.grab().toImage();
    QVERIFY(countColour(shot, ui::stateColor(SpanState::LockHold)) > 500);
    QVERIFY(countColour(shot, ui::stateColor(SpanState::LockWait)) > 200);

    spy.clear();
    view.setVisibleRange(kT0 + 2 * kMs, kT0 + 3 * kMs);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.front().at(0).value<quint64>(), kT0 + 2 * kMs);
    view.setVisibleRange(kT0 + 2 * kMs, kT0 + 3 * kMs); // an echo from a chart: no loop
    QCOMPARE(spy.count(), 1);
    view.fit();
    QCOMPARE(view.visibleBegin(), store.beginTime());

    // Live growth: follow keeps the end in view.
    view.setVisibleRange(kT0, kT0 + 2 * kMs);
    store.addEvents({ev(EventKind::WorkerStart, 103, kT0 + 20 * kMs)});
    view.refresh();
    QVERIFY(view.visibleEnd() >= kT0 + 20 * kMs);
    QCOMPARE(view.visibleEnd() - view.visibleBegin(), 2 * kMs);
}

void TstTimelineRender::viewToolTip()
{
    TraceStore store;
    fillTwoBuyers(store);
    ui::TimelineView view;
    view.resize(900, 300);
    view.setStore(&store);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const auto &axis = view.axis();
    const int row2Y = view.plotRect().top() + 22 + 11;
    const QPoint pos(int(axis.xOf(kT0 + 6 * kMs)), row2Y);
    QHelpEvent help(QEvent::ToolTip, pos, view.mapToGlobal(pos));
    QCoreApplication::sendEvent(&view, &help);
    const QString text = QToolTip::text();
    QVERIFY2(text.contains(QStringLiteral("holding lock")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("tickets lock")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("PID 102")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("4.00 ms")), qPrintable(text));
}

void TstTimelineRender::traceImage()
{
    TraceStore store;
    fillTwoBuyers(store);
    store.metadata()["scenario"] = "Ticket sale";
    store.metadata()["verdict"] = "0 tickets oversold";
    ui::TraceImageOptions options;
    options.width = 800;
    const QImage image = ui::renderTraceImage(store, options);
    QCOMPARE(image.width(), 800);
    QVERIFY(image.height() > 150 && image.height() < 400);
    QVERIFY(countColour(image, ui::stateColor(SpanState::LockHold)) > 500);
    QVERIFY(countColour(image, ui::stateColor(SpanState::LockWait)) > 200);

    options.scale = 2.0;
    QCOMPARE(ui::renderTraceImage(store, options).width(), 1600);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QString error;
    const QString path = dir.filePath(QStringLiteral("trace.png"));
    QVERIFY2(ui::saveTracePng(store, {}, path, &error), qPrintable(error));
    QImage loaded(path);
    QCOMPARE(loaded.width(), 1400);
    QVERIFY(!ui::saveTracePng(store, {}, dir.filePath(QStringLiteral("missing/dir/x.png")), &error));
    QVERIFY(!error.isEmpty());

    const TraceStore empty;
    QVERIFY(!ui::renderTraceImage(empty, options).isNull());
}

void TstTimelineRender::legendListsOnlyWhatTheTraceHas()
{
    TraceStore store;
    fillTwoBuyers(store);
    ui::TimelineView view;
    view.resize(900, 300);
    view.setStore(&store);
    const ui::LegendContent &legend = view.legendContent();
    // Lanes are drawn "running"; the buyers waited for and held the lock.
    const std::vector<SpanState> expected{SpanState::Running, SpanState::LockWait, SpanState::LockHold};
    QCOMPARE(legend.states, expected);
    QVERIFY(legend.printedLines);
    QVERIFY(legend.handOvers);

    ui::TraceImageReport report;
    QVERIFY(!ui::renderTraceImage(store, {}, &report).isNull());
    const QStringList names{ui::stateDisplayName(SpanState::Running), ui::stateDisplayName(SpanState::LockWait),
                            ui::stateDisplayName(SpanState::LockHold),
                            QCoreApplication::translate("cl::ui::TimelinePainter", "printed line"),
                            QCoreApplication::translate("cl::ui::TimelinePainter", "hand-over")};
    QCOMPARE(report.legend, names);
    // Without arrows in the picture, the legend does not explain them.
    ui::TraceImageOptions noFlows;
    noFlows.flows = false;
    QVERIFY(!ui::renderTraceImage(store, noFlows, &report).isNull());
    QVERIFY(!report.legend.contains(names.last()));

    // A sleeping worker that is still asleep (an open span) counts too.
    store.addEvents({span(EventKind::SpanBegin, 102, kT0 + 9 * kMs, SpanState::Sleep, 0)});
    view.refresh();
    QVERIFY(view.legendContent().states.back() == SpanState::Sleep);
    // No trace, no legend.
    const TraceStore empty;
    view.setStore(&empty);
    QVERIFY(view.legendContent().isEmpty());
}

void TstTimelineRender::finishedRunEndsEveryLane()
{
    // buyer-3 never reported its exit (a full ring, say) and a CPU sample came
    // in after the run: once the run is over, no lane runs on past its end.
    TraceStore store;
    fillTwoBuyers(store);
    store.addEvents({ev(EventKind::WorkerStart, 103, kT0 + 2 * kMs), ev(EventKind::CpuSample, 0, kT0 + 40 * kMs, 0, 0, 500)});
    QCOMPARE(store.endTime(), kT0 + 40 * kMs);
    QVERIFY(!scenarios::runWindow(store).finished);
    store.metadata()["run_end_ns"] = std::to_string(kT0 + 10 * kMs);
    const scenarios::RunWindow window = scenarios::runWindow(store);
    QVERIFY(window.finished);
    QCOMPARE(window.begin, kT0);
    QCOMPARE(window.end, kT0 + 10 * kMs);
    QCOMPARE(window.ms(), 10.0);

    const auto layout = ui::TimelineLayout::build(store);
    const ui::TimeAxis axis(kT0, kT0 + 50 * kMs, 1000.0, 0.0);
    ui::DrawListOptions options;
    options.openEnd = window.end;
    const auto list = ui::buildDrawList(store, layout, axis, options);
    for (const auto &life : list.lifetimes) {
        QVERIFY2(life.rect.right() <= axis.xOf(window.end) + 0.5, qPrintable(QString::number(life.rect.right())));
        QVERIFY(!life.alive);
    }
    // The export's axis is the run's window, and its wall time the window's.
    ui::TraceImageReport report;
    QVERIFY(!ui::renderTraceImage(store, {}, &report).isNull());
    QCOMPARE(report.axisBegin, window.begin);
    QCOMPARE(report.axisEnd, window.end);
    const QString wall = QLocale().toString(window.ms(), 'f', 1);
    QVERIFY2(report.infoLine.contains(wall + QStringLiteral(" ms")), qPrintable(report.infoLine));
}

void TstTimelineRender::exportShowsTheCounter()
{
    // A shared value climbing 0, 10, ..., 90 a step per ms, then ending at
    // 90 where 120 was expected: the chart under the rows shows the line and
    // the expected total it fell short of.
    TraceStore store;
    fillTwoBuyers(store);
    std::vector<Event> events;
    for (int k = 0; k < 10; ++k)
        events.push_back(ev(EventKind::Counter, 101, kT0 + std::uint64_t(k) * kMs, 0, trace::counter_id::SharedValue,
                            10 * k));
    store.addEvents(std::move(events));
    store.metadata()["run_end_ns"] = std::to_string(kT0 + 10 * kMs);
    store.metadata()["metric:expected"] = "120";
    store.metadata()["verdict"] = "Lost updates: 30.";
    store.metadata()["problem"] = "1";

    ui::TraceImageOptions options;
    options.width = 1000;
    ui::TraceImageReport report;
    const QImage image = ui::renderTraceImage(store, options, &report);
    QCOMPARE(image.width(), 1000);
    QCOMPARE(report.verdict, QStringLiteral("Lost updates: 30."));
    QCOMPARE(report.charts.size(), std::size_t(1));
    const auto &chart = report.charts.front();
    QCOMPARE(chart.title, QCoreApplication::translate("cl::ui::ChartsPanel", "shared value"));
    QVERIFY(chart.bottom <= 0.0 && chart.top >= 120.0);
    QVERIFY(chart.valueRect.top() > report.axisRect.bottom()); // under the rows

    const auto xOf = [&](std::uint64_t t) {
        return report.axisRect.left() +
               double(t - report.axisBegin) / double(report.axisEnd - report.axisBegin) * report.axisRect.width();
    };
    const auto yOf = [&](double v) {
        return chart.valueRect.bottom() - (v - chart.bottom) / (chart.top - chart.bottom) * chart.valueRect.height();
    };
    const QColor line(0x6a, 0x1b, 0x9a); // the first counter colour, as in the charts panel
    const auto near = [](QRgb pixel, const QColor &c, int tolerance) {
        const QColor p = QColor::fromRgb(pixel);
        return qAbs(p.red() - c.red()) <= tolerance && qAbs(p.green() - c.green()) <= tolerance &&
               qAbs(p.blue() - c.blue()) <= tolerance;
    };
    // Within a pixel or two of (x, y): the 2 px line is antialiased.
    const auto lineAt = [&](double x, double y) {
        for (int dy = -2; dy <= 2; ++dy)
            if (near(image.pixel(int(x), int(std::round(y)) + dy), line, 40))
                return true;
        return false;
    };
    for (int k = 0; k < 9; ++k) {
        // The middle of each flat step, at its value.
        const double x = xOf(kT0 + std::uint64_t(k) * kMs + kMs / 2);
        QVERIFY2(lineAt(x, yOf(10.0 * k)), qPrintable(QStringLiteral("step %1 at (%2, %3): %4")
                                                           .arg(k)
                                                           .arg(x)
                                                           .arg(yOf(10.0 * k))
                                                           .arg(describe(image.pixel(int(x), int(yOf(10.0 * k)))))));
        // ... and not at the expected total: the lost updates are the gap.
        QVERIFY(!lineAt(x, yOf(120.0)));
    }
    // The last value holds to the run's end.
    QVERIFY(lineAt(xOf(kT0 + 9 * kMs + 8 * kMs / 10), yOf(90.0)));
    // The expected total is drawn as a dashed line across the plot.
    int dark = 0;
    const int yExpected = int(std::round(yOf(120.0)));
    for (int x = int(xOf(kT0 + 3 * kMs)); x < int(xOf(kT0 + 9 * kMs)); ++x)
        for (int dy = -1; dy <= 1; ++dy)
            dark += QColor::fromRgb(image.pixel(x, yExpected + dy)).lightness() < 200 ? 1 : 0;
    QVERIFY2(dark > 50, qPrintable(QString::number(dark)));

    // Without counters the picture ends under the rows.
    options.counters = false;
    const QImage bare = ui::renderTraceImage(store, options, &report);
    QVERIFY(report.charts.empty());
    QVERIFY(bare.height() < image.height());
}

// A realistic picture for eyeballing: set CL_SAMPLE_PNG=/tmp/timeline_sample.png.
void TstTimelineRender::sampleImage()
{
    const QByteArray path = qgetenv("CL_SAMPLE_PNG");
    if (path.isEmpty())
        QSKIP("set CL_SAMPLE_PNG to write a sample image");
    TraceStore store;
    store.addString(1, "tickets lock");
    store.addString(2, "main");
    store.addString(3, "tickets left: 9, buying");
    store.metadata()["scenario"] = "Ticket-sale race";
    store.metadata()["params"] = "tickets=3 · buyers=6 · think=2 ms · store=shared memory · lock=on";
    store.metadata()["verdict"] = "Sold 3, 0 oversold: the lock serialised the sales.";
    std::vector<Event> events{ev(EventKind::ObjectName, 0, kT0, 0, kLock, 1), ev(EventKind::WorkerStart, 100, kT0, 0, 2, 1)};
    std::uint64_t lockFree = kT0 + 3 * kMs;
    for (int b = 0; b < 6; ++b) {
        const std::int32_t pid = 101 + b;
        store.addString(std::uint32_t(10 + b), "buyer-" + std::to_string(b + 1));
        const std::uint64_t start = kT0 + kMs / 2 + std::uint64_t(b) * 300000;
        events.push_back(ev(EventKind::WorkerStart, pid, start, 0, std::uint32_t(10 + b), 100));
        events.push_back(span(EventKind::SpanBegin, pid, start, SpanState::Starting, 0));
        events.push_back(span(EventKind::SpanEnd, pid, start + 1500000, SpanState::Starting, 0));
        const std::uint64_t want = start + 2 * kMs;
        const std::uint64_t got = std::max(want, lockFree);
        events.push_back(span(EventKind::SpanBegin, pid, want, SpanState::LockWait));
        events.push_back(span(EventKind::SpanEnd, pid, got, SpanState::LockWait));
        if (b > 0)
            events.push_back(ev(EventKind::FlowIn, pid, got, 0, std::uint32_t(500 + b), kLock));
        events.push_back(span(EventKind::SpanBegin, pid, got, SpanState::LockHold));
        events.push_back(ev(EventKind::Print, pid, got + 100000, 0, 3));
        events.push_back(span(EventKind::SpanBegin, pid, got + 200000, SpanState::Sleep, 0));
        events.push_back(span(EventKind::SpanEnd, pid, got + 1800000, SpanState::Sleep, 0));
        lockFree = got + 2 * kMs;
        events.push_back(span(EventKind::SpanEnd, pid, lockFree, SpanState::LockHold));
        if (b < 5)
            events.push_back(ev(EventKind::FlowOut, pid, lockFree, 0, std::uint32_t(501 + b), kLock));
        events.push_back(ev(EventKind::WorkerExit, pid, lockFree + 300000, 0, 0, b == 4 ? -9 : 0));
    }
    events.push_back(ev(EventKind::WorkerExit, 100, lockFree + 2 * kMs, 0, 0, 0));
    store.addEvents(std::move(events));
    QString error;
    QVERIFY2(ui::saveTracePng(store, {}, QString::fromLocal8Bit(path), &error), qPrintable(error));

    // The interactive view of the same trace, zoomed into the hand-overs.
    ui::TimelineView view;
    view.resize(1000, 330);
    view.setStore(&store);
    view.setVisibleRange(kT0 + 4 * kMs, kT0 + 9 * kMs);
    QVERIFY(view.grab().save(QString::fromLocal8Bit(path) + QStringLiteral(".view.png")));

    // Dense: one process with four GIL threads switching every 50 us, so
    // the zoomed-out picture is made of folded runs.
    TraceStore dense;
    dense.addString(1, "python-threads");
    std::vector<Event> many{ev(EventKind::WorkerStart, 300, kT0, 0, 1, 1)};
    for (int k = 0; k < 4; ++k) {
        Event start = ev(EventKind::WorkerStart, 300, kT0 + 10000, 0, 0, 300);
        start.tid = 301 + k;
        many.push_back(start);
    }
    for (std::uint64_t i = 0; i < 40000; ++i) {
        for (int k = 0; k < 4; ++k) {
            const auto s = i % 4 == std::uint64_t(k) ? SpanState::Running : SpanState::GilWait;
            Event b = span(EventKind::SpanBegin, 300, kT0 + 20000 + i * 50000, s, 0);
            Event e = span(EventKind::SpanEnd, 300, kT0 + 20000 + i * 50000 + 49000, s, 0);
            b.tid = e.tid = 301 + k;
            many.push_back(b);
            many.push_back(e);
        }
    }
    dense.addEvents(std::move(many));
    QVERIFY(ui::saveTracePng(dense, {}, QString::fromLocal8Bit(path) + QStringLiteral(".dense.png"), &error));
}

QTEST_MAIN(TstTimelineRender)
#include "tst_timeline_render.moc"
