// The trace store fed with hand-made events: what the views rely on (sorted
// spans, paired flows, grouped processes) must hold however the collector's
// batches interleave writers.
#include "store_builder.h"

#include <QTest>

#include <vector>

using cl::trace::CounterTrack;
using cl::trace::Event;
using cl::trace::EventKind;
using cl::trace::SpanState;
using cl::trace::TraceStore;
using cl::tests::Batches;
using cl::tests::batch;
using cl::tests::begin;
using cl::tests::end;
using cl::tests::ev;
using cl::tests::track;

class TestTraceStore : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void spansPairAndSort_data();
    void spansPairAndSort();
    void openSpans();
    void workerExitClosesOpenSpans();
    void workerStartNamesTrack();
    void countersSorted();
    void cpuSamplesGoToTheirTracks();
    void flowsMatchInEitherOrder_data();
    void flowsMatchInEitherOrder();
    void prints();
    void processesGroupMainThreadFirst();
    void stringsAndObjectNames();
    void timeRangeAndCounts();
    void clearAndRevision();
};

void TestTraceStore::spansPairAndSort_data()
{
    QTest::addColumn<Batches>("batches");
    // Every case yields, for worker 10/10: running [100,150] lock-wait [200,260]
    // lock-hold [260,300] running [400,500].
    const std::vector<Event> a = {begin(10, 10, 100, SpanState::Running), end(10, 10, 150, SpanState::Running)};
    const std::vector<Event> b = {begin(10, 10, 200, SpanState::LockWait, 7), end(10, 10, 260, SpanState::LockWait, 7),
                                  begin(10, 10, 260, SpanState::LockHold, 7), end(10, 10, 300, SpanState::LockHold, 7)};
    const std::vector<Event> c = {begin(10, 10, 400, SpanState::Running), end(10, 10, 500, SpanState::Running)};
    // Another writer's events in between: they must not disturb worker 10.
    const std::vector<Event> other = {begin(20, 21, 50, SpanState::Sleep), end(20, 21, 1000, SpanState::Sleep)};

    QTest::newRow("one batch, in order") << Batches{[&] {
        std::vector<Event> all = a;
        all.insert(all.end(), b.begin(), b.end());
        all.insert(all.end(), c.begin(), c.end());
        return all;
    }()};
    QTest::newRow("batches in order") << Batches{a, other, b, c};
    QTest::newRow("batches reversed") << Batches{c, b, other, a};
    QTest::newRow("batches shuffled") << Batches{b, c, a, other};
    QTest::newRow("one batch, writers interleaved out of time order") << Batches{[&] {
        std::vector<Event> all = c;
        all.insert(all.end(), other.begin(), other.end());
        all.insert(all.end(), a.begin(), a.end());
        all.insert(all.end(), b.begin(), b.end());
        return all;
    }()};
}

void TestTraceStore::spansPairAndSort()
{
    QFETCH(Batches, batches);
    TraceStore store;
    for (const auto &events : batches)
        store.ingest(batch(events));

    const auto &w = track(store, 10, 10);
    QCOMPARE(w.spans.size(), std::size_t(4));
    const std::uint64_t begins[] = {100, 200, 260, 400};
    const std::uint64_t ends[] = {150, 260, 300, 500};
    const SpanState states[] = {SpanState::Running, SpanState::LockWait, SpanState::LockHold, SpanState::Running};
    const std::uint32_t objects[] = {0, 7, 7, 0};
    for (std::size_t i = 0; i < 4; ++i) {
        QCOMPARE(w.spans[i].begin, begins[i]);
        QCOMPARE(w.spans[i].end, ends[i]);
        QCOMPARE(w.spans[i].state, states[i]);
        QCOMPARE(w.spans[i].objectId, objects[i]);
    }
    QVERIFY(w.open.empty());
    QCOMPARE(w.startTime, std::uint64_t(100));
    QCOMPARE(w.lastTime, std::uint64_t(500));
}

void TestTraceStore::openSpans()
{
    TraceStore store;
    store.ingest(batch({begin(1, 1, 100, SpanState::Running), end(1, 1, 150, SpanState::Running),
                        begin(1, 1, 150, SpanState::LockWait, 42), end(1, 1, 90, SpanState::Sleep)}));
    const auto &w = track(store, 1, 1);
    QCOMPARE(w.spans.size(), std::size_t(1)); // the Sleep end without a begin is ignored
    QCOMPARE(w.open.size(), std::size_t(1));
    QCOMPARE(w.open[0].begin, std::uint64_t(150));
    QCOMPARE(w.open[0].state, SpanState::LockWait);
    QCOMPARE(w.open[0].objectId, std::uint32_t(42));

    // The end arrives with a later batch and closes the span opened earlier.
    store.ingest(batch({end(1, 1, 400, SpanState::LockWait, 42)}));
    const auto &w2 = track(store, 1, 1);
    QCOMPARE(w2.spans.size(), std::size_t(2));
    QCOMPARE(w2.spans[1].begin, std::uint64_t(150));
    QCOMPARE(w2.spans[1].end, std::uint64_t(400));
    QCOMPARE(w2.spans[1].objectId, std::uint32_t(42));
    QVERIFY(w2.open.empty());
}

