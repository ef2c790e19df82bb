// The streaming Chrome trace exporter: what it writes parses (QJsonDocument,
// as Perfetto's own parser would) to exactly the document the old in-memory
// exporter built, whatever the names and lines contain; the JSON writer
// escapes every string and keeps every number.
#include "chrome_trace_reference.h"
#include "trace_builder.h"
#include "core/trace/chrome_trace.h"
#include "core/trace/json_writer.h"
#include "core/trace/messages.h"

#include <QBuffer>
#include <QDir>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <limits>

using cl::tests::ev;
using cl::trace::Event;
using cl::trace::EventKind;
using cl::trace::JsonWriter;
using cl::trace::SpanState;
using cl::trace::TraceStore;

namespace {

// A store with a bit of everything, and names that need escaping.
void fill(TraceStore &store)
{
    store.addString(1, "main \"quoted\" \\ back\\slash /");
    store.addString(2, "worker\n\ttab\x01\x1f" "ctl\x7f");
    store.addString(3, "售票 🎟 Ünïcödé");
    store.addString(4, "bad \xff\xfe utf8 \xe5\x94");
    store.addString(5, "value lock");
    store.addString(6, std::string("100") + cl::trace::kMessageArgSeparator + "99");
    store.addString(7, "hello, \"world\"\r\n</script>");
    store.addString(8, "");
    using E = EventKind;
    const auto hold = std::uint8_t(SpanState::LockHold);
    const auto wait = std::uint8_t(SpanState::LockWait);
    const auto run = std::uint8_t(SpanState::Running);
    const std::uint64_t t0 = 1'000'000'000'000ull;
    store.addEvents({
        ev(E::WorkerStart, 100, 100, t0, 0, 1, 1),
        ev(E::WorkerStart, 100, 101, t0 + 10, 0, 2, 100),
        ev(E::WorkerStart, 200, 201, t0 + 20, 0, 3, 100), // a thread seen before its process's main thread
        ev(E::WorkerStart, 200, 200, t0 + 30, 0, 4, 100),
        ev(E::WorkerStart, 300, 300, t0 + 35, 0, 8, 100), // an empty name
        ev(E::ObjectName, 100, 100, t0 + 1, 0, 50, 5),
        ev(E::ObjectName, 100, 100, t0 + 2, 0, 51, 4),
        ev(E::ObjectName, 100, 100, t0 + 3, 0, cl::trace::counter_id::SharedValue, 3),
        ev(E::SpanBegin, 100, 100, t0 + 100, run),
        ev(E::SpanEnd, 100, 100, t0 + 1'234'567, run),
        ev(E::SpanBegin, 100, 101, t0 + 200, hold, 50),
        ev(E::SpanEnd, 100, 101, t0 + 333, hold, 50),
        ev(E::SpanBegin, 200, 201, t0 + 210, wait, 51),
        ev(E::SpanEnd, 200, 201, t0 + 211, wait, 51),
        ev(E::SpanBegin, 200, 201, t0 + 211, hold, 99), // an object without a name
        ev(E::SpanEnd, 200, 201, t0 + 5'000'000'001, hold, 99),
        ev(E::SpanBegin, 200, 200, t0 + 400, hold, 50), // still open: not exported
        ev(E::Counter, 100, 101, t0 + 150, 0, cl::trace::counter_id::SharedValue, 41),
        ev(E::Counter, 100, 101, t0 + 160, 0, cl::trace::counter_id::SharedValue, -7),
        ev(E::Counter, 100, 101, t0 + 170, 0, 1234, std::int64_t(1) << 40),
        ev(E::CpuSample, 1, 1, t0 + 180, 0, 0, 1000),
        ev(E::CpuSample, 1, 1, t0 + 190, 1, 200, 333),
        ev(E::Print, 100, 100, t0 + 220, 0, 7, 0),
        ev(E::Print, 100, 101, t0 + 230, 0, 6, std::int64_t(cl::trace::MessageId::CounterDone)),
        ev(E::Print, 200, 201, t0 + 240, 0, 4, 424242), // an id this build does not know
        ev(E::FlowOut, 100, 101, t0 + 333, 0, 9000, 50),
        ev(E::FlowIn, 200, 201, t0 + 340, 0, 9000, 50),
        ev(E::FlowOut, 100, 101, t0 + 350, 0, 9001, 50), // never received
        ev(E::WorkerExit, 200, 201, t0 + 6'000'000'000, 0, 0, -9),
        ev(E::WorkerExit, 100, 100, t0 + 7'000'000'000, 0, 0, 0),
    });
    store.setDroppedEvents(3);
    store.metadata()["scenario"] = "counter-race";
    store.metadata()["title"] = "Ünïcödé \"title\"";
    store.metadata()["weird\nkey\x02"] = "v\\";
    store.metadata()["dropped_events"] = "stale"; // the store's own count wins
}

QJsonObject parse(const QByteArray &bytes)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("parse error at %d: %s", error.offset, qPrintable(error.errorString()));
    return doc.object();
}

QByteArray compact(const QJsonValue &v)
{
    return v.isObject() ? QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact)
                        : QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact);
}

void compareWithReference(const TraceStore &store, const QJsonObject &written)
{
    const QJsonObject reference = cl::tests::referenceChromeTraceJson(store);
    QCOMPARE(written.value(QStringLiteral("displayTimeUnit")), reference.value(QStringLiteral("displayTimeUnit")));
    const QJsonArray got = written.value(QStringLiteral("traceEvents")).toArray();
    const QJsonArray want = reference.value(QStringLiteral("traceEvents")).toArray();
    QCOMPARE(got.size(), want.size());
    for (qsizetype i = 0; i < want.size(); ++i)
        QVERIFY2(got.at(i) == want.at(i), qPrintable(QStringLiteral("event %1:\n got  %2\n want %3")
                                                         .arg(i)
                                                         .arg(QString::fromUtf8(compact(got.at(i))),
                                                              QString::fromUtf8(compact(want.at(i))))));
    // The metadata the old exporter wrote, and the store's limit next to it.
    QJsonObject meta = written.value(QStringLiteral("metadata")).toObject();
    QCOMPARE(meta.take(QStringLiteral("dropped_by_store_limit")).toInteger(-1), qint64(store.droppedByLimit()));
    QCOMPARE(meta.take(QStringLiteral("stored_items")).toInteger(-1), qint64(store.storedItems()));
    QCOMPARE(meta.take(QStringLiteral("store_item_limit")).toInteger(-1), qint64(store.itemLimit()));
    // What a reader needs to put the trace back: the time origin, the counters' ids.
    QCOMPARE(meta.take(QStringLiteral("time_origin_ns")).toInteger(-1), qint64(store.beginTime()));
    QCOMPARE(meta.take(QStringLiteral("event_count")).toInteger(-1), qint64(store.eventCount()));
    for (const auto &c : store.counters())
        if (c.kind == cl::trace::CounterTrack::Kind::Value)
            QCOMPARE(meta.take(QStringLiteral("counter_id:") + cl::tests::referenceCounterName(store, c)).toInteger(-1),
                     qint64(c.key));
    QCOMPARE(meta, reference.value(QStringLiteral("metadata")).toObject());
    QCOMPARE(written.size(), reference.size());
}

} // namespace

