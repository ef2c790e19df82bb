// The trace's memory is bounded. A workload far larger than the store's limit
// leaves at most the limit stored and every other item counted (stored +
// dropped = produced); the summary JSON, the trace file's metadata and the
// summary panel's source (RunResult) report it; and a real run with --trace
// peaks well below what it used to when the store and the export grew with
// the run.
#include "core/record/collector.h"
#include "core/record/shared_arena.h"
#include "core/record/writer.h"
#include "core/scenarios/catalogue.h"
#include "core/scenarios/run_session.h"
#include "core/scenarios/run_summary.h"
#include "core/trace/chrome_trace.h"
#include "trace_builder.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <fcntl.h>

#include <chrono>
#include <map>
#include <thread>

extern char **environ;

using namespace cl;
using cl::tests::ev;
using trace::EventKind;
using trace::SpanState;
using trace::TraceStore;

namespace {

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif

struct Items {
    std::uint64_t spans = 0, samples = 0, prints = 0, flows = 0, completeFlows = 0;
    std::uint64_t total() const { return spans + samples + prints + flows; }
};

Items itemsIn(const TraceStore &store)
{
    Items n;
    for (const auto &w : store.workers())
        n.spans += w.spans.size();
    for (const auto &c : store.counters())
        n.samples += c.samples.size();
    n.prints = store.prints().size();
    n.flows = store.flows().size();
    for (const auto &f : store.flows())
        n.completeFlows += f.fromWorker >= 0 && f.toWorker >= 0;
    return n;
}

// Bytes the store's item vectors have reserved.
std::uint64_t itemBytes(const TraceStore &store)
{
    std::uint64_t bytes = store.prints().capacity() * sizeof(trace::PrintedLine) +
                          store.flows().capacity() * sizeof(trace::Flow);
    for (const auto &w : store.workers())
        bytes += w.spans.capacity() * sizeof(trace::Span) + w.printTimes.capacity() * sizeof(std::uint64_t) +
                 w.open.capacity() * sizeof(trace::OpenSpan);
    for (const auto &c : store.counters())
        bytes += c.samples.capacity() * sizeof(trace::CounterSample);
    return bytes;
}

QJsonObject readJson(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

// What the trace file holds, by kind of event.
std::map<QString, qint64> countByPhase(const QJsonObject &traceFile)
{
    std::map<QString, qint64> n;
    for (const auto &v : traceFile.value(QStringLiteral("traceEvents")).toArray()) {
        const QJsonObject e = v.toObject();
        QString ph = e.value(QStringLiteral("ph")).toString();
        if (ph == QLatin1String("i") && e.value(QStringLiteral("cat")).toString() == QLatin1String("print"))
            ph = QStringLiteral("print");
        ++n[ph];
    }
    return n;
}

void verifyTraceFile(const TraceStore &store, const QJsonObject &file)
{
    const QJsonObject meta = file.value(QStringLiteral("metadata")).toObject();
    QCOMPARE(meta.value(QStringLiteral("dropped_by_store_limit")).toInteger(-1), qint64(store.droppedByLimit()));
    QCOMPARE(meta.value(QStringLiteral("stored_items")).toInteger(-1), qint64(store.storedItems()));
    QCOMPARE(meta.value(QStringLiteral("store_item_limit")).toInteger(-1), qint64(store.itemLimit()));
    QCOMPARE(meta.value(QStringLiteral("dropped_events")).toInteger(-1), qint64(store.droppedEvents()));
    const Items items = itemsIn(store);
    auto n = countByPhase(file);
    QCOMPARE(n[QStringLiteral("X")], qint64(items.spans));
    QCOMPARE(n[QStringLiteral("C")], qint64(items.samples));
    QCOMPARE(n[QStringLiteral("print")], qint64(items.prints));
    QCOMPARE(n[QStringLiteral("s")], qint64(items.completeFlows));
    QCOMPARE(n[QStringLiteral("f")], qint64(items.completeFlows));
}

struct Spawned {
    int exitCode = -1;
    long maxRssKb = 0;
};

// Runs the app and reaps it with wait4, which reports the peak resident
// memory of that process alone (not of earlier children of the test).
Spawned spawnApp(const QStringList &args, const QByteArray &extraEnv, const QString &outPath)
{
    std::vector<QByteArray> argBytes{qEnvironmentVariable("CL_APP_EXE").toLocal8Bit()};
    for (const QString &a : args)
        argBytes.push_back(a.toLocal8Bit());
    std::vector<char *> argv;
    for (auto &a : argBytes)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    std::vector<QByteArray> envBytes;
    for (char **e = environ; *e; ++e)
        envBytes.emplace_back(*e);
    envBytes.push_back(extraEnv);
    std::vector<char *> envp;
    for (auto &e : envBytes)
        envp.push_back(e.data());
    envp.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    const QByteArray out = outPath.toLocal8Bit();
    posix_spawn_file_actions_addopen(&actions, 1, out.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    pid_t pid = 0;
    Spawned result;
    const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0)
        return result;
    int status = 0;
    rusage usage{};
    if (wait4(pid, &status, 0, &usage) == pid && WIFEXITED(status))
        result.exitCode = WEXITSTATUS(status);
    result.maxRssKb = usage.ru_maxrss;
    return result;
}

} // namespace

class TestTraceMemory : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    static bool haveApp() { return QFile::exists(qEnvironmentVariable("CL_APP_EXE")); }

private Q_SLOTS:
    void syntheticWorkloadStaysWithinTheLimit();
    void collectorBacklogIsBounded();
    void realRunReportsTheLimit();
    void cliRunStaysWithinMemory();
    void badLimitInTheEnvironment();
};