void TestTraceStore::workerExitClosesOpenSpans()
{
    TraceStore store;
    // Killed while holding a lock and waiting on a queue.
    store.ingest(batch({begin(5, 5, 100, SpanState::Running), begin(5, 5, 120, SpanState::LockHold, 9),
                        begin(5, 5, 130, SpanState::QueueFullWait, 3)}));
    // The exit is recorded by the reaper (another writer), for the dead worker.
    store.ingest(batch({cl::tests::exitOf(5, 5, 700, -9)}));
    const auto &w = track(store, 5, 5);
    QVERIFY(w.exited);
    QCOMPARE(w.exitTime, std::uint64_t(700));
    QCOMPARE(w.exitValue, std::int64_t(-9));
    QCOMPARE(w.lastTime, std::uint64_t(700));
    QCOMPARE(w.spans.size(), std::size_t(3));
    const std::uint64_t begins[] = {100, 120, 130};
    const SpanState states[] = {SpanState::Running, SpanState::LockHold, SpanState::QueueFullWait};
    const std::uint32_t objects[] = {0, 9, 3};
    for (std::size_t i = 0; i < 3; ++i) {
        QCOMPARE(w.spans[i].begin, begins[i]);
        QCOMPARE(w.spans[i].end, std::uint64_t(700));
        QCOMPARE(w.spans[i].state, states[i]);
        QCOMPARE(w.spans[i].objectId, objects[i]);
    }
    QVERIFY(w.open.empty());
}

void TestTraceStore::workerStartNamesTrack()
{
    TraceStore store;
    // A span seen before the start event (spawn latency is stamped earlier).
    store.ingest(batch({begin(30, 30, 50, SpanState::Starting), end(30, 30, 80, SpanState::Starting),
                        ev(EventKind::WorkerStart, 30, 30, 80, 0, 17, 29)},
                       {{17, "buyer-3"}}));
    const auto &w = track(store, 30, 30);
    QCOMPARE(w.name, std::string("buyer-3"));
    QCOMPARE(w.ppid, 29);
    QCOMPARE(w.startTime, std::uint64_t(50));
    QVERIFY(!w.exited);
    QVERIFY(w.isProcessMain());
}

void TestTraceStore::countersSorted()
{
    using cl::trace::counter_id::TicketsLeft;
    TraceStore store;
    // Two sellers decrement the same counter; their batches arrive late and interleaved.
    store.ingest(batch({ev(EventKind::Counter, 2, 2, 300, 0, TicketsLeft, 7),
                        ev(EventKind::Counter, 2, 2, 500, 0, TicketsLeft, 5)}));
    store.ingest(batch({ev(EventKind::Counter, 3, 3, 100, 0, TicketsLeft, 9),
                        ev(EventKind::Counter, 3, 3, 400, 0, TicketsLeft, 6),
                        ev(EventKind::Counter, 3, 3, 200, 0, TicketsLeft, 8)}));
    store.ingest(batch({ev(EventKind::Counter, 2, 2, 600, 0, 1234, 1)}));

    const CounterTrack *t = store.counter(CounterTrack::Kind::Value, TicketsLeft);
    QVERIFY(t);
    QCOMPARE(t->samples.size(), std::size_t(5));
    for (std::size_t i = 0; i < t->samples.size(); ++i) {
        QCOMPARE(t->samples[i].time, std::uint64_t(100 * (i + 1)));
        QCOMPARE(t->samples[i].value, std::int64_t(9 - std::int64_t(i)));
    }
    QVERIFY(store.counter(CounterTrack::Kind::Value, 1234));
    QVERIFY(!store.counter(CounterTrack::Kind::Value, 999));
    QVERIFY(!store.counter(CounterTrack::Kind::CpuCore, TicketsLeft));
    QCOMPARE(store.counters().size(), std::size_t(2));
}

