// What the trace store keeps when spans nest, and how much it keeps at all:
// nested and re-entered spans of one state pair by object, inside out; the
// store holds at most its item limit and counts exactly what it did not keep.
#include "store_builder.h"

#include <QTest>

#include <algorithm>
#include <tuple>
#include <vector>

using cl::tests::Batches;
using cl::tests::batch;
using cl::tests::begin;
using cl::tests::end;
using cl::tests::ev;
using cl::tests::exitOf;
using cl::tests::track;
using cl::trace::Event;
using cl::trace::EventKind;
using cl::trace::Span;
using cl::trace::SpanState;
using cl::trace::TraceStore;

namespace {

using Spans = std::vector<Span>;

// Spans in a stable order, for comparing sets: the store orders by begin only.
Spans canonical(Spans spans)
{
    std::sort(spans.begin(), spans.end(), [](const Span &a, const Span &b) {
        return std::tie(a.begin, a.end, a.objectId, a.state) < std::tie(b.begin, b.end, b.objectId, b.state);
    });
    return spans;
}

QString describe(const Spans &spans)
{
    QStringList out;
    for (const Span &s : spans)
        out << QStringLiteral("%1[%2,%3]@%4")
                   .arg(QLatin1String(cl::trace::spanStateKey(s.state)))
                   .arg(s.begin)
                   .arg(s.end)
                   .arg(s.objectId);
    return out.join(QLatin1Char(' '));
}

std::uint64_t itemsIn(const TraceStore &store)
{
    std::uint64_t n = store.prints().size() + store.flows().size();
    for (const auto &w : store.workers())
        n += w.spans.size();
    for (const auto &c : store.counters())
        n += c.samples.size();
    return n;
}

} // namespace

Q_DECLARE_METATYPE(Spans)

class TestTraceStoreLimits : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void nestedSpans_data();
    void nestedSpans();
    void openSpanDepthIsBounded();
    void itemLimit_data();
    void itemLimit();
    void droppedLinesFreeTheirText();
};

void TestTraceStoreLimits::nestedSpans_data()
{
    QTest::addColumn<Batches>("batches");
    QTest::addColumn<Spans>("closed");
    QTest::addColumn<Spans>("stillOpen"); // end = 0
    const auto hold = SpanState::LockHold;
    const auto wait = SpanState::LockWait;
    QTest::newRow("two locks, nested") << Batches{{begin(1, 1, 100, hold, 7), begin(1, 1, 200, hold, 8),
                                                   end(1, 1, 300, hold, 8), end(1, 1, 400, hold, 7)}}
                                       << Spans{{100, 400, hold, 7}, {200, 300, hold, 8}} << Spans{};
    QTest::newRow("same lock re-entered") << Batches{{begin(1, 1, 100, hold, 7), begin(1, 1, 200, hold, 7),
                                                      end(1, 1, 300, hold, 7), end(1, 1, 400, hold, 7)}}
                                          << Spans{{100, 400, hold, 7}, {200, 300, hold, 7}} << Spans{};
    QTest::newRow("interleaved ends") << Batches{{begin(1, 1, 100, hold, 7), begin(1, 1, 200, hold, 8),
                                                  end(1, 1, 300, hold, 7), end(1, 1, 400, hold, 8)}}
                                      << Spans{{100, 300, hold, 7}, {200, 400, hold, 8}} << Spans{};
    QTest::newRow("wait and hold inside a hold")
        << Batches{{begin(1, 1, 100, hold, 7), begin(1, 1, 150, wait, 8), end(1, 1, 180, wait, 8),
                    begin(1, 1, 180, hold, 8), end(1, 1, 250, hold, 8), end(1, 1, 300, hold, 7)}}
        << Spans{{100, 300, hold, 7}, {150, 180, wait, 8}, {180, 250, hold, 8}} << Spans{};
    QTest::newRow("nested across batches")
        << Batches{{begin(1, 1, 100, hold, 7)}, {begin(1, 1, 200, hold, 7), begin(1, 1, 250, hold, 9)},
                   {end(1, 1, 300, hold, 9)}, {end(1, 1, 350, hold, 7)}, {end(1, 1, 400, hold, 7)}}
        << Spans{{100, 400, hold, 7}, {200, 350, hold, 7}, {250, 300, hold, 9}} << Spans{};
    QTest::newRow("exit closes every open span")
        << Batches{{begin(1, 1, 100, hold, 7), begin(1, 1, 200, hold, 7), begin(1, 1, 250, hold, 8),
                    begin(1, 1, 260, wait, 9)},
                   {exitOf(1, 1, 500)}}
        << Spans{{100, 500, hold, 7}, {200, 500, hold, 7}, {250, 500, hold, 8}, {260, 500, wait, 9}} << Spans{};
    QTest::newRow("an end naming no open object closes the latest of its state")
        << Batches{{begin(1, 1, 100, hold, 7), begin(1, 1, 200, hold, 8), end(1, 1, 300, hold, 0)}}
        << Spans{{200, 300, hold, 8}} << Spans{{100, 0, hold, 7}};
    QTest::newRow("an end of another state closes nothing")
        << Batches{{begin(1, 1, 100, hold, 7), end(1, 1, 300, wait, 7)}} << Spans{} << Spans{{100, 0, hold, 7}};
}

