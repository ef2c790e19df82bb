#include "ui/compare_dialog.h"
#include "core/scenarios/compare_runner.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace cl::ui {

QStringList CompareDialog::suggestedNumbers(const scenarios::ParameterSpec &spec)
{
    QStringList out;
    for (qint64 v : {1, 2, 4, 8})
        if (v >= spec.minimum && v <= spec.maximum)
            out << QString::number(v);
    if (out.size() >= 2)
        return out;
    out.clear();
    for (qint64 v : {spec.minimum, spec.defaultInteger, spec.maximum})
        if (!out.contains(QString::number(v)))
            out << QString::number(v);
    return out;
}

CompareDialog::CompareDialog(const scenarios::Scenario &scenario, const scenarios::ParameterValues &base,
                             const CompareHistory &history, runtime::ProcessLauncher *launcher, QWidget *parent)
    : QDialog(parent), m_scenario(scenario), m_base(base), m_specs(scenario.parameters()),
      m_kept(history.runsOf(scenario.id()))
{
    setObjectName(QStringLiteral("compareDialog"));
    setWindowTitle(tr("Compare runs: %1").arg(scenario.title()));
    m_runner = new scenarios::CompareRunner(launcher, this);
    connect(m_runner, &scenarios::CompareRunner::runStarted, this, &CompareDialog::onRunStarted);
    connect(m_runner, &scenarios::CompareRunner::finished, this, &CompareDialog::onFinished);

    m_varyMode = new QRadioButton(tr("Run the lesson once per value of one parameter"), this);
    m_previousMode = new QRadioButton(tr("Compare with previous runs of this lesson"), this);
    auto *modes = new QButtonGroup(this);
    modes->addButton(m_varyMode);
    modes->addButton(m_previousMode);
    m_varyMode->setChecked(true);

    m_key = new QComboBox(this);
    for (const auto &spec : m_specs)
        m_key->addItem(tr("%1 (%2)").arg(spec.translatedLabel(), spec.key), spec.key);
    m_choices = new QListWidget(this);
    m_numbers = new QLineEdit(this);
    m_numbers->setPlaceholderText(tr("values separated by commas, e.g. 1, 2, 4, 8"));
    m_numbersHint = new QLabel(this);
    m_numbersHint->setWordWrap(true);
    auto *numbersPage = new QWidget(this);
    auto *numbersLayout = new QVBoxLayout(numbersPage);
    numbersLayout->setContentsMargins(0, 0, 0, 0);
    numbersLayout->addWidget(m_numbers);
    numbersLayout->addWidget(m_numbersHint);
    numbersLayout->addStretch(1);
    m_valuesStack = new QStackedWidget(this);
    m_valuesStack->addWidget(m_choices);
    m_valuesStack->addWidget(numbersPage);

    m_previous = new QListWidget(this);
    for (const KeptRun *r : m_kept) {
        auto *item = new QListWidgetItem(CompareHistory::describe(*r), m_previous);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Checked);
    }
    if (m_kept.size() < 2) {
        m_previousMode->setEnabled(false);
        m_previousMode->setToolTip(tr("Run this lesson at least twice in this session to compare its runs."));
    }

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("compareError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_progress = new QProgressBar(this);
    m_progress->setVisible(false);
    m_run = new QPushButton(tr("Run comparison"), this);
    m_run->setDefault(true);
    m_stop = new QPushButton(tr("Stop"), this);
    m_stop->setToolTip(tr("Stop the run in progress (every worker is ended) and skip the remaining values"));
    m_close = new QPushButton(tr("Close"), this);

    auto *form = new QFormLayout;
    form->addRow(tr("Parameter:"), m_key);
    form->addRow(tr("Values:"), m_valuesStack);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_run);
    buttons->addWidget(m_stop);
    buttons->addWidget(m_close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_varyMode);
    layout->addLayout(form);
    layout->addWidget(m_previousMode);
    layout->addWidget(m_previous);
    layout->addWidget(m_error);
    layout->addWidget(m_status);
    layout->addWidget(m_progress);
    layout->addLayout(buttons);

    connect(m_key, &QComboBox::currentIndexChanged, this, &CompareDialog::onKeyChanged);
    connect(m_varyMode, &QRadioButton::toggled, this, &CompareDialog::updateState);
    connect(m_choices, &QListWidget::itemChanged, this, &CompareDialog::updateState);
    connect(m_numbers, &QLineEdit::textChanged, this, &CompareDialog::updateState);
    connect(m_previous, &QListWidget::itemChanged, this, &CompareDialog::updateState);
    connect(m_run, &QPushButton::clicked, this, &CompareDialog::startCompare);
    connect(m_stop, &QPushButton::clicked, this, &CompareDialog::stopCompare);
    connect(m_close, &QPushButton::clicked, this, &CompareDialog::reject);
    auto *ticker = new QTimer(this);
    ticker->setInterval(200);
    connect(ticker, &QTimer::timeout, this, [this] {
        if (const scenarios::RunSession *s = m_runner->session(); s && s->isRunning())
            m_progress->setFormat(tr("%1 s").arg(QLocale().toString(s->elapsedMs() / 1000.0, 'f', 1)));
    });
    ticker->start();

    // The lesson's own "how it runs" parameter first: that is what one compares.
    int initial = 0;
    for (int i = 0; i < m_specs.size(); ++i)
        if (m_specs[i].key == QLatin1String("mode") || m_specs[i].key == QLatin1String("approach")) {
            initial = i;
            break;
        }
    m_key->setCurrentIndex(initial);
    onKeyChanged();
    resize(560, 520);
}

