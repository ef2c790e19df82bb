// The console model over a hand-built trace store: rows, texts, worker labels
// and colours; growth published as row inserts (also in the middle, when a
// late batch carries earlier lines); a cleared store resets the model.
#include "trace_builder.h"
#include "core/trace/messages.h"
#include "core/trace/trace_store.h"
#include "ui/console_model.h"
#include "ui/state_palette.h"

#include <QAbstractItemModelTester>
#include <QColor>
#include <QSignalSpy>
#include <QTest>

using cl::trace::Event;
using cl::trace::EventKind;
using cl::trace::MessageId;
using cl::trace::TraceStore;
using cl::ui::ConsoleModel;

namespace {

constexpr std::uint64_t kBase = 5'000'000'000ull; // any monotonic time; rows show offsets from the first event
using cl::tests::kMs;

Event ev(EventKind kind, std::int32_t pid, std::int32_t tid, std::uint64_t time, std::uint32_t objectId = 0,
         std::int64_t value = 0)
{
    return cl::tests::ev(kind, pid, tid, time, 0, objectId, value);
}

// Strings: 1..3 worker names, 10+ printed texts.
void addWorkers(TraceStore &store)
{
    store.addString(1, "buyer-1");
    store.addString(2, "buyer-2");
    store.addString(3, "helper");
    store.addEvents({ev(EventKind::WorkerStart, 100, 100, kBase, 1, 1),
                     ev(EventKind::WorkerStart, 200, 200, kBase + 1 * kMs / 2, 2, 1),
                     ev(EventKind::WorkerStart, 100, 101, kBase + 1 * kMs, 3, 1)});
}

Event print(std::int32_t pid, std::int32_t tid, std::uint64_t time, std::uint32_t stringId,
            MessageId message = MessageId::Plain)
{
    return ev(EventKind::Print, pid, tid, time, stringId, std::int64_t(message));
}

} // namespace

class TestConsoleModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void emptyModel();
    void rowsFromStore();
    void texts_data();
    void texts();
    void workerColours();
    void growsAtTheEnd();
    void insertsInTheMiddle();
    void severalBlocksInOneRefresh();
    void clearedStoreResets();
    void headers();
};

void TestConsoleModel::emptyModel()
{
    ConsoleModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), int(ConsoleModel::ColumnCount));
    model.refresh();
    TraceStore store;
    model.setStore(&store);
    QCOMPARE(model.rowCount(), 0);
    model.setStore(nullptr);
    QCOMPARE(model.rowCount(), 0);
}

