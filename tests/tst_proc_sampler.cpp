// The /proc sampler: the parsers against real and hostile text, the permille
// arithmetic, and a live run that watches a CPU-burning child.
#include "core/record/collector.h"
#include "core/record/shared_arena.h"
#include "core/sample/proc_sampler.h"
#include "core/trace/trace_store.h"

#include <QTest>

#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <chrono>
#include <thread>
#include <vector>

using cl::sample::CoreTimes;
using cl::sample::PidStat;
using CoreList = std::vector<CoreTimes>;
Q_DECLARE_METATYPE(CoreList)

namespace {

CoreTimes core(int n, std::uint64_t total, std::uint64_t idle, std::uint64_t iowait)
{
    CoreTimes c;
    c.core = n;
    c.total = total;
    c.idle = idle;
    c.iowait = iowait;
    return c;
}

std::uint64_t cpuNs(clockid_t clock)
{
    timespec ts;
    clock_gettime(clock, &ts);
    return std::uint64_t(ts.tv_sec) * 1000000000ull + std::uint64_t(ts.tv_nsec);
}

// Burns `cpuMs` of CPU time (not wall time, so a loaded machine still yields
// the same amount of work), giving up after `wallCapMs` so a test never hangs.
[[noreturn]] void burnAndExit(std::uint64_t cpuMs, std::uint64_t wallCapMs)
{
    const std::uint64_t cpu0 = cpuNs(CLOCK_PROCESS_CPUTIME_ID);
    const std::uint64_t wall0 = cpuNs(CLOCK_MONOTONIC);
    volatile std::uint64_t sink = 0;
    while (cpuNs(CLOCK_PROCESS_CPUTIME_ID) - cpu0 < cpuMs * 1000000ull
           && cpuNs(CLOCK_MONOTONIC) - wall0 < wallCapMs * 1000000ull) {
        for (int i = 0; i < 10000; ++i)
            sink = sink + std::uint64_t(i) * 2654435761u;
    }
    _exit(0);
}

void waitForPasses(const cl::sample::ProcSampler &sampler, std::uint64_t atLeast)
{
    // Bounded so a stuck sampler fails the test instead of hanging it.
    for (int i = 0; i < 1000 && sampler.passes() < atLeast; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
}

std::size_t samplesFor(const cl::trace::TraceStore &store, cl::trace::CounterTrack::Kind kind, std::uint32_t key)
{
    const auto *track = store.counter(kind, key);
    return track ? track->samples.size() : 0;
}

} // namespace

class TestProcSampler : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parseProcStat_data();
    void parseProcStat();
    void parsePidStat_data();
    void parsePidStat();
    void corePermille_data();
    void corePermille();
    void processPermille_data();
    void processPermille();
    void startFailsWithoutFreeRing();
    void liveChildIsSampled();
};