void TestTraceStoreLimits::nestedSpans()
{
    QFETCH(Batches, batches);
    QFETCH(Spans, closed);
    QFETCH(Spans, stillOpen);
    TraceStore store;
    for (const auto &events : batches)
        store.ingest(batch(events));
    const auto &w = track(store, 1, 1);
    QVERIFY(std::is_sorted(w.spans.begin(), w.spans.end(), [](const Span &a, const Span &b) { return a.begin < b.begin; }));
    QCOMPARE(describe(canonical(w.spans)), describe(canonical(closed)));
    Spans open;
    for (const auto &o : w.open)
        open.push_back(Span{o.begin, 0, o.state, o.objectId});
    QCOMPARE(describe(open), describe(stillOpen));
    QCOMPARE(store.storedItems(), std::uint64_t(closed.size()));
    QCOMPARE(store.droppedByLimit(), std::uint64_t(0));
}

void TestTraceStoreLimits::openSpanDepthIsBounded()
{
    // Begins without ends (a broken writer) must not grow the store without bound.
    const std::size_t n = TraceStore::kMaxOpenSpans + 6;
    std::vector<Event> events;
    for (std::size_t i = 0; i < n; ++i)
        events.push_back(begin(1, 1, 100 + i, SpanState::LockHold, 7));
    TraceStore store;
    store.ingest(batch(events));
    QCOMPARE(track(store, 1, 1).open.size(), TraceStore::kMaxOpenSpans);
    QCOMPARE(store.droppedByLimit(), std::uint64_t(6));
    store.ingest(batch({exitOf(1, 1, 1000)}));
    QCOMPARE(track(store, 1, 1).spans.size(), TraceStore::kMaxOpenSpans);
    QCOMPARE(store.storedItems() + store.droppedByLimit(), std::uint64_t(n));
}

