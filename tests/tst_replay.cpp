// Replay: the playhead moves through the run at the chosen speed, stops at
// the end, can be put anywhere by hand; the console greys the lines not
// printed yet and highlights the latest printed; the counters read their
// value at the playhead.
#include "trace_builder.h"
#include "ui/console_model.h"
#include "ui/replay_controller.h"
#include "ui/timeline_selection.h"

#include <QAbstractItemModelTester>
#include <QColor>
#include <QSignalSpy>
#include <QTest>

#include <limits>

using namespace cl;
using trace::EventKind;
using tests::ev;
using tests::kMs;
using ui::ReplayController;

namespace {
constexpr std::uint64_t kT0 = 9'000'000'000'000ull;
}

class TstReplay : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void advancesAtSpeed_data();
    void advancesAtSpeed();
    void stopsAtTheEnd();
    void positionIsClamped();
    void speedIsClamped();
    void disabledWithoutARun();
    void consoleFollowsThePlayhead();
    void countersAtThePlayhead();
};

void TstReplay::advancesAtSpeed_data()
{
    QTest::addColumn<double>("speed");
    for (double s : ReplayController::kSpeeds)
        QTest::addRow("%gx", s) << s;
}

void TstReplay::advancesAtSpeed()
{
    QFETCH(double, speed);
    ReplayController replay;
    replay.setRange(kT0, kT0 + 10000 * kMs); // longer than 8x ten frames
    replay.setSpeed(speed);
    QCOMPARE(replay.speed(), speed);
    replay.setPosition(kT0);
    QSignalSpy moved(&replay, &ReplayController::positionChanged);
    // Ten frames of 16 ms of real time.
    for (int i = 0; i < 10; ++i)
        replay.advance(qint64(16 * kMs));
    QCOMPARE(moved.count(), 10);
    QCOMPARE(replay.position(), kT0 + quint64(160.0 * speed * kMs));
    QCOMPARE(moved.last().at(0).toULongLong(), replay.position());
}

void TstReplay::stopsAtTheEnd()
{
    ReplayController replay;
    replay.setRange(kT0, kT0 + 100 * kMs);
    QSignalSpy playing(&replay, &ReplayController::playingChanged);
    QSignalSpy finished(&replay, &ReplayController::finished);
    replay.play();
    QVERIFY(replay.isPlaying());
    QCOMPARE(replay.position(), kT0); // from the start
    replay.setSpeed(8.0);
    replay.advance(qint64(20 * kMs)); // 160 ms of run: past the end
    QCOMPARE(replay.position(), kT0 + 100 * kMs);
    QVERIFY(!replay.isPlaying());
    QCOMPARE(finished.count(), 1);
    QCOMPARE(playing.count(), 2);
    // Play again at the end: from the start.
    replay.play();
    QCOMPARE(replay.position(), kT0);
    replay.pause();
    replay.reset();
    QCOMPARE(replay.position(), quint64(0));
}

void TstReplay::positionIsClamped()
{
    ReplayController replay;
    replay.setRange(kT0, kT0 + 50 * kMs);
    replay.setPosition(kT0 + 80 * kMs);
    QCOMPARE(replay.position(), kT0 + 50 * kMs);
    replay.setPosition(1);
    QCOMPARE(replay.position(), kT0);
    // A shorter range pulls the playhead in.
    replay.setPosition(kT0 + 40 * kMs);
    replay.setRange(kT0, kT0 + 10 * kMs);
    QCOMPARE(replay.position(), kT0 + 10 * kMs);
}

void TstReplay::speedIsClamped()
{
    ReplayController replay;
    replay.setSpeed(100.0);
    QCOMPARE(replay.speed(), 8.0);
    replay.setSpeed(0.0);
    QCOMPARE(replay.speed(), 0.25);
    replay.setSpeed(std::numeric_limits<double>::quiet_NaN());
    QCOMPARE(replay.speed(), 1.0);
}

void TstReplay::disabledWithoutARun()
{
    ReplayController replay;
    QVERIFY(!replay.isEnabled());
    replay.play();
    QVERIFY(!replay.isPlaying());
    replay.setPosition(kT0);
    QCOMPARE(replay.position(), quint64(0));
}

void TstReplay::consoleFollowsThePlayhead()
{
    trace::TraceStore store;
    store.addString(1, "one");
    store.addString(2, "two");
    store.addString(3, "three");
    store.addEvents({ev(EventKind::WorkerStart, 5, 5, kT0), ev(EventKind::Print, 5, 5, kT0 + 10 * kMs, 0, 1),
                     ev(EventKind::Print, 5, 5, kT0 + 20 * kMs, 0, 2), ev(EventKind::Print, 5, 5, kT0 + 30 * kMs, 0, 3)});
    ui::ConsoleModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStore(&store);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.playheadRow(), -1);
    const auto printed = [&](int row) { return model.index(row, 0).data(ui::ConsoleModel::PrintedByPlayheadRole).toBool(); };
    QVERIFY(printed(2)); // no playhead: everything as printed
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setPlayhead(kT0 + 25 * kMs);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(model.playheadRow(), 1);
    QVERIFY(printed(0) && printed(1) && !printed(2));
    QVERIFY(model.index(1, 2).data(Qt::BackgroundRole).isValid()); // the latest printed line
    QVERIFY(!model.index(0, 2).data(Qt::BackgroundRole).isValid());
    QCOMPARE(model.index(2, 2).data(Qt::ForegroundRole).value<QColor>(), QColor(170, 170, 170));
    model.setPlayhead(kT0 + 30 * kMs); // exactly at a line: printed
    QCOMPARE(model.playheadRow(), 2);
    model.setPlayhead(kT0 + 5 * kMs);
    QCOMPARE(model.playheadRow(), -1);
    QVERIFY(!printed(0));
    model.setPlayhead(0);
    QVERIFY(printed(2));
}

void TstReplay::countersAtThePlayhead()
{
    trace::TraceStore store;
    store.addEvents({ev(EventKind::Counter, 1, 1, kT0 + 10 * kMs, 0, trace::counter_id::TicketsLeft, 10),
                     ev(EventKind::Counter, 1, 1, kT0 + 20 * kMs, 0, trace::counter_id::TicketsLeft, 9),
                     ev(EventKind::Counter, 1, 1, kT0 + 30 * kMs, 0, trace::counter_id::TicketsLeft, 8)});
    QVERIFY(ui::countersAt(store, kT0 + 5 * kMs).contains(QStringLiteral("not yet")));
    QVERIFY(ui::countersAt(store, kT0 + 25 * kMs).endsWith(QStringLiteral(": 9")));
    QVERIFY(ui::countersAt(store, kT0 + 30 * kMs).endsWith(QStringLiteral(": 8")));
    QVERIFY(ui::countersAt(trace::TraceStore(), kT0).isEmpty());
}

QTEST_MAIN(TstReplay)
#include "tst_replay.moc"
