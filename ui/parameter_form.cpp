#include "ui/parameter_form.h"

#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <climits>

namespace cl::ui {

using scenarios::ParameterSpec;
using scenarios::ParameterValues;

namespace {

int clampToInt(qint64 v) { return int(std::clamp<qint64>(v, INT_MIN, INT_MAX)); }

QString toolTipFor(const ParameterSpec &spec)
{
    // Help and the allowed range in one place, so hovering answers "what can I type here?".
    return QStringLiteral("<p>%1</p><p><i>%2</i></p>")
        .arg(spec.translatedHelp().toHtmlEscaped(),
             ParameterForm::tr("Allowed: %1.").arg(spec.allowedText()).toHtmlEscaped());
}

} // namespace

ParameterForm::ParameterForm(QWidget *parent) : QWidget(parent)
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);

    auto *presetRow = new QHBoxLayout;
    m_presetLabel = new QLabel(this);
    m_presets = new QComboBox(this);
    m_presets->setObjectName(QStringLiteral("presets"));
    m_presets->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_presets->setMinimumContentsLength(10);
    m_presetLabel->setBuddy(m_presets);
    m_reset = new QPushButton(this);
    m_reset->setObjectName(QStringLiteral("resetDefaults"));
    presetRow->addWidget(m_presetLabel);
    presetRow->addWidget(m_presets, 1);
    presetRow->addWidget(m_reset);
    outer->addLayout(presetRow);

    m_layout = new QFormLayout;
    m_layout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_layout->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    outer->addLayout(m_layout);

    m_empty = new QLabel(this);
    m_empty->setEnabled(false);
    outer->addWidget(m_empty);
    outer->addStretch(1);

    connect(m_presets, &QComboBox::activated, this, &ParameterForm::onPresetActivated);
    connect(m_reset, &QPushButton::clicked, this, &ParameterForm::resetToDefaults);
    rebuild();
}

void ParameterForm::setScenario(const scenarios::Scenario *scenario)
{
    m_scenario = scenario;
    rebuild();
    resetToDefaults();
}

void ParameterForm::rebuild()
{
    const ParameterValues kept = values();
    while (m_layout->rowCount() > 0)
        m_layout->removeRow(0);
    m_editors.clear();
    m_specs = m_scenario ? m_scenario->parameters() : QList<ParameterSpec>{};

    m_presetLabel->setText(tr("Pre&set:"));
    m_reset->setText(tr("Reset to defaults"));
    m_reset->setToolTip(tr("Put every parameter back to the scenario's default value."));
    m_empty->setText(m_scenario ? tr("This scenario has no parameters.") : tr("Choose a scenario."));
    m_empty->setVisible(m_specs.isEmpty());

    m_presets->clear();
    m_presets->setPlaceholderText(tr("Choose a preset…"));
    if (m_scenario)
        for (const scenarios::Preset &p : m_scenario->presets())
            m_presets->addItem(scenarios::presetName(p));
    m_presets->setCurrentIndex(-1);
    m_presets->setEnabled(m_presets->count() > 0);
    m_presetLabel->setEnabled(m_presets->count() > 0);
    m_presets->setToolTip(tr("Load a ready-made set of values, e.g. the ones the course notes use."));
    m_reset->setEnabled(m_scenario != nullptr);

    for (const ParameterSpec &spec : std::as_const(m_specs)) {
        QWidget *editor = nullptr;
        if (spec.type == ParameterSpec::Type::Integer) {
            auto *spin = new QSpinBox(this);
            spin->setRange(clampToInt(spec.minimum), clampToInt(spec.maximum));
            const QString unit = spec.translatedUnit();
            if (!unit.isEmpty())
                spin->setSuffix(QLatin1Char(' ') + unit);
            spin->setAccelerated(true);
            spin->setGroupSeparatorShown(spec.maximum >= 10000);
            connect(spin, &QSpinBox::valueChanged, this, &ParameterForm::onEdited);
            editor = spin;
        } else {
            auto *combo = new QComboBox(this);
            for (const QString &choice : spec.choices)
                combo->addItem(scenarios::choiceLabel(choice), choice);
            connect(combo, &QComboBox::currentIndexChanged, this, &ParameterForm::onEdited);
            editor = combo;
        }
        editor->setObjectName(spec.key);
        editor->setToolTip(toolTipFor(spec));
        editor->setWhatsThis(toolTipFor(spec));
        auto *label = new QLabel(spec.translatedLabel() + QLatin1Char(':'), this);
        label->setBuddy(editor);
        label->setToolTip(toolTipFor(spec));
        m_layout->addRow(label, editor);
        m_editors.append(editor);
    }
    // A language change rebuilds the form; keep what the user had typed.
    if (!kept.all().isEmpty())
        setValues(kept);
}

