// The bounded queue on its own: Python's put/get semantics (blocking, timeouts,
// the *_nowait errors), joinable task_done/join, shutdown, and what it records;
// waiters woken across threads; Stop. Between processes and with a killed
// worker: tst_bounded_queue_processes.cpp.
#include "queue_rig.h"

#include <QTest>

#include <atomic>
#include <cstring>
#include <thread>
#include <vector>

using namespace cl;
using runtime::BoundedQueue;
using runtime::QueueItem;
using runtime::QueueStatus;
using trace::SpanState;
using tests::item;
using tests::kDepth;
using tests::Rig;

Q_DECLARE_METATYPE(QueueStatus)


class TestBoundedQueue : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void semantics_data();
    void semantics();
    void fifoQueriesAndFlows();
    void waitersAreWokenAcrossThreads();
    void stopWakesEveryWaiter();
    void giveUpEndsAWait();
};

void TestBoundedQueue::semantics_data()
{
    QTest::addColumn<int>("capacity");
    QTest::addColumn<bool>("joinable");
    QTest::addColumn<int>("prefill");      // items put before the operation
    QTest::addColumn<QByteArray>("setup"); // "", get-all, task-done-all, shutdown, shutdown-now
    QTest::addColumn<QByteArray>("op");    // put, get (-nowait, -timeout), task-done, join-timeout
    QTest::addColumn<QueueStatus>("expect");
    QTest::addColumn<bool>("waits"); // a "queue full"/"queue empty" span is recorded
    const auto row = [](const char *name, int capacity, bool joinable, int prefill, const char *setup,
                        const char *op, QueueStatus expect, bool waits) {
        QTest::newRow(name) << capacity << joinable << prefill << QByteArray(setup) << QByteArray(op) << expect
                            << waits;
    };
    using S = QueueStatus;
    row("put_nowait with room", 2, false, 1, "", "put-nowait", S::Ok, false);
    row("put_nowait on a full queue", 2, false, 2, "", "put-nowait", S::Full, false);
    row("put timeout on a full queue", 1, false, 1, "", "put-timeout", S::Full, true);
    row("put timeout with room", 1, false, 0, "", "put-timeout", S::Ok, false);
    row("get_nowait with an item", 3, false, 1, "", "get-nowait", S::Ok, false);
    row("get_nowait on an empty queue", 3, false, 0, "", "get-nowait", S::Empty, false);
    row("get timeout on an empty queue", 3, false, 0, "", "get-timeout", S::Empty, true);
    row("get timeout after everything was taken", 3, false, 2, "get-all", "get-timeout", S::Empty, true);
    row("task_done on a plain queue", 3, false, 1, "get-all", "task-done", S::NotJoinable, false);
    row("join on a plain queue", 3, false, 0, "", "join-timeout", S::NotJoinable, false);
    row("task_done for an item got", 3, true, 1, "get-all", "task-done", S::Ok, false);
    row("task_done once too often", 3, true, 2, "task-done-all", "task-done", S::TooManyTaskDone, false);
    row("join with items not done", 3, true, 2, "get-all", "join-timeout", S::TimedOut, false);
    row("join when all are done", 3, true, 2, "task-done-all", "join-timeout", S::Ok, false);
    row("join on a fresh queue", 3, true, 0, "", "join-timeout", S::Ok, false);
    row("put after shutdown", 3, false, 0, "shutdown", "put", S::ShutDown, false);
    row("get after shutdown takes what is left", 3, false, 1, "shutdown", "get", S::Ok, false);
    row("get after shutdown, drained", 3, false, 0, "shutdown", "get", S::ShutDown, false);
    row("get after immediate shutdown", 3, false, 2, "shutdown-now", "get", S::ShutDown, false);
    row("join after immediate shutdown", 3, true, 2, "shutdown-now", "join-timeout", S::Ok, false);
}

