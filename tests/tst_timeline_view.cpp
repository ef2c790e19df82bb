// The timeline's interactions, driven as a user would, with QTest mouse and
// key events on an offscreen TimelineView: zoom keeps the time under the
// pointer, W/S/A/D and Home/F work, shift-drag reports the range and what
// each worker did in it, a click selects the span under it, a process's
// threads fold away, and arrows of a kind can be hidden.
#include "synthetic_trace.h"
#include "trace_builder.h"
#include "ui/flow_kind.h"
#include "ui/timeline_selection.h"
#include "ui/timeline_view.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>
#include <QWheelEvent>

using namespace cl;
using trace::Event;
using trace::EventKind;
using trace::SpanState;
using trace::TraceStore;
using tests::ev;
using tests::kMs;
using ui::SpanRef;
using ui::TimelineView;

namespace {
constexpr std::uint64_t kT0 = 42'000'000'000'000ull;
constexpr std::uint32_t kLock = 9;

// Process 100 with threads 100 (main), 101, 102; process 200 single-threaded.
// Thread 101: running 0-10 ms, lock wait 10-30, lock hold 30-60. Thread 102:
// sleep 5-50 ms with a hold 20-25 inside. Process 200: running 0-100 ms.
// The lock goes 101 -> 200 at 60 ms and 102 -> 101 at 25 ms.
void fill(TraceStore &store)
{
    store.addString(1, "buyer");
    store.addString(2, "ticket lock");
    const auto span = [](std::int32_t pid, std::int32_t tid, std::uint64_t b, std::uint64_t e, SpanState s,
                         std::uint32_t object = 0) {
        return std::vector<Event>{ev(EventKind::SpanBegin, pid, tid, kT0 + b * kMs, std::uint8_t(s), object),
                                  ev(EventKind::SpanEnd, pid, tid, kT0 + e * kMs, std::uint8_t(s), object)};
    };
    std::vector<Event> events{ev(EventKind::ObjectName, 100, 100, kT0, 0, kLock, 2),
                              ev(EventKind::WorkerStart, 100, 100, kT0, 0, 1, 1),
                              ev(EventKind::WorkerStart, 100, 101, kT0, 0, 0, 100),
                              ev(EventKind::WorkerStart, 100, 102, kT0, 0, 0, 100),
                              ev(EventKind::WorkerStart, 200, 200, kT0, 0, 1, 1),
                              ev(EventKind::FlowOut, 100, 101, kT0 + 60 * kMs, std::uint8_t(trace::FlowKind::Lock), 1, kLock),
                              ev(EventKind::FlowIn, 200, 200, kT0 + 61 * kMs, std::uint8_t(trace::FlowKind::Lock), 1, kLock),
                              ev(EventKind::FlowOut, 100, 102, kT0 + 25 * kMs, std::uint8_t(trace::FlowKind::Queue), 2, kLock),
                              ev(EventKind::FlowIn, 100, 101, kT0 + 30 * kMs, std::uint8_t(trace::FlowKind::Queue), 2, kLock),
                              ev(EventKind::WorkerExit, 100, 101, kT0 + 100 * kMs),
                              ev(EventKind::WorkerExit, 100, 102, kT0 + 100 * kMs),
                              ev(EventKind::WorkerExit, 100, 100, kT0 + 100 * kMs),
                              ev(EventKind::WorkerExit, 200, 200, kT0 + 100 * kMs)};
    for (const auto &v : {span(100, 101, 0, 10, SpanState::Running), span(100, 101, 10, 30, SpanState::LockWait, kLock),
                          span(100, 101, 30, 60, SpanState::LockHold, kLock), span(100, 102, 5, 50, SpanState::Sleep),
                          span(100, 102, 20, 25, SpanState::LockHold, kLock), span(200, 200, 0, 100, SpanState::Running)})
        events.insert(events.end(), v.begin(), v.end());
    store.addEvents(std::move(events));
}

void wheel(QWidget *w, QPoint pos, int deltaY)
{
    QWheelEvent e(QPointF(pos), QPointF(w->mapToGlobal(pos)), QPoint(), QPoint(0, deltaY), Qt::NoButton,
                  Qt::NoModifier, Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(w, &e);
}

// Centre of a worker's row, at time t.
QPoint at(const TimelineView &view, int worker, std::uint64_t t)
{
    const int row = view.layout().rowOfWorker(worker);
    const int y = view.plotRect().top() + row * view.layout().rowHeight() + view.layout().rowHeight() / 2;
    return QPoint(int(std::lround(view.xOfTime(t))), y);
}
} // namespace

class TstTimelineView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void wheelZoomKeepsTimeUnderCursor_data();
    void wheelZoomKeepsTimeUnderCursor();
    void keysZoomAndPan();
    void homeAndFFit_data();
    void homeAndFFit();
    void shiftDragSelectsRange();
    void rangeTimesPerWorker();
    void rangeTimesMatchBruteForce_data();
    void rangeTimesMatchBruteForce();
    void clickSelectsSpan_data();
    void clickSelectsSpan();
    void dragIsNoClick();
    void collapseProcess();
    void hideFlowKind();
    void flowLabels();
    void crowdedFlowLabelsDoNotOverlap_data();
    void crowdedFlowLabelsDoNotOverlap();

private:
    TraceStore m_store;
    std::unique_ptr<TimelineView> m_view;
};

