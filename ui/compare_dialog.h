#pragma once
// "Compare…": pick the parameter to vary and its values (checkboxes for a
// choice, a list for a number, filled from the schema), or runs kept from
// earlier in this session; then the runs go one after another with a
// progress line, and Stop ends the run in progress (its workers reaped)
// and skips the rest. The result is taken with takeResult().
#include "core/scenarios/compare.h"
#include "ui/compare_history.h"

#include <QDialog>

class QButtonGroup;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QStackedWidget;

namespace cl::runtime {
class ProcessLauncher;
}
namespace cl::scenarios {
class CompareRunner;
}

namespace cl::ui {

class CompareDialog : public QDialog {
    Q_OBJECT
public:
    CompareDialog(const scenarios::Scenario &scenario, const scenarios::ParameterValues &base,
                  const CompareHistory &history, runtime::ProcessLauncher *launcher, QWidget *parent = nullptr);
    ~CompareDialog() override;

    // The parameter being varied and the values checked/typed now.
    QString varyKey() const;
    QStringList varyValues() const;
    void setVary(const QString &key, const QStringList &values);
    // The problem with the current choice, or empty.
    QString validationError() const;
    bool isRunning() const;
    // Starts the runs (or takes the kept ones); false when the input is bad.
    bool startCompare();
    void stopCompare();
    void setCompareWithPrevious(bool previous);
    scenarios::CompareSet takeResult();

    QComboBox *keyBox() const { return m_key; }
    QListWidget *choiceList() const { return m_choices; }
    QLineEdit *numberEdit() const { return m_numbers; }
    QListWidget *previousList() const { return m_previous; }
    QPushButton *runButton() const { return m_run; }
    QPushButton *stopButton() const { return m_stop; }
    QLabel *statusLabel() const { return m_status; }

    // Suggested values for a number: 1, 2, 4, 8 inside its range (or its
    // range's ends and the default).
    static QStringList suggestedNumbers(const scenarios::ParameterSpec &spec);

protected:
    void reject() override;

private:
    void onKeyChanged();
    void onRunStarted(int index, const QString &value);
    void onFinished();
    void updateState();

    const scenarios::Scenario &m_scenario;
    scenarios::ParameterValues m_base;
    QList<scenarios::ParameterSpec> m_specs;
    std::vector<const KeptRun *> m_kept;
    scenarios::CompareRunner *m_runner = nullptr;
    scenarios::CompareSet m_result;
    bool m_closing = false; // runs are being stopped because the dialog goes away

    QRadioButton *m_varyMode = nullptr;
    QRadioButton *m_previousMode = nullptr;
    QComboBox *m_key = nullptr;
    QStackedWidget *m_valuesStack = nullptr;
    QListWidget *m_choices = nullptr;
    QLineEdit *m_numbers = nullptr;
    QLabel *m_numbersHint = nullptr;
    QListWidget *m_previous = nullptr;
    QLabel *m_error = nullptr;
    QLabel *m_status = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_run = nullptr;
    QPushButton *m_stop = nullptr;
    QPushButton *m_close = nullptr;
};

} // namespace cl::ui
