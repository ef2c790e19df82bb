#pragma once
// The parameter form, generated from a scenario's schema: a spin box per
// integer (its range is the schema's, so the form cannot produce a value the
// engine would reject), a combo box per choice, and the scenario's presets.
#include "core/scenarios/scenario.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QFormLayout;
class QLabel;
class QPushButton;

namespace cl::ui {

class ParameterForm : public QWidget {
    Q_OBJECT
public:
    explicit ParameterForm(QWidget *parent = nullptr);

    // Not owned (catalogue scenarios live for the whole program). nullptr
    // empties the form.
    void setScenario(const scenarios::Scenario *scenario);
    const scenarios::Scenario *scenario() const { return m_scenario; }

    scenarios::ParameterValues values() const;
    // Keys the schema does not know are ignored; values outside a spin box's
    // range are clamped by the spin box.
    void setValues(const scenarios::ParameterValues &values);

    // Applies preset `index` of scenario()->presets() on top of the defaults.
    // Values that fail validation are skipped; the messages are returned.
    std::optional<QString> applyPreset(int index);

    // The editor of one parameter (QSpinBox or QComboBox), for tests and for
    // focusing the offending field.
    QWidget *editor(const QString &key) const;
    QComboBox *presetCombo() const { return m_presets; }

public Q_SLOTS:
    void resetToDefaults();

Q_SIGNALS:
    void valuesChanged();
    // A preset had values the schema rejects; the message names them.
    void presetError(const QString &message);

protected:
    void changeEvent(QEvent *event) override;

private:
    void rebuild();
    void onEdited();
    void onPresetActivated(int index);

    const scenarios::Scenario *m_scenario = nullptr;
    QList<scenarios::ParameterSpec> m_specs;
    QList<QWidget *> m_editors; // parallel to m_specs
    QFormLayout *m_layout = nullptr;
    QComboBox *m_presets = nullptr;
    QPushButton *m_reset = nullptr;
    QLabel *m_presetLabel = nullptr;
    QLabel *m_empty = nullptr;
    bool m_applying = false; // set while the form writes its own editors
};

} // namespace cl::ui
