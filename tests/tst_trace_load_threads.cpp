// Opening a large Chrome trace on two threads (a parser thread ahead of the
// thread that maps events onto the store) gives exactly what one thread
// gives: the same store event for event, the same report and progress steps,
// the same message at the same byte for a broken file, and a cancel or an
// exception on the way stops the parser thread and returns.
#include "trace_compare.h"
#include "core/trace/chrome_trace_reader.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <limits>
#include <stdexcept>

using namespace cl;
using trace::TraceStore;

namespace {

// A bit of every phase, many times over: escaped names and ids (their
// text lives in the parser's batches), string and fractional pids, nested
// B/E, async b/e, flows, counters of one and two series, metadata events,
// elements that are not events and fields of the wrong type.
QByteArray mixedEvents(int count)
{
    QByteArray s;
    s.reserve(count * 120);
    for (int w = 0; w < 6; ++w)
        s += "{\"ph\":\"M\",\"pid\":" + QByteArray::number(10 + w) + ",\"tid\":" + QByteArray::number(10 + w) +
             ",\"name\":\"thread_name\",\"args\":{\"name\":\"w\\u00e9-" + QByteArray::number(w) + "\",\"ppid\":1}},\n";
    s += "{\"ph\":\"M\",\"pid\":99,\"name\":\"process_name\",\"args\":{\"name\":\"tool\"}},\n";
    static const char *const kStates[] = {"lock-wait", "lock-hold", "running", "sleep"};
    for (int i = 0; i < count; ++i) {
        const QByteArray pid = QByteArray::number(10 + i % 6);
        const QByteArray ts = QByteArray::number(double(i) * 0.731, 'f', 3);
        const QByteArray n = QByteArray::number(i);
        switch (i % 16) {
        case 0:
        case 1:
        case 2:
            s += "{\"ph\":\"X\",\"pid\":" + pid + ",\"tid\":" + pid + ",\"name\":\"" + kStates[i % 4] +
                 "\",\"ts\":" + ts + ",\"dur\":" + QByteArray::number(1 + i % 40) + ",\"args\":{\"object\":\"lock " +
                 QByteArray::number(i % 5) + "\"}}";
            break;
        case 3:
            s += "{\"ph\":\"X\",\"pid\":" + pid + ",\"tid\":" + pid + ",\"name\":\"esc \\\"" + n +
                 "\\\" \\u00e9\\ud83c\\udf9f\",\"ts\":" + ts + ",\"dur\":2}";
            break;
        case 4:
            s += "{\"ph\":\"B\",\"pid\":" + pid + ",\"tid\":" + pid + ",\"name\":\"running\",\"ts\":" + ts + "}";
            break;
        case 5:
            s += "{\"ph\":\"B\",\"pid\":" + pid + ",\"tid\":" + pid + ",\"name\":\"outer " + QByteArray::number(i % 7) +
                 "\",\"ts\":" + ts + "}";
            break;
        case 6:
            s += "{\"ph\":\"E\",\"pid\":" + pid + ",\"tid\":" + pid + ",\"ts\":" + ts + "}";
            break;
        case 7:
            s += "{\"ph\":\"C\",\"name\":\"queue\",\"pid\":1,\"ts\":" + ts + ",\"args\":{\"depth\":" +
                 QByteArray::number(i % 97) + (i % 3 ? ",\"free\":" + QByteArray::number(i % 13) : QByteArray()) +
                 "}}";
            break;
        case 8:
            s += "{\"ph\":\"b\",\"cat\":\"io\",\"id\":\"r\\u0031-" + QByteArray::number(i / 16 % 5) +
                 "\",\"pid\":\"worker-" + QByteArray::number(i % 3) + "\",\"tid\":1.5,\"name\":\"lock-wait\",\"ts\":" +
                 ts + ",\"args\":{\"object\":\"q\\tx\"}}";
            break;
        case 9:
            s += "{\"ph\":\"e\",\"cat\":\"io\",\"id\":\"r\\u0031-" + QByteArray::number(i / 16 % 7) +
                 "\",\"pid\":\"worker-" + QByteArray::number(i % 3) + "\",\"tid\":1.5,\"ts\":" + ts + "}";
            break;
        case 10:
            s += "{\"ph\":\"i\",\"pid\":" + pid + ",\"tid\":" + pid + ",\"s\":\"t\",\"name\":\"line " + n +
                 "\\n\",\"cat\":\"print\",\"ts\":" + ts + "}";
            break;
        case 11:
            s += "{\"ph\":\"" + QByteArray(i / 16 % 2 ? "f" : "s") + "\",\"pid\":" + pid + ",\"tid\":" + pid +
                 ",\"id\":" + QByteArray::number(i / 32) + ",\"cat\":\"flow\",\"ts\":" + ts +
                 ",\"args\":{\"object\":\"lock 1\",\"kind\":\"lock\"}}";
            break;
        case 12:
            s += i % 5 ? "42" : "\"not an event\"";
            break;
        case 13:
            s += "{\"ph\":\"X\",\"pid\":" + pid + ",\"ts\":\"soon\",\"dur\":1}";
            break;
        case 14:
            s += "{\"ph\":\"O\",\"pid\":" + pid + ",\"ts\":" + ts + ",\"other\":[1,{\"a\":null},true]}";
            break;
        default:
            s += "{\"ph\":\"C\",\"name\":\"CPU 1 (%)\",\"pid\":1,\"ts\":" + ts + ",\"args\":{\"v\":" +
                 QByteArray::number(i % 100) + "}}";
            break;
        }
        s += i + 1 == count ? "\n" : ",\n";
    }
    return s;
}

const QByteArray kMetadata = R"({"scenario":"lock-contention","time_origin_ns":"5000000000","note":"a \"b\""})";