void TstTimelineView::init()
{
    qRegisterMetaType<cl::ui::SpanRef>();
    m_store.clear();
    fill(m_store);
    m_view = std::make_unique<TimelineView>();
    m_view->resize(1000, 400);
    m_view->setStore(&m_store);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    m_view->fit();
}

void TstTimelineView::cleanup()
{
    m_view.reset();
}

void TstTimelineView::wheelZoomKeepsTimeUnderCursor_data()
{
    QTest::addColumn<double>("fraction"); // of the plot width, where the pointer is
    QTest::addColumn<int>("delta");
    QTest::newRow("in, left") << 0.1 << 120;
    QTest::newRow("in, middle") << 0.5 << 240;
    QTest::newRow("out, right") << 0.9 << -120;
}

void TstTimelineView::wheelZoomKeepsTimeUnderCursor()
{
    QFETCH(double, fraction);
    QFETCH(int, delta);
    // Zoom in first so zooming out has room inside the limits.
    m_view->setVisibleRange(kT0 + 20 * kMs, kT0 + 60 * kMs);
    const QRect plot = m_view->plotRect();
    const QPoint pos(plot.left() + int(fraction * plot.width()), plot.center().y());
    const quint64 before = m_view->timeAtX(pos.x());
    const quint64 span = m_view->visibleEnd() - m_view->visibleBegin();
    QSignalSpy spy(m_view.get(), &TimelineView::visibleRangeChanged);
    wheel(m_view.get(), pos, delta);
    QCOMPARE(spy.count(), 1);
    const quint64 after = m_view->timeAtX(pos.x());
    const quint64 newSpan = m_view->visibleEnd() - m_view->visibleBegin();
    QVERIFY(delta > 0 ? newSpan < span : newSpan > span);
    // Within a pixel's worth of time of the new scale.
    const double nsPerPx = double(newSpan) / plot.width();
    QVERIFY2(std::abs(double(after) - double(before)) <= nsPerPx,
             qPrintable(QStringLiteral("%1 vs %2").arg(after).arg(before)));
}

