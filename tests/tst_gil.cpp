// The GIL model on real threads, checked from what the trace store recorded:
// at most one thread computes at a time, waiters show GilWait spans, the
// lane names each holder, sleeps release the GIL, and Stop ends it all.
#include "core/runtime/fork_server.h"
#include "core/runtime/gil.h"
#include "core/runtime/work_unit.h"
#include "core/scenarios/catalogue.h"
#include "core/scenarios/race_tasks.h"
#include "core/scenarios/run_session.h"
#include "process_check.h"

#include <QSignalSpy>
#include <QTest>
#include <algorithm>
#include <unistd.h>

using namespace cl;
using scenarios::ParameterValues;
using trace::SpanState;

namespace {
struct Interval {
    std::uint64_t begin;
    std::uint64_t end;
    int worker;
};

// Spans of one state on the threads of this process (the lane excluded).
std::vector<Interval> threadSpans(const trace::TraceStore &store, SpanState state)
{
    std::vector<Interval> out;
    const auto &workers = store.workers();
    for (int i = 0; i < int(workers.size()); ++i) {
        const auto &w = workers[std::size_t(i)];
        if (w.pid != getpid() || trace::isLaneTid(w.tid))
            continue;
        for (const auto &s : w.spans)
            if (s.state == state)
                out.push_back({s.begin, s.end, i});
    }
    std::sort(out.begin(), out.end(), [](const Interval &a, const Interval &b) { return a.begin < b.begin; });
    return out;
}

const trace::WorkerTrack *gilLane(const trace::TraceStore &store)
{
    const int i = store.workerIndex(getpid(), runtime::kGilLaneTid);
    return i < 0 ? nullptr : &store.workers()[std::size_t(i)];
}
} // namespace

