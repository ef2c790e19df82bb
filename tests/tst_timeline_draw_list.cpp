// The draw list is what keeps painting cheap: its size must follow pixels and
// visible rows, not events, and culling must never drop something visible.
#include "synthetic_trace.h"
#include "trace_builder.h"
#include "ui/timeline_draw_list.h"

#include <QElapsedTimer>
#include <QTest>

#include <numeric>
#include <vector>

using namespace cl;
using trace::Event;
using trace::EventKind;
using trace::SpanState;
using trace::TraceStore;
using ui::DrawList;
using ui::DrawListOptions;
using ui::TimeAxis;
using ui::TimelineLayout;

namespace {
constexpr std::uint64_t kT0 = 1000000000000ull; // an arbitrary monotonic origin
constexpr std::uint64_t kUs = 1000;
using cl::tests::ev;
using cl::tests::kMs;

void addSpan(std::vector<Event> &out, std::int32_t pid, std::uint64_t b, std::uint64_t e, SpanState s, std::uint32_t obj = 0)
{
    out.push_back(ev(EventKind::SpanBegin, pid, pid, b, std::uint8_t(s), obj));
    out.push_back(ev(EventKind::SpanEnd, pid, pid, e, std::uint8_t(s), obj));
}

// Where two lists first differ, or empty when they hold the same items.
QString listDifference(const DrawList &a, const DrawList &b)
{
    const auto sameSpan = [](const ui::DrawSpan &x, const ui::DrawSpan &y) {
        return x.rect == y.rect && x.begin == y.begin && x.end == y.end && x.state == y.state &&
               x.minorState == y.minorState && x.minorShare == y.minorShare && x.count == y.count &&
               x.objectId == y.objectId && x.row == y.row && x.worker == y.worker && x.depth == y.depth &&
               x.open == y.open;
    };
    const auto sameLife = [](const ui::DrawLifetime &x, const ui::DrawLifetime &y) {
        return x.rect == y.rect && x.row == y.row && x.worker == y.worker && x.alive == y.alive;
    };
    const auto sameTick = [](const ui::DrawTick &x, const ui::DrawTick &y) {
        return x.x == y.x && x.top == y.top && x.bottom == y.bottom && x.row == y.row && x.time == y.time;
    };
    const auto sameExit = [](const ui::DrawExit &x, const ui::DrawExit &y) {
        return x.pos == y.pos && x.row == y.row && x.exitValue == y.exitValue;
    };
    const auto sameFlow = [](const ui::DrawFlow &x, const ui::DrawFlow &y) {
        return x.from == y.from && x.to == y.to && x.flow == y.flow && x.headVisible == y.headVisible;
    };
    const auto compare = [](const char *what, const auto &x, const auto &y, auto same) -> QString {
        if (x.size() != y.size())
            return QStringLiteral("%1: %2 vs %3 items").arg(QLatin1String(what)).arg(x.size()).arg(y.size());
        for (std::size_t k = 0; k < x.size(); ++k)
            if (!same(x[k], y[k]))
                return QStringLiteral("%1: item %2 differs").arg(QLatin1String(what)).arg(k);
        return {};
    };
    for (const QString &d : {compare("spans", a.spans, b.spans, sameSpan),
                             compare("lifetimes", a.lifetimes, b.lifetimes, sameLife),
                             compare("ticks", a.ticks, b.ticks, sameTick), compare("exits", a.exits, b.exits, sameExit),
                             compare("flows", a.flows, b.flows, sameFlow)})
        if (!d.isEmpty())
            return d;
    if (a.spansVisited != b.spansVisited || a.bucketsVisited != b.bucketsVisited || a.lodRows != b.lodRows)
        return QStringLiteral("work counts differ");
    return {};
}

std::uint64_t totalCount(const DrawList &list, int row = -1)
{
    std::uint64_t n = 0;
    for (const auto &s : list.spans)
        if (row < 0 || s.row == row)
            n += s.count;
    return n;
}
} // namespace

