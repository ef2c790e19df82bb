// Opening Chrome trace JSON: a trace the app saved reopens event for event
// (tracks, states, counters, flows, prints, metadata, the run's summary);
// other tools' traces load every phase into the expected tracks; broken
// files are refused with one message naming the file, the problem and where.
#include "process_check.h"
#include "trace_builder.h"
#include "trace_compare.h"
#include "core/scenarios/catalogue.h"
#include "core/scenarios/run_record.h"
#include "core/scenarios/run_session.h"
#include "core/trace/chrome_trace.h"
#include "core/trace/chrome_trace_reader.h"
#include "core/trace/messages.h"

#include <QBuffer>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace cl;
using cl::tests::ev;
using trace::EventKind;
using trace::SpanState;
using trace::TraceStore;

namespace {

QByteArray save(const TraceStore &store)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    trace::writeChromeTrace(store, &buffer);
    return buffer.data();
}

trace::TraceLoadReport load(const QByteArray &bytes, TraceStore &store)
{
    return trace::readChromeTrace(std::string_view(bytes.constData(), std::size_t(bytes.size())),
                                  QStringLiteral("t.json"), store);
}

// A bit of everything a run records, by hand.
void fill(TraceStore &store)
{
    store.addString(1, "main");
    store.addString(2, "buyer-1");
    store.addString(3, "售票 worker");
    store.addString(5, "ticket lock");
    store.addString(6, std::string("70") + trace::kMessageArgSeparator + "69");
    store.addString(7, "hello, \"world\"");
    store.addString(8, "shared value");
    store.addString(9, "GIL");
    using E = EventKind;
    const auto hold = std::uint8_t(SpanState::LockHold);
    const auto wait = std::uint8_t(SpanState::LockWait);
    const auto run = std::uint8_t(SpanState::Running);
    const auto lock = std::uint8_t(trace::FlowKind::Lock);
    const std::uint64_t t0 = 5'000'000'000'000ull;
    store.addEvents({
        ev(E::WorkerStart, 100, 100, t0, 0, 1, 1),
        ev(E::WorkerStart, 100, 101, t0 + 10, 0, 2, 100),
        ev(E::WorkerStart, 200, 200, t0 + 20, 0, 3, 100),
        ev(E::WorkerStart, 200, -1, t0 + 25, 0, 9, 100), // a model's lane
        ev(E::ObjectName, 100, 100, t0 + 1, 0, 50, 5),
        ev(E::ObjectName, 100, 100, t0 + 2, 0, trace::counter_id::SharedValue, 8),
        ev(E::SpanBegin, 100, 100, t0 + 100, run),
        ev(E::SpanEnd, 100, 100, t0 + 1'234'567, run),
        ev(E::SpanBegin, 100, 101, t0 + 200, wait, 50),
        ev(E::SpanEnd, 100, 101, t0 + 300, wait, 50),
        ev(E::SpanBegin, 100, 101, t0 + 300, hold, 50),
        ev(E::SpanBegin, 100, 101, t0 + 310, hold, 50), // re-entered
        ev(E::SpanEnd, 100, 101, t0 + 320, hold, 50),
        ev(E::SpanEnd, 100, 101, t0 + 900, hold, 50),
        ev(E::SpanBegin, 200, 200, t0 + 950, wait, 50),
        ev(E::SpanEnd, 200, 200, t0 + 960, wait, 50),
        ev(E::SpanBegin, 200, -1, t0 + 400, hold, 0),
        ev(E::SpanEnd, 200, -1, t0 + 800, hold, 0),
        ev(E::Counter, 100, 101, t0 + 150, 0, trace::counter_id::SharedValue, 41),
        ev(E::Counter, 100, 101, t0 + 160, 0, trace::counter_id::SharedValue, -7),
        ev(E::Counter, 100, 101, t0 + 170, 0, 1234, std::int64_t(1) << 40),
        ev(E::CpuSample, 1, 1, t0 + 180, 0, 0, 1000),
        ev(E::CpuSample, 1, 1, t0 + 190, 1, 200, 333),
        ev(E::Print, 100, 100, t0 + 220, 0, 7, 0),
        ev(E::Print, 100, 101, t0 + 230, 0, 6, std::int64_t(trace::MessageId::CounterDone)),
        ev(E::FlowOut, 100, 101, t0 + 900, lock, 9000, 50),
        ev(E::FlowIn, 200, 200, t0 + 960, lock, 9000, 50),
        ev(E::FlowOut, 200, 200, t0 + 970, 0, 9001, 0), // a hand-over of no kind and no object
        ev(E::FlowIn, 100, 100, t0 + 980, 0, 9001, 0),
        ev(E::WorkerExit, 200, 200, t0 + 6'000'000, 0, 0, -9),
        ev(E::WorkerExit, 100, 101, t0 + 7'000'000, 0, 0, 0),
    });
    store.setDroppedEvents(3);
    store.metadata()["scenario"] = "ticket-race";
    store.metadata()["title"] = "Ticket \"sale\" race";
    store.metadata()["verdict"] = "Sold 1";
    store.metadata()["run_end_ns"] = std::to_string(t0 + 7'000'000);
}

} // namespace

