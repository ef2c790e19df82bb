// Entry point: the fork server first (before Qt or any thread exists), then
// either a headless sub-command or the GUI.
#include "app/cli.h"
#include "app/quit_on_signal.h"
#include "app/startup.h"
#include "app/translations.h"
#include "core/runtime/fork_server.h"
#include "ui/main_window.h"

#include <QApplication>
#include <QGuiApplication>
#include <QTimer>
#include <cstdio>
#include <cstring>

namespace {
// Headless runs start the offscreen platform, which warns when a machine has
// no XDG_RUNTIME_DIR (CI, ssh); that noise would break "one line on stderr".
QtMessageHandler g_defaultHandler = nullptr;
void cliMessageHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (message.startsWith(QLatin1String("QStandardPaths: XDG_RUNTIME_DIR not set")))
        return;
    g_defaultHandler(type, context, message);
}
} // namespace

int main(int argc, char *argv[])
{
    // Workers are forked by this single-threaded server, never by the GUI process.
    std::unique_ptr<cl::runtime::ForkServerClient> forkServer = cl::runtime::ForkServerClient::start();
    if (!forkServer) {
        std::fprintf(stderr, "concurrency-lab: could not start the fork server: %s\n", std::strerror(errno));
        return 1;
    }

    const QString first = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString();
    if (cl::app::isCliCommand(first)) {
        // Headless: rendering a PNG needs fonts, not a display.
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        g_defaultHandler = qInstallMessageHandler(cliMessageHandler);
        QGuiApplication app(argc, argv);
        QCoreApplication::setApplicationName(QStringLiteral("concurrency-lab"));
        cl::app::installTranslations(app);
        return cl::app::runCli(app.arguments(), forkServer.get());
    }
    // --help, --version, bad options and a missing display are answered
    // before any GUI object exists: QApplication aborts without a display.
    QString fileToOpen;
    if (const std::optional<int> status = cl::app::handleGuiCommandLine(argc, argv, &fileToOpen))
        return *status;

    cl::app::guardPlatformStartup(true); // a DISPLAY that is set but unreachable
    QApplication app(argc, argv);
    cl::app::guardPlatformStartup(false);
    QCoreApplication::setApplicationName(QStringLiteral("concurrency-lab"));
    QCoreApplication::setOrganizationName(QStringLiteral("concurrency-lab"));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Concurrency Lab"));
    QGuiApplication::setDesktopFileName(QStringLiteral("concurrency-lab"));
    cl::app::installTranslations(app);
    cl::ui::MainWindow window(forkServer.get());
    cl::app::quitOnTerminationSignals(&window);
    window.show();
    if (!fileToOpen.isEmpty())
        QTimer::singleShot(0, &window, [&window, fileToOpen] { window.openTraceFile(fileToOpen); });
    const int status = app.exec();
    window.close(); // a quit by signal still stops the run and reaps its workers
    return status;
}