class TestChromeTrace : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sameDocumentAsTheReference();
    void writesAtomicallyToAFile();
    void emptyStore();
    void limitedStoreReportsItsDrops();
    void unwritablePathFails();
    void escapesStrings_data();
    void escapesStrings();
    void numbersReadBack_data();
    void numbersReadBack();
    void nestedStructure();
};

void TestChromeTrace::sameDocumentAsTheReference()
{
    TraceStore store;
    fill(store);
    QVERIFY(store.flows().size() == 2 && !store.prints().empty()); // the fixture has what it claims
    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    QVERIFY(cl::trace::writeChromeTrace(store, &buffer));
    compareWithReference(store, parse(buffer.data()));
}

void TestChromeTrace::writesAtomicallyToAFile()
{
    TraceStore store;
    fill(store);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("t.json"));
    {
        QFile old(path);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("old content");
    }
    QString error;
    QVERIFY2(cl::trace::writeChromeTrace(store, path, &error), qPrintable(error));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    compareWithReference(store, parse(f.readAll()));
    // Written beside the target and renamed over it: nothing else is left.
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("t.json")});
}

void TestChromeTrace::emptyStore()
{
    TraceStore store;
    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    QVERIFY(cl::trace::writeChromeTrace(store, &buffer));
    const QJsonObject o = parse(buffer.data());
    QVERIFY(o.value(QStringLiteral("traceEvents")).isArray());
    QVERIFY(o.value(QStringLiteral("traceEvents")).toArray().isEmpty());
    compareWithReference(store, o);
}

void TestChromeTrace::limitedStoreReportsItsDrops()
{
    TraceStore store;
    store.setItemLimit(5);
    fill(store);
    QVERIFY(store.droppedByLimit() > 0);
    QCOMPARE(store.storedItems(), std::uint64_t(5));
    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    QVERIFY(cl::trace::writeChromeTrace(store, &buffer));
    compareWithReference(store, parse(buffer.data()));
}

void TestChromeTrace::unwritablePathFails()
{
    TraceStore store;
    fill(store);
    QTemporaryDir dir;
    QString error;
    QVERIFY(!cl::trace::writeChromeTrace(store, dir.filePath(QStringLiteral("no/such/dir/t.json")), &error));
    QVERIFY(!error.isEmpty());
}