class TestTraceLoad : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void roundTripOfAHandMadeStore();
    void roundTripOfARealRun_data();
    void roundTripOfARealRun();
    void savedTwiceIsTheSameFile();
    void phases_data();
    void phases();
    void rejected_data();
    void rejected();
    void files_data();
    void files();
    void itemLimitKeepsTheBeginning();
    void aLargeFileReopensWhole();
    void cancel();
    void progressIsReported();
};

void TestTraceLoad::roundTripOfAHandMadeStore()
{
    TraceStore original;
    fill(original);
    TraceStore loaded;
    const auto report = load(save(original), loaded);
    QVERIFY2(report.ok, qPrintable(report.error));
    QCOMPARE(report.skippedTotal(), std::uint64_t(0));
    QCOMPARE(report.genericSpans, std::uint64_t(0));
    QVERIFY(report.fromThisApp);
    cl::tests::compareStores(original, loaded);
}

void TestTraceLoad::roundTripOfARealRun_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<QStringList>("settings");
    QTest::newRow("ticket race, processes, lock on")
        << QStringLiteral("ticket-race")
        << QStringList{QStringLiteral("buyers=4"), QStringLiteral("tickets=2"), QStringLiteral("think_ms=2"),
                       QStringLiteral("lock=on")};
    QTest::newRow("gil threads") << QStringLiteral("serial-vs-parallel")
                                 << QStringList{QStringLiteral("jobs=3"), QStringLiteral("work_ms=8"),
                                                QStringLiteral("mode=gil-threads")};
    QTest::newRow("producer-consumer") << QStringLiteral("producer-consumer")
                                       << QStringList{QStringLiteral("items=6"), QStringLiteral("produce_ms=1"),
                                                      QStringLiteral("consume_ms=1")};
}