void TestTraceStore::cpuSamplesGoToTheirTracks()
{
    TraceStore store;
    store.ingest(batch({ev(EventKind::CpuSample, 1, 2, 200, 0, 0, 750), ev(EventKind::CpuSample, 1, 2, 200, 0, 1, 10),
                        ev(EventKind::CpuSample, 1, 2, 200, 1, 4242, 1900),
                        ev(EventKind::CpuSample, 1, 2, 100, 0, 0, 250)}));
    const CounterTrack *core0 = store.counter(CounterTrack::Kind::CpuCore, 0);
    QVERIFY(core0);
    QCOMPARE(core0->samples.size(), std::size_t(2));
    QCOMPARE(core0->samples[0].value, std::int64_t(250));
    QCOMPARE(core0->samples[1].value, std::int64_t(750));
    QVERIFY(store.counter(CounterTrack::Kind::CpuCore, 1));
    const CounterTrack *proc = store.counter(CounterTrack::Kind::CpuProcess, 4242);
    QVERIFY(proc);
    QCOMPARE(proc->samples.at(0).value, std::int64_t(1900));
    QVERIFY(!store.counter(CounterTrack::Kind::CpuCore, 4242));
    // Samples describe the machine, not a worker: no track for the sampler thread.
    QVERIFY(store.workers().empty());
}

void TestTraceStore::flowsMatchInEitherOrder_data()
{
    QTest::addColumn<Batches>("batches");
    const Event out = ev(EventKind::FlowOut, 40, 40, 100, 0, 5, 77);
    const Event in = ev(EventKind::FlowIn, 41, 41, 180, 0, 5, 77);
    QTest::newRow("out then in") << Batches{{out}, {in}};
    QTest::newRow("in arrives first") << Batches{{in}, {out}};
    QTest::newRow("same batch, in listed first") << Batches{{in, out}};
}

void TestTraceStore::flowsMatchInEitherOrder()
{
    QFETCH(Batches, batches);
    TraceStore store;
    for (const auto &events : batches)
        store.ingest(batch(events));
    QCOMPARE(store.flows().size(), std::size_t(1));
    const auto &f = store.flows()[0];
    QCOMPARE(f.outTime, std::uint64_t(100));
    QCOMPARE(f.inTime, std::uint64_t(180));
    QCOMPARE(f.fromWorker, store.workerIndex(40, 40));
    QCOMPARE(f.toWorker, store.workerIndex(41, 41));
    QCOMPARE(f.objectId, std::uint32_t(77));

    // A second hand-over with another id is a separate flow; an unmatched half stays open.
    store.ingest(batch({ev(EventKind::FlowIn, 40, 40, 300, 0, 6, 77), ev(EventKind::FlowOut, 42, 42, 250, 0, 8, 77)}));
    store.ingest(batch({ev(EventKind::FlowOut, 41, 41, 260, 0, 6, 77)}));
    QCOMPARE(store.flows().size(), std::size_t(3));
    int complete = 0;
    for (const auto &flow : store.flows())
        complete += flow.fromWorker >= 0 && flow.toWorker >= 0 ? 1 : 0;
    QCOMPARE(complete, 2);
}

void TestTraceStore::prints()
{
    TraceStore store;
    store.ingest(batch({ev(EventKind::Print, 7, 7, 300, 0, 3), ev(EventKind::Print, 7, 7, 100, 0, 1)},
                       {{1, "first"}, {3, "third"}}));
    store.ingest(batch({ev(EventKind::Print, 8, 9, 200, 0, 2)}, {{2, "second"}}));
    const auto &p = store.prints();
    QCOMPARE(p.size(), std::size_t(3));
    const char *texts[] = {"first", "second", "third"};
    for (std::size_t i = 0; i < 3; ++i) {
        QCOMPARE(p[i].time, std::uint64_t(100 * (i + 1)));
        QCOMPARE(store.string(p[i].stringId), std::string_view(texts[i]));
    }
    QCOMPARE(p[1].pid, 8);
    QCOMPARE(p[1].tid, 9);
    QCOMPARE(track(store, 7, 7).printTimes, (std::vector<std::uint64_t>{100, 300}));
    QCOMPARE(track(store, 8, 9).printTimes, (std::vector<std::uint64_t>{200}));
}

void TestTraceStore::processesGroupMainThreadFirst()
{
    TraceStore store;
    // Process 100's threads are seen before its main thread; 200 sits in between.
    store.ingest(batch({begin(100, 102, 10, SpanState::Running), begin(200, 200, 15, SpanState::Running),
                        begin(100, 101, 20, SpanState::Running), begin(100, 100, 30, SpanState::Running),
                        begin(200, 201, 40, SpanState::Running)}));
    const auto groups = store.processes();
    QCOMPARE(groups.size(), std::size_t(2));
    QCOMPARE(groups[0].pid, 100);
    QCOMPARE(groups[1].pid, 200);
    const auto tids = [&](const cl::trace::ProcessGroup &g) {
        std::vector<std::int32_t> out;
        for (int i : g.workers)
            out.push_back(store.workers()[std::size_t(i)].tid);
        return out;
    };
    QCOMPARE(tids(groups[0]), (std::vector<std::int32_t>{100, 102, 101}));
    QCOMPARE(tids(groups[1]), (std::vector<std::int32_t>{200, 201}));
}