class TstTimelineDrawList : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void millionSpansZoomedOutFold();
    void zoomedInIsExact();
    void longSpanBeforeViewIsDrawn();
    void cullsRows();
    void layoutRows();
    void openSpansLifetimeExitTicks();
    void denseTicksFormRuns();
    void flows();
    void indexFollowsGrowth();
    void indexMatchesBruteForce();
    void sizeFollowsPixelsAndRows_data();
    void sizeFollowsPixelsAndRows();
    void lodAgreesWithEverySpan_data();
    void lodAgreesWithEverySpan();
    void lodFollowsLiveGrowth();
    void threadsBuildTheSameList_data();
    void threadsBuildTheSameList();

private:
    TraceStore m_big; // one worker, 1,000,000 spans of 100 ns every 1 us
    TraceStore m_wide; // 1,000,000 spans over 200 rows, with printed lines
};

void TstTimelineDrawList::initTestCase()
{
    std::vector<Event> events;
    events.reserve(2000002);
    events.push_back(ev(EventKind::WorkerStart, 10, 10, kT0));
    for (std::uint64_t i = 0; i < 1000000; ++i) {
        const auto s = i % 3 == 0 ? SpanState::LockHold : SpanState::LockWait;
        addSpan(events, 10, kT0 + i * kUs, kT0 + i * kUs + 100, s);
    }
    m_big.addEvents(std::move(events));
    QCOMPARE(m_big.workers().front().spans.size(), std::size_t(1000000));
    tests::fillSyntheticTrace(m_wide, {.spans = 1'000'000, .rows = 200, .printEvery = 50});
    std::size_t spans = 0;
    for (const auto &w : m_wide.workers())
        spans += w.spans.size();
    QCOMPARE(spans, std::size_t(1'000'000));
}

void TstTimelineDrawList::millionSpansZoomedOutFold()
{
    const auto layout = TimelineLayout::build(m_big);
    const TimeAxis axis(m_big.beginTime(), m_big.endTime(), 1000.0, 180.0);
    QElapsedTimer timer;
    timer.start();
    const DrawList list = ui::buildDrawList(m_big, layout, axis);
    const auto ms = timer.elapsed();
    qInfo("1M spans, zoomed out: %zu rects in %lld ms", list.spans.size(), qint64(ms));
    // One folded rect per 3 px bucket at most, whatever the event count.
    QVERIFY2(list.spans.size() <= 1000 / 3 + 2, qPrintable(QString::number(list.spans.size())));
    QCOMPARE(totalCount(list), std::uint64_t(1000000)); // folded, never lost
    // The trace looks the same everywhere, so neighbouring buckets paint the
    // same pixels and merge; together they still cover the whole run.
    QVERIFY(list.spans.front().rect.left() <= axis.left() + 1.0);
    QVERIFY(list.spans.back().rect.right() >= axis.right() - 1.0);
    for (const auto &s : list.spans) {
        QVERIFY(s.folded());
        QVERIFY(s.rect.left() >= axis.left() - 2.0 && s.rect.right() <= axis.right() + 3.0);
    }
    // Two thirds of the spans wait: the folded colour says so.
    QCOMPARE(list.spans[list.spans.size() / 2].state, SpanState::LockWait);
}

void TstTimelineDrawList::zoomedInIsExact()
{
    const auto layout = TimelineLayout::build(m_big);
    // 10 us in the middle: 10 whole spans, 100 ns = 10 px each.
    const std::uint64_t begin = kT0 + 500000 * kUs;
    const TimeAxis axis(begin, begin + 10 * kUs, 1000.0, 0.0);
    const DrawList list = ui::buildDrawList(m_big, layout, axis);
    QCOMPARE(list.spans.size(), std::size_t(10));
    for (std::size_t i = 0; i < list.spans.size(); ++i) {
        const auto &s = list.spans[i];
        QCOMPARE(s.count, 1u);
        QCOMPARE(s.begin, begin + i * kUs);
        QVERIFY(qAbs(s.rect.left() - 100.0 * double(i)) < 1e-6);
        QVERIFY(qAbs(s.rect.width() - 10.0) < 1e-6);
    }
    // lower_bound, not a scan: only the spans around the view were looked at.
    QVERIFY2(list.spansVisited <= 12, qPrintable(QString::number(list.spansVisited)));
}