void TestTraceLoad::roundTripOfARealRun()
{
    QFETCH(QString, scenario);
    QFETCH(QStringList, settings);
    const scenarios::Scenario *s = scenarios::findScenario(scenario);
    QVERIFY(s);
    scenarios::ParameterValues values = s->defaults();
    for (const QString &a : settings)
        QVERIFY(!scenarios::Parameters::applyAssignment(s->id(), s->parameters(), a, values));
    scenarios::RunSession session;
    const scenarios::RunResult &result = session.runBlocking(*s, values);
    QVERIFY2(result.valid && result.outcome.error.isEmpty(), qPrintable(result.outcome.error));
    QVERIFY(cl::tests::childrenOf(getpid()).isEmpty()); // every worker was reaped

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("run.json"));
    QString error;
    QVERIFY(trace::writeChromeTrace(session.store(), path, &error));
    TraceStore loaded;
    const auto report = trace::loadChromeTrace(path, loaded);
    QVERIFY2(report.ok, qPrintable(report.error));
    QCOMPARE(report.skippedTotal(), std::uint64_t(0));
    cl::tests::compareStores(session.store(), loaded);

    // The summary panel's input comes back as the run made it.
    const scenarios::RunResult back = scenarios::runResultFromTrace(loaded);
    QVERIFY(back.valid);
    QCOMPARE(back.scenarioId, result.scenarioId);
    QVERIFY(back.params == result.params);
    QCOMPARE(back.params.toDisplayString(), result.params.toDisplayString());
    QCOMPARE(back.wallMs, result.wallMs);
    QCOMPARE(back.outcome.verdict, result.outcome.verdict);
    QCOMPARE(back.outcome.problem, result.outcome.problem);
    QCOMPARE(back.outcome.metrics.size(), result.outcome.metrics.size());
    for (int i = 0; i < result.outcome.metrics.size(); ++i) {
        QCOMPARE(back.outcome.metrics[i].key, result.outcome.metrics[i].key);
        QCOMPARE(back.outcome.metrics[i].label, result.outcome.metrics[i].label);
        QCOMPARE(back.outcome.metrics[i].value, result.outcome.metrics[i].value);
    }
    QCOMPARE(back.workers.size(), result.workers.size());
    for (std::size_t i = 0; i < result.workers.size(); ++i) {
        QCOMPARE(back.workers[i].pid, result.workers[i].pid);
        QCOMPARE(back.workers[i].tid, result.workers[i].tid);
        QCOMPARE(back.workers[i].isThread, result.workers[i].isThread);
        QCOMPARE(back.workers[i].exitValue, result.workers[i].exitValue);
    }
    QCOMPARE(back.events, result.events);
    QCOMPARE(back.startMethod, result.startMethod);
    QCOMPARE(scenarios::runWindow(loaded).ms(), scenarios::runWindow(session.store()).ms());
}

void TestTraceLoad::savedTwiceIsTheSameFile()
{
    // Save, open, save again: the two files are byte for byte the same.
    TraceStore original;
    fill(original);
    const QByteArray first = save(original);
    TraceStore loaded;
    QVERIFY(load(first, loaded).ok);
    loaded.setDroppedEvents(original.droppedEvents());
    QCOMPARE(save(loaded), first);
}