void TestConsoleModel::rowsFromStore()
{
    TraceStore store;
    addWorkers(store);
    store.addString(10, "9");
    store.addString(11, "hello from a thread");
    store.addEvents({print(100, 100, kBase + 2 * kMs, 10, MessageId::TicketsLeftBuying),
                     print(100, 101, kBase + 3 * kMs + 250'000, 11)});
    ConsoleModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStore(&store);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, ConsoleModel::TimeColumn).data().toString(), QStringLiteral("2.000"));
    QCOMPARE(model.index(1, ConsoleModel::TimeColumn).data().toString(), QStringLiteral("3.250"));
    QCOMPARE(model.index(0, ConsoleModel::TimeColumn).data(ConsoleModel::TimeNsRole).toULongLong(),
             kBase + 2 * kMs);
    QCOMPARE(model.index(0, ConsoleModel::WorkerColumn).data().toString(), QStringLiteral("buyer-1 · PID 100"));
    QCOMPARE(model.index(1, ConsoleModel::WorkerColumn).data().toString(),
             QStringLiteral("helper · PID 100 · TID 101"));
    QCOMPARE(model.index(0, ConsoleModel::TextColumn).data().toString(), QStringLiteral("tickets left: 9 — buying…"));
    QCOMPARE(model.index(1, ConsoleModel::TextColumn).data().toString(), QStringLiteral("hello from a thread"));
    QCOMPARE(model.index(1, ConsoleModel::TextColumn).data(ConsoleModel::WorkerIndexRole).toInt(),
             store.workerIndex(100, 101));
}

void TestConsoleModel::texts_data()
{
    QTest::addColumn<int>("message");
    QTest::addColumn<QString>("args");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << int(MessageId::Plain) << "just a line" << "just a line";
    QTest::newRow("tickets left") << int(MessageId::TicketsLeftBuying) << "10" << "tickets left: 10 — buying…";
    QTest::newRow("bought") << int(MessageId::BoughtTicket) << "8" << "bought a ticket, wrote 8 back";
    QTest::newRow("sold out") << int(MessageId::SoldOut) << "0" << "no ticket left (read 0), nothing bought";
    QTest::newRow("two args") << int(MessageId::CounterDone)
                              << QStringLiteral("20000") + QLatin1Char(cl::trace::kMessageArgSeparator) +
                                     QStringLiteral("39012")
                              << "done: 20000 increments, last wrote 39012";
    QTest::newRow("no args") << int(MessageId::StoppedEarly) << "" << "stopped before finishing";
}

void TestConsoleModel::texts()
{
    QFETCH(int, message);
    QFETCH(QString, args);
    QFETCH(QString, expected);
    TraceStore store;
    addWorkers(store);
    store.addString(10, args.toStdString());
    store.addEvents({print(200, 200, kBase + 4 * kMs, 10, MessageId(message))});
    ConsoleModel model;
    model.setStore(&store);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, ConsoleModel::TextColumn).data().toString(), expected);
    QCOMPARE(model.index(0, ConsoleModel::TextColumn).data(Qt::ToolTipRole).toString(), expected);
}

void TestConsoleModel::workerColours()
{
    TraceStore store;
    addWorkers(store);
    store.addString(10, "x");
    store.addEvents({print(100, 100, kBase + 2 * kMs, 10), print(200, 200, kBase + 3 * kMs, 10),
                     print(100, 101, kBase + 4 * kMs, 10), print(300, 300, kBase + 5 * kMs, 10)});
    ConsoleModel model;
    model.setStore(&store);
    QCOMPARE(model.rowCount(), 4);
    QSet<QRgb> seen;
    for (int row = 0; row < 4; ++row) {
        const QModelIndex worker = model.index(row, ConsoleModel::WorkerColumn);
        const int w = worker.data(ConsoleModel::WorkerIndexRole).toInt();
        QVERIFY(w >= 0);
        const QColor colour = worker.data(Qt::ForegroundRole).value<QColor>();
        QCOMPARE(colour, cl::ui::workerColor(w));
        QCOMPARE(worker.data(Qt::DecorationRole).value<QColor>(), colour);
        seen.insert(colour.rgb());
        // The text stays in the default colour, for reading.
        QVERIFY(!model.index(row, ConsoleModel::TextColumn).data(Qt::ForegroundRole).isValid());
    }
    QCOMPARE(seen.size(), 4);
    // A worker the store never saw start still gets a row and a label.
    QCOMPARE(model.index(3, ConsoleModel::WorkerColumn).data().toString(), QStringLiteral("PID 300"));
}

void TestConsoleModel::growsAtTheEnd()
{
    TraceStore store;
    addWorkers(store);
    store.addString(10, "a");
    store.addEvents({print(100, 100, kBase + 2 * kMs, 10)});
    ConsoleModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStore(&store);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

    model.refresh(); // nothing new
    QCOMPARE(inserted.count(), 0);

    store.addEvents({print(200, 200, kBase + 3 * kMs, 10), print(100, 101, kBase + 4 * kMs, 10)});
    QCOMPARE(model.rowCount(), 1); // the model only learns on refresh()
    model.refresh();
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 1);
    QCOMPARE(inserted.at(0).at(2).toInt(), 2);
    QCOMPARE(reset.count(), 0);

    store.addEvents({print(200, 200, kBase + 9 * kMs, 10)});
    model.refresh();
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(inserted.at(1).at(1).toInt(), 3);
    QCOMPARE(inserted.at(1).at(2).toInt(), 3);
    QCOMPARE(model.index(3, ConsoleModel::TimeColumn).data().toString(), QStringLiteral("9.000"));
}