QByteArray objectForm(int count) { return "{\"metadata\":" + kMetadata + ",\"traceEvents\":[\n" + mixedEvents(count) + "]}\n"; }

struct Load {
    trace::TraceLoadReport report;
    std::vector<std::uint64_t> progress;
};

Load load(const QByteArray &bytes, TraceStore &store, bool twoThreads, std::uint64_t itemLimit = 0)
{
    if (itemLimit > 0)
        store.setItemLimit(itemLimit);
    Load l;
    trace::TraceLoadControl control;
    control.twoThreadsFromBytes = twoThreads ? 0 : std::numeric_limits<std::size_t>::max();
    control.progress = [&](std::uint64_t done, std::uint64_t) { l.progress.push_back(done); };
    l.report = trace::readChromeTrace(std::string_view(bytes.constData(), std::size_t(bytes.size())),
                                      QStringLiteral("t.json"), store, control);
    return l;
}

void compareLoads(const Load &one, const TraceStore &a, const Load &two, const TraceStore &b)
{
    QCOMPARE(two.report.ok, one.report.ok);
    QCOMPARE(two.report.cancelled, one.report.cancelled);
    QCOMPARE(two.report.error, one.report.error);
    QCOMPARE(two.report.bytes, one.report.bytes);
    QCOMPARE(two.report.events, one.report.events);
    QCOMPARE(two.report.genericSpans, one.report.genericSpans);
    QCOMPARE(two.report.neverEnded, one.report.neverEnded);
    QCOMPARE(two.report.fromThisApp, one.report.fromThisApp);
    QCOMPARE(tests::describeReport(two.report), tests::describeReport(one.report));
    QCOMPARE(two.progress, one.progress);
    QCOMPARE(b.storedItems(), a.storedItems());
    QCOMPARE(b.droppedByLimit(), a.droppedByLimit());
    QCOMPARE(tests::describeStore(b), tests::describeStore(a));
    // What the description leaves out.
    QCOMPARE(b.beginTime(), a.beginTime());
    QCOMPARE(b.endTime(), a.endTime());
    QCOMPARE(b.eventCount(), a.eventCount());
    QCOMPARE(b.droppedEvents(), a.droppedEvents());
    QCOMPARE(b.metadata(), a.metadata());
    QCOMPARE(b.workers().size(), a.workers().size());
    for (std::size_t i = 0; i < a.workers().size(); ++i) {
        QCOMPARE(b.workers()[i].ppid, a.workers()[i].ppid);
        QCOMPARE(b.workers()[i].startTime, a.workers()[i].startTime);
    }
}

} // namespace

class TestTraceLoadThreads : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sameStoreBothWays_data();
    void sameStoreBothWays();
    void sameErrorBothWays_data();
    void sameErrorBothWays();
    void aMappedFileBothWays();
    void cancelStopsTheParser_data();
    void cancelStopsTheParser();
    void anExceptionWhileMappingJoinsTheParser();
};

void TestTraceLoadThreads::sameStoreBothWays_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<quint64>("itemLimit");
    QTest::newRow("empty event array") << QByteArray(R"({"traceEvents":[]})") << quint64(0);
    QTest::newRow("one event") << QByteArray(R"([{"ph":"X","name":"running","pid":1,"tid":1,"ts":0,"dur":1}])")
                               << quint64(0);
    QTest::newRow("a few of each, metadata first") << objectForm(40) << quint64(0);
    QTest::newRow("many batches, metadata first") << objectForm(30000) << quint64(0);
    QTest::newRow("many batches, metadata after the events")
        << "{\"traceEvents\":[" + mixedEvents(30000) + "],\"metadata\":" + kMetadata + ",\"samples\":[1,2]}"
        << quint64(0);
    QTest::newRow("bare array") << "[" + mixedEvents(5000) + "]" << quint64(0);
    QTest::newRow("bare array without its closing bracket") << "[" + mixedEvents(5000) + "," << quint64(0);
    QTest::newRow("store item limit") << objectForm(30000) << quint64(20000);
}

void TestTraceLoadThreads::sameStoreBothWays()
{
    QFETCH(QByteArray, json);
    QFETCH(quint64, itemLimit);
    TraceStore a, b;
    const Load one = load(json, a, false, itemLimit);
    const Load two = load(json, b, true, itemLimit);
    QVERIFY2(one.report.ok, qPrintable(one.report.error));
    compareLoads(one, a, two, b);
}