void TestTraceLoad::phases_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected"); // cl::tests::describeStore()
    QTest::addColumn<QString>("report");   // generic spans, never ended, skipped

    QTest::newRow("X complete, state and generic names")
        << QByteArray(R"({"traceEvents":[
            {"ph":"X","name":"lock-wait","pid":1,"tid":2,"ts":10,"dur":5,"args":{"object":"L"}},
            {"ph":"X","name":"DoWork","cat":"x","pid":1,"tid":2,"ts":20,"dur":2.5}]})")
        << QStringLiteral("T 1/2 '' | lock-wait:L@0+5 running:DoWork@10+2.5")
        << QStringLiteral("generic=1");
    QTest::newRow("B/E nested, E without name")
        << QByteArray(R"([{"ph":"B","name":"outer","pid":1,"tid":1,"ts":0},
            {"ph":"B","name":"sleep","pid":1,"tid":1,"ts":1},
            {"ph":"E","pid":1,"tid":1,"ts":2},{"ph":"E","pid":1,"tid":1,"ts":4}])")
        << QStringLiteral("T 1/1 '' | running:outer@0+4 sleep@1+1")
        << QStringLiteral("generic=1");
    QTest::newRow("b/e async by id")
        << QByteArray(R"([{"ph":"b","name":"fetch","cat":"net","id":"0x1","pid":3,"tid":4,"ts":100},
            {"ph":"b","name":"fetch","cat":"net","id":"0x2","pid":3,"tid":4,"ts":101},
            {"ph":"e","name":"fetch","cat":"net","id":"0x1","pid":3,"tid":4,"ts":110},
            {"ph":"e","name":"fetch","cat":"net","id":"0x2","pid":3,"tid":4,"ts":105}])")
        << QStringLiteral("T 3/4 '' | running:fetch@0+10 running:fetch@1+4")
        << QStringLiteral("generic=2");
    QTest::newRow("instants i and I, exit")
        << QByteArray(R"({"traceEvents":[{"ph":"i","name":"hello","cat":"print","s":"t","pid":1,"tid":1,"ts":5},
            {"ph":"I","name":"mark","pid":1,"tid":1,"ts":7},{"ph":"i","name":"global","s":"g","pid":1,"ts":8},
            {"ph":"i","name":"exit 3","s":"t","pid":1,"tid":1,"ts":9}]})")
        << QStringLiteral("T 1/1 '' exit=3@4\nP 1/1 0 'hello'\nP 1/1 2 'mark'\nP 1/1 3 'global'")
        << QString();
    QTest::newRow("C counters, one series and several, CPU")
        << QByteArray(R"J([{"ph":"C","name":"depth","pid":1,"ts":0,"args":{"value":3}},
            {"ph":"C","name":"depth","pid":1,"ts":2,"args":{"value":1.6}},
            {"ph":"C","name":"mem","pid":1,"ts":1,"args":{"heap":10,"stack":2}},
            {"ph":"C","name":"CPU 1 (%)","pid":1,"ts":1,"args":{"value":55.5}}])J")
        << QStringLiteral("C value 'depth' 3@0 2@2\nC value 'mem heap' 10@1\nC value 'mem stack' 2@1\n"
                          "C cpu-core 1 555@1")
        << QString();
    QTest::newRow("M names: thread, process, names after events")
        << QByteArray(R"({"traceEvents":[{"ph":"X","name":"a","pid":7,"tid":7,"ts":1,"dur":1},
            {"ph":"X","name":"b","pid":7,"tid":8,"ts":2,"dur":1},
            {"ph":"M","name":"process_name","pid":7,"args":{"name":"server"}},
            {"ph":"M","name":"thread_name","pid":7,"tid":8,"args":{"name":"io"}},
            {"ph":"M","name":"thread_sort_index","pid":7,"tid":8,"args":{"sort_index":1}}]})")
        << QStringLiteral("T 7/7 'server' | running:a@0+1\nT 7/8 'io' | running:b@1+1")
        << QStringLiteral("generic=2");
    QTest::newRow("s/f flows with an object, string pid and tid")
        << QByteArray(R"([{"ph":"X","name":"running","pid":"1","tid":"1","ts":0,"dur":3},
            {"ph":"s","id":5,"name":"hand-over","cat":"flow","pid":1,"tid":1,"ts":3,"args":{"object":"q"}},
            {"ph":"f","bp":"e","id":5,"name":"hand-over","cat":"flow","pid":1,"tid":2,"ts":4}])")
        << QStringLiteral("T 1/1 '' | running@0+3\nT 1/2 ''\nF 0->1 3-4 'q'")
        << QString();
    QTest::newRow("flow kinds: each one, unknown and absent are other")
        << QByteArray(R"([{"ph":"s","id":1,"pid":1,"tid":1,"ts":0,"args":{"object":"L","kind":"lock"}},
            {"ph":"f","id":1,"pid":1,"tid":2,"ts":1},
            {"ph":"s","id":2,"pid":1,"tid":1,"ts":2,"args":{"kind":"queue"}},
            {"ph":"f","id":2,"pid":1,"tid":2,"ts":3},
            {"ph":"s","id":3,"pid":1,"tid":1,"ts":4},
            {"ph":"f","id":3,"pid":1,"tid":2,"ts":5,"args":{"kind":"pipe"}},
            {"ph":"s","id":4,"pid":1,"tid":1,"ts":6,"args":{"kind":"callback"}},
            {"ph":"f","id":4,"pid":1,"tid":2,"ts":7},
            {"ph":"s","id":5,"pid":1,"tid":1,"ts":8,"args":{"kind":"teleport"}},
            {"ph":"f","id":5,"pid":1,"tid":2,"ts":9},
            {"ph":"s","id":6,"pid":1,"tid":1,"ts":10,"args":{"kind":7}},
            {"ph":"f","id":6,"pid":1,"tid":2,"ts":11}])")
        << QStringLiteral("T 1/1 ''\nT 1/2 ''\nF 0->1 0-1 'L' lock\nF 0->1 2-3 queue\nF 0->1 4-5 pipe\n"
                          "F 0->1 6-7 callback\nF 0->1 8-9\nF 0->1 10-11")
        << QString();
    QTest::newRow("X nested and overlapping on one object")
        << QByteArray(R"([{"ph":"X","name":"lock-hold","pid":1,"tid":1,"ts":0,"dur":10,"args":{"object":"L"}},
            {"ph":"X","name":"lock-hold","pid":1,"tid":1,"ts":2,"dur":3,"args":{"object":"L"}},
            {"ph":"X","name":"lock-hold","pid":1,"tid":1,"ts":4,"dur":8,"args":{"object":"L"}},
            {"ph":"X","name":"lock-hold","pid":1,"tid":1,"ts":4,"dur":1,"args":{"object":"L"}}])")
        << QStringLiteral("T 1/1 '' | lock-hold:L@0+10 lock-hold:L@2+3 lock-hold:L@4+8 lock-hold:L@4+1")
        << QString();
    QTest::newRow("microsecond fractions, displayTimeUnit ns, other sections")
        << QByteArray(R"({"displayTimeUnit":"ns","otherData":{"version":"x"},"stackFrames":{},
            "traceEvents":[{"ph":"X","name":"sleep","pid":1,"tid":1,"ts":0.001,"dur":0.0015}]})")
        << QStringLiteral("T 1/1 '' | sleep@0+0.002")
        << QStringLiteral("section \"stackFrames\" (not shown)=1");
    QTest::newRow("what cannot be mapped is counted")
        << QByteArray(R"([{"ph":"O","name":"snap","pid":1,"ts":1,"id":"1"},
            {"ph":"E","pid":1,"tid":1,"ts":2},{"ph":"X","pid":1,"tid":1,"ts":1},
            {"name":"no phase","ts":1},{"ph":"X","name":"s","pid":1,"tid":1,"ts":"late","dur":1},
            {"ph":"B","name":"open","pid":1,"tid":1,"ts":3},
            {"ph":"M","name":"process_labels","pid":1,"args":{"labels":"a"}}, 42,
            {"ph":"P","pid":1,"tid":1,"ts":1}])")
        << QStringLiteral("T 1/1 ''")
        << QStringLiteral("generic=1 never-ended=1 \"E\" without its \"B\"=1 \"X\" without a duration=1 "
                          "\"ts\" of the wrong type=1 metadata \"process_labels\"=1 no \"ph\" (phase)=1 "
                          "not an event object=1 phase \"O\"=1 phase \"P\"=1");
    QTest::newRow("bare array without its closing bracket")
        << QByteArray("[{\"ph\":\"X\",\"name\":\"running\",\"pid\":1,\"tid\":1,\"ts\":0,\"dur\":1},\n")
        << QStringLiteral("T 1/1 '' | running@0+1")
        << QString();
    QTest::newRow("escapes in names, a byte order mark")
        << QByteArray("\xef\xbb\xbf[{\"ph\":\"X\",\"name\":\"a\\\"b\\u00e9\\ud83c\\udf9f\",\"pid\":1,\"tid\":1,"
                      "\"ts\":0,\"dur\":1}]")
        << QString::fromUtf8("T 1/1 '' | running:a\"bé🎟@0+1")
        << QStringLiteral("generic=1");
    // The reader expects each event's keys where the last event had them
    // (the exact bytes): any other order, spacing or spelling must read the same.
    QTest::newRow("keys in changing order, spacing and spelling")
        << QByteArray(R"({"traceEvents":[
            {"ph":"X","name":"lock-wait","pid":1,"tid":2,"ts":10,"dur":5,"args":{"object":"L"}},
            {"pid":1,"ph":"X","tid":2,"ts":20,"name":"lock-hold","dur":2,"args":{"object":"L"}},
            {"ph" : "X", "name":"sleep","pid":1,"tid":2,"ts":30,"dur":1},
            {"ph":"X","n\u0061me":"running","pid":1,"tid":2,"ts":40,"dur":1},
            {"ph":"X","name":"lock-wait","pid":1,"tid":2,"tss":99,"ts":50,"dur":1,"args":{"object":"L"}},
            {"ph":"X","name":"lock-wait","pid":1,"tid":2,"ts":60,"dur":1,"args":{"object":"L"}}]})")
        << QStringLiteral("T 1/2 '' | lock-wait:L@0+5 lock-hold:L@10+2 sleep@20+1 running@30+1 lock-wait:L@40+1 "
                          "lock-wait:L@50+1")
        << QString();
    QTest::newRow("empty event array") << QByteArray(R"({"traceEvents":[]})") << QString() << QString();
}