void TstTimelineDrawList::longSpanBeforeViewIsDrawn()
{
    TraceStore store;
    std::vector<Event> events;
    events.push_back(ev(EventKind::WorkerStart, 7, 7, kT0));
    addSpan(events, 7, kT0, kT0 + 1000 * kMs, SpanState::Sleep); // one long sleep
    for (std::uint64_t i = 0; i < 100000; ++i)                    // many short ones inside and after it
        addSpan(events, 7, kT0 + 1 * kMs + i * 20 * kUs, kT0 + 1 * kMs + i * 20 * kUs + kUs, SpanState::LockHold);
    store.addEvents(std::move(events));

    const auto layout = TimelineLayout::build(store);
    // A view where no short span is: only the long sleep that began 500 ms
    // earlier covers it.
    const std::uint64_t begin = kT0 + 500 * kMs + 2 * kUs;
    const TimeAxis axis(begin, begin + 10 * kUs, 500.0, 100.0);
    const DrawList list = ui::buildDrawList(store, layout, axis);
    QCOMPARE(list.spans.size(), std::size_t(1));
    QCOMPARE(list.spans.front().state, SpanState::Sleep);
    QVERIFY(list.spans.front().rect.left() <= axis.left());
    QVERIFY(list.spans.front().rect.right() >= axis.right());
    // Found through the reach index, not by scanning from the first span.
    QVERIFY2(list.spansVisited < 100, qPrintable(QString::number(list.spansVisited)));
}

void TstTimelineDrawList::cullsRows()
{
    TraceStore store;
    std::vector<Event> events;
    for (int p = 0; p < 100; ++p) {
        events.push_back(ev(EventKind::WorkerStart, 1000 + p, 1000 + p, kT0));
        for (int i = 0; i < 50; ++i)
            addSpan(events, 1000 + p, kT0 + std::uint64_t(i) * kMs, kT0 + std::uint64_t(i) * kMs + kMs / 2, SpanState::LockWait);
    }
    store.addEvents(std::move(events));
    const auto layout = TimelineLayout::build(store);
    QCOMPARE(layout.rowCount(), 100);
    const TimeAxis axis(store.beginTime(), store.endTime(), 1000.0);
    DrawListOptions options;
    options.firstRow = 10;
    options.lastRow = 20;
    options.yOrigin = -10 * layout.rowHeight() + 30.0;
    const DrawList list = ui::buildDrawList(store, layout, axis, options);
    QCOMPARE(list.spans.size(), std::size_t(10 * 50));
    for (const auto &s : list.spans) {
        QVERIFY(s.row >= 10 && s.row < 20);
        QVERIFY(s.rect.top() >= 30.0 && s.rect.bottom() <= 30.0 + 10 * layout.rowHeight());
    }
    QCOMPARE(list.lifetimes.size(), std::size_t(10));
    QCOMPARE(list.spansVisited, std::size_t(10 * 50));
}