CompareDialog::~CompareDialog()
{
    m_closing = true;
    m_runner->stopAndWait();
}

QString CompareDialog::varyKey() const { return m_key->currentData().toString(); }

QStringList CompareDialog::varyValues() const
{
    QStringList out;
    if (m_valuesStack->currentWidget() == m_choices) {
        for (int i = 0; i < m_choices->count(); ++i)
            if (m_choices->item(i)->checkState() == Qt::Checked)
                out << m_choices->item(i)->data(Qt::UserRole).toString();
        return out;
    }
    for (const QString &part : m_numbers->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!part.trimmed().isEmpty())
            out << part.trimmed();
    return out;
}

void CompareDialog::setVary(const QString &key, const QStringList &values)
{
    const int index = m_key->findData(key);
    if (index < 0)
        return;
    m_key->setCurrentIndex(index);
    if (m_valuesStack->currentWidget() == m_choices) {
        for (int i = 0; i < m_choices->count(); ++i)
            m_choices->item(i)->setCheckState(values.contains(m_choices->item(i)->data(Qt::UserRole).toString())
                                                  ? Qt::Checked
                                                  : Qt::Unchecked);
    } else {
        m_numbers->setText(values.join(QStringLiteral(", ")));
    }
    m_varyMode->setChecked(true);
}

void CompareDialog::setCompareWithPrevious(bool previous)
{
    (previous ? m_previousMode : m_varyMode)->setChecked(true);
}

void CompareDialog::onKeyChanged()
{
    const scenarios::ParameterSpec *spec = scenarios::Parameters::find(m_specs, varyKey());
    if (!spec)
        return;
    const QSignalBlocker block(m_choices);
    m_choices->clear();
    if (spec->type == scenarios::ParameterSpec::Type::Choice) {
        for (const QString &choice : spec->choices) {
            auto *item = new QListWidgetItem(tr("%1 (%2)").arg(scenarios::choiceLabel(choice), choice), m_choices);
            item->setData(Qt::UserRole, choice);
            item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
            item->setCheckState(Qt::Checked);
        }
        m_valuesStack->setCurrentWidget(m_choices);
    } else {
        m_numbers->setText(suggestedNumbers(*spec).join(QStringLiteral(", ")));
        m_numbersHint->setText(tr("Allowed: %1.").arg(spec->allowedText()));
        m_valuesStack->setCurrentIndex(1);
    }
    updateState();
}

