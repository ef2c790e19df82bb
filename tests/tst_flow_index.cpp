// Hand-over arrows are found through an index by time (FlowIndex), so a
// frame reads the flows that reach into its view, not every flow of the
// trace. Checked against the plain walk over all flows it replaced: the
// same arrows wherever the view is, live batches arriving out of order and
// flows completed later included; and zoomed out over far more flows than
// columns, a bounded number read and at most one arrow per column.
#include "trace_builder.h"
#include "synthetic_trace.h"
#include "ui/flow_index.h"
#include "ui/timeline_draw_list.h"

#include <QTest>

#include <set>
#include <unordered_set>

using namespace cl;
using trace::EventKind;

namespace {
constexpr std::uint64_t kT0 = 1'000'000'000'000ull;
constexpr std::uint64_t kRun = 1'000'000'000ull; // 1 s
constexpr int kWorkers = 12;

// Flows between random workers at random times, some backwards (in before
// out), some to themselves, of every kind; `open` of them never get their
// second half. Events of a flow may come in different batches.
std::vector<std::vector<trace::Event>> flowBatches(std::uint32_t seed, int flows, int batches, int open)
{
    tests::Lcg rnd(seed);
    std::vector<std::vector<trace::Event>> out{std::size_t(batches)};
    for (int w = 0; w < kWorkers; ++w)
        out[0].push_back(tests::ev(EventKind::WorkerStart, 100 + w, 100 + w, kT0));
    for (int i = 0; i < flows; ++i) {
        const std::uint64_t t = kT0 + 1 + rnd.below(kRun);
        const std::uint64_t gap = rnd.below(8) == 0 ? rnd.below(kRun / 4) : rnd.below(kRun / 2000);
        const int from = int(rnd.below(kWorkers));
        const int to = int(rnd.below(kWorkers));
        const auto kind = std::uint8_t(rnd.below(std::size_t(trace::FlowKind::Count)));
        const bool backwards = rnd.below(16) == 0;
        const std::uint64_t outTime = backwards ? t + gap : t;
        const std::uint64_t inTime = backwards ? t : t + gap;
        const auto id = std::uint32_t(1000 + i);
        out[rnd.below(std::uint64_t(batches))].push_back(
            tests::ev(EventKind::FlowOut, 100 + from, 100 + from, outTime, kind, id, 7));
        if (i >= open)
            out[rnd.below(std::uint64_t(batches))].push_back(
                tests::ev(EventKind::FlowIn, 100 + to, 100 + to, inTime, kind, id, 7));
    }
    return out;
}

// What addFlows did before the index: every flow of the store, in order.
std::vector<ui::DrawFlow> referenceFlows(const trace::TraceStore &store, const ui::TimelineLayout &layout,
                                         const ui::TimeAxis &axis, const ui::DrawList &list, std::uint32_t hidden)
{
    std::vector<ui::DrawFlow> out;
    std::unordered_set<std::uint64_t> seen;
    const auto &flows = store.flows();
    for (int i = 0; i < int(flows.size()); ++i) {
        const trace::Flow &f = flows[std::size_t(i)];
        if (f.fromWorker < 0 || f.toWorker < 0 || f.fromWorker == f.toWorker || f.outTime == 0 || f.inTime == 0)
            continue;
        if (hidden & (1u << unsigned(f.kind)))
            continue;
        const int fromRow = layout.rowOfWorker(f.fromWorker);
        const int toRow = layout.rowOfWorker(f.toWorker);
        if (fromRow < 0 || toRow < 0 || std::max(fromRow, toRow) < list.firstRow ||
            std::min(fromRow, toRow) >= list.lastRow)
            continue;
        if (std::max(f.outTime, f.inTime) < axis.begin() || std::min(f.outTime, f.inTime) > axis.end())
            continue;
        QPointF from(axis.xOf(f.outTime), list.rowTop(fromRow) + list.rowHeight / 2.0);
        QPointF to(axis.xOf(f.inTime), list.rowTop(toRow) + list.rowHeight / 2.0);
        const auto bucket = std::uint64_t(std::max(0.0, from.x() - axis.left() + 8.0) / 6.0);
        const std::uint64_t key = (std::uint64_t(std::uint32_t(fromRow)) << 44) ^
                                  (std::uint64_t(std::uint32_t(toRow)) << 24) ^ (bucket & 0xffffff);
        if (!seen.insert(key).second)
            continue;
        const double lo = axis.left() - 2.0;
        const double hi = axis.right() + 2.0;
        if ((from.x() < lo && to.x() < lo) || (from.x() > hi && to.x() > hi))
            continue;
        // Drawn from where the arrow enters the view to where it leaves.
        const auto clip = [&](QPointF &p, const QPointF &other) {
            const double x = std::clamp(p.x(), lo, hi);
            if (x != p.x() && other.x() != p.x())
                p = QPointF(x, other.y() + (x - other.x()) / (p.x() - other.x()) * (p.y() - other.y()));
        };
        clip(from, to);
        clip(to, from);
        out.push_back(ui::DrawFlow{from, to, i, f.objectId, f.kind, true});
    }
    const auto columns = std::size_t(axis.width() / 10.0) + 2;
    if (out.size() > columns) {
        std::vector<char> taken(columns + 1, 0);
        std::erase_if(out, [&](const ui::DrawFlow &f) {
            const auto c = std::min(columns, std::size_t(std::max(0.0, f.from.x() - axis.left() + 2.0) / 10.0));
            return std::exchange(taken[c], char(1)) != 0;
        });
    }
    return out;
}

// The store indices of a list's arrows, in its order.
std::vector<int> flowIds(const std::vector<ui::DrawFlow> &flows)
{
    std::vector<int> ids;
    for (const auto &f : flows)
        ids.push_back(f.flow);
    return ids;
}
} // namespace