void TstTimelineDrawList::layoutRows()
{
    TraceStore store;
    store.addString(1, "buyer-1");
    store.addString(2, "main");
    store.addString(3, "worker-a");
    store.addEvents({ev(EventKind::WorkerStart, 100, 100, kT0, 0, 1, 1),
                     ev(EventKind::WorkerStart, 200, 200, kT0, 0, 2, 1),
                     ev(EventKind::WorkerStart, 200, 201, kT0 + kMs, 0, 3, 200),
                     ev(EventKind::WorkerStart, 200, 202, kT0 + 2 * kMs, 0, 0, 200),
                     ev(EventKind::WorkerStart, 300, 305, kT0 + 3 * kMs, 0, 3, 1)});
    const auto layout = TimelineLayout::build(store);
    // buyer-1 alone; pid 200 gets a header, its main thread and two threads;
    // pid 300, with one traced thread that is not its main one, one row.
    QCOMPARE(layout.rowCount(), 6);
    QCOMPARE(layout.row(5).kind, ui::TimelineRow::Kind::Process);
    QCOMPARE(layout.row(5).name, QStringLiteral("worker-a"));
    QCOMPARE(layout.row(5).id, QStringLiteral("PID 300"));
    QCOMPARE(layout.row(0).kind, ui::TimelineRow::Kind::Process);
    QCOMPARE(layout.row(0).name, QStringLiteral("buyer-1"));
    QCOMPARE(layout.row(0).id, QStringLiteral("PID 100"));
    QCOMPARE(layout.row(1).kind, ui::TimelineRow::Kind::ProcessHeader);
    QCOMPARE(layout.row(1).worker, -1);
    QCOMPARE(layout.row(1).name, QStringLiteral("main"));
    QCOMPARE(layout.row(2).id, QStringLiteral("TID 200"));
    QCOMPARE(layout.row(3).name, QStringLiteral("worker-a"));
    QCOMPARE(layout.row(4).id, QStringLiteral("TID 202"));
    QCOMPARE(layout.rowOfWorker(store.workerIndex(200, 201)), 3);
    QCOMPARE(layout.rowAt(2.5 * layout.rowHeight()), 2);
    QCOMPARE(layout.rowAt(-1.0), -1);
    QCOMPARE(layout.rowsIn(layout.rowHeight() * 1.5, layout.rowHeight() * 3.2), std::make_pair(1, 4));
}

void TstTimelineDrawList::openSpansLifetimeExitTicks()
{
    TraceStore store;
    std::vector<Event> events{
        ev(EventKind::WorkerStart, 1, 1, kT0), ev(EventKind::WorkerStart, 2, 2, kT0),
        ev(EventKind::SpanBegin, 1, 1, kT0 + 2 * kMs, std::uint8_t(SpanState::LockHold), 5), // never ends
        ev(EventKind::Print, 2, 2, kT0 + 3 * kMs, 0, 9), ev(EventKind::WorkerExit, 2, 2, kT0 + 4 * kMs, 0, 0, -9),
        ev(EventKind::Print, 1, 1, kT0 + 10 * kMs, 0, 9)};
    store.addEvents(std::move(events));
    const auto layout = TimelineLayout::build(store);
    const TimeAxis axis(kT0, kT0 + 20 * kMs, 1000.0);
    const DrawList list = ui::buildDrawList(store, layout, axis);
    const int row1 = layout.rowOfWorker(store.workerIndex(1, 1));
    const int row2 = layout.rowOfWorker(store.workerIndex(2, 2));

    QCOMPARE(list.spans.size(), std::size_t(1));
    const auto &open = list.spans.front();
    QVERIFY(open.open);
    QCOMPARE(open.row, row1);
    QCOMPARE(open.end, store.endTime());
    QVERIFY(qAbs(open.rect.right() - axis.xOf(store.endTime())) < 1e-6);

    QCOMPARE(list.lifetimes.size(), std::size_t(2));
    for (const auto &l : list.lifetimes) {
        const double end = l.row == row1 ? axis.xOf(store.endTime()) : axis.xOf(kT0 + 4 * kMs);
        QVERIFY(qAbs(l.rect.right() - end) < 1e-6);
        QCOMPARE(l.alive, l.row == row1);
        QVERIFY(l.rect.height() < layout.rowHeight() / 2.0); // thin, under the spans
    }
    QCOMPARE(list.exits.size(), std::size_t(1));
    QCOMPARE(list.exits.front().row, row2);
    QCOMPARE(list.exits.front().exitValue, std::int64_t(-9));
    QCOMPARE(list.ticks.size(), std::size_t(2));
}

