// The parameter form generated from a schema: the right editors with the
// schema's ranges and defaults, presets applied on top of the defaults (and
// validated), values() round-tripping through setValues().
#include "core/scenarios/catalogue.h"
#include "ui/parameter_form.h"

#include <QComboBox>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTest>

using cl::scenarios::ParameterSpec;
using cl::scenarios::ParameterValues;
using cl::ui::ParameterForm;

namespace {

const cl::scenarios::Scenario &ticketRace()
{
    const cl::scenarios::Scenario *s = cl::scenarios::findScenario(QStringLiteral("ticket-race"));
    if (!s)
        qFatal("ticket-race is not in the catalogue");
    return *s;
}

// A scenario whose second preset carries values the schema rejects, to check
// that the form validates presets instead of trusting them.
class BadPresetScenario final : public cl::scenarios::Scenario {
public:
    QString id() const override { return QStringLiteral("bad-preset"); }
    QString title() const override { return QStringLiteral("Bad preset"); }
    QString category() const override { return QStringLiteral("Test"); }
    QString description() const override { return {}; }
    QString pythonSnippet(const cl::scenarios::ParameterValues &) const override { return {}; }
    QList<ParameterSpec> parameters() const override
    {
        using T = ParameterSpec::Type;
        return {
            {QStringLiteral("n"), T::Integer, "N", "", "How many.", 1, 10, 5, {}, {}},
            {QStringLiteral("lock"), T::Choice, "Lock", "", "Lock or not.", 0, 0, 0,
             {QStringLiteral("on"), QStringLiteral("off")}, QStringLiteral("off")},
        };
    }
    QList<cl::scenarios::Preset> presets() const override
    {
        return {
            {"Good", {{QStringLiteral("n"), QStringLiteral("7")}, {QStringLiteral("lock"), QStringLiteral("on")}}},
            {"Bad",
             {{QStringLiteral("n"), QStringLiteral("99")},
              {QStringLiteral("lock"), QStringLiteral("on")},
              {QStringLiteral("colour"), QStringLiteral("red")}}},
        };
    }
    cl::record::SharedArena::Layout layout(const ParameterValues &) const override { return {}; }
    cl::scenarios::Outcome run(cl::scenarios::RunContext &, const ParameterValues &) const override { return {}; }
};

} // namespace

class TestParameterForm : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void integerEditors_data();
    void integerEditors();
    void choiceEditors_data();
    void choiceEditors();
    void defaultsAreTheSchemaDefaults();
    void presetsApplyOnTopOfDefaults_data();
    void presetsApplyOnTopOfDefaults();
    void presetComboActivates();
    void editingClearsThePresetName();
    void badPresetValuesAreRejected();
    void valuesRoundTrip_data();
    void valuesRoundTrip();
    void outOfRangeIsClamped();
    void resetToDefaults();
    void switchingScenarioRegenerates();
};

void TestParameterForm::integerEditors_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<int>("minimum");
    QTest::addColumn<int>("maximum");
    QTest::addColumn<int>("defaultValue");
    QTest::addColumn<QString>("suffix");
    QTest::newRow("tickets") << "tickets" << 0 << 1000 << 10 << "";
    QTest::newRow("buyers") << "buyers" << 1 << 1000 << 10 << "";
    QTest::newRow("think_ms") << "think_ms" << 0 << 10000 << 300 << " ms";
    QTest::newRow("stagger_ms") << "stagger_ms" << 0 << 5000 << 100 << " ms";
}

void TestParameterForm::integerEditors()
{
    QFETCH(QString, key);
    QFETCH(int, minimum);
    QFETCH(int, maximum);
    QFETCH(int, defaultValue);
    QFETCH(QString, suffix);
    ParameterForm form;
    form.setScenario(&ticketRace());
    auto *spin = qobject_cast<QSpinBox *>(form.editor(key));
    QVERIFY2(spin, "an integer parameter gets a spin box");
    QCOMPARE(spin->minimum(), minimum);
    QCOMPARE(spin->maximum(), maximum);
    QCOMPARE(spin->value(), defaultValue);
    QCOMPARE(spin->suffix(), suffix);
    const QList<ParameterSpec> specs = ticketRace().parameters(); // find() points into this list
    const ParameterSpec *spec = cl::scenarios::Parameters::find(specs, key);
    QVERIFY(spec);
    QVERIFY2(spin->toolTip().contains(spec->translatedHelp().toHtmlEscaped()), qPrintable(spin->toolTip()));
    QVERIFY2(spin->toolTip().contains(spec->allowedText().toHtmlEscaped()), qPrintable(spin->toolTip()));
}

