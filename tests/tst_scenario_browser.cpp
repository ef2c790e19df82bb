// The scenario browser groups lessons in the notes' order (processes and
// threads, pools, locks and races, queues), puts categories it does not know
// after those, and still filters by title or id.
#include "core/scenarios/catalogue.h"
#include "ui/scenario_browser.h"

#include <QAbstractItemModelTester>
#include <QLineEdit>
#include <QTest>

using namespace cl;

namespace {
class FakeScenario final : public scenarios::Scenario {
public:
    FakeScenario(QString id, QString category) : m_id(std::move(id)), m_category(std::move(category)) {}
    QString id() const override { return m_id; }
    QString title() const override { return QStringLiteral("Title of ") + m_id; }
    QString category() const override { return m_category; }
    QString description() const override { return {}; }
    QString pythonSnippet(const cl::scenarios::ParameterValues &) const override { return {}; }
    QList<scenarios::ParameterSpec> parameters() const override { return {}; }
    record::SharedArena::Layout layout(const scenarios::ParameterValues &) const override { return {}; }
    scenarios::Outcome run(scenarios::RunContext &, const scenarios::ParameterValues &) const override { return {}; }

private:
    QString m_id;
    QString m_category;
};

QStringList categories(const QAbstractItemModel &model)
{
    QStringList out;
    for (int c = 0; c < model.rowCount(); ++c)
        out << model.index(c, 0).data().toString();
    return out;
}
} // namespace

class TestScenarioBrowser : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void notesOrder_data()
    {
        QTest::addColumn<QStringList>("given");    // categories in catalogue order, one scenario each
        QTest::addColumn<QStringList>("expected"); // the browser's groups
        const QString procs = QStringLiteral("Processes and threads");
        const QString pools = QStringLiteral("Pools");
        const QString locks = QStringLiteral("Locks and races");
        const QString queues = QStringLiteral("Queues");
        QTest::newRow("reversed") << QStringList{queues, locks, pools, procs} << QStringList{procs, pools, locks, queues};
        QTest::newRow("shuffled, repeated") << QStringList{locks, procs, locks, queues, pools, procs}
                                            << QStringList{procs, pools, locks, queues};
        QTest::newRow("unknown ones last, in catalogue order")
            << QStringList{QStringLiteral("Zeta"), locks, QStringLiteral("Alpha"), procs}
            << QStringList{procs, locks, QStringLiteral("Zeta"), QStringLiteral("Alpha")};
    }

    void notesOrder()
    {
        QFETCH(QStringList, given);
        QFETCH(QStringList, expected);
        std::vector<std::unique_ptr<FakeScenario>> owned;
        QList<const scenarios::Scenario *> list;
        for (int i = 0; i < given.size(); ++i) {
            owned.push_back(std::make_unique<FakeScenario>(QStringLiteral("s%1").arg(i), given[i]));
            list << owned.back().get();
        }
        ui::ScenarioModel model(list);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(categories(model), expected);
        // Within a group, the catalogue's order; every scenario is found where it is listed.
        int total = 0;
        for (int c = 0; c < model.rowCount(); ++c) {
            const QModelIndex category = model.index(c, 0);
            int lastIndex = -1;
            for (int r = 0; r < model.rowCount(category); ++r) {
                const QString id = model.index(r, 0, category).data(ui::ScenarioModel::ScenarioIdRole).toString();
                const int index = id.mid(1).toInt();
                QCOMPARE(given[index], category.data().toString());
                QVERIFY(index > lastIndex);
                lastIndex = index;
                QCOMPARE(model.indexOf(id), model.index(r, 0, category));
                ++total;
            }
        }
        QCOMPARE(total, int(given.size()));
    }

    void realCatalogueIsSearchable()
    {
        ui::ScenarioBrowser browser;
        const QStringList groups = categories(*browser.model());
        QVERIFY(groups.contains(QStringLiteral("Locks and races")));
        browser.searchField()->setText(QStringLiteral("CONTENTION")); // by title, any case
        const QAbstractItemModel *m = browser.filterModel();
        QCOMPARE(m->rowCount(), 1);
        QCOMPARE(m->index(0, 0).data().toString(), QStringLiteral("Locks and races"));
        QCOMPARE(m->rowCount(m->index(0, 0)), 1);
        QCOMPARE(m->index(0, 0, m->index(0, 0)).data(ui::ScenarioModel::ScenarioIdRole).toString(),
                 QStringLiteral("lock-contention"));
        QVERIFY(browser.selectScenario(QStringLiteral("counter-race"))); // clears the search that hid it
        QCOMPARE(browser.currentScenarioId(), QStringLiteral("counter-race"));
    }
};

QTEST_MAIN(TestScenarioBrowser)
#include "tst_scenario_browser.moc"
