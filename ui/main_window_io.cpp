// MainWindow: exports, settings, the about box and the screenshot aid.
#include "core/scenarios/run_summary.h"
#include "core/trace/chrome_trace.h"
#include "ui/main_window.h"
#include "ui/parameter_form.h"
#include "ui/scenario_browser.h"
#include "ui/timeline_view.h"
#include "ui/trace_image.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTimer>

#include <cstdio>

namespace cl::ui {

void MainWindow::restoreSettings()
{
    QSettings s(QStringLiteral("concurrency-lab"), QStringLiteral("concurrency-lab"));
    s.beginGroup(QStringLiteral("mainWindow"));
    if (s.contains(QStringLiteral("geometry")))
        restoreGeometry(s.value(QStringLiteral("geometry")).toByteArray());
    restoreState(s.value(QStringLiteral("state")).toByteArray());
    m_hsplit->restoreState(s.value(QStringLiteral("mainSplitter")).toByteArray());
    m_vsplit->restoreState(s.value(QStringLiteral("centreSplitter")).toByteArray());
    m_leftSplit->restoreState(s.value(QStringLiteral("leftSplitter")).toByteArray());
    const QString last = s.value(QStringLiteral("scenario")).toString();
    s.endGroup();
    if (!last.isEmpty())
        selectScenario(last);
    restoreParameterSettings();
}

void MainWindow::saveSettings() const
{
    QSettings s(QStringLiteral("concurrency-lab"), QStringLiteral("concurrency-lab"));
    s.beginGroup(QStringLiteral("mainWindow"));
    s.setValue(QStringLiteral("geometry"), saveGeometry());
    s.setValue(QStringLiteral("state"), saveState());
    s.setValue(QStringLiteral("mainSplitter"), m_hsplit->saveState());
    s.setValue(QStringLiteral("centreSplitter"), m_vsplit->saveState());
    s.setValue(QStringLiteral("leftSplitter"), m_leftSplit->saveState());
    if (m_scenario)
        s.setValue(QStringLiteral("scenario"), m_scenario->id());
    s.endGroup();
    saveParameterSettings();
}

QString MainWindow::runBaseName() const
{
    return m_runScenarioId.isEmpty() ? QStringLiteral("trace") : m_runScenarioId;
}

QString MainWindow::askSavePath(const QString &caption, const QString &fileName, const QString &filter)
{
    QSettings s(QStringLiteral("concurrency-lab"), QStringLiteral("concurrency-lab"));
    QString dir = s.value(QStringLiteral("export/dir")).toString();
    if (dir.isEmpty() || !QDir(dir).exists())
        dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (dir.isEmpty() || !QDir(dir).exists())
        dir = QDir::homePath();
    QFileDialog dialog(this, caption, QDir(dir).filePath(fileName), filter);
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setFileMode(QFileDialog::AnyFile);
    dialog.setDefaultSuffix(QFileInfo(fileName).suffix());
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
        return {};
    const QString path = dialog.selectedFiles().constFirst();
    s.setValue(QStringLiteral("export/dir"), QFileInfo(path).absolutePath());
    return path;
}

void MainWindow::exportPng()
{
    const QString path = askSavePath(tr("Export timeline as PNG"), runBaseName() + QStringLiteral(".png"),
                                     tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    TraceImageOptions options;
    options.title = m_runScenarioTitle;
    // A crisp picture for slides, whatever the screen's own scale.
    options.scale = std::max<qreal>(2.0, devicePixelRatioF());
    QString error;
    if (!saveTracePng(m_session->store(), options, path, &error)) {
        QMessageBox::critical(this, tr("Export PNG"), tr("Could not write %1: %2").arg(path, error));
        return;
    }
    statusBar()->showMessage(tr("Saved the timeline to %1").arg(QDir::toNativeSeparators(path)), 8000);
}

void MainWindow::exportTrace()
{
    const QString path = askSavePath(tr("Export trace"), runBaseName() + QStringLiteral(".json"),
                                     tr("Chrome trace / Perfetto (*.json)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!trace::writeChromeTrace(m_session->store(), path, &error)) {
        QMessageBox::critical(this, tr("Export trace"), tr("Could not write %1: %2").arg(path, error));
        return;
    }
    statusBar()->showMessage(tr("Saved the trace to %1 (open it at ui.perfetto.dev)")
                                 .arg(QDir::toNativeSeparators(path)),
                             8000);
}

void MainWindow::saveSummary()
{
    const QString path = askSavePath(tr("Save summary"), runBaseName() + QStringLiteral("-summary.json"),
                                     tr("JSON files (*.json)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!scenarios::writeRunSummary(m_session->result(), path, &error)) {
        QMessageBox::critical(this, tr("Save summary"), tr("Could not write %1: %2").arg(path, error));
        return;
    }
    statusBar()->showMessage(tr("Saved the summary to %1").arg(QDir::toNativeSeparators(path)), 8000);
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Concurrency Lab"),
                       tr("<h3>Concurrency Lab %1</h3>"
                          "<p>Runs the classic concurrency lessons on real processes and threads and draws "
                          "what happened: every PID and TID, every lock wait, the CPU of every core.</p>"
                          "<p>Workers are real: the PIDs and TIDs you see are the kernel's.</p>")
                           .arg(QCoreApplication::applicationVersion()));
}

void MainWindow::setUpScreenshotAid()
{
    const QString path = qEnvironmentVariable("CL_SCREENSHOT");
    if (path.isEmpty())
        return;
    bool ok = false;
    int delay = qEnvironmentVariableIntValue("CL_SCREENSHOT_DELAY_MS", &ok);
    if (!ok)
        delay = 1500;
    // Unattended: grab, report, and close (which also ends any run).
    auto shoot = [this, path] {
        const bool saved = grab().save(path);
        std::fprintf(stderr, "concurrency-lab: screenshot %s %s\n", saved ? "saved to" : "could not be saved to",
                     qPrintable(path));
        close();
    };
    if (qEnvironmentVariableIntValue("CL_AUTORUN") != 0) {
        // CL_AUTORUN_SET="lock=on,think_ms=150": the same checks as the CLI's --set.
        const QStringList assignments =
            qEnvironmentVariable("CL_AUTORUN_SET").split(QLatin1Char(','), Qt::SkipEmptyParts);
        if (m_scenario && !assignments.isEmpty()) {
            scenarios::ParameterValues values = m_form->values();
            for (const QString &a : assignments)
                if (auto error = scenarios::Parameters::applyAssignment(m_scenario->id(), m_scenario->parameters(), a,
                                                                         values))
                    std::fprintf(stderr, "concurrency-lab: CL_AUTORUN_SET: %s\n", qPrintable(*error));
            m_form->setValues(values);
        }
        connect(
            m_session, &scenarios::RunSession::finished, this, [this, delay, shoot] { QTimer::singleShot(delay, this, shoot); },
            Qt::SingleShotConnection);
        QTimer::singleShot(500, this, &MainWindow::run);
    } else {
        QTimer::singleShot(delay, this, shoot);
    }
}

} // namespace cl::ui