void TstTimelineDrawList::denseTicksFormRuns()
{
    // One tick per two pixels at most; ticks at most 3 px apart touch and
    // become one run, which hover still resolves to the line under the mouse.
    TraceStore store;
    std::vector<Event> events{ev(EventKind::WorkerStart, 1, 1, kT0)};
    const auto print = [&](double px) { events.push_back(ev(EventKind::Print, 1, 1, kT0 + std::uint64_t(px * kUs), 0, 9)); };
    for (int i = 0; i < 50; ++i)
        print(i); // a line a pixel: ticks at 0, 2, ..., 48
    print(100);   // alone
    for (double px : {200.0, 204.0, 208.0})
        print(px); // 4 px apart: separate
    for (double px : {300.0, 303.0})
        print(px); // 3 px apart: touching
    events.push_back(ev(EventKind::WorkerExit, 1, 1, kT0 + 1000 * kUs, 0, 0, 0));
    store.addEvents(std::move(events));
    const auto layout = TimelineLayout::build(store);
    const TimeAxis axis(kT0, kT0 + 1000 * kUs, 1000.0); // a microsecond a pixel
    const DrawList list = ui::buildDrawList(store, layout, axis);
    struct Expected {
        double x, xEnd;
        std::uint32_t count;
    };
    const std::vector<Expected> expected{{0, 48, 25}, {100, 100, 1}, {200, 200, 1}, {204, 204, 1}, {208, 208, 1},
                                         {300, 303, 2}};
    QCOMPARE(list.ticks.size(), expected.size());
    for (std::size_t k = 0; k < expected.size(); ++k) {
        const ui::DrawTick &t = list.ticks[k];
        QVERIFY2(qAbs(t.x - expected[k].x) < 1e-6 && qAbs(t.xEnd - expected[k].xEnd) < 1e-6,
                 qPrintable(QStringLiteral("tick %1: %2..%3").arg(k).arg(t.x).arg(t.xEnd)));
        QCOMPARE(t.count, expected[k].count);
        QCOMPARE(t.time, kT0 + std::uint64_t(expected[k].x * kUs));
        QCOMPARE(t.timeEnd, kT0 + std::uint64_t(expected[k].xEnd * kUs));
    }
    // Hovering along the run names different lines, each the one under it.
    const double y = list.ticks.front().top + 2.0;
    const QString near = ui::describeAt(store, layout, list, QPointF(3.0, y), -1.0, {});
    const QString far = ui::describeAt(store, layout, list, QPointF(40.0, y), -1.0, {});
    QVERIFY2(near.contains(QStringLiteral("3")) && near != far, qPrintable(near + QStringLiteral(" / ") + far));
    QVERIFY2(far.contains(QStringLiteral("40")), qPrintable(far));
}

void TstTimelineDrawList::flows()
{
    TraceStore store;
    std::vector<Event> events;
    for (int p = 1; p <= 4; ++p)
        events.push_back(ev(EventKind::WorkerStart, p, p, kT0));
    // Lock 5 handed 1 -> 2 at 1 ms, 2 -> 3 at 2 ms, 3 -> 4 at 3 ms.
    for (int i = 1; i <= 3; ++i) {
        const std::uint64_t t = kT0 + std::uint64_t(i) * kMs;
        events.push_back(ev(EventKind::FlowOut, i, i, t, 0, std::uint32_t(100 + i), 5));
        events.push_back(ev(EventKind::FlowIn, i + 1, i + 1, t + 10 * kUs, 0, std::uint32_t(100 + i), 5));
    }
    store.addEvents(std::move(events));
    const auto layout = TimelineLayout::build(store);
    const TimeAxis axis(kT0, kT0 + 4 * kMs, 800.0, 100.0);
    DrawList list = ui::buildDrawList(store, layout, axis);
    QCOMPARE(list.flows.size(), std::size_t(3));
    const auto &f = list.flows.front();
    QCOMPARE(f.objectId, 5u);
    QVERIFY(qAbs(f.from.x() - axis.xOf(kT0 + kMs)) < 1e-6);
    QVERIFY(qAbs(f.to.x() - axis.xOf(kT0 + kMs + 10 * kUs)) < 1e-6);
    QVERIFY(f.to.y() > f.from.y());
    QVERIFY(f.headVisible);

    // Rows 0..1 only: flows touching them stay (1->2, 2->3), 3->4 goes.
    DrawListOptions options;
    options.lastRow = 2;
    list = ui::buildDrawList(store, layout, axis, options);
    QCOMPARE(list.flows.size(), std::size_t(2));
    // A view ending between out and in keeps the arrow, without its head.
    const TimeAxis cut(kT0, kT0 + kMs + 5 * kUs, 800.0, 100.0);
    list = ui::buildDrawList(store, layout, cut);
    QCOMPARE(list.flows.size(), std::size_t(1));
    QVERIFY(!list.flows.front().headVisible);
    QVERIFY(list.flows.front().to.x() <= cut.right() + 2.0);
}