void TestProcSampler::parseProcStat_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<CoreList>("expected");

    // user nice system idle iowait irq softirq steal guest guest_nice
    QTest::newRow("typical two cores")
        << QByteArray("cpu  5007 0 3012 81020 998 0 88 357 0 0\n"
                      "cpu0 1430 0 1144 42428 75 0 9 159 0 0\n"
                      "cpu1 3576 0 1867 38592 923 0 79 198 0 0\n"
                      "intr 150123 0 0 0\nctxt 298394\nbtime 1700000000\n")
        << CoreList{core(0, 45245, 42428, 75), core(1, 45235, 38592, 923)};
    QTest::newRow("aggregate line only") << QByteArray("cpu  1 2 3 4 5 6 7 8 0 0\n") << CoreList{};
    QTest::newRow("empty") << QByteArray() << CoreList{};
    QTest::newRow("old kernel, four columns") << QByteArray("cpu0 10 20 30 40\n") << CoreList{core(0, 100, 40, 0)};
    QTest::newRow("guest time is not counted twice")
        << QByteArray("cpu0 100 10 20 300 5 1 2 3 80 9\n") << CoreList{core(0, 441, 300, 5)};
    QTest::newRow("offline core leaves a gap")
        << QByteArray("cpu0 1 0 0 9 0 0 0 0 0 0\ncpu2 2 0 0 8 0 0 0 0 0 0\ncpu17 3 0 0 7 0 0 0 0 0 0\n")
        << CoreList{core(0, 10, 9, 0), core(2, 10, 8, 0), core(17, 10, 7, 0)};
    QTest::newRow("no trailing newline") << QByteArray("cpu3 1 1 1 1 1 1 1 1 0 0")
                                         << CoreList{core(3, 8, 1, 1)};
    QTest::newRow("CRLF, tabs and repeated blanks")
        << QByteArray("cpu0\t1  1 1\t1 1 1 1 1 0 0\r\ncpu1 2 2 2 2 2 2 2 2 0 0\r\n")
        << CoreList{core(0, 8, 1, 1), core(1, 16, 2, 2)};
    QTest::newRow("malformed lines are skipped")
        << QByteArray("cpu0 1 2 x 4 5\n"          // non-numeric field
                      "cpu1 1 2 3\n"               // too few columns
                      "cpu\n"                      // bare name
                      "cpuX 1 2 3 4 5\n"           // no core number
                      "cpu2x 1 2 3 4 5\n"          // junk after the number
                      "cpu3 99999999999999999999999 0 0 0 0\n" // overflows 64 bits
                      "cpu4 -1 0 0 0 0\n"          // negative
                      "xcpu5 1 2 3 4 5\n"          // not at line start
                      "cpu6 1 2 3 4 5 6 7 8 0 0\n") // the one good line
        << CoreList{core(6, 36, 4, 5)};
    QTest::newRow("blank lines between")
        << QByteArray("\n\ncpu0 1 0 0 1 0 0 0 0 0 0\n\n\ncpu1 0 0 0 2 0 0 0 0 0 0\n\n")
        << CoreList{core(0, 2, 1, 0), core(1, 2, 2, 0)};
}

void TestProcSampler::parseProcStat()
{
    QFETCH(QByteArray, text);
    QFETCH(CoreList, expected);
    const CoreList got = cl::sample::parseProcStat(std::string_view(text.constData(), std::size_t(text.size())));
    QCOMPARE(got.size(), expected.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
        QCOMPARE(got[i].core, expected[i].core);
        QCOMPARE(got[i].total, expected[i].total);
        QCOMPARE(got[i].idle, expected[i].idle);
        QCOMPARE(got[i].iowait, expected[i].iowait);
        QCOMPARE(got[i].busy(), expected[i].total - expected[i].idle - expected[i].iowait);
    }
}