QString CompareDialog::validationError() const
{
    if (m_previousMode->isChecked()) {
        int checked = 0;
        for (int i = 0; i < m_previous->count(); ++i)
            checked += m_previous->item(i)->checkState() == Qt::Checked ? 1 : 0;
        return checked >= 2 ? QString() : tr("Choose at least 2 runs to compare.");
    }
    scenarios::CompareSpec spec;
    if (auto error = scenarios::CompareValidation::validate(m_scenario, varyKey(), varyValues(), &spec))
        return *error;
    return scenarios::CompareValidation::processCapProblem(m_scenario, m_base, spec);
}

bool CompareDialog::isRunning() const { return m_runner->isRunning(); }

void CompareDialog::updateState()
{
    const bool running = isRunning();
    const bool vary = m_varyMode->isChecked();
    m_key->setEnabled(!running && vary);
    m_valuesStack->setEnabled(!running && vary);
    m_previous->setEnabled(!running && !vary);
    m_varyMode->setEnabled(!running);
    m_previousMode->setEnabled(!running && m_kept.size() >= 2);
    const QString error = running ? QString() : validationError();
    m_error->setText(error);
    m_run->setEnabled(!running && error.isEmpty());
    m_stop->setEnabled(running);
    m_close->setEnabled(!running);
}

bool CompareDialog::startCompare()
{
    if (isRunning())
        return false;
    if (const QString error = validationError(); !error.isEmpty()) {
        m_error->setText(error);
        return false;
    }
    if (m_previousMode->isChecked()) {
        std::vector<const KeptRun *> chosen;
        for (int i = 0; i < m_previous->count(); ++i)
            if (m_previous->item(i)->checkState() == Qt::Checked)
                chosen.push_back(m_kept[std::size_t(i)]);
        m_result = CompareHistory::compareSet(chosen);
        accept();
        return true;
    }
    scenarios::CompareSpec spec;
    scenarios::CompareValidation::validate(m_scenario, varyKey(), varyValues(), &spec);
    QString error;
    if (!m_runner->start(m_scenario, m_base, spec, &error)) {
        m_error->setText(error);
        return false;
    }
    m_progress->setRange(0, m_runner->total());
    m_progress->setValue(0);
    m_progress->setVisible(true);
    updateState();
    return true;
}

void CompareDialog::stopCompare()
{
    if (!isRunning())
        return;
    m_status->setText(tr("Stopping: ending every worker…"));
    m_stop->setEnabled(false);
    m_runner->stop();
}

void CompareDialog::onRunStarted(int index, const QString &value)
{
    m_progress->setValue(index);
    m_status->setText(tr("Run %1 of %2: %3 = %4").arg(index + 1).arg(m_runner->total()).arg(varyKey(), value));
    updateState();
}

void CompareDialog::onFinished()
{
    if (m_closing)
        return;
    m_progress->setValue(m_progress->maximum());
    m_result = m_runner->takeResult();
    if (m_result.runs.empty()) {
        m_status->clear();
        m_progress->setVisible(false);
        m_error->setText(m_runner->error().isEmpty() ? tr("No run was made.") : m_runner->error());
        updateState();
        return;
    }
    accept();
}

void CompareDialog::reject()
{
    // Closing while runs go stops them first: nothing is left behind.
    m_closing = true;
    if (isRunning())
        m_runner->stopAndWait();
    m_closing = false;
    m_result = scenarios::CompareSet{};
    QDialog::reject();
}

scenarios::CompareSet CompareDialog::takeResult()
{
    scenarios::CompareSet set = std::move(m_result);
    m_result = scenarios::CompareSet{};
    return set;
}

} // namespace cl::ui