void TestTraceLoad::phases()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    QFETCH(QString, report);
    TraceStore store;
    const auto r = load(json, store);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(cl::tests::describeStore(store), expected);
    QCOMPARE(cl::tests::describeReport(r), report);
    if (r.skippedTotal() > 0)
        QVERIFY(r.skippedText().contains(QString::number(r.skippedTotal())));
}

void TestTraceLoad::rejected_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QStringList>("mentions");
    const QString name = QStringLiteral("t.json");
    QTest::newRow("empty") << QByteArray() << QStringList{name, QStringLiteral("empty")};
    QTest::newRow("only whitespace") << QByteArray(" \n\t ") << QStringList{name, QStringLiteral("empty")};
    QTest::newRow("not JSON") << QByteArray("\x89PNG\r\n") << QStringList{name, QStringLiteral("not a JSON file"),
                                                                             QStringLiteral("byte 0")};
    QTest::newRow("a string") << QByteArray("\"trace\"") << QStringList{name, QStringLiteral("a string"),
                                                                         QStringLiteral("traceEvents")};
    QTest::newRow("a number") << QByteArray("42") << QStringList{name, QStringLiteral("a number")};
    QTest::newRow("an object without events")
        << QByteArray(R"({"scenario":"ticket-race","wall_ms":3})")
        << QStringList{name, QStringLiteral("no \"traceEvents\""), QStringLiteral("scenario, wall_ms")};
    QTest::newRow("traceEvents of the wrong type")
        << QByteArray(R"({"traceEvents":{"ph":"X"}})")
        << QStringList{name, QStringLiteral("\"traceEvents\" is an object"), QStringLiteral("byte 15")};
    QTest::newRow("truncated inside an event")
        << QByteArray(R"({"traceEvents":[{"ph":"X","ts":1},{"ph":"X","ts":2)")
        << QStringList{name, QStringLiteral("truncated"), QStringLiteral("event 2"), QStringLiteral("byte 50")};
    QTest::newRow("truncated inside a string")
        << QByteArray(R"({"traceEvents":[{"ph":"X","na)")
        << QStringList{name, QStringLiteral("truncated"), QStringLiteral("event 1"), QStringLiteral("inside a string")};
    QTest::newRow("truncated object form after the array")
        << QByteArray(R"({"traceEvents":[{"ph":"X","ts":1,"dur":1}])")
        << QStringList{name, QStringLiteral("truncated"), QStringLiteral("top level")};
    QTest::newRow("missing comma")
        << QByteArray(R"({"traceEvents":[{"ph":"X" "ts":1}]})")
        << QStringList{name, QStringLiteral("invalid JSON"), QStringLiteral("byte 26"), QStringLiteral("event 1"),
                       QStringLiteral("expected ',' or '}'")};
    QTest::newRow("garbage in args")
        << QByteArray(R"([{"ph":"X","ts":1,"args":{"a":[1,2,}]}])")
        << QStringList{name, QStringLiteral("invalid JSON"), QStringLiteral("event 1"), QStringLiteral("byte 35")};
    QTest::newRow("corrupt metadata")
        << QByteArray(R"({"metadata":{"a":tru},"traceEvents":[]})")
        << QStringList{name, QStringLiteral("invalid JSON"), QStringLiteral("metadata")};
    QTest::newRow("text after the end")
        << QByteArray(R"({"traceEvents":[]} {"traceEvents":[]})")
        << QStringList{name, QStringLiteral("after the end"), QStringLiteral("byte 19")};
    QTest::newRow("control character in a string")
        << QByteArray("[{\"ph\":\"X\",\"name\":\"a\x01\"}]")
        << QStringList{name, QStringLiteral("control character"), QStringLiteral("event 1")};
    // Nesting costs no stack: 100 000 levels end in a clear message, not a crash.
    QTest::newRow("deep nesting, cut off") << QByteArray("[{\"args\":" + QByteArray(100000, '['))
                                           << QStringList{name, QStringLiteral("truncated"), QStringLiteral("event 1")};
}