void TestProcSampler::parsePidStat_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<int>("pid");
    QTest::addColumn<QByteArray>("comm");
    QTest::addColumn<char>("state");
    QTest::addColumn<int>("ppid");
    QTest::addColumn<quint64>("utime");
    QTest::addColumn<quint64>("stime");
    QTest::addColumn<qint64>("threads");

    // The fields after comm, from state on; utime and stime are the 12th and
    // 13th, num_threads the 18th.
    const QByteArray tail = " 20 0 3 0 45352 3133440 380 18446744073709551615 94124177879040 0 0 17 0 0\n";
    QTest::newRow("plain") << QByteArray("4281 (cat) R 4277 4277 3355 0 -1 4194304 100 0 0 0 123 45 0 0") + tail
                           << true << 4281 << QByteArray("cat") << 'R' << 4277 << quint64(123) << quint64(45)
                           << qint64(3);
    QTest::newRow("comm with spaces")
        << QByteArray("77 (Web Content) S 1 77 77 0 -1 0 0 0 0 0 5 6 0 0") + tail << true << 77
        << QByteArray("Web Content") << 'S' << 1 << quint64(5) << quint64(6) << qint64(3);
    QTest::newRow("comm with parens and fake fields")
        << QByteArray("9 (x) R 1 2 3 (y)) Z 8 9 9 0 -1 0 0 0 0 0 7 8 0 0") + tail << true << 9
        << QByteArray("x) R 1 2 3 (y)") << 'Z' << 8 << quint64(7) << quint64(8) << qint64(3);
    QTest::newRow("comm is a lone paren")
        << QByteArray("10 ()) D 2 0 0 0 -1 0 0 0 0 0 1 2 0 0") + tail << true << 10 << QByteArray(")") << 'D' << 2
        << quint64(1) << quint64(2) << qint64(3);
    QTest::newRow("empty comm") << QByteArray("11 () S 2 0 0 0 -1 0 0 0 0 0 0 0 0 0") + tail << true << 11
                                << QByteArray() << 'S' << 2 << quint64(0) << quint64(0) << qint64(3);
    QTest::newRow("comm with newline")
        << QByteArray("12 (a\nb) S 2 0 0 0 -1 0 0 0 0 0 3 4 0 0") + tail << true << 12 << QByteArray("a\nb") << 'S'
        << 2 << quint64(3) << quint64(4) << qint64(3);
    QTest::newRow("many threads, big counters, negative nice")
        << QByteArray("4194303 (java) S 1 1 1 0 -1 0 0 0 0 0 9876543210 1234567890 0 0 -2 -20 812 0 1\n") << true
        << 4194303 << QByteArray("java") << 'S' << 1 << quint64(9876543210ull) << quint64(1234567890ull)
        << qint64(812);
    QTest::newRow("exactly the fields needed, no newline")
        << QByteArray("13 (t) R 1 0 0 0 -1 0 0 0 0 0 1 1 0 0 20 0 1") << true << 13 << QByteArray("t") << 'R' << 1
        << quint64(1) << quint64(1) << qint64(1);

    const auto bad = [](const char *name, const QByteArray &text) {
        QTest::newRow(name) << text << false << 0 << QByteArray() << '?' << 0 << quint64(0) << quint64(0)
                            << qint64(0);
    };
    bad("empty", QByteArray());
    bad("no parens", QByteArray("13 t R 1 0 0 0 -1 0 0 0 0 0 1 1 0 0 20 0 1"));
    bad("truncated before num_threads", QByteArray("13 (t) R 1 0 0 0 -1 0 0 0 0 0 1 1 0 0 20 0"));
    bad("close paren before open", QByteArray(") 13 ( R 1 0 0 0 -1 0 0 0 0 0 1 1 0 0 20 0 1"));
    bad("pid not a number", QByteArray("1x3 (t) R 1 0 0 0 -1 0 0 0 0 0 1 1 0 0 20 0 1"));
    bad("missing pid", QByteArray("(t) R 1 0 0 0 -1 0 0 0 0 0 1 1 0 0 20 0 1"));
    bad("utime not a number", QByteArray("13 (t) R 1 0 0 0 -1 0 0 0 0 0 1e3 1 0 0 20 0 1"));
    bad("negative utime", QByteArray("13 (t) R 1 0 0 0 -1 0 0 0 0 0 -1 1 0 0 20 0 1"));
    bad("state is a word", QByteArray("13 (t) RS 1 0 0 0 -1 0 0 0 0 0 1 1 0 0 20 0 1"));
}

void TestProcSampler::parsePidStat()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, valid);
    const auto got = cl::sample::parsePidStat(std::string_view(text.constData(), std::size_t(text.size())));
    QCOMPARE(got.has_value(), valid);
    if (!valid)
        return;
    QTEST(int(got->pid), "pid");
    QTEST(QByteArray::fromStdString(got->comm), "comm");
    QTEST(got->state, "state");
    QTEST(int(got->ppid), "ppid");
    QTEST(quint64(got->utime), "utime");
    QTEST(quint64(got->stime), "stime");
    QTEST(qint64(got->numThreads), "threads");
}