void TestTraceMemory::syntheticWorkloadStaysWithinTheLimit()
{
    // 16 workers hand a lock round 10,000 times each: a wait span, a hold
    // span and a hand-over per turn, a counter sample every 10th: about half
    // a million items and a million events, fed in batches as a collector would.
    constexpr int kWorkers = 16;
    constexpr int kTurns = 10'000;
    constexpr std::uint64_t kLimit = 20'000;
    TraceStore store;
    store.setItemLimit(kLimit);
    std::uint64_t produced = 0;
    std::uint64_t events = 0;
    std::uint32_t flowId = 1;
    std::uint64_t t = 1'000'000;
    for (int chunk = 0; chunk < kTurns / 100; ++chunk) {
        record::Batch batch;
        for (int turn = 0; turn < 100; ++turn) {
            for (int w = 0; w < kWorkers; ++w) {
                const std::int32_t pid = 1000 + w;
                const std::int32_t next = 1000 + (w + 1) % kWorkers;
                batch.events.push_back(ev(EventKind::SpanBegin, pid, pid, t, std::uint8_t(SpanState::LockWait), 7));
                batch.events.push_back(ev(EventKind::SpanEnd, pid, pid, t + 10, std::uint8_t(SpanState::LockWait), 7));
                batch.events.push_back(ev(EventKind::SpanBegin, pid, pid, t + 10, std::uint8_t(SpanState::LockHold), 7));
                batch.events.push_back(ev(EventKind::SpanEnd, pid, pid, t + 20, std::uint8_t(SpanState::LockHold), 7));
                batch.events.push_back(ev(EventKind::FlowOut, pid, pid, t + 20, 0, flowId, 7));
                batch.events.push_back(ev(EventKind::FlowIn, next, next, t + 21, 0, flowId, 7));
                produced += 3;
                ++flowId;
                if (turn % 10 == 0) {
                    batch.events.push_back(ev(EventKind::Counter, pid, pid, t + 15, 0, 2, std::int64_t(t)));
                    ++produced;
                }
                t += 30;
            }
        }
        events += batch.events.size();
        store.ingest(std::move(batch));
        QVERIFY(store.storedItems() <= kLimit);
    }
    QCOMPARE(produced, std::uint64_t(kWorkers) * kTurns * 3 + std::uint64_t(kWorkers) * kTurns / 10);
    QCOMPARE(store.eventCount(), events);
    QCOMPARE(store.storedItems(), kLimit);
    QCOMPARE(itemsIn(store).total(), kLimit);
    QCOMPARE(store.storedItems() + store.droppedByLimit(), produced);
    QCOMPARE(itemsIn(store).flows, itemsIn(store).completeFlows); // no half hand-over is kept
    // The footprint follows the limit, not the run: vector slack included,
    // at most twice the largest item per stored item, plus a little per worker.
    QVERIFY2(itemBytes(store) <= 2 * kLimit * sizeof(trace::Flow) + kWorkers * 4096,
             qPrintable(QStringLiteral("%1 bytes").arg(itemBytes(store))));

    const QString path = m_dir.filePath(QStringLiteral("synthetic.json"));
    QString error;
    QVERIFY2(trace::writeChromeTrace(store, path, &error), qPrintable(error));
    verifyTraceFile(store, readJson(path));
}

