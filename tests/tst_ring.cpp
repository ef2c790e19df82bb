// Rings, writers and the collector under stress: threads and forked children
// writing while the collector drains, full rings, long strings, and a
// thousand short-lived workers sharing a few recycled rings. Every event
// carries its sequence number and a checksum, so order, tearing and loss are
// all visible; every lost event must be counted as dropped.
#include "core/record/clock.h"
#include "core/record/collector.h"
#include "core/record/shared_arena.h"
#include "core/record/writer.h"
#include "core/trace/trace_store.h"

#include <QTest>

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <map>
#include <string>
#include <thread>
#include <vector>

using cl::record::Collector;
using cl::record::SharedArena;
using cl::record::Writer;
using cl::trace::Event;
using cl::trace::EventKind;

namespace {

std::uint32_t checksum(std::int32_t tid, std::int64_t seq)
{
    // splitmix64: every bit of (tid, seq) reaches every bit of the result.
    std::uint64_t x = (std::uint64_t(std::uint32_t(tid)) << 32) ^ std::uint64_t(seq);
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    x ^= x >> 31;
    return std::uint32_t(x ^ (x >> 32));
}

// The stress events: Counter kind, arg = stream number, value = sequence.
void pushSequence(Writer &w, std::uint8_t stream, std::int64_t count)
{
    for (std::int64_t seq = 0; seq < count; ++seq)
        w.record(EventKind::Counter, stream, checksum(w.tid(), seq), seq);
}

// What one writer's events must look like on arrival.
struct Stream {
    std::int32_t pid = 0;
    std::int32_t tid = 0;
    std::int64_t lastSeq = -1;
    std::uint64_t received = 0;
};

class Verifier {
public:
    explicit Verifier(std::size_t streams) : m_streams(streams) {}
    Stream &stream(std::size_t i) { return m_streams[i]; }

    void check(const cl::record::Batch &batch)
    {
        for (const Event &e : batch.events) {
            if (e.kind != EventKind::Counter || e.arg >= m_streams.size()) {
                fail(QStringLiteral("unexpected event kind %1 arg %2").arg(int(e.kind)).arg(e.arg));
                continue;
            }
            Stream &s = m_streams[e.arg];
            if (e.pid != s.pid || e.tid != s.tid)
                fail(QStringLiteral("stream %1: pid/tid %2/%3, expected %4/%5")
                         .arg(e.arg).arg(e.pid).arg(e.tid).arg(s.pid).arg(s.tid));
            if (e.objectId != checksum(e.tid, e.value))
                fail(QStringLiteral("stream %1: torn event, seq %2").arg(e.arg).arg(e.value));
            // Drops leave gaps; anything else out of order is a bug.
            if (e.value <= s.lastSeq)
                fail(QStringLiteral("stream %1: seq %2 after %3").arg(e.arg).arg(e.value).arg(s.lastSeq));
            if (e.timeNs < m_windowBegin || e.timeNs > m_windowEnd)
                fail(QStringLiteral("stream %1: time %2 outside the run").arg(e.arg).arg(e.timeNs));
            s.lastSeq = e.value;
            ++s.received;
        }
    }
    std::uint64_t received() const
    {
        std::uint64_t n = 0;
        for (const auto &s : m_streams)
            n += s.received;
        return n;
    }
    // The converted stamps must land inside the run on CLOCK_MONOTONIC; a
    // millisecond of slack covers the tick-to-ns line's error.
    void setWindow(std::uint64_t begin, std::uint64_t end)
    {
        m_windowBegin = begin - 1000000;
        m_windowEnd = end + 1000000;
    }
    int failures() const { return m_failures; }
    QString firstFailure() const { return m_first; }

private:
    void fail(const QString &why)
    {
        if (m_failures++ == 0)
            m_first = why;
    }
    std::vector<Stream> m_streams;
    std::uint64_t m_windowBegin = 0;
    std::uint64_t m_windowEnd = ~0ull;
    int m_failures = 0;
    QString m_first;
};

bool allRingsFree(const SharedArena &arena)
{
    for (std::uint32_t i = 0; i < arena.ringCount(); ++i)
        if (arena.ring(i).header()->state.load() != cl::record::RingState::Free)
            return false;
    return true;
}

#if defined(__SANITIZE_THREAD__)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif

} // namespace