void TstTimelineView::keysZoomAndPan()
{
    m_view->setVisibleRange(kT0 + 20 * kMs, kT0 + 60 * kMs);
    const quint64 begin = m_view->visibleBegin();
    const quint64 span = m_view->visibleEnd() - begin;
    QTest::keyClick(m_view.get(), Qt::Key_D);
    QVERIFY(m_view->visibleBegin() > begin);
    QCOMPARE(m_view->visibleEnd() - m_view->visibleBegin(), span); // a pan keeps the zoom
    QVERIFY(qAbs(double(m_view->visibleBegin() - begin) - 0.1 * double(span)) < double(span) / 500.0);
    QTest::keyClick(m_view.get(), Qt::Key_A);
    QTest::keyClick(m_view.get(), Qt::Key_A);
    QVERIFY(m_view->visibleBegin() < begin);
    QTest::keyClick(m_view.get(), Qt::Key_W);
    QVERIFY(m_view->visibleEnd() - m_view->visibleBegin() < span);
    QTest::keyClick(m_view.get(), Qt::Key_S);
    QTest::keyClick(m_view.get(), Qt::Key_S);
    QVERIFY(m_view->visibleEnd() - m_view->visibleBegin() > span);
    // W zooms around the pointer when it is over the plot.
    const QPoint pos(m_view->plotRect().left() + 50, m_view->plotRect().center().y());
    QTest::mouseMove(m_view.get(), pos);
    const quint64 under = m_view->timeAtX(pos.x());
    QTest::keyClick(m_view.get(), Qt::Key_W);
    QVERIFY(std::abs(double(m_view->timeAtX(pos.x())) - double(under)) <=
            double(m_view->visibleEnd() - m_view->visibleBegin()) / m_view->plotRect().width());
}

void TstTimelineView::homeAndFFit_data()
{
    QTest::addColumn<int>("key");
    QTest::newRow("Home") << int(Qt::Key_Home);
    QTest::newRow("F") << int(Qt::Key_F);
}

void TstTimelineView::homeAndFFit()
{
    QFETCH(int, key);
    const quint64 fitBegin = m_view->visibleBegin();
    const quint64 fitEnd = m_view->visibleEnd();
    m_view->setVisibleRange(kT0 + 40 * kMs, kT0 + 45 * kMs);
    QVERIFY(m_view->visibleBegin() != fitBegin);
    QTest::keyClick(m_view.get(), Qt::Key(key));
    QCOMPARE(m_view->visibleBegin(), fitBegin);
    QCOMPARE(m_view->visibleEnd(), fitEnd);
    QVERIFY(fitBegin <= m_store.beginTime() && fitEnd >= m_store.endTime());
}

void TstTimelineView::shiftDragSelectsRange()
{
    QSignalSpy spy(m_view.get(), &TimelineView::rangeSelected);
    const QPoint from = at(*m_view, 1, kT0 + 10 * kMs);
    const QPoint to = at(*m_view, 1, kT0 + 40 * kMs);
    QTest::mousePress(m_view.get(), Qt::LeftButton, Qt::ShiftModifier, from);
    QTest::mouseMove(m_view.get(), from + QPoint(20, 0));
    QTest::mouseMove(m_view.get(), to);
    QTest::mouseRelease(m_view.get(), Qt::LeftButton, Qt::ShiftModifier, to);
    QCOMPARE(spy.count(), 1);
    const quint64 begin = spy.at(0).at(0).toULongLong();
    const quint64 end = spy.at(0).at(1).toULongLong();
    QCOMPARE(begin, m_view->timeAtX(from.x()));
    QCOMPARE(end, m_view->timeAtX(to.x()));
    // 30 ms, to within the two pixels the points were rounded to.
    const double nsPerPx = double(m_view->visibleEnd() - m_view->visibleBegin()) / m_view->plotRect().width();
    QVERIFY(std::abs(double(end - begin) - 30.0 * kMs) <= 2.0 * nsPerPx);
    QVERIFY(m_view->hasRange());
    // The view did not pan while selecting.
    QTest::keyClick(m_view.get(), Qt::Key_Escape);
    QVERIFY(!m_view->hasRange());
}