ParameterValues ParameterForm::values() const
{
    ParameterValues v;
    for (qsizetype i = 0; i < m_specs.size() && i < m_editors.size(); ++i) {
        const ParameterSpec &spec = m_specs.at(i);
        if (auto *spin = qobject_cast<QSpinBox *>(m_editors.at(i)))
            v.set(spec.key, qint64(spin->value()));
        else if (auto *combo = qobject_cast<QComboBox *>(m_editors.at(i)))
            v.set(spec.key, combo->currentData().toString());
    }
    return v;
}

void ParameterForm::setValues(const ParameterValues &values)
{
    const ParameterValues before = this->values();
    m_applying = true;
    for (qsizetype i = 0; i < m_specs.size() && i < m_editors.size(); ++i) {
        const ParameterSpec &spec = m_specs.at(i);
        if (!values.all().contains(spec.key))
            continue;
        if (auto *spin = qobject_cast<QSpinBox *>(m_editors.at(i))) {
            spin->setValue(clampToInt(values.integer(spec.key)));
        } else if (auto *combo = qobject_cast<QComboBox *>(m_editors.at(i))) {
            const int index = combo->findData(values.choice(spec.key));
            if (index >= 0)
                combo->setCurrentIndex(index);
        }
    }
    m_applying = false;
    if (!(this->values() == before))
        Q_EMIT valuesChanged();
}

std::optional<QString> ParameterForm::applyPreset(int index)
{
    if (!m_scenario)
        return std::nullopt;
    const QList<scenarios::Preset> presets = m_scenario->presets();
    if (index < 0 || index >= presets.size())
        return std::nullopt;
    // On top of the defaults, so a preset that leaves "lock" out means the
    // default lock setting, not whatever the previous preset chose.
    ParameterValues v = m_scenario->defaults();
    QStringList errors;
    for (const auto &[key, text] : presets.at(index).values) {
        const ParameterSpec *spec = scenarios::Parameters::find(m_specs, key);
        if (!spec) {
            errors << tr("unknown parameter \"%1\"").arg(key);
            continue;
        }
        QVariant parsed;
        if (auto error = scenarios::Parameters::parseValue(*spec, text, &parsed)) {
            errors << *error;
            continue;
        }
        v.set(key, parsed);
    }
    setValues(v);
    m_presets->setCurrentIndex(index);
    if (errors.isEmpty())
        return std::nullopt;
    return tr("The preset \"%1\" has values that were not applied: %2")
        .arg(scenarios::presetName(presets.at(index)), errors.join(QStringLiteral("; ")));
}

QWidget *ParameterForm::editor(const QString &key) const
{
    for (qsizetype i = 0; i < m_specs.size() && i < m_editors.size(); ++i)
        if (m_specs.at(i).key == key)
            return m_editors.at(i);
    return nullptr;
}

void ParameterForm::resetToDefaults()
{
    if (!m_scenario)
        return;
    setValues(m_scenario->defaults());
    m_presets->setCurrentIndex(-1);
}

void ParameterForm::onEdited()
{
    if (m_applying)
        return;
    // The preset name stays only while the values still are that preset.
    m_presets->setCurrentIndex(-1);
    Q_EMIT valuesChanged();
}

void ParameterForm::onPresetActivated(int index)
{
    if (auto error = applyPreset(index))
        Q_EMIT presetError(*error);
}

void ParameterForm::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        const int preset = m_presets->currentIndex();
        rebuild();
        m_presets->setCurrentIndex(preset);
    }
    QWidget::changeEvent(event);
}

} // namespace cl::ui