void TestBoundedQueue::semantics()
{
    QFETCH(int, capacity);
    QFETCH(bool, joinable);
    QFETCH(int, prefill);
    QFETCH(QByteArray, setup);
    QFETCH(QByteArray, op);
    QFETCH(QueueStatus, expect);
    QFETCH(bool, waits);

    Rig rig;
    const std::uint64_t offset = BoundedQueue::create(rig.arena, std::uint32_t(capacity), joinable, kDepth);
    QVERIFY(offset != 0);
    BoundedQueue q(rig.arena, offset);
    record::Writer w(&rig.arena, rig.ring());
    for (int i = 0; i < prefill; ++i)
        QCOMPARE(q.putNowait(w, item(i)), QueueStatus::Ok);
    QueueItem got;
    if (setup == "get-all" || setup == "task-done-all") {
        for (int i = 0; i < prefill; ++i) {
            QCOMPARE(q.getNowait(w, got), QueueStatus::Ok);
            if (setup == "task-done-all")
                QCOMPARE(q.taskDone(w), QueueStatus::Ok);
        }
    } else if (setup.startsWith("shutdown")) {
        q.shutdown(w, setup == "shutdown-now");
    }
    const auto stats0 = q.stats();

    QueueStatus st = QueueStatus::Ok;
    if (op == "put")
        st = q.put(w, item(100));
    else if (op == "put-nowait")
        st = q.putNowait(w, item(100));
    else if (op == "put-timeout")
        st = q.put(w, item(100), true, 30);
    else if (op == "get")
        st = q.get(w, got);
    else if (op == "get-nowait")
        st = q.getNowait(w, got);
    else if (op == "get-timeout")
        st = q.get(w, got, true, 30);
    else if (op == "task-done")
        st = q.taskDone(w);
    else if (op == "join-timeout")
        st = q.join(w, 30);
    QVERIFY2(st == expect, runtime::queueStatusText(st));
    QVERIFY(std::strlen(runtime::queueStatusText(st)) > 0);

    // A failed put leaves the queue as it was; a successful one adds an item.
    const auto stats1 = q.stats();
    const bool isPut = op.startsWith("put");
    const bool isGet = op.startsWith("get");
    QCOMPARE(stats1.puts, stats0.puts + (isPut && st == QueueStatus::Ok));
    QCOMPARE(stats1.gets, stats0.gets + (isGet && st == QueueStatus::Ok));
    if (isGet && st == QueueStatus::Ok)
        QCOMPARE(got.value, std::int64_t(0)); // the first item put
    QVERIFY(q.qsize() <= std::uint64_t(capacity));
    QCOMPARE(stats1.blockedPuts, stats0.blockedPuts + (waits && isPut));
    QCOMPARE(stats1.blockedGets, stats0.blockedGets + (waits && isGet));
    QCOMPARE(rig.spans(SpanState::QueueFullWait), waits && isPut ? 1 : 0);
    QCOMPARE(rig.spans(SpanState::QueueEmptyWait), waits && isGet ? 1 : 0);
}

void TestBoundedQueue::fifoQueriesAndFlows()
{
    Rig rig;
    BoundedQueue q(rig.arena, BoundedQueue::create(rig.arena, 3, false, kDepth));
    record::Writer w(&rig.arena, rig.ring());
    QVERIFY(q.empty());
    QVERIFY(!q.full());
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(q.qsize(), std::uint64_t(i));
        QCOMPARE(q.put(w, item(10 + i)), QueueStatus::Ok);
    }
    QVERIFY(q.full());
    QVERIFY(!q.empty());
    QueueItem got;
    QCOMPARE(q.get(w, got), QueueStatus::Ok);
    QCOMPARE(got.value, std::int64_t(10));
    QCOMPARE(q.put(w, QueueItem{0, 1, 0}), QueueStatus::Ok); // a None, after 11 and 12
    for (std::int64_t expect : {11, 12}) {
        QCOMPARE(q.get(w, got), QueueStatus::Ok);
        QCOMPARE(got.value, expect);
        QCOMPARE(got.isNone, 0u);
    }
    QCOMPARE(q.get(w, got), QueueStatus::Ok);
    QCOMPARE(got.isNone, 1u);
    QVERIFY(q.empty());

    // Each put → get is one flow on the queue; the depth track follows every change.
    const trace::TraceStore &store = rig.drained();
    int flows = 0;
    for (const auto &f : store.flows()) {
        QCOMPARE(f.objectId, q.objectId());
        QVERIFY(f.fromWorker >= 0 && f.toWorker >= 0);
        QVERIFY(f.inTime >= f.outTime);
        ++flows;
    }
    QCOMPARE(flows, 4);
    const trace::CounterTrack *depth = store.counter(trace::CounterTrack::Kind::Value, kDepth);
    QVERIFY(depth);
    std::vector<std::int64_t> values;
    for (const auto &s : depth->samples)
        values.push_back(s.value);
    QCOMPARE(values, (std::vector<std::int64_t>{1, 2, 3, 2, 3, 2, 1, 0}));
    QCOMPARE(q.stats().maxDepth, std::uint64_t(3));
}