void TstTimelineView::rangeTimesPerWorker()
{
    ui::RangeSummaryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRange(&m_store, kT0 + 15 * kMs, kT0 + 45 * kMs);
    // Threads 101, 102 and process 200 did something; the main thread 100 did not.
    QCOMPARE(model.rowCount(), 3);
    const int w101 = m_store.workerIndex(100, 101);
    const int w102 = m_store.workerIndex(100, 102);
    const auto time = [&](int worker, SpanState s) -> quint64 {
        for (int r = 0; r < model.rowCount(); ++r)
            if (model.index(r, 0).data(ui::RangeSummaryModel::WorkerIndexRole).toInt() == worker)
                return model.columnOf(s) < 0 ? 0 : model.index(r, model.columnOf(s)).data(ui::RangeSummaryModel::DurationNsRole).toULongLong();
        return ~quint64(0);
    };
    QCOMPARE(time(w101, SpanState::LockWait), quint64(15 * kMs));
    QCOMPARE(time(w101, SpanState::LockHold), quint64(15 * kMs));
    QCOMPARE(time(w101, SpanState::Running), quint64(0));
    QCOMPARE(time(w102, SpanState::Sleep), quint64(30 * kMs));
    QCOMPARE(time(w102, SpanState::LockHold), quint64(5 * kMs));
    QCOMPARE(time(m_store.workerIndex(200, 200), SpanState::Running), quint64(30 * kMs));
    QVERIFY(!model.headerData(model.columnOf(SpanState::Sleep), Qt::Horizontal).toString().isEmpty());
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void TstTimelineView::rangeTimesMatchBruteForce_data()
{
    QTest::addColumn<std::uint32_t>("seed");
    for (std::uint32_t seed : {1u, 2u, 3u, 4u})
        QTest::addRow("seed %u", seed) << seed;
}

void TstTimelineView::rangeTimesMatchBruteForce()
{
    QFETCH(std::uint32_t, seed);
    TraceStore store;
    tests::fillSyntheticTrace(store, {.spans = 60000, .rows = 3, .durationNs = 3'000'000'000ull, .seed = seed});
    tests::Lcg rnd(seed + 100);
    for (int q = 0; q < 60; ++q) {
        const std::uint64_t begin = store.beginTime() + rnd.below(3'000'000'000ull);
        // From a microsecond to the whole run, so both paths are taken.
        const std::uint64_t len = std::uint64_t(1) << (10 + rnd.below(22));
        const int worker = int(rnd.below(3));
        const auto fast = ui::workerStateTimes(store, worker, begin, begin + len);
        const auto slow = ui::workerStateTimes(store, worker, begin, begin + len, 0, false);
        QVERIFY2(fast == slow, qPrintable(QStringLiteral("worker %1 [%2, +%3)").arg(worker).arg(begin).arg(len)));
    }
}

void TstTimelineView::clickSelectsSpan_data()
{
    QTest::addColumn<int>("pid");
    QTest::addColumn<int>("tid");
    QTest::addColumn<int>("atMs");
    QTest::addColumn<int>("state");
    QTest::addColumn<int>("beginMs");
    QTest::addColumn<int>("endMs");
    QTest::newRow("lock wait") << 100 << 101 << 20 << int(SpanState::LockWait) << 10 << 30;
    QTest::newRow("lock hold") << 100 << 101 << 45 << int(SpanState::LockHold) << 30 << 60;
    QTest::newRow("nested hold, not the sleep around it") << 100 << 102 << 22 << int(SpanState::LockHold) << 20 << 25;
    QTest::newRow("the sleep outside the hold") << 100 << 102 << 40 << int(SpanState::Sleep) << 5 << 50;
    QTest::newRow("single-threaded process") << 200 << 200 << 80 << int(SpanState::Running) << 0 << 100;
}

void TstTimelineView::clickSelectsSpan()
{
    QFETCH(int, pid);
    QFETCH(int, tid);
    QFETCH(int, atMs);
    QFETCH(int, state);
    QFETCH(int, beginMs);
    QFETCH(int, endMs);
    QSignalSpy spy(m_view.get(), &TimelineView::spanSelected);
    const int worker = m_store.workerIndex(pid, tid);
    QTest::mouseClick(m_view.get(), Qt::LeftButton, {}, at(*m_view, worker, kT0 + std::uint64_t(atMs) * kMs));
    QCOMPARE(spy.count(), 1);
    const auto span = spy.at(0).at(0).value<SpanRef>();
    QCOMPARE(span.worker, worker);
    QCOMPARE(int(span.state), state);
    QCOMPARE(span.begin, kT0 + std::uint64_t(beginMs) * kMs);
    QCOMPARE(span.end, kT0 + std::uint64_t(endMs) * kMs);
    QCOMPARE(m_view->selectedSpan(), span);
    // A click on nothing clears it.
    QSignalSpy cleared(m_view.get(), &TimelineView::selectionCleared);
    QTest::mouseClick(m_view.get(), Qt::LeftButton, {}, QPoint(m_view->plotRect().center().x(), m_view->height() - 3));
    QCOMPARE(cleared.count(), 1);
    QVERIFY(!m_view->selectedSpan().isValid());
}

void TstTimelineView::dragIsNoClick()
{
    QSignalSpy selected(m_view.get(), &TimelineView::spanSelected);
    QSignalSpy range(m_view.get(), &TimelineView::visibleRangeChanged);
    m_view->setVisibleRange(kT0 + 20 * kMs, kT0 + 60 * kMs);
    const QPoint from = at(*m_view, m_store.workerIndex(100, 101), kT0 + 40 * kMs);
    const quint64 begin = m_view->visibleBegin();
    QTest::mousePress(m_view.get(), Qt::LeftButton, {}, from);
    QTest::mouseMove(m_view.get(), from + QPoint(60, 0));
    QTest::mouseRelease(m_view.get(), Qt::LeftButton, {}, from + QPoint(60, 0));
    QCOMPARE(selected.count(), 0);
    QVERIFY(m_view->visibleBegin() < begin); // dragged right: earlier times
}

void TstTimelineView::collapseProcess()
{
    const int rows = m_view->layout().rowCount();
    QCOMPARE(rows, 5); // header, three threads, process 200
    QCOMPARE(m_view->layout().row(0).kind, ui::TimelineRow::Kind::ProcessHeader);
    QSignalSpy spy(m_view.get(), &TimelineView::processCollapsedChanged);
    const QPoint header(10, m_view->plotRect().top() + m_view->layout().rowHeight() / 2);
    QTest::mouseClick(m_view.get(), Qt::LeftButton, {}, header);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toInt(), 100);
    QVERIFY(spy.at(0).at(1).toBool());
    QCOMPARE(m_view->layout().rowCount(), 2);
    QCOMPARE(m_view->layout().rowOfWorker(m_store.workerIndex(100, 101)), -1);
    QVERIFY(m_view->layout().row(0).collapsed);
    QCOMPARE(m_view->layout().row(0).children, 3);
    QTest::mouseClick(m_view.get(), Qt::LeftButton, {}, header);
    QCOMPARE(m_view->layout().rowCount(), 5);
    QCOMPARE(spy.count(), 2);
}

void TstTimelineView::hideFlowKind()
{
    const auto layout = ui::TimelineLayout::build(m_store);
    const ui::TimeAxis axis(kT0, kT0 + 100 * kMs, 800.0, 100.0);
    ui::DrawListOptions options;
    QCOMPARE(ui::buildDrawList(m_store, layout, axis, options).flows.size(), std::size_t(2));
    options.hiddenFlowKinds = 1u << unsigned(trace::FlowKind::Lock);
    const auto list = ui::buildDrawList(m_store, layout, axis, options);
    QCOMPARE(list.flows.size(), std::size_t(1));
    QCOMPARE(list.flows.front().kind, trace::FlowKind::Queue);
    // The view's toggle does the same.
    QVERIFY(m_view->flowKindVisible(int(trace::FlowKind::Lock)));
    m_view->setFlowKindVisible(int(trace::FlowKind::Lock), false);
    QVERIFY(!m_view->flowKindVisible(int(trace::FlowKind::Lock)));
    QVERIFY(m_view->flowKindVisible(int(trace::FlowKind::Queue)));
}

void TstTimelineView::flowLabels()
{
    QCOMPARE(m_store.flows().size(), std::size_t(2));
    for (const auto &f : m_store.flows())
        QCOMPARE(ui::flowLabel(m_store, f), QStringLiteral("ticket lock"));
    trace::Flow unnamed;
    unnamed.kind = trace::FlowKind::Queue;
    QVERIFY(!ui::flowLabel(m_store, unnamed).isEmpty());
    for (auto kind : ui::allFlowKinds())
        QVERIFY(!ui::flowKindName(kind).isEmpty());
}

void TstTimelineView::crowdedFlowLabelsDoNotOverlap_data()
{
    QTest::addColumn<int>("handOvers");
    QTest::addColumn<int>("gapMs");
    QTest::addColumn<bool>("crowded");
    QTest::newRow("20, one every ms") << 20 << 1 << true;
    QTest::newRow("20, every 2 ms") << 20 << 2 << true;
    QTest::newRow("6, far apart") << 6 << 100 << false;
}

// A lock passed back and forth between two threads: labelled where there
// is room, never one label over another.
void TstTimelineView::crowdedFlowLabelsDoNotOverlap()
{
    QFETCH(int, handOvers);
    QFETCH(int, gapMs);
    QFETCH(bool, crowded);
    TraceStore store;
    store.addString(2, "ticket lock");
    std::vector<Event> events{ev(EventKind::ObjectName, 1, 1, kT0, 0, kLock, 2),
                              ev(EventKind::WorkerStart, 1, 1, kT0), ev(EventKind::WorkerStart, 2, 2, kT0)};
    for (int i = 0; i < handOvers; ++i) {
        const std::uint64_t t = kT0 + std::uint64_t(i * gapMs + 1) * kMs;
        const std::int32_t from = i % 2 ? 2 : 1;
        const std::int32_t to = 3 - from;
        const auto kind = std::uint8_t(trace::FlowKind::Lock);
        events.push_back(ev(EventKind::FlowOut, from, from, t, kind, std::uint32_t(i + 1), kLock));
        events.push_back(ev(EventKind::FlowIn, to, to, t + std::uint64_t(gapMs) * kMs / 2, kind, std::uint32_t(i + 1), kLock));
    }
    const std::uint64_t end = kT0 + std::uint64_t((handOvers + 1) * gapMs) * kMs;
    events.push_back(ev(EventKind::WorkerExit, 1, 1, end));
    events.push_back(ev(EventKind::WorkerExit, 2, 2, end));
    store.addEvents(std::move(events));

    const auto layout = ui::TimelineLayout::build(store);
    const ui::TimeAxis axis(store.beginTime(), store.endTime(), 900.0, 180.0);
    const auto list = ui::buildDrawList(store, layout, axis);
    QVERIFY(!list.flows.empty());
    const ui::TimelinePainter painter;
    const auto labels = painter.flowLabelBoxes(list, &store);
    QVERIFY(!labels.empty());
    for (std::size_t a = 0; a < labels.size(); ++a) {
        QCOMPARE(labels[a].text, QStringLiteral("ticket lock"));
        for (std::size_t b = a + 1; b < labels.size(); ++b)
            QVERIFY2(!labels[a].rect.intersects(labels[b].rect),
                     qPrintable(QStringLiteral("labels %1 and %2 overlap").arg(a).arg(b)));
    }
    if (crowded)
        QVERIFY(labels.size() < list.flows.size());
    else
        QCOMPARE(labels.size(), list.flows.size());
}

QTEST_MAIN(TstTimelineView)
#include "tst_timeline_view.moc"