void TestTraceLoad::rejected()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QStringList, mentions);
    TraceStore store;
    const auto r = load(bytes, store);
    QVERIFY(!r.ok);
    QVERIFY(!r.cancelled);
    QVERIFY(!r.error.contains(QLatin1Char('\n')));
    for (const QString &m : mentions)
        QVERIFY2(r.error.contains(m), qPrintable(r.error + QStringLiteral(" lacks ") + m));
}

void TestTraceLoad::files_data()
{
    QTest::addColumn<QString>("which");
    QTest::addColumn<QString>("mention");
    QTest::newRow("missing") << QStringLiteral("missing") << QStringLiteral("no such file");
    QTest::newRow("a folder") << QStringLiteral("folder") << QStringLiteral("folder");
    QTest::newRow("empty") << QStringLiteral("empty") << QStringLiteral("empty");
    QTest::newRow("unreadable") << QStringLiteral("unreadable") << QStringLiteral("cannot open");
}

void TestTraceLoad::files()
{
    QFETCH(QString, which);
    QFETCH(QString, mention);
    QTemporaryDir dir;
    QString path = dir.filePath(which);
    if (which == QLatin1String("folder")) {
        QVERIFY(QDir(dir.path()).mkdir(which));
    } else if (which != QLatin1String("missing")) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        if (which == QLatin1String("unreadable")) {
            f.write("[]");
            f.setPermissions(QFileDevice::WriteOwner);
            if (QFile(path).open(QIODevice::ReadOnly))
                QSKIP("running as root: permissions do not stop reading");
        }
    }
    TraceStore store;
    const auto r = trace::loadChromeTrace(path, store);
    QVERIFY(!r.ok);
    QVERIFY2(r.error.contains(path) && r.error.contains(mention), qPrintable(r.error));
}

