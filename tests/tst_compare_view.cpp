// The compare window and picture: a band per run painted with its own spans
// at one shared scale (a run half as long paints half as far), the table
// model (checked by QAbstractItemModelTester) with the figures and their
// definitions, the speedup bars, the PNG export, and the runs kept from the
// session compared again.
#include "compare_builder.h"
#include "core/scenarios/catalogue.h"
#include "core/scenarios/compare_report.h"
#include "ui/compare_bands.h"
#include "ui/compare_dialog.h"
#include "ui/compare_history.h"
#include "ui/compare_image.h"
#include "ui/compare_model.h"
#include "ui/compare_view.h"
#include "ui/main_window.h"
#include "ui/parameter_form.h"
#include "core/runtime/fork_server.h"
#include "process_check.h"
#include "ui/state_palette.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTimer>
#include <QToolBar>
#include <unistd.h>
#include <QBarSeries>
#include <QBarSet>
#include <QComboBox>
#include <QImage>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

using namespace cl;
using trace::SpanState;

namespace {
bool sameColour(QRgb pixel, const QColor &expected)
{
    const QColor c = QColor::fromRgb(pixel);
    return qAbs(c.red() - expected.red()) <= 2 && qAbs(c.green() - expected.green()) <= 2 &&
           qAbs(c.blue() - expected.blue()) <= 2;
}

// The right-most x inside `rect` with a pixel of `colour`, or -1.
int rightmost(const QImage &image, const QRectF &rect, const QColor &colour, int *count = nullptr)
{
    int right = -1, n = 0;
    for (int y = int(rect.top()) + 1; y < int(rect.bottom()) - 1; ++y)
        for (int x = int(rect.left()); x < int(rect.right()) && x < image.width(); ++x)
            if (sameColour(image.pixel(x, y), colour)) {
                right = std::max(right, x);
                ++n;
            }
    if (count)
        *count = n;
    return right;
}

// Every band shows its run's running time, as long as the run was: the
// processes run (200 ms) reaches half as far as the serial one (400 ms).
void checkBands(const QImage &image, const std::vector<QRectF> &bands)
{
    QCOMPARE(bands.size(), std::size_t(3));
    const QColor running = ui::stateColor(SpanState::Running);
    int counts[3] = {0, 0, 0};
    int rights[3];
    for (int i = 0; i < 3; ++i) {
        rights[i] = rightmost(image, bands[std::size_t(i)], running, &counts[i]);
        QVERIFY2(counts[i] > 200, qPrintable(QStringLiteral("band %1 has %2 running pixels").arg(i).arg(counts[i])));
    }
    const double left = bands[0].left();
    const double serial = rights[0] - left, processes = rights[1] - left, threads = rights[2] - left;
    QVERIFY2(qAbs(processes / serial - 0.5) < 0.02, qPrintable(QString::number(processes / serial)));
    QVERIFY2(qAbs(threads / serial - 250.0 / 400.0) < 0.02, qPrintable(QString::number(threads / serial)));
    // The processes band has two workers running, the serial one has one.
    QVERIFY(counts[1] > counts[0] * 0.8);
}
} // namespace

