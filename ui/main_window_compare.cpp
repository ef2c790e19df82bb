// MainWindow: "Compare…" (the action, the dialog, the compare window) and the
// runs this session keeps for "Compare with previous runs".
#include "ui/compare_dialog.h"
#include "ui/compare_history.h"
#include "ui/compare_view.h"
#include "ui/main_window.h"
#include "ui/parameter_form.h"

#include "core/scenarios/compare_runner.h"

#include <QAction>
#include <QIcon>
#include <QMenu>
#include <QTimer>
#include <QToolBar>

#include <cstdio>

namespace cl::ui {

void MainWindow::setUpCompare()
{
    m_compareHistory = std::make_shared<CompareHistory>();
    m_compareAction = new QAction(QIcon(QStringLiteral(":/icons/compare.svg")), QString(), this);
    m_compareAction->setObjectName(QStringLiteral("actionCompare"));
    m_compareAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
    connect(m_compareAction, &QAction::triggered, this, [this] { openCompare(); });
    m_runMenu->addSeparator();
    m_runMenu->addAction(m_compareAction);
    // Run, Stop, Compare…, then the view actions.
    const QList<QAction *> actions = m_toolBar->actions();
    m_toolBar->insertAction(actions.value(actions.indexOf(m_stopAction) + 1), m_compareAction);
    // Developer aid, as CL_SCREENSHOT is for the main window: with
    // CL_COMPARE_SCREENSHOT=/path.png and CL_COMPARE_VARY="mode=serial,threads"
    // (and CL_COMPARE_SET="jobs=4,work_ms=300") the selected lesson is
    // compared at start-up, the compare window grabbed into that file
    // CL_SCREENSHOT_DELAY_MS after it opened, and the app closes.
    if (!qEnvironmentVariable("CL_COMPARE_SCREENSHOT").isEmpty())
        QTimer::singleShot(500, this, [this] { runCompareScreenshotAid(); });
}

void MainWindow::runCompareScreenshotAid()
{
    const QString path = qEnvironmentVariable("CL_COMPARE_SCREENSHOT");
    const auto fail = [this](const QString &why) {
        std::fprintf(stderr, "concurrency-lab: CL_COMPARE_VARY: %s\n", qPrintable(why));
        close();
    };
    if (!m_scenario)
        return fail(QStringLiteral("no scenario selected"));
    scenarios::ParameterValues values = m_form->values();
    for (const QString &a : qEnvironmentVariable("CL_COMPARE_SET").split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (auto error = scenarios::Parameters::applyAssignment(m_scenario->id(), m_scenario->parameters(), a, values))
            return fail(*error);
    scenarios::CompareSpec spec;
    if (auto error = scenarios::CompareValidation::parseVary(*m_scenario, qEnvironmentVariable("CL_COMPARE_VARY"), &spec))
        return fail(*error);
    auto *runner = new scenarios::CompareRunner(m_launcher, this);
    connect(runner, &scenarios::CompareRunner::finished, this, [this, runner, path] {
        CompareView *view = showCompare(runner->takeResult());
        view->resize(1500, 1000);
        bool ok = false;
        int delay = qEnvironmentVariableIntValue("CL_SCREENSHOT_DELAY_MS", &ok);
        QTimer::singleShot(ok ? delay : 1500, this, [this, view, path] {
            const bool saved = view->grab().save(path);
            std::fprintf(stderr, "concurrency-lab: compare screenshot %s %s\n",
                         saved ? "saved to" : "could not be saved to", qPrintable(path));
            view->close();
            close();
        });
    });
    QString error;
    if (!runner->start(*m_scenario, values, spec, &error))
        fail(error);
}

void MainWindow::retranslateCompare()
{
    m_compareAction->setText(tr("&Compare…"));
    m_compareAction->setToolTip(tr("Run this lesson once per value of one parameter (serial, threads, processes; "
                                   "a pool of 1, 2, 4, 8) or pick earlier runs, and compare them side by side "
                                   "(Ctrl+Shift+M)"));
}

void MainWindow::keepRunForCompare()
{
    const scenarios::RunResult &r = m_session->result();
    if (r.valid && !r.refused && m_session->store().eventCount() > 0)
        m_compareHistory->keep(r, m_session->store(), m_runScenarioTitle);
}

CompareView *MainWindow::openCompare(bool previousRuns)
{
    if (m_session->isRunning() || !m_scenario)
        return nullptr;
    CompareDialog dialog(*m_scenario, m_form->values(), *m_compareHistory, m_launcher, this);
    if (previousRuns)
        dialog.setCompareWithPrevious(true);
    if (dialog.exec() != QDialog::Accepted)
        return nullptr;
    scenarios::CompareSet set = dialog.takeResult();
    if (set.runs.empty())
        return nullptr;
    return showCompare(std::move(set));
}

CompareView *MainWindow::showCompare(scenarios::CompareSet set)
{
    auto *view = new CompareView(std::move(set), this);
    view->setWindowFlag(Qt::Window);
    view->setAttribute(Qt::WA_DeleteOnClose);
    view->show();
    return view;
}

} // namespace cl::ui