void TestTraceLoad::itemLimitKeepsTheBeginning()
{
    TraceStore original;
    fill(original);
    TraceStore loaded;
    loaded.setItemLimit(4);
    const auto report = load(save(original), loaded);
    QVERIFY2(report.ok, qPrintable(report.error));
    QCOMPARE(loaded.storedItems(), std::uint64_t(4));
    QCOMPARE(loaded.storedItems() + loaded.droppedByLimit(), original.storedItems() - 0);
    QCOMPARE(loaded.itemLimit(), std::uint64_t(4)); // kept across the load's clear()
    // The summary reports what this load could not keep.
    const scenarios::RunResult r = scenarios::runResultFromTrace(loaded);
    QCOMPARE(r.droppedByLimit, loaded.droppedByLimit());
}

void TestTraceLoad::aLargeFileReopensWhole()
{
    // Larger than a few of the reader's 4 MB steps, so the pages it has
    // passed are handed back while it reads on, and nested spans, flows of
    // each kind and lines all come back from the file as they were.
    TraceStore original;
    original.addString(1, "lock A");
    original.addString(2, "queue B");
    original.addEvents({ev(EventKind::ObjectName, 1, 1, 1'000'000'000, 0, 70, 1),
                        ev(EventKind::ObjectName, 1, 1, 1'000'000'000, 0, 71, 2)});
    std::uint32_t nextString = 10;
    for (int chunk = 0; chunk < 8; ++chunk) {
        std::vector<trace::Event> events;
        for (int i = 0; i < 20000; ++i) {
            const std::uint64_t t = 1'000'000'000 + std::uint64_t(chunk * 20000 + i) * 1000;
            const std::int32_t tid = 1 + i % 4;
            const auto state = std::uint8_t(i % 3 == 0 ? SpanState::LockHold : SpanState::Running);
            const std::uint32_t object = i % 3 == 0 ? 70 : 0;
            events.push_back(ev(EventKind::SpanBegin, 1, tid, t, state, object));
            events.push_back(ev(EventKind::SpanBegin, 1, tid, t + 100, std::uint8_t(SpanState::Sleep)));
            events.push_back(ev(EventKind::SpanEnd, 1, tid, t + 300, std::uint8_t(SpanState::Sleep)));
            events.push_back(ev(EventKind::SpanEnd, 1, tid, t + 900, state, object));
            if (i % 16 == 0) {
                const auto kind = std::uint8_t(i / 16 % std::size_t(trace::FlowKind::Count));
                const std::uint32_t flow = std::uint32_t(chunk * 20000 + i);
                events.push_back(ev(EventKind::FlowOut, 1, tid, t + 900, kind, flow, 71));
                events.push_back(ev(EventKind::FlowIn, 1, 1 + (tid % 4), t + 950, kind, flow, 71));
                original.addString(nextString, "handed over " + std::to_string(flow));
                events.push_back(ev(EventKind::Print, 1, tid, t + 950, 0, nextString++));
            }
        }
        original.addEvents(std::move(events));
    }
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("large.json"));
    QString error;
    QVERIFY2(trace::writeChromeTrace(original, path, &error), qPrintable(error));
    QVERIFY2(QFileInfo(path).size() > 12 * 1024 * 1024, "the file spans several of the reader's steps");
    TraceStore loaded;
    const auto report = trace::loadChromeTrace(path, loaded);
    QVERIFY2(report.ok, qPrintable(report.error));
    QCOMPARE(report.skippedTotal(), std::uint64_t(0));
    cl::tests::compareStores(original, loaded);
    for (const auto &w : loaded.workers())
        QCOMPARE(w.spans.capacity(), w.spans.size()); // a finished load keeps no growth slack
}

void TestTraceLoad::cancel()
{
    QByteArray json = "[";
    for (int i = 0; i < 200000; ++i)
        json += "{\"ph\":\"X\",\"name\":\"running\",\"pid\":1,\"tid\":1,\"ts\":" + QByteArray::number(i) +
                ",\"dur\":0.5},";
    json += "{}]";
    std::atomic<bool> stop{false};
    trace::TraceLoadControl control;
    int calls = 0;
    control.progress = [&](std::uint64_t, std::uint64_t) {
        if (++calls == 2)
            stop = true;
    };
    control.cancel = &stop;
    TraceStore store;
    const auto r = trace::readChromeTrace(std::string_view(json.constData(), std::size_t(json.size())),
                                          QStringLiteral("big.json"), store, control);
    QVERIFY(!r.ok);
    QVERIFY(r.cancelled);
    QVERIFY(r.error.contains(QStringLiteral("big.json")));
}

void TestTraceLoad::progressIsReported()
{
    QByteArray json = "[";
    for (int i = 0; i < 200000; ++i)
        json += "{\"ph\":\"i\",\"name\":\"x\",\"pid\":1,\"tid\":1,\"ts\":" + QByteArray::number(i) + "},";
    json += "{\"ph\":\"i\",\"name\":\"x\",\"pid\":1,\"tid\":1,\"ts\":0}]";
    std::vector<std::uint64_t> seen;
    trace::TraceLoadControl control;
    control.progress = [&](std::uint64_t done, std::uint64_t total) {
        QCOMPARE(total, std::uint64_t(json.size()));
        seen.push_back(done);
    };
    TraceStore store;
    const auto r = trace::readChromeTrace(std::string_view(json.constData(), std::size_t(json.size())),
                                          QStringLiteral("p.json"), store, control);
    QVERIFY2(r.ok, qPrintable(r.error));
    QVERIFY(seen.size() >= 2);
    QVERIFY(std::is_sorted(seen.begin(), seen.end()));
    QCOMPARE(seen.back(), std::uint64_t(json.size()));
    QCOMPARE(store.prints().size(), std::size_t(200001));
}

QTEST_GUILESS_MAIN(TestTraceLoad)
#include "tst_trace_load.moc"