void TestParameterForm::choiceEditors_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QStringList>("ids");
    QTest::addColumn<QString>("defaultId");
    QTest::newRow("store") << "store" << QStringList{QStringLiteral("file"), QStringLiteral("shm"), QStringLiteral("manager")} << "file";
    QTest::newRow("lock") << "lock" << QStringList{QStringLiteral("on"), QStringLiteral("off")} << "off";
    QTest::newRow("mode") << "mode"
                          << QStringList{QStringLiteral("processes"), QStringLiteral("threads"), QStringLiteral("pool")}
                          << "processes";
}

void TestParameterForm::choiceEditors()
{
    QFETCH(QString, key);
    QFETCH(QStringList, ids);
    QFETCH(QString, defaultId);
    ParameterForm form;
    form.setScenario(&ticketRace());
    auto *combo = qobject_cast<QComboBox *>(form.editor(key));
    QVERIFY2(combo, "a choice parameter gets a combo box");
    QCOMPARE(combo->count(), ids.size());
    for (int i = 0; i < ids.size(); ++i) {
        QCOMPARE(combo->itemData(i).toString(), ids.at(i));
        QCOMPARE(combo->itemText(i), cl::scenarios::choiceLabel(ids.at(i)));
    }
    QCOMPARE(combo->currentData().toString(), defaultId);
    QVERIFY(!combo->toolTip().isEmpty());
}

void TestParameterForm::defaultsAreTheSchemaDefaults()
{
    ParameterForm form;
    form.setScenario(&ticketRace());
    QCOMPARE(form.values(), ticketRace().defaults());
    QCOMPARE(form.presetCombo()->count(), ticketRace().presets().size());
    QCOMPARE(form.presetCombo()->currentIndex(), -1);
    for (int i = 0; i < ticketRace().presets().size(); ++i)
        QCOMPARE(form.presetCombo()->itemText(i), cl::scenarios::presetName(ticketRace().presets().at(i)));
}

void TestParameterForm::presetsApplyOnTopOfDefaults_data()
{
    QTest::addColumn<int>("preset");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QVariant>("expected");
    // "As in the notes" is preset 0, "Quick" 1, "Quick, with the lock" 2.
    QTest::newRow("notes think") << 0 << "think_ms" << QVariant(qint64(2000));
    QTest::newRow("notes stagger") << 0 << "stagger_ms" << QVariant(qint64(1000));
    QTest::newRow("notes lock") << 0 << "lock" << QVariant(QStringLiteral("off"));
    QTest::newRow("quick think") << 1 << "think_ms" << QVariant(qint64(300));
    QTest::newRow("quick lock from defaults") << 1 << "lock" << QVariant(QStringLiteral("off"));
    QTest::newRow("locked lock") << 2 << "lock" << QVariant(QStringLiteral("on"));
    QTest::newRow("locked think") << 2 << "think_ms" << QVariant(qint64(150));
    QTest::newRow("locked mode from defaults") << 2 << "mode" << QVariant(QStringLiteral("processes"));
}

void TestParameterForm::presetsApplyOnTopOfDefaults()
{
    QFETCH(int, preset);
    QFETCH(QString, key);
    QFETCH(QVariant, expected);
    ParameterForm form;
    form.setScenario(&ticketRace());
    // Start from something else, so "from defaults" really means the defaults.
    ParameterValues odd = form.values();
    odd.set(QStringLiteral("lock"), QStringLiteral("on"));
    odd.set(QStringLiteral("mode"), QStringLiteral("threads"));
    odd.set(QStringLiteral("think_ms"), qint64(7));
    form.setValues(odd);
    const auto error = form.applyPreset(preset);
    QVERIFY2(!error, error ? qPrintable(*error) : "");
    QCOMPARE(form.values().value(key), expected);
    QCOMPARE(form.presetCombo()->currentIndex(), preset);
}

void TestParameterForm::presetComboActivates()
{
    ParameterForm form;
    form.setScenario(&ticketRace());
    QSignalSpy changed(&form, &ParameterForm::valuesChanged);
    form.presetCombo()->setCurrentIndex(2);
    Q_EMIT form.presetCombo()->activated(2);
    QCOMPARE(form.values().choice(QStringLiteral("lock")), QStringLiteral("on"));
    QCOMPARE(form.values().integer(QStringLiteral("think_ms")), 150);
    QVERIFY(changed.count() >= 1);
}

