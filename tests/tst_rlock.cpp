// The recursive lock: its owner gets back in without waiting and the hold
// stays one span; a worker that does not own it cannot release it; it works
// between threads and between processes, hands over to a waiter, gives up on
// Stop, and survives an owner that dies holding it.
#include "core/record/collector.h"
#include "core/runtime/shared_rlock.h"
#include "core/trace/trace_store.h"
#include "process_check.h"

#include <algorithm>
#include <QTest>
#include <atomic>
#include <csignal>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace cl;
using runtime::RLockRelease;
using runtime::SharedRLock;
using trace::SpanState;

Q_DECLARE_METATYPE(RLockRelease)

namespace {
struct Fixture {
    record::SharedArena arena = record::SharedArena::create({8, 1024, 64 * 1024});
    std::uint64_t offset = 0;

    Fixture() { offset = SharedRLock::create(arena); }
    SharedRLock lock() { return SharedRLock(arena, offset); }
    std::uint32_t waiters() const
    {
        return arena.object<runtime::SharedRLockState>(offset)->mutex.waiters.load();
    }
    record::Writer writer() { return record::Writer(&arena, std::uint32_t(arena.acquireRing())); }
    trace::TraceStore drain()
    {
        record::Collector collector(arena);
        collector.drainNow();
        trace::TraceStore store;
        store.ingest(collector.takeBatch());
        return store;
    }
};

std::vector<trace::Span> spansOf(const trace::TraceStore &store, std::int32_t tid, SpanState state)
{
    std::vector<trace::Span> out;
    for (const auto &w : store.workers())
        if (w.tid == tid)
            for (const auto &s : w.spans)
                if (s.state == state)
                    out.push_back(s);
    return out;
}

int openSpans(const trace::TraceStore &store, SpanState state)
{
    int n = 0;
    for (const auto &w : store.workers())
        n += std::any_of(w.open.begin(), w.open.end(), [state](const trace::OpenSpan &o) { return o.state == state; });
    return n;
}
} // namespace

