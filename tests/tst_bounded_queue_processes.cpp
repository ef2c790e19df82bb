// The bounded queue between forked processes: exactly once through a small
// queue, and a worker killed while waiting in get() or inside the queue's
// critical section does not hang the others. Every child is reaped.
#include "process_check.h"
#include "queue_rig.h"

#include <QTest>

#include <atomic>
#include <csignal>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace cl;
using runtime::BoundedQueue;
using runtime::QueueItem;
using runtime::QueueStatus;
using tests::item;
using tests::kDepth;
using tests::Rig;

class TestQueueProcesses : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void exactlyOnceBetweenProcesses();
    void aKilledConsumerDoesNotHangTheOthers_data();
    void aKilledConsumerDoesNotHangTheOthers();
};

void TestQueueProcesses::exactlyOnceBetweenProcesses()
{
    // Three forked producers and three forked consumers through a queue of 2.
    constexpr int kProducers = 3, kConsumers = 3, kItems = 200;
    Rig rig;
    const std::uint64_t qOffset = BoundedQueue::create(rig.arena, 2, false, kDepth);
    const std::uint64_t seenOffset = rig.arena.allocateObject(sizeof(std::atomic<int>) * kProducers * kItems, 64);
    QVERIFY(qOffset != 0 && seenOffset != 0);
    auto *seen = rig.arena.object<std::atomic<int>>(seenOffset);
    std::vector<pid_t> children;
    for (int i = 0; i < kProducers + kConsumers; ++i) {
        const std::uint32_t ring = rig.ring();
        const pid_t pid = fork();
        QVERIFY(pid >= 0);
        if (pid == 0) {
            record::Writer w(&rig.arena, ring);
            BoundedQueue q(rig.arena, qOffset);
            if (i < kProducers) {
                for (int k = 0; k < kItems; ++k)
                    if (q.put(w, item(i * kItems + k)) != QueueStatus::Ok)
                        _exit(2);
                _exit(0);
            }
            for (;;) {
                QueueItem it;
                if (q.get(w, it) != QueueStatus::Ok)
                    _exit(2);
                if (it.isNone)
                    _exit(0);
                seen[it.value].fetch_add(1);
            }
        }
        children.push_back(pid);
    }
    record::Writer w(&rig.arena, rig.ring());
    BoundedQueue q(rig.arena, qOffset);
    for (int i = 0; i < kProducers; ++i) {
        int status = 0;
        QCOMPARE(waitpid(children[std::size_t(i)], &status, 0), children[std::size_t(i)]);
        QVERIFY(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    for (int i = 0; i < kConsumers; ++i)
        QCOMPARE(q.put(w, QueueItem{0, 1, 0}), QueueStatus::Ok);
    for (int i = kProducers; i < kProducers + kConsumers; ++i) {
        int status = 0;
        QCOMPARE(waitpid(children[std::size_t(i)], &status, 0), children[std::size_t(i)]);
        QVERIFY(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    for (int k = 0; k < kProducers * kItems; ++k)
        QVERIFY2(seen[k].load() == 1, qPrintable(QStringLiteral("item %1 got %2 times").arg(k).arg(seen[k].load())));
    QVERIFY(q.stats().maxDepth <= 2);
    QCOMPARE(q.stats().gets, std::uint64_t(kProducers * kItems + kConsumers));
    // Every depth sample any process recorded stays within the capacity.
    const trace::CounterTrack *depth = rig.drained().counter(trace::CounterTrack::Kind::Value, kDepth);
    QVERIFY(depth);
    for (const auto &s : depth->samples)
        QVERIFY(s.value >= 0 && s.value <= 2);
    QVERIFY(tests::childrenOf(getpid()).isEmpty());
}

void TestQueueProcesses::aKilledConsumerDoesNotHangTheOthers_data()
{
    QTest::addColumn<bool>("holdingTheLock");
    QTest::newRow("killed while waiting in get()") << false;
    QTest::newRow("killed inside the queue's critical section") << true;
}

void TestQueueProcesses::aKilledConsumerDoesNotHangTheOthers()
{
    QFETCH(bool, holdingTheLock);
    Rig rig;
    const std::uint64_t offset = BoundedQueue::create(rig.arena, 2, false, kDepth);
    BoundedQueue q(rig.arena, offset);
    auto *locked = rig.arena.object<std::atomic<int>>(rig.arena.allocateObject(sizeof(std::atomic<int>), 64));
    const std::uint32_t ring = rig.ring();
    const pid_t pid = fork();
    QVERIFY(pid >= 0);
    if (pid == 0) {
        record::Writer w(&rig.arena, ring);
        if (holdingTheLock) { // dies the way a consumer killed mid-get() would, lock held
            pthread_mutex_lock(&rig.arena.object<runtime::BoundedQueueState>(offset)->mutex);
            locked->store(1);
            for (;;)
                pause();
        }
        QueueItem it;
        q.get(w, it); // the queue is empty: waits here until killed
        for (;;)
            pause();
    }
    if (holdingTheLock)
        QTRY_COMPARE_WITH_TIMEOUT(locked->load(), 1, 5000);
    else
        QTRY_COMPARE_WITH_TIMEOUT(q.stats().blockedGets, std::uint64_t(1), 5000);
    QCOMPARE(::kill(pid, SIGKILL), 0);
    int status = 0;
    QCOMPARE(waitpid(pid, &status, 0), pid);
    QVERIFY(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);

    // The survivors go on: a putter and a getter thread, through the same queue.
    record::Writer w(&rig.arena, rig.ring());
    std::atomic<int> got{0};
    std::thread getter = rig.thread([&](record::Writer &gw) {
        QueueItem it;
        for (int i = 0; i < 50; ++i)
            got += q.get(gw, it) == QueueStatus::Ok && it.value == i;
    });
    for (int i = 0; i < 50; ++i)
        QCOMPARE(q.put(w, item(i)), QueueStatus::Ok);
    getter.join();
    QCOMPARE(got.load(), 50);
    QVERIFY(q.empty());
    QVERIFY(tests::childrenOf(getpid()).isEmpty());
}

QTEST_GUILESS_MAIN(TestQueueProcesses)
#include "tst_bounded_queue_processes.moc"