void TestTraceStore::stringsAndObjectNames()
{
    TraceStore store;
    store.ingest(batch({ev(EventKind::ObjectName, 1, 1, 10, 0, 500, 21)}, {{21, "ticket lock"}}));
    store.addString(22, "售票队列");
    store.addEvents({ev(EventKind::ObjectName, 1, 1, 20, 0, 501, 22)});
    QCOMPARE(store.objectName(500), std::string("ticket lock"));
    QCOMPARE(store.objectName(501), std::string("售票队列"));
    QCOMPARE(store.objectName(502), std::string());
    QCOMPARE(store.string(999), std::string_view());
    // Renaming points the object at the new string.
    store.ingest(batch({ev(EventKind::ObjectName, 1, 1, 30, 0, 500, 23)}, {{23, "renamed"}}));
    QCOMPARE(store.objectName(500), std::string("renamed"));
}

void TestTraceStore::timeRangeAndCounts()
{
    TraceStore store;
    QCOMPARE(store.beginTime(), std::uint64_t(0));
    QCOMPARE(store.endTime(), std::uint64_t(0));
    // CPU samples extend the end but never pull the begin before the first worker event.
    store.ingest(batch({ev(EventKind::CpuSample, 1, 1, 50, 0, 0, 10), begin(1, 1, 100, SpanState::Running)}, {}, 3));
    store.ingest(batch({end(1, 1, 400, SpanState::Running), ev(EventKind::CpuSample, 1, 1, 900, 0, 0, 10)}, {}, 5));
    QCOMPARE(store.beginTime(), std::uint64_t(100));
    QCOMPARE(store.endTime(), std::uint64_t(900));
    QCOMPARE(store.eventCount(), std::uint64_t(4));
    // droppedTotal is cumulative: the store keeps the latest, not a sum.
    QCOMPARE(store.droppedEvents(), std::uint64_t(5));
}

void TestTraceStore::clearAndRevision()
{
    TraceStore store;
    std::uint64_t rev = store.revision();
    const auto bumped = [&] {
        const bool up = store.revision() > rev;
        rev = store.revision();
        return up;
    };
    store.ingest(batch({begin(1, 1, 100, SpanState::Running), end(1, 1, 200, SpanState::Running),
                        ev(EventKind::Counter, 1, 1, 150, 0, 3, 1), ev(EventKind::Print, 1, 1, 160, 0, 4),
                        ev(EventKind::FlowOut, 1, 1, 170, 0, 9, 1)},
                       {{4, "hello"}}, 2));
    QVERIFY(bumped());
    store.addString(5, "x");
    QVERIFY(bumped());
    store.addEvents({ev(EventKind::Counter, 1, 1, 300, 0, 3, 2)});
    QVERIFY(bumped());
    store.setDroppedEvents(7);
    QVERIFY(bumped());
    store.metadata()["scenario"] = "tickets";
    store.touch();
    QVERIFY(bumped());
    store.ingest(batch({}));
    QVERIFY(bumped());

    store.setItemLimit(3);
    store.ingest(batch({ev(EventKind::Counter, 1, 1, 400, 0, 3, 3), ev(EventKind::Counter, 1, 1, 410, 0, 3, 4)}));
    // Five items are stored already: a lower limit keeps them and takes no more.
    QCOMPARE(store.storedItems(), std::uint64_t(5));
    QCOMPARE(store.droppedByLimit(), std::uint64_t(2));
    store.clear();
    QVERIFY(bumped()); // views must notice the store went empty
    QCOMPARE(store.itemLimit(), std::uint64_t(3)); // a setting, not part of the trace
    QCOMPARE(store.storedItems(), std::uint64_t(0));
    QCOMPARE(store.droppedByLimit(), std::uint64_t(0));
    QVERIFY(store.workers().empty());
    QVERIFY(store.counters().empty());
    QVERIFY(store.prints().empty());
    QVERIFY(store.flows().empty());
    QVERIFY(store.metadata().empty());
    QCOMPARE(store.string(4), std::string_view());
    QCOMPARE(store.droppedEvents(), std::uint64_t(0));
    QCOMPARE(store.eventCount(), std::uint64_t(0));
    QCOMPARE(store.beginTime(), std::uint64_t(0));
    QCOMPARE(store.endTime(), std::uint64_t(0));
    QCOMPARE(store.workerIndex(1, 1), -1);

    // A cleared store works like a new one; the open flow from before is forgotten.
    store.ingest(batch({ev(EventKind::FlowIn, 2, 2, 50, 0, 9, 1)}));
    QVERIFY(bumped());
    QCOMPARE(store.flows().size(), std::size_t(1));
    QCOMPARE(store.flows()[0].fromWorker, -1);
    QCOMPARE(store.beginTime(), std::uint64_t(50));
}


QTEST_GUILESS_MAIN(TestTraceStore)
#include "tst_trace_store.moc"