void TstTimelineDrawList::indexFollowsGrowth()
{
    TraceStore store;
    ui::TimelineIndex index;
    std::vector<Event> events{ev(EventKind::WorkerStart, 3, 3, kT0)};
    addSpan(events, 3, kT0, kT0 + 100 * kMs, SpanState::Sleep);
    store.addEvents(std::move(events));
    index.update(store);
    QCOMPARE(index.nextReaching(0, 0, kT0 + 50 * kMs), std::size_t(0));

    events.clear();
    for (int i = 0; i < 10; ++i)
        addSpan(events, 3, kT0 + 200 * kMs + std::uint64_t(i) * kMs, kT0 + 200 * kMs + std::uint64_t(i) * kMs + 10, SpanState::LockHold);
    store.addEvents(std::move(events));
    index.update(store);
    // Spans 1..10 start at 200 ms; the first reaching 205 ms is span 6.
    QCOMPARE(index.nextReaching(0, 0, kT0 + 205 * kMs), std::size_t(6));
    QCOMPARE(index.nextReaching(0, 0, kT0 + 150 * kMs), std::size_t(1));

    // A late batch inserting before the end still gives a correct index.
    events.clear();
    addSpan(events, 3, kT0 + 150 * kMs, kT0 + 300 * kMs, SpanState::GilWait);
    store.addEvents(std::move(events));
    index.update(store);
    QCOMPARE(index.nextReaching(0, 0, kT0 + 250 * kMs), std::size_t(1));
    const auto layout = TimelineLayout::build(store);
    const TimeAxis axis(kT0 + 250 * kMs, kT0 + 251 * kMs, 100.0);
    const DrawList list = ui::buildDrawList(store, layout, axis, {}, &index);
    QCOMPARE(list.spans.size(), std::size_t(1));
    QCOMPARE(list.spans.front().state, SpanState::GilWait);
}

void TstTimelineDrawList::indexMatchesBruteForce()
{
    // Several states with random lengths, so long spans hide among short
    // ones at every level of the index; grown in batches like a live run.
    TraceStore store;
    ui::TimelineIndex index;
    std::uint32_t seed = 12345;
    const auto rnd = [&seed](std::uint32_t n) {
        seed = seed * 1664525u + 1013904223u;
        return (seed >> 8) % n;
    };
    std::uint64_t t = kT0;
    for (int batch = 0; batch < 6; ++batch) {
        std::vector<Event> events;
        for (int i = 0; i < 3000; ++i) {
            t += rnd(1000);
            const auto state = SpanState(rnd(std::uint32_t(SpanState::Count)));
            const std::uint64_t len = rnd(100) == 0 ? rnd(50000000) : rnd(3000);
            addSpan(events, 9, t, t + len, state);
        }
        store.addEvents(std::move(events));
        index.update(store);
        const auto &spans = store.workers().front().spans;
        for (int q = 0; q < 300; ++q) {
            const std::uint64_t at = kT0 + rnd(std::uint32_t(t - kT0 + 1000));
            const std::size_t from = rnd(std::uint32_t(spans.size() + 1));
            std::size_t expected = from;
            while (expected < spans.size() && spans[expected].end < at)
                ++expected;
            QCOMPARE(index.nextReaching(0, from, at), expected);
        }
    }
}

