#include "app/startup.h"
#include "app/cli.h"
#include "app/translations.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QTextStream>
#include <cstdio>
#include <cstdlib>

namespace cl::app {

namespace {
class Startup {
    Q_DECLARE_TR_FUNCTIONS(cl::app::Startup)
public:
    static QString noDisplayHint()
    {
        return tr("use xvfb-run or a headless command: list, describe, run, render");
    }
};

// Qt's window-system options, accepted so that "-platform offscreen" or
// "-style fusion" still reach QApplication. Hidden from our help.
const char *const kQtValueOptions[] = {"platform", "platformpluginpath", "platformtheme", "plugin",
                                       "style", "stylesheet", "qwindowgeometry", "qwindowtitle",
                                       "qwindowicon", "session", "display", "geometry", "title", "name"};
const char *const kQtFlagOptions[] = {"reverse", "widgetcount", "sync", "nograb", "dograb"};

// The option as the user typed it, for the message ("-bogus" or "--bogus").
QString typedOption(const QStringList &arguments, const QString &name)
{
    for (const QString &a : arguments.mid(1)) {
        QString bare = a;
        while (bare.startsWith(QLatin1Char('-')))
            bare.remove(0, 1);
        if (a.startsWith(QLatin1Char('-')) && bare.section(QLatin1Char('='), 0, 0) == name)
            return a.section(QLatin1Char('='), 0, 0);
    }
    return QStringLiteral("--") + name;
}

// Which window system Qt would try, and whether its variable is set.
// Platforms that need no display (offscreen, vnc, eglfs, ...) always pass.
bool hasDisplay(const QString &platformArgument, bool displayArgument)
{
    QString platform = platformArgument;
    if (platform.isEmpty())
        platform = qEnvironmentVariable("QT_QPA_PLATFORM");
    const bool x11 = displayArgument || !qEnvironmentVariableIsEmpty("DISPLAY");
    const bool wayland = !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
    if (platform.isEmpty())
        return x11 || wayland;
    const QStringList candidates = platform.split(QLatin1Char(';'), Qt::SkipEmptyParts);
    for (const QString &c : candidates) {
        if (c.startsWith(QLatin1String("xcb"))) {
            if (x11)
                return true;
        } else if (c.startsWith(QLatin1String("wayland"))) {
            if (wayland)
                return true;
        } else {
            return true;
        }
    }
    return false;
}

// A word where a command belongs and no file of that name: a typo.
int notACommand(const QString &word)
{
    return printBadInput(Startup::tr("unknown command \"%1\", and no such file to open; commands: list, "
                                     "describe ID, run ID, render TRACE (no command opens the window)")
                             .arg(word));
}

QtMessageHandler g_previousHandler = nullptr;

void platformFailureHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type != QtFatalMsg) {
        if (g_previousHandler)
            g_previousHandler(type, context, message);
        else
            std::fprintf(stderr, "%s\n", qPrintable(qFormatLogMessage(type, context, message)));
        return;
    }
    // Qt's own text suggests reinstalling; the display is what is missing.
    const QString display = qEnvironmentVariable("DISPLAY");
    const QString line =
        Startup::tr("could not open the window: no usable display (DISPLAY=\"%1\", WAYLAND_DISPLAY=\"%2\"); %3")
            .arg(display, qEnvironmentVariable("WAYLAND_DISPLAY"), Startup::noDisplayHint());
    std::fprintf(stderr, "%s: %s\n", qPrintable(QCoreApplication::applicationName()), qPrintable(line));
    std::fflush(stderr);
    std::_Exit(kExitNoDisplay); // no destructors: the half-built QApplication cannot run them
}
} // namespace

std::optional<int> handleGuiCommandLine(int &argc, char **argv, QString *fileToOpen)
{
    QCoreApplication app(argc, argv); // enough for the parse and for translations
    QCoreApplication::setApplicationName(QStringLiteral("concurrency-lab"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CL_VERSION));
    installTranslations(app);
    const QStringList arguments = QCoreApplication::arguments();

    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions); // Qt's "-platform"
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help"), QStringLiteral("?")});
    const QCommandLineOption version(QStringList{QStringLiteral("v"), QStringLiteral("version")});
    parser.addOption(help);
    parser.addOption(version);
    for (const char *name : kQtValueOptions) {
        QCommandLineOption o(QString::fromLatin1(name), QString(), QStringLiteral("value"));
        o.setFlags(QCommandLineOption::HiddenFromHelp);
        parser.addOption(o);
    }
    for (const char *name : kQtFlagOptions) {
        QCommandLineOption o(QString::fromLatin1(name));
        o.setFlags(QCommandLineOption::HiddenFromHelp);
        parser.addOption(o);
    }

    // "fly --summary x": the word is the mistake, not the option after it.
    if (const QString first = arguments.value(1);
        !first.isEmpty() && !first.startsWith(QLatin1Char('-')) && !QFileInfo(first).isFile())
        return notACommand(first);
    if (!parser.parse(arguments)) {
        const QStringList unknown = parser.unknownOptionNames();
        if (!unknown.isEmpty())
            return printBadInput(Startup::tr("unknown option \"%1\"; options: --help, --version (and Qt's window "
                                             "options such as -platform); commands: list, describe, run")
                                     .arg(typedOption(arguments, unknown.first())));
        QString error = parser.errorText();
        if (error.endsWith(QLatin1Char('.')))
            error.chop(1);
        return printBadInput(Startup::tr("%1; see --help").arg(error));
    }
    if (parser.isSet(help)) {
        QTextStream(stdout) << usageText();
        return 0;
    }
    if (parser.isSet(version)) {
        QTextStream(stdout) << QCoreApplication::applicationName() << ' ' << QCoreApplication::applicationVersion()
                            << Qt::endl;
        return 0;
    }
    // One file: a trace to open in the window.
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1)
        return printBadInput(Startup::tr("the window opens one trace file at a time; got %1 arguments: %2")
                                 .arg(positional.size())
                                 .arg(positional.join(QStringLiteral(" "))));
    if (!positional.isEmpty() && !QFileInfo(positional.first()).isFile())
        return notACommand(positional.first());
    if (!hasDisplay(parser.value(QStringLiteral("platform")), parser.isSet(QStringLiteral("display")))) {
        const QString hint =
            positional.isEmpty()
                ? Startup::noDisplayHint()
                : Startup::tr("use xvfb-run, or draw the trace headless: %1 render %2 --png FILE")
                      .arg(QCoreApplication::applicationName(), positional.first());
        QTextStream(stderr) << QCoreApplication::applicationName() << ": "
                            << Startup::tr("no display found (DISPLAY/WAYLAND_DISPLAY not set); %1").arg(hint)
                            << Qt::endl;
        return kExitNoDisplay;
    }
    if (fileToOpen && !positional.isEmpty())
        *fileToOpen = QFileInfo(positional.first()).absoluteFilePath();
    return std::nullopt;
}

void guardPlatformStartup(bool on)
{
    if (on)
        g_previousHandler = qInstallMessageHandler(platformFailureHandler);
    else
        qInstallMessageHandler(g_previousHandler);
}

} // namespace cl::app
