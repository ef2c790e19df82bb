// MainWindow: opening trace files (File → Open, Open Recent, drag and drop,
// the command line), loading them in the background, and the File → Export
// submenu (PNG, SVG, PDF, Chrome trace, summary JSON and CSV), Edit → Copy
// Picture, and the parameters kept between sessions.
#include "core/scenarios/catalogue.h"
#include "core/scenarios/run_record.h"
#include "core/scenarios/run_summary_csv.h"
#include "ui/charts_panel.h"
#include "ui/console_model.h"
#include "ui/main_window.h"
#include "ui/parameter_form.h"
#include "ui/scenario_browser.h"
#include "ui/summary_panel.h"
#include "ui/timeline_view.h"
#include "ui/trace_export.h"
#include "ui/trace_file_loader.h"

#include <QAction>
#include <QClipboard>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressDialog>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>

namespace cl::ui {

namespace {
constexpr int kMaxRecent = 10;
const QString kRecentKey = QStringLiteral("files/recent");
const QString kOpenDirKey = QStringLiteral("files/openDir");

QSettings settings() { return QSettings(QStringLiteral("concurrency-lab"), QStringLiteral("concurrency-lab")); }

// The first local file of a drag, if it may be a trace.
QString droppedFile(const QMimeData *mime)
{
    if (!mime || !mime->hasUrls())
        return {};
    for (const QUrl &url : mime->urls())
        if (url.isLocalFile() && QFileInfo(url.toLocalFile()).isFile())
            return url.toLocalFile();
    return {};
}
} // namespace

void MainWindow::createFileActions()
{
    setAcceptDrops(true);
    m_loader = new TraceFileLoader(this);
    connect(m_loader, &TraceFileLoader::finished, this, &MainWindow::onTraceFileLoaded);

    auto make = [this](const QString &icon, const QString &objectName) {
        auto *a = new QAction(this);
        a->setObjectName(objectName);
        if (!icon.isEmpty())
            a->setIcon(QIcon(QStringLiteral(":/icons/%1.svg").arg(icon)));
        return a;
    };
    m_openAction = make(QString(), QStringLiteral("actionOpen"));
    m_openAction->setShortcut(QKeySequence::Open);
    connect(m_openAction, &QAction::triggered, this, &MainWindow::askOpenTraceFile);
    m_clearRecentAction = make(QString(), QStringLiteral("actionClearRecent"));
    connect(m_clearRecentAction, &QAction::triggered, this, [this] {
        QSettings s = settings();
        s.remove(kRecentKey);
        rebuildRecentMenu();
    });
    m_exportSvgAction = make(QString(), QStringLiteral("actionExportSvg"));
    connect(m_exportSvgAction, &QAction::triggered, this, [this] { exportPicture(int(TraceFileFormat::Svg)); });
    m_exportPdfAction = make(QString(), QStringLiteral("actionExportPdf"));
    connect(m_exportPdfAction, &QAction::triggered, this, [this] { exportPicture(int(TraceFileFormat::Pdf)); });
    m_exportCsvAction = make(QString(), QStringLiteral("actionExportCsv"));
    connect(m_exportCsvAction, &QAction::triggered, this, &MainWindow::exportSummaryCsv);
    m_exportVisibleAction = make(QString(), QStringLiteral("actionExportVisibleOnly"));
    m_exportVisibleAction->setCheckable(true);
    m_copyPictureAction = make(QString(), QStringLiteral("actionCopyPicture"));
    m_copyPictureAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    connect(m_copyPictureAction, &QAction::triggered, this, &MainWindow::copyPicture);
}

void MainWindow::addFileMenuEntries()
{
    m_fileMenu->addAction(m_openAction);
    m_recentMenu = m_fileMenu->addMenu(QString());
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    rebuildRecentMenu();
    m_fileMenu->addSeparator();
    m_exportMenu = m_fileMenu->addMenu(QString());
    m_exportMenu->setObjectName(QStringLiteral("exportMenu"));
    m_exportMenu->addAction(m_exportPngAction);
    m_exportMenu->addAction(m_exportSvgAction);
    m_exportMenu->addAction(m_exportPdfAction);
    m_exportMenu->addSeparator();
    m_exportMenu->addAction(m_exportTraceAction);
    m_exportMenu->addAction(m_saveSummaryAction);
    m_exportMenu->addAction(m_exportCsvAction);
    m_exportMenu->addSeparator();
    m_exportMenu->addAction(m_exportVisibleAction);
    m_fileMenu->addAction(m_saveSummaryAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quitAction);
    m_editMenu = menuBar()->addMenu(QString());
    m_editMenu->addAction(m_copyPictureAction);
}

void MainWindow::retranslateFiles()
{
    m_openAction->setText(tr("&Open trace…"));
    m_openAction->setToolTip(tr("Open a saved trace: this app's, or any Chrome trace-event JSON (Ctrl+O)"));
    m_recentMenu->setTitle(tr("Open &recent"));
    m_clearRecentAction->setText(tr("&Clear the list"));
    m_exportMenu->setTitle(tr("&Export"));
    m_exportSvgAction->setText(tr("Export &SVG…"));
    m_exportSvgAction->setToolTip(tr("Save the timeline as SVG: text stays text, it scales without blur"));
    m_exportPdfAction->setText(tr("Export P&DF…"));
    m_exportPdfAction->setToolTip(tr("Save the timeline as a one-page PDF that fits the picture"));
    m_exportCsvAction->setText(tr("Save summary as &CSV…"));
    m_exportCsvAction->setToolTip(tr("Save the verdict and metrics as one CSV row, for a spreadsheet"));
    m_exportVisibleAction->setText(tr("Pictures show only the &visible range"));
    m_exportVisibleAction->setToolTip(tr("PNG, SVG, PDF and Copy Picture show what the timeline shows now, "
                                         "not the whole run"));
    m_editMenu->setTitle(tr("&Edit"));
    m_copyPictureAction->setText(tr("&Copy picture"));
    m_copyPictureAction->setToolTip(tr("Copy the timeline picture to the clipboard (Ctrl+Shift+C)"));
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu()
{
    if (!m_recentMenu)
        return;
    m_recentMenu->clear();
    const QStringList files = settings().value(kRecentKey).toStringList();
    for (int i = 0; i < files.size(); ++i) {
        const QString path = files.at(i);
        // &1 … &9: the keyboard reaches the first nine.
        const QString text = i < 9 ? QStringLiteral("&%1 %2").arg(i + 1).arg(QDir::toNativeSeparators(path))
                                   : QDir::toNativeSeparators(path);
        QAction *a = m_recentMenu->addAction(text);
        a->setData(path);
        connect(a, &QAction::triggered, this, [this, path] { openTraceFile(path); });
    }
    if (!files.isEmpty())
        m_recentMenu->addSeparator();
    m_recentMenu->addAction(m_clearRecentAction);
    m_clearRecentAction->setEnabled(!files.isEmpty());
    m_recentMenu->setEnabled(true);
}

void MainWindow::addRecentFile(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QSettings s = settings();
    QStringList files = s.value(kRecentKey).toStringList();
    files.removeAll(absolute);
    files.prepend(absolute);
    while (files.size() > kMaxRecent)
        files.removeLast();
    s.setValue(kRecentKey, files);
    rebuildRecentMenu();
}

void MainWindow::askOpenTraceFile()
{
    QSettings s = settings();
    QString dir = s.value(kOpenDirKey).toString();
    if (dir.isEmpty() || !QDir(dir).exists())
        dir = s.value(QStringLiteral("export/dir")).toString();
    if (dir.isEmpty() || !QDir(dir).exists())
        dir = QDir::homePath();
    const QString path = QFileDialog::getOpenFileName(this, tr("Open trace"), dir,
                                                      tr("Chrome trace JSON (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    s.setValue(kOpenDirKey, QFileInfo(path).absolutePath());
    openTraceFile(path);
}

void MainWindow::openTraceFile(const QString &path)
{
    if (m_session->isRunning()) {
        QMessageBox::information(this, tr("Open trace"), tr("A run is in progress: stop it or let it finish, then "
                                                            "open “%1”.")
                                                             .arg(QFileInfo(path).fileName()));
        return;
    }
    if (m_loader->isLoading())
        return; // the progress dialog is up: one file at a time
    m_loader->start(path, scenarios::RunSession::defaultItemLimit());
    m_loadProgress = new QProgressDialog(this);
    m_loadProgress->setObjectName(QStringLiteral("loadProgress"));
    m_loadProgress->setAttribute(Qt::WA_DeleteOnClose);
    m_loadProgress->setWindowTitle(tr("Open trace"));
    m_loadProgress->setLabelText(tr("Reading %1…").arg(QFileInfo(path).fileName()));
    m_loadProgress->setCancelButtonText(tr("Cancel"));
    m_loadProgress->setRange(0, 1000);
    m_loadProgress->setMinimumDuration(400); // a small file never flashes a dialog
    m_loadProgress->setWindowModality(Qt::WindowModal);
    m_loadProgress->setValue(0);
    connect(m_loadProgress, &QProgressDialog::canceled, m_loader, &TraceFileLoader::cancel);
    connect(m_loader, &TraceFileLoader::progress, m_loadProgress, [this](quint64 done, quint64 total) {
        if (m_loadProgress && total > 0)
            m_loadProgress->setValue(int(done * 1000 / total));
    });
    statusBar()->showMessage(tr("Opening %1…").arg(QDir::toNativeSeparators(path)));
}

void MainWindow::onTraceFileLoaded()
{
    if (m_loadProgress) {
        m_loadProgress->disconnect(m_loader);
        m_loader->disconnect(m_loadProgress);
        m_loadProgress->close();
        m_loadProgress = nullptr;
    }
    const QString path = m_loader->path();
    const trace::TraceLoadReport report = m_loader->report();
    if (report.cancelled) {
        statusBar()->showMessage(tr("Opening %1 was cancelled.").arg(QFileInfo(path).fileName()), 8000);
        Q_EMIT traceFileOpened(path, false, report.error);
        return;
    }
    if (!report.ok) {
        statusBar()->clearMessage();
        // Not modal-blocking: the window goes on, and tests can close it.
        auto *box = new QMessageBox(QMessageBox::Critical, tr("Open trace"),
                                    tr("Could not open the trace."), QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("openTraceError"));
        box->setInformativeText(report.error);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        Q_EMIT traceFileOpened(path, false, report.error);
        return;
    }
    if (m_session->isRunning()) {
        Q_EMIT traceFileOpened(path, false, QString());
        return; // a run started meanwhile: it keeps the views
    }
    trace::TraceStore store = m_loader->takeStore();
    const scenarios::RunResult result = scenarios::runResultFromTrace(store);
    // A lesson of this app: select it and show the run's parameters.
    if (const scenarios::Scenario *s = scenarios::findScenario(result.scenarioId)) {
        m_formValues.insert(s->id(), result.params);
        selectScenario(s->id());
        m_form->setValues(result.params);
        m_runScenarioId = s->id();
        m_runScenarioTitle = s->title();
    } else {
        m_runScenarioId.clear();
        const auto title = store.metadata().find("title");
        m_runScenarioTitle = title != store.metadata().end() ? QString::fromStdString(title->second) : QString();
    }
    m_session->adoptTrace(std::move(store), result);
    m_openFile = path;
    m_fileShown = true;
    m_viewsShowRun = true;
    const trace::TraceStore &shown = m_session->store();
    m_timeline->setStore(&shown);
    m_timeline->setFollowLive(false);
    m_timeline->fit();
    m_consoleModel->setStore(&shown);
    m_charts->setStore(&shown);
    m_charts->refresh();
    m_summary->showResult(m_session->result(), shown);
    QTimer::singleShot(0, this, &MainWindow::syncChartGeometry);
    addRecentFile(path);
    updateTitle();
    updateActions();
    updateProgress();

    QString message = tr("Opened %1: %2 events on %3 tracks.")
                          .arg(QFileInfo(path).fileName(), QLocale().toString(qulonglong(report.events)))
                          .arg(shown.workers().size());
    if (report.genericSpans > 0)
        message += QLatin1Char(' ') + tr("%1 spans of another tool are shown as “running”, named by their event.")
                                          .arg(QLocale().toString(qulonglong(report.genericSpans)));
    if (const QString skipped = report.skippedText(); !skipped.isEmpty())
        message += QLatin1Char(' ') + skipped + QLatin1Char('.');
    if (shown.droppedByLimit() > 0)
        message += QLatin1Char(' ') + tr("Only the first %1 items were kept (the store's limit); %2 more were not.")
                                          .arg(QLocale().toString(qulonglong(shown.storedItems())),
                                               QLocale().toString(qulonglong(shown.droppedByLimit())));
    statusBar()->showMessage(message);
    Q_EMIT traceFileOpened(path, true, QString());
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (!droppedFile(event->mimeData()).isEmpty() && !m_session->isRunning())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QString path = droppedFile(event->mimeData());
    if (path.isEmpty())
        return;
    event->acceptProposedAction();
    // After the drop has finished: a message box inside it would hang the drag.
    QTimer::singleShot(0, this, [this, path] { openTraceFile(path); });
}

void MainWindow::exportPicture(int format)
{
    const auto f = TraceFileFormat(format);
    const QString suffix = f == TraceFileFormat::Svg ? QStringLiteral(".svg") : QStringLiteral(".pdf");
    const QString caption = f == TraceFileFormat::Svg ? tr("Export timeline as SVG") : tr("Export timeline as PDF");
    const QString filter = f == TraceFileFormat::Svg ? tr("SVG images (*.svg)") : tr("PDF documents (*.pdf)");
    const QString path = askSavePath(caption, runBaseName() + suffix, filter);
    if (path.isEmpty())
        return;
    TraceImageOptions options;
    options.title = m_runScenarioTitle;
    if (m_exportVisibleAction->isChecked()) {
        options.rangeBegin = m_timeline->visibleBegin();
        options.rangeEnd = m_timeline->visibleEnd();
    }
    QString error;
    if (!saveTraceFile(m_session->store(), options, f, path, &error)) {
        QMessageBox::critical(this, caption, tr("Could not write %1: %2").arg(path, error));
        return;
    }
    statusBar()->showMessage(tr("Saved the timeline to %1").arg(QDir::toNativeSeparators(path)), 8000);
}

void MainWindow::exportSummaryCsv()
{
    const QString path = askSavePath(tr("Save summary as CSV"), runBaseName() + QStringLiteral("-summary.csv"),
                                     tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!scenarios::writeRunSummaryCsv(m_session->result(), path, &error)) {
        QMessageBox::critical(this, tr("Save summary as CSV"), tr("Could not write %1: %2").arg(path, error));
        return;
    }
    statusBar()->showMessage(tr("Saved the summary to %1").arg(QDir::toNativeSeparators(path)), 8000);
}

void MainWindow::copyPicture()
{
    TraceImageOptions options;
    options.title = m_runScenarioTitle;
    options.scale = std::max<qreal>(1.0, devicePixelRatioF());
    if (m_exportVisibleAction->isChecked()) {
        options.rangeBegin = m_timeline->visibleBegin();
        options.rangeEnd = m_timeline->visibleEnd();
    }
    const QImage image = renderTraceImage(m_session->store(), options);
    if (image.isNull())
        return;
    QGuiApplication::clipboard()->setImage(image);
    statusBar()->showMessage(tr("Copied the timeline picture to the clipboard."), 5000);
}

void MainWindow::restoreParameterSettings()
{
    // The last values of every lesson the user changed, checked again:
    // a value a newer version no longer allows falls back to its default.
    QSettings s = settings();
    s.beginGroup(QStringLiteral("parameters"));
    const QStringList ids = s.childKeys();
    for (const QString &id : ids) {
        if (!scenarios::findScenario(id))
            continue;
        const QJsonObject o = QJsonDocument::fromJson(s.value(id).toString().toUtf8()).object();
        m_formValues.insert(id, scenarios::parametersFromJson(id, o));
    }
    s.endGroup();
    if (m_scenario) {
        const auto kept = m_formValues.constFind(m_scenario->id());
        if (kept != m_formValues.constEnd())
            m_form->setValues(*kept);
    }
}

void MainWindow::saveParameterSettings() const
{
    QHash<QString, scenarios::ParameterValues> all = m_formValues;
    if (m_scenario)
        all.insert(m_scenario->id(), m_form->values());
    QSettings s = settings();
    s.beginGroup(QStringLiteral("parameters"));
    for (auto it = all.constBegin(); it != all.constEnd(); ++it)
        s.setValue(it.key(), QString::fromUtf8(QJsonDocument(it.value().toJson()).toJson(QJsonDocument::Compact)));
    s.endGroup();
}

} // namespace cl::ui