void TestProcSampler::corePermille_data()
{
    QTest::addColumn<CoreList>("readings"); // before, after
    QTest::addColumn<qint64>("permille");
    QTest::newRow("half busy") << CoreList{core(0, 100, 50, 0), core(0, 300, 120, 30)} << qint64(500);
    QTest::newRow("fully busy") << CoreList{core(0, 100, 50, 5), core(0, 200, 50, 5)} << qint64(1000);
    QTest::newRow("idle") << CoreList{core(0, 100, 50, 5), core(0, 200, 140, 15)} << qint64(0);
    QTest::newRow("iowait counts as idle") << CoreList{core(0, 0, 0, 0), core(0, 100, 25, 50)} << qint64(250);
    QTest::newRow("no tick elapsed") << CoreList{core(0, 100, 50, 5), core(0, 100, 50, 5)} << qint64(0);
    QTest::newRow("iowait steps back") << CoreList{core(0, 100, 50, 20), core(0, 200, 100, 10)} << qint64(600);
    QTest::newRow("counters go backwards") << CoreList{core(0, 200, 100, 0), core(0, 100, 50, 0)} << qint64(0);
    QTest::newRow("rounds to nearest") << CoreList{core(0, 0, 0, 0), core(0, 3, 1, 0)} << qint64(667);
}

void TestProcSampler::corePermille()
{
    QFETCH(CoreList, readings);
    QTEST(qint64(cl::sample::corePermille(readings[0], readings[1])), "permille");
}

void TestProcSampler::processPermille_data()
{
    QTest::addColumn<quint64>("before");
    QTest::addColumn<quint64>("after");
    QTest::addColumn<quint64>("elapsedNs");
    QTest::addColumn<qint64>("hz");
    QTest::addColumn<qint64>("permille");
    QTest::newRow("one core for 50 ms") << quint64(10) << quint64(15) << quint64(50000000) << qint64(100)
                                        << qint64(1000);
    QTest::newRow("two threads at once") << quint64(10) << quint64(20) << quint64(50000000) << qint64(100)
                                         << qint64(2000);
    QTest::newRow("a fifth") << quint64(0) << quint64(1) << quint64(50000000) << qint64(100) << qint64(200);
    QTest::newRow("other tick rate") << quint64(0) << quint64(250) << quint64(1000000000) << qint64(1000)
                                     << qint64(250);
    QTest::newRow("no cpu used") << quint64(7) << quint64(7) << quint64(50000000) << qint64(100) << qint64(0);
    QTest::newRow("no time elapsed") << quint64(0) << quint64(5) << quint64(0) << qint64(100) << qint64(0);
    QTest::newRow("ticks went back") << quint64(9) << quint64(5) << quint64(50000000) << qint64(100) << qint64(0);
    QTest::newRow("bad tick rate") << quint64(0) << quint64(5) << quint64(50000000) << qint64(0) << qint64(0);
}

void TestProcSampler::processPermille()
{
    QFETCH(quint64, before);
    QFETCH(quint64, after);
    QFETCH(quint64, elapsedNs);
    QFETCH(qint64, hz);
    QTEST(qint64(cl::sample::processPermille(before, after, elapsedNs, long(hz))), "permille");
}

void TestProcSampler::startFailsWithoutFreeRing()
{
    auto arena = cl::record::SharedArena::create({1, 64, 4096});
    QVERIFY(arena.isValid());
    QCOMPARE(arena.acquireRing(), 0);
    cl::sample::ProcSampler sampler(arena);
    QVERIFY(!sampler.start());
    QVERIFY(!sampler.isRunning());
    sampler.stop(); // harmless without a thread
}