class TestRing : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void threadWriters_data();
    void threadWriters();
    void forkedWriters();
    void fullRingCountsDrops();
    void slowCollectorCountsDrops();
    void strings_data();
    void strings();
    void truncatedStringKeepsWhatArrived();
    void thousandForkedWorkers();
};

void TestRing::threadWriters_data()
{
    QTest::addColumn<int>("writers");
    QTest::addColumn<int>("capacity");
    QTest::addColumn<int>("events");
    QTest::addColumn<int>("intervalUs");
    // A big ring mostly keeps up; a small one drops a lot while the rest
    // must still arrive in order. A collector that never sleeps reads slots
    // right behind the writers, where a publish-before-write bug would show.
    const int events = kSanitized ? 20000 : 200000;
    QTest::newRow("4 writers, 8192 slots") << 4 << 8192 << events << 100;
    QTest::newRow("6 writers, 256 slots") << 6 << 256 << events << 100;
    QTest::newRow("2 writers, 64 slots, busy collector") << 2 << 64 << events << 0;
}

void TestRing::threadWriters()
{
    QFETCH(int, writers);
    QFETCH(int, capacity);
    QFETCH(int, events);
    QFETCH(int, intervalUs);

    auto arena = SharedArena::create({std::uint32_t(writers), std::uint32_t(capacity), 4096});
    QVERIFY(arena.isValid());
    Collector collector(arena);
    Verifier verifier{std::size_t(writers)};
    const std::uint64_t begin = cl::record::monotonicNs();
    collector.start(std::chrono::microseconds(intervalUs));

    std::vector<int> rings;
    for (int i = 0; i < writers; ++i) {
        rings.push_back(arena.acquireRing());
        QVERIFY(rings.back() >= 0);
    }
    std::atomic<int> ready{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < writers; ++i) {
        threads.emplace_back([&, i] {
            Writer w(&arena, std::uint32_t(rings[std::size_t(i)]));
            verifier.stream(std::size_t(i)).pid = w.pid();
            verifier.stream(std::size_t(i)).tid = w.tid();
            ready.fetch_add(1, std::memory_order_release);
            // Start together so the writers really contend with the collector.
            while (ready.load(std::memory_order_acquire) < writers)
                std::this_thread::yield();
            pushSequence(w, std::uint8_t(i), events);
            w.close();
        });
    }
    while (ready.load(std::memory_order_acquire) < writers)
        std::this_thread::yield();
    // Check batches while the writers still write: the reader side of a live run.
    verifier.setWindow(begin, ~0ull - 1000000);
    while (!allRingsFree(arena)) {
        verifier.check(collector.takeBatch());
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    for (auto &t : threads)
        t.join();
    collector.stop();
    verifier.setWindow(begin, cl::record::monotonicNs());
    verifier.check(collector.takeBatch());

    QVERIFY2(verifier.failures() == 0,
             qPrintable(QStringLiteral("%1 failures, first: %2").arg(verifier.failures()).arg(verifier.firstFailure())));
    const std::uint64_t pushed = std::uint64_t(writers) * std::uint64_t(events);
    QCOMPARE(verifier.received() + collector.droppedTotal(), pushed);
    QCOMPARE(collector.eventsIngested(), verifier.received());
    for (int i = 0; i < writers; ++i)
        QVERIFY(verifier.stream(std::size_t(i)).received > 0);
    QVERIFY(allRingsFree(arena));
}

void TestRing::forkedWriters()
{
    constexpr int kChildren = 4;
    const int events = kSanitized ? 20000 : 200000;
    auto arena = SharedArena::create({kChildren, 1024, 4096});
    QVERIFY(arena.isValid());
    Collector collector(arena);
    Verifier verifier(kChildren);
    const std::uint64_t begin = cl::record::monotonicNs();
    collector.start(std::chrono::microseconds(100));

    std::vector<pid_t> children;
    for (int i = 0; i < kChildren; ++i) {
        // Acquired in the parent: acquireRing() is main-process only.
        const int ring = arena.acquireRing();
        QVERIFY(ring >= 0);
        const pid_t pid = fork();
        QVERIFY(pid >= 0);
        if (pid == 0) {
            Writer w(&arena, std::uint32_t(ring));
            pushSequence(w, std::uint8_t(i), events);
            w.close();
            _exit(0);
        }
        children.push_back(pid);
        verifier.stream(std::size_t(i)).pid = pid;
        verifier.stream(std::size_t(i)).tid = pid; // a forked child's only thread
    }
    // Reap as they finish (a crashed child would never close its ring, so
    // the loop ends on exits, not on rings) and check batches meanwhile.
    std::size_t running = children.size();
    while (running > 0) {
        int status = -1;
        const pid_t pid = waitpid(-1, &status, WNOHANG);
        QVERIFY(pid >= 0);
        if (pid > 0) {
            --running;
            QVERIFY(WIFEXITED(status) && WEXITSTATUS(status) == 0);
            continue;
        }
        verifier.check(collector.takeBatch());
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    collector.stop();
    QVERIFY(allRingsFree(arena));
    verifier.setWindow(begin, cl::record::monotonicNs());
    verifier.check(collector.takeBatch());

    QVERIFY2(verifier.failures() == 0,
             qPrintable(QStringLiteral("%1 failures, first: %2").arg(verifier.failures()).arg(verifier.firstFailure())));
    QCOMPARE(verifier.received() + collector.droppedTotal(), std::uint64_t(kChildren) * std::uint64_t(events));
    for (int i = 0; i < kChildren; ++i)
        QVERIFY(verifier.stream(std::size_t(i)).received > 0);
}

void TestRing::fullRingCountsDrops()
{
    auto arena = SharedArena::create({2, 64, 4096});
    QVERIFY(arena.isValid());
    Collector collector(arena); // never started: nothing drains until we say so
    const int ring = arena.acquireRing();
    QVERIFY(ring >= 0);
    Writer w(&arena, std::uint32_t(ring));
    pushSequence(w, 0, 1000);

    Verifier verifier(1);
    verifier.stream(0).pid = w.pid();
    verifier.stream(0).tid = w.tid();
    QCOMPARE(collector.drainNow(), std::size_t(64));
    cl::record::Batch batch = collector.takeBatch();
    verifier.check(batch);
    QCOMPARE(verifier.failures(), 0);
    // A full ring keeps the oldest events and refuses the newest.
    QCOMPARE(verifier.stream(0).received, std::uint64_t(64));
    QCOMPARE(verifier.stream(0).lastSeq, std::int64_t(63));
    QCOMPARE(collector.droppedTotal(), std::uint64_t(936));
    QCOMPARE(batch.droppedTotal, std::uint64_t(936));

    // Drained, the ring takes events again; the drop count survives recycling.
    w.record(EventKind::Counter, 0, checksum(w.tid(), 5000), 5000);
    w.close();
    QCOMPARE(collector.drainNow(), std::size_t(1));
    verifier.check(collector.takeBatch());
    QCOMPARE(verifier.failures(), 0);
    QVERIFY(allRingsFree(arena));
    QCOMPARE(collector.droppedTotal(), std::uint64_t(936));

    // And the store shows the count, so a full ring is never silent.
    cl::trace::TraceStore store;
    cl::record::Batch last = collector.takeBatch();
    store.ingest(last);
    QCOMPARE(store.droppedEvents(), std::uint64_t(936));
}

void TestRing::slowCollectorCountsDrops()
{
    // A small ring and a collector that wakes rarely: drops happen in bursts
    // while events keep arriving; the accounting must still be exact.
    const int events = kSanitized ? 20000 : 100000;
    auto arena = SharedArena::create({1, 64, 4096});
    QVERIFY(arena.isValid());
    Collector collector(arena);
    collector.start(std::chrono::milliseconds(1));
    const int ring = arena.acquireRing();
    QVERIFY(ring >= 0);
    Verifier verifier(1);
    std::thread writer([&] {
        Writer w(&arena, std::uint32_t(ring));
        verifier.stream(0).pid = w.pid();
        verifier.stream(0).tid = w.tid();
        for (std::int64_t seq = 0; seq < events; ++seq) {
            w.record(EventKind::Counter, 0, checksum(w.tid(), seq), seq);
            if (seq % 64 == 0)
                std::this_thread::yield();
        }
        w.close();
    });
    writer.join();
    collector.stop();
    verifier.check(collector.takeBatch());
    QCOMPARE(verifier.failures(), 0);
    QVERIFY(collector.droppedTotal() > 0);
    QVERIFY(verifier.received() >= 64);
    QCOMPARE(verifier.received() + collector.droppedTotal(), std::uint64_t(events));
}

void TestRing::strings_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("padding"); // counters pushed first, to move the string across a drain chunk

    const QByteArray chinese = QStringLiteral("售票员：还剩 9 张票，正在购买……").toUtf8();
    QTest::newRow("empty") << QByteArray() << 0;
    QTest::newRow("one byte") << QByteArray("x") << 0;
    QTest::newRow("23 bytes") << QByteArray(23, 'a') << 0;
    QTest::newRow("exactly one chunk") << QByteArray("abcdefghijklmnopqrstuvwx") << 0;
    QTest::newRow("one chunk and a byte") << QByteArray("abcdefghijklmnopqrstuvwxy") << 0;
    QTest::newRow("exactly two chunks") << QByteArray(48, 'b') << 0;
    QTest::newRow("long line") << QByteArray("tickets left: 9 ... buying (worker 12, pid 4711, round 3 of 10)") << 0;
    QTest::newRow("chinese") << chinese << 0;
    QTest::newRow("chinese across a drain chunk") << chinese << 4094;
    QTest::newRow("2 KB across a drain chunk") << QByteArray(2048, 'z') << 4000;
    static const char withNul[] = "before\0after, and then some more text";
    QTest::newRow("embedded NUL") << QByteArray(withNul, sizeof withNul - 1) << 0;
}

void TestRing::strings()
{
    QFETCH(QByteArray, text);
    QFETCH(int, padding);
    const std::string_view view(text.constData(), std::size_t(text.size()));

    auto arena = SharedArena::create({2, 8192, 4096});
    QVERIFY(arena.isValid());
    Collector collector(arena);
    const int ring = arena.acquireRing();
    QVERIFY(ring >= 0);
    Writer w(&arena, std::uint32_t(ring));
    for (int i = 0; i < padding; ++i)
        w.counter(cl::trace::counter_id::SharedValue, i);
    const std::uint32_t defined = w.defineString(view);
    w.print(view);
    const std::uint32_t lock = arena.newObjectId();
    w.nameObject(lock, view);
    w.close();
    collector.drainNow();
    const cl::record::Batch batch = collector.takeBatch();
    QCOMPARE(collector.droppedTotal(), std::uint64_t(0));

    // Three definitions of the same text, each arriving intact under its own id.
    QCOMPARE(batch.strings.size(), std::size_t(3));
    for (const auto &[id, s] : batch.strings) {
        QCOMPARE(QByteArray::fromStdString(s), text);
        QVERIFY(id != 0);
    }
    QCOMPARE(batch.strings[0].first, defined);
    // Strings travel apart from events: only padding, Print and ObjectName remain.
    QCOMPARE(batch.events.size(), std::size_t(padding) + 2);

    cl::trace::TraceStore store;
    store.ingest(batch);
    QCOMPARE(store.prints().size(), std::size_t(1));
    QCOMPARE(QByteArray::fromStdString(std::string(store.string(store.prints()[0].stringId))), text);
    QCOMPARE(store.prints()[0].pid, w.pid());
    QCOMPARE(QByteArray::fromStdString(store.objectName(lock)), text);
}

void TestRing::truncatedStringKeepsWhatArrived()
{
    // The ring fills in the middle of a string: the chunks that made it are
    // delivered, the rest counted as dropped.
    auto arena = SharedArena::create({1, 64, 4096});
    QVERIFY(arena.isValid());
    Collector collector(arena);
    const int ring = arena.acquireRing();
    QVERIFY(ring >= 0);
    Writer w(&arena, std::uint32_t(ring));
    for (int i = 0; i < 60; ++i)
        w.counter(cl::trace::counter_id::SharedValue, i);
    const std::string text(24 * 9, 'q'); // definition + 9 chunks; 4 slots left
    const std::uint32_t id = w.defineString(text);
    collector.drainNow();
    w.counter(cl::trace::counter_id::SharedValue, 60); // ends the broken string
    w.close();
    collector.drainNow();
    const cl::record::Batch batch = collector.takeBatch();
    QCOMPARE(collector.droppedTotal(), std::uint64_t(6));
    QCOMPARE(batch.strings.size(), std::size_t(1));
    QCOMPARE(batch.strings[0].first, id);
    QCOMPARE(batch.strings[0].second, std::string(24 * 3, 'q'));
    QCOMPARE(batch.events.size(), std::size_t(61));
}

void TestRing::thousandForkedWorkers()
{
    // Few rings, recycled: the arena's size depends on the ring count, not on
    // how many workers a run starts.
    // Under TSAN a fork costs milliseconds; 300 workers still recycle every
    // ring several times over.
    constexpr int kWorkers = kSanitized ? 300 : 1000;
    constexpr int kEventsEach = 5;
    auto arena = SharedArena::create({64, 1024, 1 << 16});
    QVERIFY(arena.isValid());
    QVERIFY(arena.header()->totalBytes < 300ull * 1024 * 1024);
    Collector collector(arena);
    cl::trace::TraceStore store;
    collector.start(std::chrono::microseconds(200));

    std::vector<pid_t> pids(kWorkers, 0);
    std::size_t reaped = 0;
    int badExits = 0;
    const auto reapFinished = [&] {
        int status = 0;
        while (waitpid(-1, &status, WNOHANG) > 0) {
            ++reaped;
            badExits += WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
        }
    };
    for (int i = 0; i < kWorkers; ++i) {
        int ring = arena.acquireRing();
        while (ring < 0) {
            // Every ring is taken by a live or undrained worker: drain, reap, retry.
            reapFinished();
            collector.drainNow();
            ring = arena.acquireRing();
            if (ring < 0)
                std::this_thread::yield();
        }
        const pid_t pid = fork();
        QVERIFY(pid >= 0);
        if (pid == 0) {
            Writer w(&arena, std::uint32_t(ring));
            w.workerStart("worker-" + std::to_string(i), getppid(), 0);
            for (int k = 0; k < kEventsEach; ++k)
                w.counter(std::uint32_t(1000 + i), k);
            w.close();
            _exit(0);
        }
        pids[std::size_t(i)] = pid;
        if (i % 16 == 0)
            store.ingest(collector.takeBatch());
    }
    while (reaped < std::size_t(kWorkers)) {
        int status = 0;
        const pid_t pid = waitpid(-1, &status, 0);
        QVERIFY(pid > 0);
        badExits += WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
        ++reaped;
    }
    QCOMPARE(badExits, 0);
    collector.stop();
    store.ingest(collector.takeBatch());

    QCOMPARE(collector.droppedTotal(), std::uint64_t(0));
    QVERIFY(allRingsFree(arena));
    // Every worker: its own track with its name and parent, and every counter value.
    QCOMPARE(store.workers().size(), std::size_t(kWorkers));
    for (int i = 0; i < kWorkers; ++i) {
        const int index = store.workerIndex(pids[std::size_t(i)], pids[std::size_t(i)]);
        QVERIFY2(index >= 0, qPrintable(QStringLiteral("worker %1 has no track").arg(i)));
        const auto &track = store.workers()[std::size_t(index)];
        QCOMPARE(QString::fromStdString(track.name), QStringLiteral("worker-%1").arg(i));
        QCOMPARE(track.ppid, getpid());
        const auto *counter = store.counter(cl::trace::CounterTrack::Kind::Value, std::uint32_t(1000 + i));
        QVERIFY(counter);
        QCOMPARE(counter->samples.size(), std::size_t(kEventsEach));
        for (int k = 0; k < kEventsEach; ++k)
            QCOMPARE(counter->samples[std::size_t(k)].value, std::int64_t(k));
    }
}


QTEST_GUILESS_MAIN(TestRing)
#include "tst_ring.moc"
