// The summary panel's run facts: events dropped in full rings and items not
// kept at the trace store's limit are both shown, in red when there are any,
// and each label says why in its tooltip.
#include "core/trace/trace_store.h"
#include "ui/summary_panel.h"

#include <QLabel>
#include <QLocale>
#include <QTest>

using cl::ui::SummaryPanel;

namespace {
bool isRed(const QLabel *label) { return label->styleSheet().contains(QStringLiteral("#b71c1c")); }
} // namespace

class TestSummaryPanel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void dropCounts_data();
    void dropCounts();
    void liveCounts();
};

void TestSummaryPanel::dropCounts_data()
{
    QTest::addColumn<quint64>("ringDrops");
    QTest::addColumn<quint64>("limitDrops");
    QTest::newRow("nothing lost") << quint64(0) << quint64(0);
    QTest::newRow("full rings only") << quint64(12) << quint64(0);
    QTest::newRow("store limit only") << quint64(0) << quint64(1234567);
    QTest::newRow("both") << quint64(3) << quint64(40);
}

void TestSummaryPanel::dropCounts()
{
    QFETCH(quint64, ringDrops);
    QFETCH(quint64, limitDrops);
    cl::scenarios::RunResult result;
    result.valid = true;
    result.outcome.verdict = QStringLiteral("done");
    result.droppedEvents = ringDrops;
    result.droppedByLimit = limitDrops;
    result.storedItems = 1000;
    result.itemLimit = 1000;
    cl::trace::TraceStore store;
    SummaryPanel panel;
    panel.showResult(result, store);

    const QLabel *ring = panel.droppedLabel();
    const QLabel *limit = panel.droppedByLimitLabel();
    QVERIFY(ring->text().startsWith(QLocale().toString(ringDrops)));
    QVERIFY(limit->text().startsWith(QLocale().toString(limitDrops)));
    QCOMPARE(isRed(ring), ringDrops > 0);
    QCOMPARE(isRed(limit), limitDrops > 0);
    if (limitDrops > 0) // names the limit it hit
        QVERIFY2(limit->text().contains(QLocale().toString(1000)), qPrintable(limit->text()));
    QVERIFY(!limit->toolTip().isEmpty());

    // A new run starts clean.
    panel.showRunning();
    QVERIFY(!isRed(panel.droppedLabel()));
    QVERIFY(!isRed(panel.droppedByLimitLabel()));
}

void TestSummaryPanel::liveCounts()
{
    SummaryPanel panel;
    panel.showRunning();
    panel.setLiveCounts(5000, 0, 0, 100);
    QVERIFY(!isRed(panel.droppedByLimitLabel()));
    panel.setLiveCounts(9000, 0, 77, 100);
    QVERIFY(isRed(panel.droppedByLimitLabel()));
    QVERIFY(panel.droppedByLimitLabel()->text().startsWith(QLocale().toString(77)));
    QVERIFY(!isRed(panel.droppedLabel()));
}

QTEST_MAIN(TestSummaryPanel)
#include "tst_summary_panel.moc"