void TestTraceLoadThreads::sameErrorBothWays_data()
{
    QTest::addColumn<QByteArray>("json");
    const QByteArray big = objectForm(30000);
    QTest::newRow("truncated inside an event") << QByteArray(R"({"traceEvents":[{"ph":"X","ts":1},{"ph":"X","ts":2)");
    QTest::newRow("missing comma") << QByteArray(R"({"traceEvents":[{"ph":"X" "ts":1}]})");
    QTest::newRow("garbage in args") << QByteArray(R"([{"ph":"X","ts":1,"args":{"a":[1,2,}]}])");
    QTest::newRow("control character") << QByteArray("[{\"ph\":\"X\",\"name\":\"a\x01\"}]");
    QTest::newRow("deep nesting, cut off") << QByteArray("[{\"args\":" + QByteArray(100000, '['));
    QTest::newRow("truncated after the array") << QByteArray(R"({"traceEvents":[{"ph":"X","ts":1,"dur":1}])");
    QTest::newRow("text after the end") << big + "{}";
    QTest::newRow("large, cut at a third") << big.left(big.size() / 3);
    QTest::newRow("large, cut inside an escape") << big.left(big.indexOf("\\ud83c", big.size() / 2) + 3);
    QByteArray corrupt = big;
    corrupt[corrupt.indexOf("},\n", corrupt.size() / 2)] = ']';
    QTest::newRow("large, a bracket for a brace in the middle") << corrupt;
    QByteArray notEvent = big;
    notEvent.replace(notEvent.indexOf("42", notEvent.size() / 2), 2, "4x");
    QTest::newRow("large, a bad value in the middle") << notEvent;
}

void TestTraceLoadThreads::sameErrorBothWays()
{
    QFETCH(QByteArray, json);
    TraceStore a, b;
    const Load one = load(json, a, false);
    const Load two = load(json, b, true);
    QVERIFY(!one.report.ok);
    QVERIFY(one.report.error.contains(QStringLiteral("t.json")));
    compareLoads(one, a, two, b);
}

void TestTraceLoadThreads::aMappedFileBothWays()
{
    // A mapped file hands its pages back behind the mapping position while
    // the parser reads ahead: nothing still to be mapped may go.
    const QByteArray json = objectForm(200000);
    QVERIFY(json.size() > 3 * (4 << 20));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("t.json"));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QCOMPARE(f.write(json), qint64(json.size()));
    }
    TraceStore a, b;
    const Load one = load(json, a, false);
    Load two;
    trace::TraceLoadControl control;
    control.twoThreadsFromBytes = 0;
    control.progress = [&](std::uint64_t done, std::uint64_t) { two.progress.push_back(done); };
    two.report = trace::loadChromeTrace(path, b, control);
    QVERIFY2(two.report.ok, qPrintable(two.report.error));
    two.report.error = one.report.error; // the file's name differs, nothing else
    compareLoads(one, a, two, b);
}

void TestTraceLoadThreads::cancelStopsTheParser_data()
{
    QTest::addColumn<int>("atCall");
    QTest::newRow("before the first step") << 0;
    QTest::newRow("at the first step") << 1;
    QTest::newRow("at the second step") << 2;
}

void TestTraceLoadThreads::cancelStopsTheParser()
{
    QFETCH(int, atCall);
    const QByteArray json = objectForm(60000);
    std::atomic<bool> stop{atCall == 0};
    trace::TraceLoadControl control;
    control.twoThreadsFromBytes = 0;
    int calls = 0;
    control.progress = [&](std::uint64_t, std::uint64_t) {
        if (++calls == atCall)
            stop = true;
    };
    control.cancel = &stop;
    TraceStore store;
    const auto r = trace::readChromeTrace(std::string_view(json.constData(), std::size_t(json.size())),
                                          QStringLiteral("big.json"), store, control);
    QVERIFY(!r.ok);
    QVERIFY(r.cancelled);
    QVERIFY(r.error.contains(QStringLiteral("big.json")));
    QCOMPARE(calls, std::max(atCall, 1)); // no step after the cancel
}

void TestTraceLoadThreads::anExceptionWhileMappingJoinsTheParser()
{
    // The parser thread is joined on the way out (a thread left joinable
    // would end the process), and the next load works.
    const QByteArray json = objectForm(60000);
    trace::TraceLoadControl control;
    control.twoThreadsFromBytes = 0;
    control.progress = [](std::uint64_t done, std::uint64_t) {
        if (done > 0)
            throw std::runtime_error("stop");
    };
    TraceStore store;
    const std::string_view text(json.constData(), std::size_t(json.size()));
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, trace::readChromeTrace(text, QStringLiteral("t.json"), store, control));
    control.progress = nullptr;
    const auto r = trace::readChromeTrace(text, QStringLiteral("t.json"), store, control);
    QVERIFY2(r.ok, qPrintable(r.error));
}

QTEST_GUILESS_MAIN(TestTraceLoadThreads)
#include "tst_trace_load_threads.moc"