void TestTraceMemory::collectorBacklogIsBounded()
{
    // Nobody takes the batches: the collector must stop at its backlog and
    // let the ring count drops, not hold every event itself.
    constexpr std::size_t kRing = 1024;
    constexpr std::size_t kMaxPending = 4096;
    constexpr int kChunks = 40;
    constexpr int kChunk = 1000;
    auto arena = record::SharedArena::create({1, kRing, 4096});
    QVERIFY(arena.isValid());
    record::Collector collector(arena);
    collector.setMaxPending(kMaxPending);
    collector.start(std::chrono::microseconds(200));
    const int ringIndex = arena.acquireRing();
    QVERIFY(ringIndex >= 0);
    record::Writer w(&arena, std::uint32_t(ringIndex));
    record::Ring ring = arena.ring(std::uint32_t(ringIndex));
    std::size_t mostPending = 0;
    for (int c = 0; c < kChunks; ++c) {
        for (int i = 0; i < kChunk; ++i)
            w.record(EventKind::Counter, 0, 1, c * kChunk + i);
        // Wait until the collector has taken the chunk, or has stopped taking.
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (ring.pending() > 0 && collector.pendingEvents() < kMaxPending &&
               std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        mostPending = std::max(mostPending, collector.pendingEvents());
    }
    // At most one more ring's worth than the limit: a pass checks before each ring.
    QVERIFY2(mostPending >= kMaxPending && mostPending <= kMaxPending + kRing,
             qPrintable(QString::number(mostPending)));
    std::uint64_t received = collector.takeBatch().events.size();
    w.close();
    collector.stop(); // its last drain takes what the rings still hold
    received += collector.takeBatch().events.size();
    QVERIFY(collector.droppedTotal() > 0);
    QCOMPARE(received + collector.droppedTotal(), std::uint64_t(kChunks) * kChunk);
}

void TestTraceMemory::realRunReportsTheLimit()
{
    const scenarios::Scenario *scenario = scenarios::findScenario(QStringLiteral("counter-race"));
    QVERIFY(scenario);
    scenarios::ParameterValues values = scenario->defaults();
    for (const char *a : {"workers=4", "increments=2000", "lock=on", "mode=threads"})
        QVERIFY(!scenarios::Parameters::applyAssignment(scenario->id(), scenario->parameters(),
                                                         QString::fromLatin1(a), values));
    constexpr std::uint64_t kLimit = 300;
    scenarios::RunSession session;
    session.setItemLimit(kLimit);
    const scenarios::RunResult &result = session.runBlocking(*scenario, values);
    QVERIFY2(result.valid, qPrintable(result.outcome.error));
    const TraceStore &store = session.store();
    // 4 x 2000 lock holds alone are far more than 300 items.
    QCOMPARE(store.storedItems(), kLimit);
    QCOMPARE(itemsIn(store).total(), kLimit);
    QVERIFY(store.droppedByLimit() >= 4 * 2000 - kLimit);

    QCOMPARE(result.storedItems, quint64(kLimit));
    QCOMPARE(result.droppedByLimit, quint64(store.droppedByLimit()));
    QCOMPARE(result.itemLimit, quint64(kLimit));
    const QJsonObject summary = scenarios::runSummaryJson(result);
    QCOMPARE(summary.value(QStringLiteral("stored_items")).toInteger(-1), qint64(kLimit));
    QCOMPARE(summary.value(QStringLiteral("dropped_by_store_limit")).toInteger(-1), qint64(store.droppedByLimit()));
    QCOMPARE(summary.value(QStringLiteral("store_item_limit")).toInteger(-1), qint64(kLimit));
    // The older fields keep their meaning.
    QCOMPARE(summary.value(QStringLiteral("dropped_events")).toInteger(-1), qint64(store.droppedEvents()));
    QCOMPARE(summary.value(QStringLiteral("events")).toInteger(-1), qint64(store.eventCount()));

    const QString path = m_dir.filePath(QStringLiteral("run.json"));
    QString error;
    QVERIFY2(trace::writeChromeTrace(store, path, &error), qPrintable(error));
    verifyTraceFile(store, readJson(path));

    // The next run starts empty, under the same limit.
    session.runBlocking(*scenario, values);
    QCOMPARE(session.store().itemLimit(), kLimit);
    QCOMPARE(session.store().storedItems(), kLimit);
}

void TestTraceMemory::cliRunStaysWithinMemory()
{
    if (kSanitized)
        QSKIP("peak memory is measured on the plain build: sanitizers multiply it");
    QVERIFY2(haveApp(), "CL_APP_EXE must name the built concurrency-lab");
    // 32 processes, 20,000 lock turns each: about 2.5 million events. Before
    // the store had a limit and the export streamed, this run peaked above
    // 2 GB; now the store keeps 100,000 items and the rings (about 140 MB of
    // shared memory, sized by the scenario) dominate.
    constexpr qint64 kLimit = 100'000;
    constexpr long kBoundKb = 600 * 1024;
    const QString summary = m_dir.filePath(QStringLiteral("cli-summary.json"));
    const QString traceFile = m_dir.filePath(QStringLiteral("cli-trace.json"));
    const Spawned run = spawnApp({QStringLiteral("run"), QStringLiteral("counter-race"), QStringLiteral("--set"),
                                  QStringLiteral("workers=32"), QStringLiteral("--set"),
                                  QStringLiteral("increments=20000"), QStringLiteral("--set"),
                                  QStringLiteral("lock=on"), QStringLiteral("--summary"), summary,
                                  QStringLiteral("--trace"), traceFile},
                                 "CL_TRACE_ITEM_LIMIT=" + QByteArray::number(kLimit),
                                 m_dir.filePath(QStringLiteral("cli.out")));
    QCOMPARE(run.exitCode, 0);
    const QJsonObject s = readJson(summary);
    QCOMPARE(s.value(QStringLiteral("store_item_limit")).toInteger(-1), kLimit);
    QCOMPARE(s.value(QStringLiteral("stored_items")).toInteger(-1), kLimit);
    const qint64 dropped = s.value(QStringLiteral("dropped_by_store_limit")).toInteger(-1);
    QVERIFY2(dropped > 32 * 20000 - kLimit, qPrintable(QString::number(dropped)));
    const QJsonObject t = readJson(traceFile);
    const QJsonObject meta = t.value(QStringLiteral("metadata")).toObject();
    QCOMPARE(meta.value(QStringLiteral("dropped_by_store_limit")).toInteger(-1), dropped);
    QCOMPARE(meta.value(QStringLiteral("stored_items")).toInteger(-1), kLimit);
    auto n = countByPhase(t);
    QVERIFY(n[QStringLiteral("X")] + n[QStringLiteral("C")] + n[QStringLiteral("s")] + n[QStringLiteral("print")] <=
            kLimit);
    QVERIFY2(run.maxRssKb > 0 && run.maxRssKb < kBoundKb,
             qPrintable(QStringLiteral("peak RSS %1 MB, bound %2 MB").arg(run.maxRssKb / 1024).arg(kBoundKb / 1024)));
}

void TestTraceMemory::badLimitInTheEnvironment()
{
    QVERIFY2(haveApp(), "CL_APP_EXE must name the built concurrency-lab");
    const QString summary = m_dir.filePath(QStringLiteral("bad-limit-summary.json"));
    const QString out = m_dir.filePath(QStringLiteral("bad-limit.out"));
    const Spawned run = spawnApp({QStringLiteral("run"), QStringLiteral("counter-race"), QStringLiteral("--set"),
                                  QStringLiteral("increments=10"), QStringLiteral("--summary"), summary},
                                 "CL_TRACE_ITEM_LIMIT=lots", out);
    QCOMPARE(run.exitCode, 0);
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(f.readAll());
    // One line naming the variable, the bad value and what is allowed.
    QVERIFY2(text.contains(QStringLiteral("CL_TRACE_ITEM_LIMIT")) && text.contains(QStringLiteral("\"lots\"")) &&
                 text.contains(QStringLiteral("from 1 to")),
             qPrintable(text));
    QCOMPARE(readJson(summary).value(QStringLiteral("store_item_limit")).toInteger(-1),
             qint64(TraceStore::kDefaultItemLimit));
}

QTEST_GUILESS_MAIN(TestTraceMemory)
#include "tst_trace_memory.moc"