class TstFlowIndex : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sameArrowsAsEveryFlow_data();
    void sameArrowsAsEveryFlow();
    void liveBatchesOutOfOrder();
    void zoomedOutReadsPerColumn();
};

void TstFlowIndex::sameArrowsAsEveryFlow_data()
{
    QTest::addColumn<int>("flows");
    QTest::addColumn<qulonglong>("zoom");   // the view is 1/zoom of the run
    QTest::addColumn<double>("at");         // its start, as a share of the run
    QTest::addColumn<int>("lastRow");
    QTest::addColumn<uint>("hidden");
    QTest::newRow("few, whole run") << 40 << 1ull << 0.0 << 100 << 0u;
    QTest::newRow("few, a slice") << 40 << 8ull << 0.4 << 100 << 0u;
    QTest::newRow("some, deep zoom") << 2000 << 2000ull << 0.5 << 100 << 0u;
    QTest::newRow("some, 1/64 near the end") << 2000 << 64ull << 0.97 << 100 << 0u;
    QTest::newRow("some, past the end") << 2000 << 16ull << 1.2 << 100 << 0u;
    QTest::newRow("some, half the rows") << 2000 << 4ull << 0.3 << 6 << 0u;
    QTest::newRow("some, locks hidden") << 2000 << 4ull << 0.3 << 100 << (1u << unsigned(trace::FlowKind::Lock));
}