class TestGil : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<runtime::ForkServerClient> m_server;
    const scenarios::Scenario *m_lesson = nullptr;

    ParameterValues values(const QStringList &assignments)
    {
        ParameterValues v = m_lesson->defaults();
        for (const QString &a : assignments) {
            const auto error = scenarios::Parameters::applyAssignment(m_lesson->id(), m_lesson->parameters(), a, v);
            if (error)
                qFatal("bad assignment in test: %s", qPrintable(*error));
        }
        return v;
    }

    void verifyNothingLeft()
    {
        QVERIFY(tests::childrenOf(m_server->serverPid()).isEmpty());
        QCOMPARE(tests::childrenOf(getpid()), QList<pid_t>{m_server->serverPid()});
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = runtime::ForkServerClient::start();
        QVERIFY(m_server);
        m_lesson = scenarios::findScenario(QStringLiteral("serial-vs-parallel"));
        QVERIFY(m_lesson);
    }

    void theLoopIsCalibratedAndReal()
    {
        const auto &c = runtime::cpuCalibration();
        QVERIFY(c.nsPerIteration > 0.0);
        QVERIFY(c.iterationsPerMs > 0);
        QCOMPARE(&runtime::cpuCalibration(), &c); // cached, not measured again
        QCOMPARE(runtime::cpuIterationsForMs(3), 3 * c.iterationsPerMs);
        QCOMPARE(runtime::cpuIterationsForMs(0), std::uint64_t(0));
        // Every step changes the state: the loop neither stalls nor collapses.
        const std::uint64_t a = runtime::spinLoop(1000, 42);
        QVERIFY(a != runtime::spinLoop(1001, 42));
        QVERIFY(a != runtime::spinLoop(1000, 44));
        QVERIFY(runtime::spinLoop(1 << 20, 42) != 0);
        // /proc accounts the calling thread's CPU time.
        const auto before = runtime::readThreadCpu();
        QVERIFY(before.has_value());
        runtime::spinLoop(runtime::cpuIterationsForMs(20), 7);
        const auto after = runtime::readThreadCpu();
        QVERIFY(after.has_value());
        QVERIFY(after->onCpuNs > before->onCpuNs);
    }

    void oneThreadComputesAtATime_data()
    {
        QTest::addColumn<int>("jobs");
        QTest::addColumn<int>("switchMs");
        QTest::newRow("2 threads, 5 ms") << 2 << 5;
        QTest::newRow("3 threads, 1 ms") << 3 << 1;
        QTest::newRow("4 threads, 2 ms") << 4 << 2;
    }

    void oneThreadComputesAtATime()
    {
        QFETCH(int, jobs);
        QFETCH(int, switchMs);
        const ParameterValues v = values({QStringLiteral("mode=gil-threads"), QStringLiteral("workload=cpu"),
                                          QStringLiteral("jobs=%1").arg(jobs), QStringLiteral("work_ms=40"),
                                          QStringLiteral("switch_ms=%1").arg(switchMs)});
        scenarios::RunSession session(m_server.get());
        const scenarios::RunResult &r = session.runBlocking(*m_lesson, v);
        QVERIFY2(r.valid && r.outcome.error.isEmpty(), qPrintable(r.outcome.error));
        QCOMPARE(r.outcome.metric(QStringLiteral("jobs_done")), qint64(jobs));
        QCOMPARE(r.droppedEvents, quint64(0));
        const trace::TraceStore &store = session.store();

        // At every instant at most one thread is in a Running span: sorted by
        // start, each span starts no earlier than every earlier one ended.
        const auto running = threadSpans(store, SpanState::Running);
        QVERIFY(int(running.size()) >= jobs);
        std::uint64_t reach = 0;
        for (const auto &s : running) {
            QVERIFY2(s.begin >= reach, qPrintable(QStringLiteral("two threads compute at once: a span of worker %1 "
                                                                 "starts %2 ns before the previous one ends")
                                                      .arg(s.worker)
                                                      .arg(reach - s.begin)));
            reach = std::max(reach, s.end);
        }
        // The others waited for it, and it changed hands.
        QVERIFY(!threadSpans(store, SpanState::GilWait).empty());
        QVERIFY(r.outcome.metric(QStringLiteral("gil_handovers")) > 0);
        QVERIFY(r.outcome.metric(QStringLiteral("gil_wait_ms")) >= 0);

        // The lane: holds that never overlap, each named after its holder,
        // and every Running span lies inside a hold of its own thread.
        const trace::WorkerTrack *lane = gilLane(store);
        QVERIFY(lane);
        QCOMPARE(QString::fromStdString(lane->name), QStringLiteral("GIL"));
        std::vector<trace::Span> holds;
        for (const auto &s : lane->spans) {
            QCOMPARE(s.state, SpanState::LockHold);
            if (!holds.empty())
                QVERIFY(s.begin >= holds.back().end);
            holds.push_back(s);
        }
        for (const auto &s : running) {
            auto it = std::upper_bound(holds.begin(), holds.end(), s.begin,
                                       [](std::uint64_t t, const trace::Span &h) { return t < h.begin; });
            QVERIFY(it != holds.begin());
            --it;
            QVERIFY2(it->begin <= s.begin && s.end <= it->end, "a thread computed outside its hold of the GIL");
            QCOMPARE(store.objectName(it->objectId), store.workers()[std::size_t(s.worker)].name);
        }
        verifyNothingLeft();
    }

    void sleepsReleaseTheGil()
    {
        // I/O-bound: each thread drops the GIL around its wait, so the waits overlap.
        const int jobs = 3;
        const ParameterValues v = values({QStringLiteral("mode=gil-threads"), QStringLiteral("workload=io"),
                                          QStringLiteral("jobs=%1").arg(jobs), QStringLiteral("work_ms=150")});
        scenarios::RunSession session(m_server.get());
        const scenarios::RunResult &r = session.runBlocking(*m_lesson, v);
        QVERIFY2(r.valid && r.outcome.error.isEmpty(), qPrintable(r.outcome.error));
        const auto sleeps = threadSpans(session.store(), SpanState::Sleep);
        std::vector<Interval> workerSleeps;
        for (const auto &s : sleeps)
            if (session.store().workers()[std::size_t(s.worker)].name.rfind("Thread-", 0) == 0)
                workerSleeps.push_back(s);
        QCOMPARE(int(workerSleeps.size()), jobs);
        std::uint64_t latestBegin = 0, earliestEnd = ~std::uint64_t(0);
        for (const auto &s : workerSleeps) {
            latestBegin = std::max(latestBegin, s.begin);
            earliestEnd = std::min(earliestEnd, s.end);
        }
        QVERIFY2(latestBegin < earliestEnd, "the threads' waits did not overlap: the GIL was held while sleeping");
        // Each thread took the GIL before and after its wait: two holds each,
        // and no hold covers a wait of its holder.
        const trace::WorkerTrack *lane = gilLane(session.store());
        QVERIFY(lane);
        QCOMPARE(int(lane->spans.size()), 2 * jobs);
        for (const auto &h : lane->spans)
            for (const auto &s : workerSleeps)
                if (session.store().objectName(h.objectId) == session.store().workers()[std::size_t(s.worker)].name)
                    QVERIFY(h.end <= s.begin || h.begin >= s.end);
        verifyNothingLeft();
    }

    void stopEndsWaitersAndHolder()
    {
        const ParameterValues v = values({QStringLiteral("mode=gil-threads"), QStringLiteral("workload=cpu"),
                                          QStringLiteral("jobs=3"), QStringLiteral("work_ms=5000")});
        scenarios::RunSession session(m_server.get());
        QSignalSpy finished(&session, &scenarios::RunSession::finished);
        QVERIFY(session.start(*m_lesson, v));
        // Wait until the GIL has changed hands at least once.
        QTRY_VERIFY_WITH_TIMEOUT(!threadSpans(session.store(), SpanState::GilWait).empty(), 10000);
        session.stop();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 5000);
        QVERIFY(session.result().stopped);
        QCOMPARE(int(session.result().workers.size()), 3);
        for (const auto &w : session.result().workers)
            QCOMPARE(w.exitValue, qint64(scenarios::kStoppedExitCode));
        QVERIFY(session.result().outcome.metric(QStringLiteral("jobs_done")) < 3);
        verifyNothingLeft();
    }
};

QTEST_GUILESS_MAIN(TestGil)
#include "tst_gil.moc"