class TestCompareView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void modelHoldsTheFigures()
    {
        ui::CompareTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        model.setCompareSet(tests::builtCompareSet());
        QCOMPARE(model.rowCount(), 3);
        const int speedup = model.column(QStringLiteral("speedup"));
        const int wall = model.column(QStringLiteral("wall_ms"));
        const int efficiency = model.column(QStringLiteral("parallel_efficiency"));
        QVERIFY(speedup > 0 && wall > 0 && efficiency > 0);
        QVERIFY(model.column(QStringLiteral("gil_wait_ms")) > 0);
        QVERIFY(model.column(QStringLiteral("queue_max")) > 0);
        QCOMPARE(model.index(1, speedup).data(ui::CompareTableModel::ValueRole).toDouble(), 2.0);
        QCOMPARE(model.index(2, wall).data(ui::CompareTableModel::ValueRole).toDouble(), 250.0);
        QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("serial"));
        QVERIFY(model.index(1, speedup).data().toString().startsWith(QStringLiteral("2")));
        QCOMPARE(model.index(2, efficiency).data().toString(), QStringLiteral("40%"));
        // The efficiency header says how it is computed.
        QVERIFY(model.headerData(efficiency, Qt::Horizontal, Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("speedup / workers used")));
        QVERIFY(!model.index(2, model.column(QStringLiteral("cpu_ms"))).data(ui::CompareTableModel::ValueRole).isValid());
        model.setCompareSet(scenarios::CompareSet{});
        QCOMPARE(model.rowCount(), 0);
    }

    void viewPaintsABandPerRun()
    {
        ui::CompareView view(tests::builtCompareSet());
        view.resize(1200, 900);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        ui::CompareBandsWidget *bands = view.bands();
        QImage image(bands->size(), QImage::Format_RGB32);
        bands->render(&image);
        checkBands(image, bands->bandRows());
        // The bars: one per run, the speedups.
        QCOMPARE(view.speedupSeries()->count(), 1);
        const QBarSet *set = view.speedupSeries()->barSets().first();
        QCOMPARE(set->count(), 3);
        QCOMPARE(set->at(0), 1.0);
        QCOMPARE(set->at(1), 2.0);
        QCOMPARE(set->at(2), 1.6);
    }

    void pictureHasBandsTableAndBars()
    {
        const scenarios::CompareSet set = tests::builtCompareSet();
        ui::CompareImageReport report;
        const QImage image = ui::renderCompareImage(set, {}, &report);
        QVERIFY(!image.isNull());
        checkBands(image, report.bandRows);
        QVERIFY(report.table.isValid());
        QVERIFY(report.table.top() > report.bandRows.back().bottom());
        QCOMPARE(report.barRects.size(), std::size_t(3));
        // Bars as high as the speedups: 1.0, 2.0, 1.6.
        const double unit = report.barRects[0].height();
        QVERIFY(unit > 10.0);
        QVERIFY(qAbs(report.barRects[1].height() / unit - 2.0) < 0.02);
        QVERIFY(qAbs(report.barRects[2].height() / unit - 1.6) < 0.02);
        const QRectF bar = report.barRects[1];
        QVERIFY(!sameColour(image.pixel(int(bar.center().x()), int(bar.center().y())), Qt::white));

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("compare.png"));
        QString error;
        QVERIFY2(ui::saveCompareImage(set, {}, path, &error), qPrintable(error));
        const QImage back(path);
        QCOMPARE(back.size(), image.size());
    }

    void keptRunsCompareAgain()
    {
        const scenarios::CompareSet built = tests::builtCompareSet();
        ui::CompareHistory history;
        for (const auto &r : built.runs) {
            scenarios::RunResult result = r.result;
            result.scenarioId = QStringLiteral("test");
            result.params.set(QStringLiteral("jobs"), qint64(4));
            result.params.set(QStringLiteral("mode"), r.label);
            history.keep(result, *r.store, QStringLiteral("Test lesson"));
        }
        scenarios::RunResult other;
        other.scenarioId = QStringLiteral("other");
        history.keep(other, *built.runs[0].store, QStringLiteral("Other"));
        const auto kept = history.runsOf(QStringLiteral("test"));
        QCOMPARE(kept.size(), std::size_t(3));
        const scenarios::CompareSet set = ui::CompareHistory::compareSet(kept);
        QCOMPARE(set.key, QStringLiteral("mode")); // the one parameter that differs
        QCOMPARE(set.runs.size(), std::size_t(3));
        QCOMPARE(set.runs[1].label, QStringLiteral("processes"));
        QCOMPARE(set.runs[1].figures.speedup, 2.0);
        QCOMPARE(set.runs[2].figures.lockWaitMs, 50.0);
    }

    void dialogFillsValuesFromTheSchema()
    {
        const scenarios::Scenario *s = scenarios::findScenario(QStringLiteral("pool"));
        QVERIFY(s);
        ui::CompareHistory history;
        ui::CompareDialog dialog(*s, s->defaults(), history, nullptr);
        // A choice: every value checked.
        dialog.setVary(QStringLiteral("approach"), {QStringLiteral("pool"), QStringLiteral("process-per-task")});
        QCOMPARE(dialog.varyValues(), (QStringList{QStringLiteral("pool"), QStringLiteral("process-per-task")}));
        QVERIFY(dialog.validationError().isEmpty());
        // A number: 1, 2, 4, 8 inside its range.
        dialog.keyBox()->setCurrentIndex(dialog.keyBox()->findData(QStringLiteral("pool_size")));
        QCOMPARE(dialog.varyValues(), (QStringList{QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("4"),
                                                   QStringLiteral("8")}));
        QVERIFY(dialog.runButton()->isEnabled());
        dialog.numberEdit()->setText(QStringLiteral("2"));
        QVERIFY(dialog.validationError().contains(QStringLiteral("at least 2 values")));
        QVERIFY(!dialog.runButton()->isEnabled());
        dialog.numberEdit()->setText(QStringLiteral("2, 0"));
        QVERIFY(dialog.validationError().contains(QStringLiteral("pool_size")));
    }
    // Runs made in the window are kept; "Compare with previous runs" puts
    // them side by side without running them again.
    void windowComparesPreviousRuns()
    {
        QStandardPaths::setTestModeEnabled(true); // keep QSettings out of the user's config
        auto server = runtime::ForkServerClient::start();
        QVERIFY(server);
        ui::MainWindow window(server.get());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.compareAction()->isEnabled());
        QVERIFY(window.findChild<QToolBar *>()->actions().contains(window.compareAction()));
        QVERIFY(window.selectScenario(QStringLiteral("serial-vs-parallel")));
        for (const char *mode : {"serial", "threads"}) {
            scenarios::ParameterValues v = window.parameterForm()->values();
            v.set(QStringLiteral("jobs"), qint64(2));
            v.set(QStringLiteral("work_ms"), qint64(20));
            v.set(QStringLiteral("mode"), QString::fromUtf8(mode));
            window.parameterForm()->setValues(v);
            QSignalSpy finished(window.session(), &scenarios::RunSession::finished);
            window.runAction()->trigger();
            QVERIFY(!window.compareAction()->isEnabled()); // one thing at a time
            QVERIFY(finished.wait(30000));
        }
        QCOMPARE(window.compareHistory().runsOf(QStringLiteral("serial-vs-parallel")).size(), std::size_t(2));
        // The dialog, told to compare the kept runs, takes both.
        QTimer::singleShot(0, [] {
            if (auto *dialog = qobject_cast<ui::CompareDialog *>(QApplication::activeModalWidget()))
                dialog->startCompare();
        });
        ui::CompareView *view = window.openCompare(true);
        QVERIFY(view);
        QCOMPARE(view->compareSet().key, QStringLiteral("mode"));
        QCOMPARE(view->compareSet().runs.size(), std::size_t(2));
        QCOMPARE(view->compareSet().runs[0].label, QStringLiteral("serial"));
        QCOMPARE(view->compareSet().runs[1].label, QStringLiteral("threads"));
        QCOMPARE(view->bands()->bandRows().size(), std::size_t(2));
        view->close();
        QTRY_VERIFY_WITH_TIMEOUT(tests::childrenOf(server->serverPid()).isEmpty(), 3000);
    }
};

QTEST_MAIN(TestCompareView)
#include "tst_compare_view.moc"