void TstFlowIndex::sameArrowsAsEveryFlow()
{
    QFETCH(int, flows);
    QFETCH(qulonglong, zoom);
    QFETCH(double, at);
    QFETCH(int, lastRow);
    QFETCH(uint, hidden);
    trace::TraceStore store;
    for (auto &batch : flowBatches(3, flows, 1, flows / 10))
        store.addEvents(std::move(batch));
    const auto layout = ui::TimelineLayout::build(store);
    const std::uint64_t span = kRun / zoom;
    const auto begin = kT0 + std::uint64_t(at * double(kRun));
    const ui::TimeAxis axis(begin, begin + span, 1200.0, 100.0);
    ui::DrawListOptions options;
    options.lastRow = lastRow;
    options.hiddenFlowKinds = hidden;
    const ui::DrawList list = ui::buildDrawList(store, layout, axis, options);
    const auto expected = referenceFlows(store, layout, axis, list, hidden);
    QCOMPARE(flowIds(list.flows), flowIds(expected));
    for (std::size_t k = 0; k < expected.size(); ++k) {
        QCOMPARE(list.flows[k].from.x(), expected[k].from.x());
        QCOMPARE(list.flows[k].to.y(), expected[k].to.y());
    }
    // Only what reaches into the view is read.
    std::size_t reaching = 0;
    for (const auto &f : store.flows())
        if (f.outTime && f.inTime && std::max(f.outTime, f.inTime) >= axis.begin() &&
            std::min(f.outTime, f.inTime) <= axis.end())
            ++reaching;
    QCOMPARE(list.flowsVisited, reaching);
}

void TstFlowIndex::liveBatchesOutOfOrder()
{
    // A live run: flows arrive in batches, their two halves apart, starts
    // out of order. The index kept up to date batch by batch must be the
    // one built once at the end, and find what a walk finds.
    trace::TraceStore store;
    ui::FlowIndex live;
    for (auto &batch : flowBatches(11, 3000, 9, 0)) {
        store.addEvents(std::move(batch));
        live.update(store.flows());
    }
    ui::FlowIndex once;
    once.update(store.flows());
    QCOMPARE(live.size(), store.flows().size());
    QCOMPARE(once.size(), live.size());
    for (std::size_t pos = 0; pos < live.size(); ++pos) {
        QCOMPARE(live.flowAt(pos), once.flowAt(pos));
        if (pos > 0)
            QVERIFY(live.startAt(pos - 1) <= live.startAt(pos));
    }
    tests::Lcg rnd(5);
    for (int q = 0; q < 200; ++q) {
        const std::uint64_t t = kT0 + rnd.below(kRun + kRun / 4);
        const std::size_t from = rnd.below(live.size());
        std::size_t expected = from;
        while (expected < live.size() && live.endAt(expected) < t)
            ++expected;
        QCOMPARE(live.nextReaching(from, t), expected);
    }
    // A store cleared and filled again is noticed.
    trace::TraceStore other;
    for (auto &batch : flowBatches(12, 500, 1, 0))
        other.addEvents(std::move(batch));
    live.update(other.flows());
    QCOMPARE(live.size(), other.flows().size());
}

void TstFlowIndex::zoomedOutReadsPerColumn()
{
    // Far more hand-overs than pixels: a frame reads a bounded number per
    // 10 px column, draws at most one per column, and still marks most
    // columns where hand-overs happen.
    trace::TraceStore store;
    for (auto &batch : flowBatches(21, 200'000, 1, 0))
        store.addEvents(std::move(batch));
    const auto layout = ui::TimelineLayout::build(store);
    const ui::TimeAxis axis(kT0, kT0 + kRun, 1200.0, 100.0);
    ui::TimelineIndex index;
    const ui::DrawList list = ui::buildDrawList(store, layout, axis, {}, &index);
    const auto columns = std::size_t(axis.width() / 10.0) + 2;
    QVERIFY2(list.flowsVisited <= columns * 64, qPrintable(QString::number(list.flowsVisited)));
    QVERIFY(list.flows.size() <= columns + 1);
    QVERIFY2(list.flows.size() >= columns * 9 / 10, qPrintable(QString::number(list.flows.size())));
    std::set<int> used;
    for (const auto &f : list.flows) {
        const trace::Flow &s = store.flows()[std::size_t(f.flow)];
        QVERIFY(s.fromWorker != s.toWorker);
        QVERIFY(used.insert(int(std::max(0.0, f.from.x() - axis.left() + 2.0) / 10.0)).second);
    }
}

QTEST_GUILESS_MAIN(TstFlowIndex)
#include "tst_flow_index.moc"