void TestTraceStoreLimits::itemLimit_data()
{
    QTest::addColumn<std::uint64_t>("limit");
    QTest::addColumn<Batches>("batches");
    QTest::addColumn<std::uint64_t>("produced"); // items the events make without a limit

    Batches spans;
    for (std::int32_t w = 1; w <= 10; ++w) {
        std::vector<Event> events;
        for (std::uint64_t i = 0; i < 5; ++i) {
            events.push_back(begin(w, w, 1000 * i + std::uint64_t(w), SpanState::LockHold, 7));
            events.push_back(end(w, w, 1000 * i + 500 + std::uint64_t(w), SpanState::LockHold, 7));
        }
        spans.push_back(events);
    }
    QTest::newRow("under the limit") << std::uint64_t(100) << spans << std::uint64_t(50);
    QTest::newRow("at the limit") << std::uint64_t(50) << spans << std::uint64_t(50);
    QTest::newRow("over the limit") << std::uint64_t(20) << spans << std::uint64_t(50);
    QTest::newRow("limit 0 keeps nothing") << std::uint64_t(0) << spans << std::uint64_t(0 + 50);

    // Every kind of item, from several writers, in batches out of time order.
    Batches mixed = {
        {begin(1, 1, 100, SpanState::Running), end(1, 1, 200, SpanState::Running),
         ev(EventKind::Counter, 1, 1, 150, 0, 2, 1), ev(EventKind::Print, 1, 1, 160, 0, 11),
         ev(EventKind::FlowOut, 1, 1, 170, 0, 90, 7)},
        {ev(EventKind::CpuSample, 9, 9, 120, 0, 0, 500), ev(EventKind::CpuSample, 9, 9, 120, 1, 2, 300),
         ev(EventKind::FlowIn, 2, 2, 180, 0, 90, 7), ev(EventKind::FlowIn, 2, 2, 90, 0, 91, 7)},
        {begin(2, 2, 50, SpanState::LockWait, 7), end(2, 2, 90, SpanState::LockWait, 7),
         ev(EventKind::FlowOut, 1, 1, 80, 0, 91, 7), ev(EventKind::Counter, 2, 2, 95, 0, 2, 2),
         ev(EventKind::Print, 2, 2, 96, 0, 12), begin(2, 2, 97, SpanState::LockHold, 7), exitOf(2, 2, 300)},
    };
    // spans 3, samples 4, lines 2, flows 2
    for (std::uint64_t limit : {0, 1, 3, 5, 8, 10, 11, 20})
        QTest::addRow("mixed kinds, limit %llu", static_cast<unsigned long long>(limit)) << limit << mixed << std::uint64_t(11);

    // A flow whose first half was dropped stays dropped, counted once.
    QTest::newRow("a flow split by the limit")
        << std::uint64_t(3)
        << Batches{{ev(EventKind::Counter, 1, 1, 10, 0, 2, 1), ev(EventKind::Counter, 1, 1, 20, 0, 2, 2),
                    ev(EventKind::FlowOut, 1, 1, 30, 0, 1, 7), ev(EventKind::FlowOut, 1, 1, 40, 0, 2, 7)},
                   {ev(EventKind::FlowIn, 2, 2, 50, 0, 1, 7), ev(EventKind::FlowIn, 2, 2, 60, 0, 2, 7)}}
        << std::uint64_t(4);
}

void TestTraceStoreLimits::itemLimit()
{
    QFETCH(std::uint64_t, limit);
    QFETCH(Batches, batches);
    QFETCH(std::uint64_t, produced);

    TraceStore all; // the oracle: no limit
    all.setItemLimit(~std::uint64_t(0));
    TraceStore store;
    store.setItemLimit(limit);
    for (const auto &events : batches) {
        all.ingest(batch(events));
        store.ingest(batch(events));
    }
    QCOMPARE(itemsIn(all), produced);
    QCOMPARE(all.droppedByLimit(), std::uint64_t(0));

    const std::uint64_t kept = std::min(limit, produced);
    QCOMPARE(itemsIn(store), kept);
    QCOMPARE(store.storedItems(), kept);
    QCOMPARE(store.droppedByLimit(), produced - kept);
    QCOMPARE(store.eventCount(), all.eventCount()); // every event was seen, stored or not
    QCOMPARE(store.droppedEvents(), std::uint64_t(0)); // ring drops are another count

    // What is kept is what the unlimited store has: nothing invented, nothing half-made.
    for (const auto &w : store.workers()) {
        const auto &full = all.workers()[std::size_t(all.workerIndex(w.pid, w.tid))];
        for (const Span &s : w.spans)
            QVERIFY(std::any_of(full.spans.begin(), full.spans.end(), [&](const Span &f) {
                return f.begin == s.begin && f.end == s.end && f.state == s.state && f.objectId == s.objectId;
            }));
    }
    for (const auto &f : store.flows())
        QVERIFY2(f.fromWorker >= 0 && f.toWorker >= 0, "a kept hand-over has both ends");
}

void TestTraceStoreLimits::droppedLinesFreeTheirText()
{
    TraceStore store;
    store.setItemLimit(1);
    store.ingest(batch({ev(EventKind::Print, 1, 1, 10, 0, 21), ev(EventKind::Print, 1, 1, 20, 0, 22)},
                       {{21, "kept"}, {22, "dropped"}, {23, "a name"}}));
    QCOMPARE(store.prints().size(), std::size_t(1));
    QCOMPARE(store.string(21), std::string_view("kept"));
    QCOMPARE(store.string(22), std::string_view()); // its line is gone: so is its text
    QCOMPARE(store.string(23), std::string_view("a name"));
    QCOMPARE(track(store, 1, 1).printTimes, (std::vector<std::uint64_t>{10}));
    QCOMPARE(store.droppedByLimit(), std::uint64_t(1));
}

QTEST_GUILESS_MAIN(TestTraceStoreLimits)
#include "tst_trace_store_limits.moc"