void TestProcSampler::liveChildIsSampled()
{
    auto arena = cl::record::SharedArena::create({8, 4096, 4096});
    QVERIFY(arena.isValid());
    cl::record::Collector collector(arena);
    cl::trace::TraceStore store;
    collector.start(std::chrono::milliseconds(1));

    // A pid that is already gone must be dropped without a sample.
    const pid_t gone = fork();
    QVERIFY(gone >= 0);
    if (gone == 0)
        _exit(0);
    QCOMPARE(waitpid(gone, nullptr, 0), gone);

    cl::sample::ProcSampler sampler(arena, std::chrono::milliseconds(20));
    QVERIFY(sampler.start());
    QVERIFY(sampler.isRunning());
    QVERIFY(!sampler.start()); // already running
    sampler.watch(gone);

    const pid_t child = fork();
    QVERIFY(child >= 0);
    if (child == 0)
        burnAndExit(300, 5000);
    sampler.watch(child);

    int status = 0;
    rusage usage{};
    const pid_t reaped = wait4(child, &status, 0, &usage);
    QCOMPARE(reaped, child);
    QVERIFY(WIFEXITED(status));
    const double childCpuMs = double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0
                              + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;

    // Two full passes after the reap: the sampler has seen the pid vanish.
    waitForPasses(sampler, sampler.passes() + 2);
    collector.drainNow();
    store.ingest(collector.takeBatch());
    const std::size_t childSamples = samplesFor(store, cl::trace::CounterTrack::Kind::CpuProcess, std::uint32_t(child));
    waitForPasses(sampler, sampler.passes() + 3);

    sampler.stop();
    QVERIFY(!sampler.isRunning());
    collector.stop();
    store.ingest(collector.takeBatch());

    // Per-core tracks: one per online core, every value a permille.
    const long cores = sysconf(_SC_NPROCESSORS_ONLN);
    int coreTracks = 0;
    for (const auto &track : store.counters()) {
        if (track.kind != cl::trace::CounterTrack::Kind::CpuCore)
            continue;
        ++coreTracks;
        QVERIFY(!track.samples.empty());
        for (const auto &s : track.samples) {
            QVERIFY2(s.value >= 0 && s.value <= 1000, qPrintable(QString::number(s.value)));
        }
    }
    QCOMPARE(coreTracks, int(cores));
    for (long c = 0; c < cores; ++c)
        QVERIFY2(store.counter(cl::trace::CounterTrack::Kind::CpuCore, std::uint32_t(c)),
                 qPrintable(QStringLiteral("no track for core %1").arg(c)));

    // The child's track: clearly busy, and integrating it gives back roughly
    // the CPU time the kernel charged the child (samples cover all but the
    // stretch before the sampler first saw the pid).
    const auto *track = store.counter(cl::trace::CounterTrack::Kind::CpuProcess, std::uint32_t(child));
    QVERIFY(track);
    QVERIFY(track->samples.size() >= 2);
    std::int64_t peak = 0;
    double integratedMs = 0;
    for (std::size_t i = 0; i < track->samples.size(); ++i) {
        peak = std::max(peak, track->samples[i].value);
        if (i > 0)
            integratedMs += double(track->samples[i].value) / 1000.0
                            * double(track->samples[i].time - track->samples[i - 1].time) / 1e6;
    }
    QVERIFY2(peak >= 100, qPrintable(QStringLiteral("peak %1 permille").arg(peak)));
    QVERIFY2(childCpuMs >= 100, qPrintable(QStringLiteral("child used %1 ms").arg(childCpuMs)));
    QVERIFY2(integratedMs > childCpuMs * 0.5 && integratedMs < childCpuMs * 1.5,
             qPrintable(QStringLiteral("integrated %1 ms, kernel says %2 ms").arg(integratedMs).arg(childCpuMs)));

    // Reaped: no more samples for it, and nothing ever for the pid that was gone.
    QCOMPARE(track->samples.size(), childSamples);
    QVERIFY(!store.counter(cl::trace::CounterTrack::Kind::CpuProcess, std::uint32_t(gone)));

    // stop() closed the writer, so the collector gave the ring back.
    for (std::uint32_t i = 0; i < arena.ringCount(); ++i)
        QCOMPARE(arena.ring(i).header()->state.load(), std::uint32_t(cl::record::RingState::Free));
    QCOMPARE(collector.droppedTotal(), std::uint64_t(0));
}


QTEST_GUILESS_MAIN(TestProcSampler)
#include "tst_proc_sampler.moc"