void TestChromeTrace::escapesStrings_data()
{
    QTest::addColumn<QByteArray>("utf8");
    QTest::addColumn<QString>("expected"); // what a JSON parser must read back
    QTest::newRow("plain") << QByteArray("lock-hold") << QStringLiteral("lock-hold");
    QTest::newRow("empty") << QByteArray("") << QString();
    QTest::newRow("quote and backslash") << QByteArray("a\"b\\c") << QStringLiteral("a\"b\\c");
    QTest::newRow("named escapes") << QByteArray("\b\f\n\r\t") << QStringLiteral("\b\f\n\r\t");
    QTest::newRow("other control characters") << QByteArray("\x01\x1f\x7f", 3) << QStringLiteral("\x01\x1f\x7f");
    QTest::newRow("a NUL inside") << QByteArray("a\0b", 3) << QString(QStringLiteral("a") + QChar(0) + QStringLiteral("b"));
    QTest::newRow("slash and html") << QByteArray("</script>") << QStringLiteral("</script>");
    QTest::newRow("chinese") << QByteArray("售票队列") << QStringLiteral("售票队列");
    QTest::newRow("outside the BMP") << QByteArray("🎟") << QString::fromUtf8("🎟");
    QTest::newRow("invalid utf-8 is repaired") << QByteArray("a\xff" "b\xe5\x94")
                                               << QString::fromUtf8(QByteArray("a\xff" "b\xe5\x94"));
    QTest::newRow("line separators") << QByteArray("\xe2\x80\xa8\xe2\x80\xa9") << QString::fromUtf8("\u2028\u2029");
}

void TestChromeTrace::escapesStrings()
{
    QFETCH(QByteArray, utf8);
    QFETCH(QString, expected);
    const std::string_view view(utf8.constData(), std::size_t(utf8.size()));
    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    {
        JsonWriter json(&buffer);
        json.beginObject();
        json.key(view); // keys are escaped the same way
        json.beginArray();
        json.string(view);
        json.string(expected);
        json.raw(JsonWriter::quoted(view));
        json.endArray();
        json.endObject();
        QVERIFY(json.flush());
    }
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(buffer.data(), &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString() + QLatin1Char(' ') +
                                                                 QString::fromUtf8(buffer.data().toHex())));
    const QJsonObject o = doc.object();
    QCOMPARE(o.keys(), QStringList{expected});
    const QJsonArray a = o.value(expected).toArray();
    QCOMPARE(a.size(), 3);
    for (const auto &v : a)
        QCOMPARE(v.toString(), expected);
}

void TestChromeTrace::numbersReadBack_data()
{
    QTest::addColumn<double>("value");
    QTest::newRow("zero") << 0.0;
    QTest::newRow("integral") << 42.0;
    QTest::newRow("a microsecond fraction") << 1234.567;
    QTest::newRow("tiny") << 0.001;
    QTest::newRow("negative") << -7.25;
    QTest::newRow("large") << 1e21;
    QTest::newRow("smallest normal") << std::numeric_limits<double>::min();
    QTest::newRow("largest") << std::numeric_limits<double>::max();
    QTest::newRow("third") << 1.0 / 3.0;
}

void TestChromeTrace::numbersReadBack()
{
    QFETCH(double, value);
    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    {
        JsonWriter json(&buffer);
        json.beginArray();
        json.number(value);
        json.integer(std::int64_t(-9007199254740991));
        json.integer(std::int64_t(9007199254740991));
        json.boolean(true);
        json.boolean(false);
        json.endArray();
    }
    const QJsonArray a = QJsonDocument::fromJson(buffer.data()).array();
    QCOMPARE(a.size(), 5);
    QCOMPARE(a.at(0).toDouble(std::nan("")), value); // exactly: the shortest form still reads back the same
    QCOMPARE(a.at(1).toInteger(), qint64(-9007199254740991));
    QCOMPARE(a.at(2).toInteger(), qint64(9007199254740991));
    QCOMPARE(a.at(3), QJsonValue(true));
    QCOMPARE(a.at(4), QJsonValue(false));
}

void TestChromeTrace::nestedStructure()
{
    // Commas and colons in every position: empty containers, nesting, siblings.
    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    {
        JsonWriter json(&buffer);
        json.beginObject();
        json.key("a");
        json.beginArray();
        json.endArray();
        json.key("b");
        json.beginObject();
        json.endObject();
        json.key("c");
        json.beginArray();
        json.beginArray();
        json.integer(1);
        json.endArray();
        json.beginObject();
        json.key("d");
        json.integer(2);
        json.key("e");
        json.beginArray();
        json.integer(3);
        json.integer(4);
        json.endArray();
        json.endObject();
        json.string("f");
        json.endArray();
        json.endObject();
    }
    QCOMPARE(buffer.data(), QByteArray(R"({"a":[],"b":{},"c":[[1],{"d":2,"e":[3,4]},"f"]})"));
}

QTEST_GUILESS_MAIN(TestChromeTrace)
#include "tst_chrome_trace.moc"