void TestConsoleModel::insertsInTheMiddle()
{
    TraceStore store;
    addWorkers(store);
    store.addString(10, "early");
    store.addString(11, "late");
    store.addString(12, "in between");
    store.addEvents({print(100, 100, kBase + 2 * kMs, 10), print(100, 100, kBase + 8 * kMs, 11)});
    ConsoleModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStore(&store);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    // A batch from another ring arrives late with an earlier line.
    store.addEvents({print(200, 200, kBase + 5 * kMs, 12)});
    model.refresh();
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 1);
    QCOMPARE(inserted.at(0).at(2).toInt(), 1);
    QCOMPARE(model.index(1, ConsoleModel::TextColumn).data().toString(), QStringLiteral("in between"));
    QCOMPARE(model.index(2, ConsoleModel::TextColumn).data().toString(), QStringLiteral("late"));
}

void TestConsoleModel::severalBlocksInOneRefresh()
{
    TraceStore store;
    addWorkers(store);
    for (std::uint32_t i = 0; i < 6; ++i)
        store.addString(20 + i, "line " + std::to_string(i));
    store.addEvents({print(100, 100, kBase + 3 * kMs, 21), print(100, 100, kBase + 6 * kMs, 23)});
    ConsoleModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStore(&store);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    store.addEvents({print(200, 200, kBase + 2 * kMs, 20), print(200, 200, kBase + 4 * kMs, 22),
                     print(200, 200, kBase + 7 * kMs, 24), print(100, 101, kBase + 8 * kMs, 25)});
    model.refresh();
    QCOMPARE(model.rowCount(), 6);
    // Blocks: [0], [2], [4..5] in the final numbering.
    QCOMPARE(inserted.count(), 3);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(1).at(1).toInt(), 2);
    QCOMPARE(inserted.at(2).at(1).toInt(), 4);
    QCOMPARE(inserted.at(2).at(2).toInt(), 5);
    for (int row = 0; row < 6; ++row)
        QCOMPARE(model.index(row, ConsoleModel::TextColumn).data().toString(), QStringLiteral("line %1").arg(row));
}

void TestConsoleModel::clearedStoreResets()
{
    TraceStore store;
    addWorkers(store);
    store.addString(10, "a");
    store.addEvents({print(100, 100, kBase + 2 * kMs, 10), print(200, 200, kBase + 3 * kMs, 10)});
    ConsoleModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStore(&store);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    store.clear();
    model.refresh();
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.rowCount(), 0);
    // A new run that already has more lines than the old one by the first refresh.
    addWorkers(store);
    store.addString(11, "b");
    store.addEvents({print(100, 100, kBase + 1 * kMs, 11), print(100, 100, kBase + 2 * kMs, 11),
                     print(100, 100, kBase + 3 * kMs, 11)});
    model.refresh();
    QCOMPARE(model.rowCount(), 3);
    model.reload();
    QCOMPARE(reset.count(), 2);
    QCOMPARE(model.rowCount(), 3);
}

void TestConsoleModel::headers()
{
    ConsoleModel model;
    QCOMPARE(model.headerData(ConsoleModel::TimeColumn, Qt::Horizontal).toString(), QStringLiteral("Time (ms)"));
    QCOMPARE(model.headerData(ConsoleModel::WorkerColumn, Qt::Horizontal).toString(), QStringLiteral("Worker"));
    QCOMPARE(model.headerData(ConsoleModel::TextColumn, Qt::Horizontal).toString(), QStringLiteral("Printed line"));
}

QTEST_MAIN(TestConsoleModel)
#include "tst_console_model.moc"