void TstTimelineDrawList::sizeFollowsPixelsAndRows_data()
{
    QTest::addColumn<int>("zoom");  // the view shows 1/zoom of the run, centred
    QTest::addColumn<double>("width");
    QTest::addColumn<int>("rowHeight");
    for (int zoom : {1, 8, 64, 512, 4096}) {
        QTest::addRow("1920 px, all 200 rows, 1/%d of the run", zoom) << zoom << 1920.0 << 5;
        QTest::addRow("800 px, 22 px rows, 1/%d of the run", zoom) << zoom << 800.0 << 22;
    }
}

void TstTimelineDrawList::sizeFollowsPixelsAndRows()
{
    QFETCH(int, zoom);
    QFETCH(double, width);
    QFETCH(int, rowHeight);
    ui::TimelineLayoutOptions layoutOptions;
    layoutOptions.rowHeight = rowHeight;
    const auto layout = TimelineLayout::build(m_wide, layoutOptions);
    const std::uint64_t whole = m_wide.endTime() - m_wide.beginTime();
    const std::uint64_t span = whole / std::uint64_t(zoom);
    const std::uint64_t begin = m_wide.beginTime() + (whole - span) / 2;
    const TimeAxis axis(begin, begin + span, width, 180.0);
    DrawListOptions options;
    options.lastRow = 1080 / rowHeight; // the rows a 1080 px tall view shows
    const DrawList list = ui::buildDrawList(m_wide, layout, axis, options);
    const int rows = list.lastRow - list.firstRow;
    QCOMPARE(rows, std::min(200, 1080 / rowHeight));
    // Per row: a folded run per bucket (at least foldPx wide) and the spans
    // at least a bucket long, which overlap at most twice in this trace.
    const double perRow = 3.0 * width / options.foldPx + 16.0;
    const double bound = rows * perRow;
    qInfo("1/%d: %zu rects, %zu spans and %zu buckets read, %d of %d rows from buckets", zoom, list.spans.size(),
          list.spansVisited, list.bucketsVisited, list.lodRows, rows);
    QVERIFY2(double(list.spans.size()) <= bound, qPrintable(QStringLiteral("%1 > %2").arg(list.spans.size()).arg(bound)));
    // What was read to build it follows the same bound, not the million spans.
    QVERIFY2(double(list.spansVisited + list.bucketsVisited) <= bound,
             qPrintable(QStringLiteral("%1 > %2").arg(list.spansVisited + list.bucketsVisited).arg(bound)));
    QVERIFY(double(list.ticks.size()) <= rows * (width / 2.0 + 2.0));
    if (zoom == 1)
        QCOMPARE(list.lodRows, rows); // the whole run: every row comes from buckets
    for (const auto &s : list.spans)
        QVERIFY(s.rect.left() >= axis.left() - 2.0 && s.rect.right() <= axis.right() + 3.0);
}

void TstTimelineDrawList::lodAgreesWithEverySpan_data()
{
    QTest::addColumn<double>("width"); // so each row uses another level
    for (double width : {300.0, 1200.0, 4000.0})
        QTest::addRow("the whole run over %d px", int(width)) << width;
}