void TestParameterForm::editingClearsThePresetName()
{
    ParameterForm form;
    form.setScenario(&ticketRace());
    QVERIFY(!form.applyPreset(1));
    QCOMPARE(form.presetCombo()->currentIndex(), 1);
    QSignalSpy changed(&form, &ParameterForm::valuesChanged);
    auto *spin = qobject_cast<QSpinBox *>(form.editor(QStringLiteral("buyers")));
    QVERIFY(spin);
    spin->setValue(4);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(form.presetCombo()->currentIndex(), -1);
}

void TestParameterForm::badPresetValuesAreRejected()
{
    BadPresetScenario scenario;
    ParameterForm form;
    form.setScenario(&scenario);
    QVERIFY(!form.applyPreset(0));
    QCOMPARE(form.values().integer(QStringLiteral("n")), 7);

    QSignalSpy errors(&form, &ParameterForm::presetError);
    form.presetCombo()->setCurrentIndex(1);
    Q_EMIT form.presetCombo()->activated(1);
    QCOMPARE(errors.count(), 1);
    const QString message = errors.first().first().toString();
    QVERIFY2(message.contains(QStringLiteral("\"n\"")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("colour")), qPrintable(message));
    // The bad value is skipped (n back to its default), the good one applied.
    QCOMPARE(form.values().integer(QStringLiteral("n")), 5);
    QCOMPARE(form.values().choice(QStringLiteral("lock")), QStringLiteral("on"));
}

void TestParameterForm::valuesRoundTrip_data()
{
    QTest::addColumn<QStringList>("assignments");
    QTest::newRow("defaults") << QStringList{};
    QTest::newRow("small") << QStringList{QStringLiteral("buyers=3"), QStringLiteral("think_ms=50"),
                                          QStringLiteral("stagger_ms=10")};
    QTest::newRow("edges") << QStringList{QStringLiteral("tickets=0"), QStringLiteral("buyers=1000"),
                                          QStringLiteral("think_ms=10000"), QStringLiteral("stagger_ms=0")};
    QTest::newRow("choices") << QStringList{QStringLiteral("store=shm"), QStringLiteral("lock=on"),
                                            QStringLiteral("mode=threads")};
}

void TestParameterForm::valuesRoundTrip()
{
    QFETCH(QStringList, assignments);
    ParameterValues v = ticketRace().defaults();
    for (const QString &a : assignments) {
        const auto error = cl::scenarios::Parameters::applyAssignment(QStringLiteral("ticket-race"),
                                                                      ticketRace().parameters(), a, v);
        QVERIFY2(!error, error ? qPrintable(*error) : "");
    }
    ParameterForm form;
    form.setScenario(&ticketRace());
    form.setValues(v);
    QCOMPARE(form.values(), v);
    QCOMPARE(form.values().toDisplayString(), v.toDisplayString());
}

void TestParameterForm::outOfRangeIsClamped()
{
    ParameterForm form;
    form.setScenario(&ticketRace());
    ParameterValues v = form.values();
    v.set(QStringLiteral("buyers"), qint64(5000));
    v.set(QStringLiteral("think_ms"), qint64(-3));
    v.set(QStringLiteral("lock"), QStringLiteral("maybe")); // not a choice: left as it was
    form.setValues(v);
    QCOMPARE(form.values().integer(QStringLiteral("buyers")), 1000);
    QCOMPARE(form.values().integer(QStringLiteral("think_ms")), 0);
    QCOMPARE(form.values().choice(QStringLiteral("lock")), QStringLiteral("off"));
}

void TestParameterForm::resetToDefaults()
{
    ParameterForm form;
    form.setScenario(&ticketRace());
    QVERIFY(!form.applyPreset(2));
    QVERIFY(!(form.values() == ticketRace().defaults()));
    form.resetToDefaults();
    QCOMPARE(form.values(), ticketRace().defaults());
    QCOMPARE(form.presetCombo()->currentIndex(), -1);
}

void TestParameterForm::switchingScenarioRegenerates()
{
    ParameterForm form;
    form.setScenario(&ticketRace());
    QVERIFY(form.editor(QStringLiteral("tickets")));
    const cl::scenarios::Scenario *counter = cl::scenarios::findScenario(QStringLiteral("counter-race"));
    QVERIFY(counter);
    form.setScenario(counter);
    QVERIFY(!form.editor(QStringLiteral("tickets")));
    QVERIFY(qobject_cast<QSpinBox *>(form.editor(QStringLiteral("increments"))));
    QCOMPARE(form.values(), counter->defaults());
    form.setScenario(nullptr);
    QVERIFY(form.values().all().isEmpty());
    QVERIFY(!form.presetCombo()->isEnabled());
}

QTEST_MAIN(TestParameterForm)
#include "tst_parameter_form.moc"