class TestRLock : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void ownerReentersAndHoldsOneSpan_data()
    {
        QTest::addColumn<int>("depth");
        QTest::newRow("once") << 1;
        QTest::newRow("twice") << 2;
        QTest::newRow("five times") << 5;
    }

    void ownerReentersAndHoldsOneSpan()
    {
        QFETCH(int, depth);
        Fixture f;
        QVERIFY(f.arena.isValid() && f.offset != 0);
        SharedRLock lock = f.lock();
        record::Writer w = f.writer();
        for (int d = 1; d <= depth; ++d) {
            QVERIFY(lock.acquire(w));
            QVERIFY(lock.isOwnedBy(w.tid()));
            QCOMPARE(lock.depth(), std::uint32_t(d));
        }
        for (int d = depth; d >= 1; --d) {
            QCOMPARE(lock.release(w), d > 1 ? RLockRelease::StillHeld : RLockRelease::Released);
            QCOMPARE(lock.isOwnedBy(w.tid()), d > 1);
        }
        // One release too many is refused, as Python's RuntimeError.
        QCOMPARE(lock.release(w), RLockRelease::NotOwner);

        // However deep the re-entry, the timeline shows one hold and no wait.
        const trace::TraceStore store = f.drain();
        const auto holds = spansOf(store, w.tid(), SpanState::LockHold);
        QCOMPARE(int(holds.size()), 1);
        QCOMPARE(holds.front().objectId, lock.objectId());
        QCOMPARE(openSpans(store, SpanState::LockHold), 0);
        QVERIFY(spansOf(store, w.tid(), SpanState::LockWait).empty());
        QVERIFY(store.flows().empty());
    }

    void releaseByNonOwnerIsAnError_data()
    {
        QTest::addColumn<bool>("held");
        QTest::newRow("held by another thread") << true;
        QTest::newRow("free") << false;
    }

    void releaseByNonOwnerIsAnError()
    {
        QFETCH(bool, held);
        Fixture f;
        SharedRLock lock = f.lock();
        record::Writer owner = f.writer();
        if (held)
            QVERIFY(lock.acquire(owner));
        RLockRelease result = RLockRelease::Released;
        bool stillOwned = false;
        std::thread other([&] {
            record::Writer w = f.writer();
            result = lock.release(w);
            stillOwned = lock.isOwnedBy(owner.tid());
        });
        other.join();
        QCOMPARE(result, RLockRelease::NotOwner);
        QCOMPARE(stillOwned, held);
        if (held) {
            QCOMPARE(lock.depth(), std::uint32_t(1));
            QCOMPARE(lock.release(owner), RLockRelease::Released);
        }
        // The refused release recorded nothing: no hold ended, no hand-over.
        const trace::TraceStore store = f.drain();
        QCOMPARE(int(spansOf(store, owner.tid(), SpanState::LockHold).size()), held ? 1 : 0);
        QVERIFY(store.flows().empty());
    }

    void waiterGetsItOnlyAfterTheLastRelease()
    {
        Fixture f;
        SharedRLock lock = f.lock();
        record::Writer a = f.writer();
        QVERIFY(lock.acquire(a));
        QVERIFY(lock.acquire(a));
        std::atomic<bool> got{false};
        std::atomic<std::int32_t> bTid{0};
        std::thread b([&] {
            record::Writer w = f.writer();
            bTid = w.tid();
            if (!lock.acquire(w))
                return;
            got = true;
            lock.release(w);
        });
        QTRY_COMPARE(f.waiters(), std::uint32_t(1));
        QCOMPARE(lock.release(a), RLockRelease::StillHeld);
        // Still held once: the waiter must not get in.
        QTest::qWait(20);
        QVERIFY(!got.load());
        QCOMPARE(f.waiters(), std::uint32_t(1));
        QCOMPARE(lock.release(a), RLockRelease::Released);
        b.join();
        QVERIFY(got.load());

        const trace::TraceStore store = f.drain();
        const auto aHolds = spansOf(store, a.tid(), SpanState::LockHold);
        const auto bHolds = spansOf(store, bTid, SpanState::LockHold);
        QCOMPARE(int(aHolds.size()), 1);
        QCOMPARE(int(bHolds.size()), 1);
        QVERIFY(aHolds.front().end <= bHolds.front().begin);
        QCOMPARE(int(spansOf(store, bTid, SpanState::LockWait).size()), 1);
        // One hand-over, from a to b, never back in time.
        QCOMPARE(int(store.flows().size()), 1);
        const trace::Flow &flow = store.flows().front();
        QCOMPARE(flow.fromWorker, store.workerIndex(a.pid(), a.tid()));
        QCOMPARE(flow.toWorker, store.workerIndex(getpid(), bTid));
        QVERIFY(flow.inTime >= flow.outTime);
    }

    void stopEndsAWait()
    {
        Fixture f;
        SharedRLock lock = f.lock();
        record::Writer a = f.writer();
        QVERIFY(lock.acquire(a));
        std::atomic<int> outcome{-1};
        std::atomic<bool> owned{false};
        std::thread b([&] {
            record::Writer w = f.writer();
            outcome = lock.acquire(w) ? 1 : 0;
            owned = lock.isOwnedBy(w.tid());
        });
        QTRY_COMPARE(f.waiters(), std::uint32_t(1));
        f.arena.requestStop();
        b.join();
        QCOMPARE(outcome.load(), 0);
        QVERIFY(!owned.load());
        QVERIFY(lock.isOwnedBy(a.tid()));
        QCOMPARE(lock.release(a), RLockRelease::Released);
    }

    void betweenProcesses()
    {
        Fixture f;
        SharedRLock lock = f.lock();
        record::Writer parent = f.writer();
        QVERIFY(lock.acquire(parent));
        const std::uint32_t childRing = std::uint32_t(f.arena.acquireRing());
        const pid_t child = fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            // No Qt here: only the runtime, then _exit with one bit per failed check.
            record::Writer w(&f.arena, childRing);
            int failed = 0;
            failed |= lock.release(w) != RLockRelease::NotOwner ? 1 : 0; // the parent owns it
            failed |= !lock.acquire(w) ? 2 : 0;                           // waits for the parent
            failed |= !lock.acquire(w) ? 4 : 0;                           // re-entry
            failed |= lock.depth() != 2 ? 8 : 0;
            failed |= lock.release(w) != RLockRelease::StillHeld ? 16 : 0;
            failed |= lock.release(w) != RLockRelease::Released ? 32 : 0;
            _exit(failed);
        }
        QTRY_COMPARE_WITH_TIMEOUT(f.waiters(), std::uint32_t(1), 10000);
        QCOMPARE(lock.release(parent), RLockRelease::Released);
        int status = 0;
        QCOMPARE(waitpid(child, &status, 0), child);
        QVERIFY(WIFEXITED(status));
        QCOMPARE(WEXITSTATUS(status), 0);

        const trace::TraceStore store = f.drain();
        QCOMPARE(int(spansOf(store, child, SpanState::LockHold).size()), 1);
        QCOMPARE(int(spansOf(store, child, SpanState::LockWait).size()), 1);
        QCOMPARE(int(store.flows().size()), 1);
        QCOMPARE(store.flows().front().toWorker, store.workerIndex(child, child));
        QVERIFY(!tests::childrenOf(getpid()).contains(child));
    }

    void ownerKilledWhileHolding()
    {
        Fixture f;
        SharedRLock lock = f.lock();
        const std::uint32_t childRing = std::uint32_t(f.arena.acquireRing());
        int ready[2];
        QCOMPARE(pipe(ready), 0);
        const pid_t child = fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            record::Writer w(&f.arena, childRing);
            if (lock.acquire(w) && lock.acquire(w)) {
                const char c = 1;
                (void)!write(ready[1], &c, 1);
            }
            pause(); // killed here, holding the lock twice
            _exit(1);
        }
        close(ready[1]);
        char c = 0;
        QCOMPARE(read(ready[0], &c, 1), ssize_t(1));
        close(ready[0]);
        QVERIFY(lock.isOwnedBy(child));
        QCOMPARE(::kill(child, SIGKILL), 0);
        int status = 0;
        QCOMPARE(waitpid(child, &status, 0), child);
        QVERIFY(WIFSIGNALED(status));

        // The robust mutex gives the lock to the next worker, at depth one.
        record::Writer w = f.writer();
        QVERIFY(lock.acquire(w));
        QVERIFY(lock.isOwnedBy(w.tid()));
        QCOMPARE(lock.depth(), std::uint32_t(1));
        QCOMPARE(lock.release(w), RLockRelease::Released);
        QVERIFY(!lock.isOwnedBy(child));
        QVERIFY(!tests::childrenOf(getpid()).contains(child));
    }
};

QTEST_GUILESS_MAIN(TestRLock)
#include "tst_rlock.moc"