void TstTimelineDrawList::lodAgreesWithEverySpan()
{
    // The whole run, so no span begins outside the view: the runs drawn
    // from buckets must hold exactly the spans the exact path reads, and
    // lie where they are.
    QFETCH(double, width);
    TraceStore store;
    tests::fillSyntheticTrace(store, {.spans = 200'000, .rows = 4, .seed = 11});
    const auto layout = TimelineLayout::build(store);
    const std::uint64_t begin = store.beginTime();
    const TimeAxis axis(begin, store.endTime() + 1, width, 100.0);
    DrawListOptions exact;
    exact.lod = false;
    exact.flows = false;
    DrawListOptions lod = exact;
    lod.lod = true;
    const DrawList a = ui::buildDrawList(store, layout, axis, exact);
    const DrawList b = ui::buildDrawList(store, layout, axis, lod);
    QCOMPARE(b.lodRows, 4);
    QCOMPARE(a.lodRows, 0);
    for (int row = 0; row < 4; ++row) {
        QCOMPARE(totalCount(b, row), totalCount(a, row));
        // Both cover the same stretch of the row.
        double minA = 1e9, maxA = -1e9, minB = 1e9, maxB = -1e9;
        for (const auto &s : a.spans)
            if (s.row == row)
                minA = std::min(minA, s.rect.left()), maxA = std::max(maxA, s.rect.right());
        for (const auto &s : b.spans)
            if (s.row == row)
                minB = std::min(minB, s.rect.left()), maxB = std::max(maxB, s.rect.right());
        QVERIFY(qAbs(minA - minB) < 1.0);
        QVERIFY(qAbs(maxA - maxB) < 1.0);
    }
    // Far fewer rectangles than spans read.
    QVERIFY(b.spans.size() * 4 < a.spansVisited);
}

void TstTimelineDrawList::lodFollowsLiveGrowth()
{
    // A live run: the view draws from buckets, more spans arrive, the next
    // draw list counts them without the buckets being rebuilt from scratch.
    TraceStore store;
    std::vector<Event> events{ev(EventKind::WorkerStart, 5, 5, kT0)};
    std::uint64_t t = kT0;
    const auto grow = [&](int n) {
        for (int i = 0; i < n; ++i, t += 2 * kUs)
            addSpan(events, 5, t, t + kUs, i % 4 == 0 ? SpanState::LockHold : SpanState::Running);
        store.addEvents(std::move(events));
        events.clear();
    };
    grow(50000);
    const auto layout = TimelineLayout::build(store);
    for (int round = 0; round < 3; ++round) {
        const TimeAxis axis(kT0, t, 1000.0, 0.0);
        const DrawList list = ui::buildDrawList(store, layout, axis);
        QCOMPARE(list.lodRows, 1);
        QCOMPARE(totalCount(list), std::uint64_t(store.workers().front().spans.size()));
        grow(20000);
    }
}

void TstTimelineDrawList::threadsBuildTheSameList_data()
{
    QTest::addColumn<int>("zoom");
    QTest::addColumn<int>("rowHeight");
    QTest::addColumn<int>("threads");
    for (int zoom : {1, 8, 64, 4096})
        for (int rowHeight : {5, 22})
            for (int threads : {2, 3, 7})
                QTest::addRow("1/%d of the run, %d px rows, %d threads", zoom, rowHeight, threads)
                    << zoom << rowHeight << threads;
}

void TstTimelineDrawList::threadsBuildTheSameList()
{
    // Rows split between threads and joined again: the very list one
    // thread builds, item for item and in the same order, with the same
    // work counted (rows from buckets and from spans alike).
    QFETCH(int, zoom);
    QFETCH(int, rowHeight);
    QFETCH(int, threads);
    ui::TimelineLayoutOptions layoutOptions;
    layoutOptions.rowHeight = rowHeight;
    const auto layout = TimelineLayout::build(m_wide, layoutOptions);
    const std::uint64_t whole = m_wide.endTime() - m_wide.beginTime();
    const std::uint64_t span = whole / std::uint64_t(zoom);
    const std::uint64_t begin = m_wide.beginTime() + (whole - span) / 3;
    const TimeAxis axis(begin, begin + span, 1700.0, 180.0);
    DrawListOptions options;
    options.lastRow = 1080 / rowHeight;
    options.threads = 1;
    const DrawList one = ui::buildDrawList(m_wide, layout, axis, options);
    QVERIFY(!one.spans.empty());
    QVERIFY(!one.ticks.empty());
    options.threads = threads;
    DrawList several = ui::buildDrawList(m_wide, layout, axis, options);
    QVERIFY2(listDifference(several, one).isEmpty(), qPrintable(listDifference(several, one)));
    // Again with the buffers of the last list lent, as a panning view does.
    several = ui::buildDrawList(m_wide, layout, axis, options, nullptr, std::move(several));
    QVERIFY2(listDifference(several, one).isEmpty(), qPrintable(listDifference(several, one)));
}

QTEST_MAIN(TstTimelineDrawList)
#include "tst_timeline_draw_list.moc"