void TestBoundedQueue::waitersAreWokenAcrossThreads()
{
    // A put blocked on a full queue completes when another thread gets; a get
    // blocked on an empty one completes when another thread puts; join()
    // returns when the last task_done() comes in.
    Rig rig;
    BoundedQueue q(rig.arena, BoundedQueue::create(rig.arena, 1, true, kDepth));
    record::Writer w(&rig.arena, rig.ring());
    QCOMPARE(q.put(w, item(1)), QueueStatus::Ok);
    std::atomic<int> putResult{-1};
    std::thread putter = rig.thread([&](record::Writer &pw) { putResult = int(q.put(pw, item(2))); });
    QTRY_COMPARE_WITH_TIMEOUT(q.stats().blockedPuts, std::uint64_t(1), 5000); // really waiting
    QueueItem got;
    QCOMPARE(q.get(w, got), QueueStatus::Ok);
    putter.join();
    QCOMPARE(putResult.load(), int(QueueStatus::Ok));
    QCOMPARE(q.get(w, got), QueueStatus::Ok);
    QCOMPARE(got.value, std::int64_t(2));

    std::atomic<std::int64_t> gotValue{-1};
    std::thread getter = rig.thread([&](record::Writer &gw) {
        QueueItem it;
        if (q.get(gw, it) == QueueStatus::Ok)
            gotValue = it.value;
    });
    QTRY_COMPARE_WITH_TIMEOUT(q.stats().blockedGets, std::uint64_t(1), 5000);
    QCOMPARE(q.put(w, item(3)), QueueStatus::Ok);
    getter.join();
    QCOMPARE(gotValue.load(), std::int64_t(3));

    QCOMPARE(q.taskDone(w), QueueStatus::Ok);
    QCOMPARE(q.taskDone(w), QueueStatus::Ok);
    QCOMPARE(q.stats().unfinishedTasks, std::uint64_t(1));
    std::atomic<int> joinResult{-1};
    std::thread joiner = rig.thread([&](record::Writer &jw) { joinResult = int(q.join(jw)); });
    QCOMPARE(q.taskDone(w), QueueStatus::Ok);
    joiner.join();
    QCOMPARE(joinResult.load(), int(QueueStatus::Ok));
    QCOMPARE(rig.spans(SpanState::QueueFullWait), 1);
    QCOMPARE(rig.spans(SpanState::QueueEmptyWait), 1);
}

void TestBoundedQueue::stopWakesEveryWaiter()
{
    // Two getters on an empty queue, two putters on a full one, a joiner:
    // Stop reaches every one of them.
    Rig rig;
    BoundedQueue empty(rig.arena, BoundedQueue::create(rig.arena, 1, true, kDepth));
    BoundedQueue full(rig.arena, BoundedQueue::create(rig.arena, 1, true, kDepth + 100));
    record::Writer w(&rig.arena, rig.ring());
    QCOMPARE(full.put(w, item(0)), QueueStatus::Ok);
    QCOMPARE(empty.put(w, item(0)), QueueStatus::Ok);
    QueueItem it;
    QCOMPARE(empty.get(w, it), QueueStatus::Ok); // one task got, never done: join() waits
    std::vector<std::atomic<int>> results(5);
    std::atomic<int> returned{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 5; ++i) {
        threads.push_back(rig.thread([&, i](record::Writer &tw) {
            QueueItem x;
            const QueueStatus st = i < 2 ? empty.get(tw, x) : i < 4 ? full.put(tw, item(i)) : empty.join(tw);
            results[std::size_t(i)] = int(st);
            ++returned;
        }));
    }
    QTRY_VERIFY_WITH_TIMEOUT(empty.stats().blockedGets == 2 && full.stats().blockedPuts == 2, 5000);
    QCOMPARE(returned.load(), 0);
    rig.arena.requestStop();
    QTRY_COMPARE_WITH_TIMEOUT(returned.load(), 5, 5000);
    for (auto &t : threads)
        t.join();
    for (const auto &r : results)
        QCOMPARE(r.load(), int(QueueStatus::Stopped));
    // Each wait is a closed span: the waiters recorded that they stopped waiting.
    for (const auto &wt : rig.drained().workers())
        QVERIFY(wt.open.empty());
}

void TestBoundedQueue::giveUpEndsAWait()
{
    Rig rig;
    BoundedQueue q(rig.arena, BoundedQueue::create(rig.arena, 1, false, kDepth));
    std::atomic<bool> hopeless{false};
    std::atomic<int> result{-1};
    std::thread getter = rig.thread([&](record::Writer &gw) {
        QueueItem it;
        result = int(q.get(gw, it, true, BoundedQueue::kForever, [&] { return hopeless.load(); }));
    });
    QTRY_COMPARE_WITH_TIMEOUT(q.stats().blockedGets, std::uint64_t(1), 5000);
    QCOMPARE(result.load(), -1);
    hopeless = true;
    getter.join();
    QCOMPARE(result.load(), int(QueueStatus::GaveUp));
}

QTEST_GUILESS_MAIN(TestBoundedQueue)
#include "tst_bounded_queue.moc"
