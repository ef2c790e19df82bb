#include "app/cli.h"
#include "app/cli_p.h"
#include "core/scenarios/catalogue.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

namespace cl::app {

namespace {

class Cli {
    Q_DECLARE_TR_FUNCTIONS(cl::app::Cli)
public:
    static int list(const QStringList &arguments)
    {
        QCommandLineParser parser;
        parser.setApplicationDescription(tr("List the scenarios: one id, a tab and the title per line."));
        const int parsed = detail::parseCommand(parser, arguments, QStringLiteral("list"),
                                                QStringLiteral("list"));
        if (parsed >= 0)
            return parsed;
        if (!parser.positionalArguments().isEmpty())
            return printBadInput(tr("list takes no arguments"));
        for (const scenarios::Scenario *s : scenarios::catalogue())
            detail::out() << s->id() << '\t' << s->title() << Qt::endl;
        return 0;
    }

    static int describe(const QStringList &arguments)
    {
        QCommandLineParser parser;
        parser.setApplicationDescription(
            tr("Show a scenario's parameters: each key with its default, what it means and the allowed values."));
        parser.addPositionalArgument(QStringLiteral("ID"), tr("Scenario id (see: list)."));
        const int parsed = detail::parseCommand(parser, arguments, QStringLiteral("describe"),
                                                QStringLiteral("describe ID"));
        if (parsed >= 0)
            return parsed;
        const QStringList args = parser.positionalArguments();
        if (args.size() != 1)
            return printBadInput(tr("describe takes one scenario id"));
        const scenarios::Scenario *s = detail::scenarioOrError(args.first());
        if (!s)
            return kExitBadInput;
        QTextStream &out = detail::out();
        out << s->id() << " — " << s->title() << Qt::endl << Qt::endl;
        for (const auto &p : s->parameters()) {
            const QString def = p.type == scenarios::ParameterSpec::Type::Integer ? QString::number(p.defaultInteger)
                                                                                  : p.defaultChoice;
            out << "  " << p.key << "=" << def << "\t" << p.translatedHelp() << " " << tr("Allowed: %1.").arg(p.allowedText())
                << Qt::endl;
        }
        return 0;
    }
};

} // namespace

namespace detail {

const scenarios::Scenario *scenarioOrError(const QString &id)
{
    const scenarios::Scenario *s = scenarios::findScenario(id);
    if (!s) {
        QStringList ids;
        for (const scenarios::Scenario *c : scenarios::catalogue())
            ids << c->id();
        printBadInput(QCoreApplication::translate("cl::app::Cli", "unknown scenario \"%1\"; known: %2")
                          .arg(id, ids.join(QStringLiteral(", "))));
    }
    return s;
}

bool applySets(const scenarios::Scenario &scenario, const QStringList &assignments,
               scenarios::ParameterValues &values)
{
    for (const QString &assignment : assignments) {
        if (auto error = scenarios::Parameters::applyAssignment(scenario.id(), scenario.parameters(), assignment,
                                                                 values)) {
            printBadInput(*error);
            return false;
        }
    }
    return true;
}

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

QTextStream &err()
{
    static QTextStream s(stderr);
    return s;
}

int parseCommand(QCommandLineParser &parser, const QStringList &arguments, const QString &command,
                 const QString &usage, const QString &footer)
{
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, Cli::tr("Show this help."));
    parser.addOption(help);
    if (!parser.parse(arguments)) {
        const QString program = QCoreApplication::applicationName();
        const QStringList unknown = parser.unknownOptionNames();
        if (!unknown.isEmpty()) {
            const QString name = unknown.first();
            return printBadInput(Cli::tr("unknown option \"%1\" for %2; see \"%3 %2 --help\" for its options")
                                     .arg((name.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + name,
                                          command, program));
        }
        QString error = parser.errorText();
        if (error.endsWith(QLatin1Char('.')))
            error.chop(1);
        return printBadInput(Cli::tr("%1: %2; see \"%3 %1 --help\"").arg(command, error, program));
    }
    if (parser.isSet(help)) {
        // Qt's first line names the executable's full path and no command.
        QString text = parser.helpText();
        text = text.mid(text.indexOf(QLatin1Char('\n')) + 1);
        out() << Cli::tr("Usage: %1 %2 [options]").arg(QCoreApplication::applicationName(), usage) << Qt::endl
              << text;
        if (!footer.isEmpty())
            out() << Qt::endl << footer << Qt::endl;
        out().flush();
        return 0;
    }
    return -1;
}

} // namespace detail

int printBadInput(const QString &message)
{
    detail::err() << QCoreApplication::applicationName() << ": " << message << Qt::endl;
    return kExitBadInput;
}

QString usageText()
{
    const QString app = QCoreApplication::applicationName();
    return Cli::tr("Usage: %1 [options] [FILE]\n"
                   "       %1 list\n"
                   "       %1 describe ID\n"
                   "       %1 run ID [--set KEY=VALUE]... [--summary FILE] [--trace FILE] [--png FILE]\n"
                   "              [--csv FILE] [--start-method forkserver|fork|spawn]\n"
                   "       %1 render TRACE --png FILE [--svg FILE] [--pdf FILE] [--range START_MS:END_MS]\n"
                   "       %1 compare ID --vary KEY=V1,V2,... [--set KEY=VALUE]... [--summary FILE]\n"
                   "              [--csv FILE] [--png FILE] [--start-method forkserver|fork|spawn]\n"
                   "\n"
                   "Concurrency Lab runs classic concurrency lessons on real processes and threads\n"
                   "and shows what happened.\n"
                   "\n"
                   "Without a command the window opens; it needs a display (or xvfb-run).\n"
                   "FILE opens a saved trace (Chrome trace-event JSON) in the window.\n"
                   "\n"
                   "Headless commands (no display needed):\n"
                   "  list         List the scenarios: id and title.\n"
                   "  describe ID  Show a scenario's parameters, defaults and allowed values.\n"
                   "  run ID       Run a scenario, print its verdict and metrics, and write the\n"
                   "               --summary JSON (or --csv), the --trace JSON (Perfetto) or the --png\n"
                   "               timeline.\n"
                   "  render TRACE Render a saved trace (this app's or another tool's) to PNG, SVG, PDF.\n"
                   "  compare ID   Run a scenario once per value of one parameter and compare wall\n"
                   "               time, CPU time, speedup and efficiency (--summary, --csv, --png).\n"
                   "Each command takes --help for its details.\n"
                   "\n"
                   "Options:\n"
                   "  -h, --help     Show this help.\n"
                   "  -v, --version  Show the version.\n"
                   "  Qt's window options (-platform, -style, -reverse, ...) are passed on to Qt.\n"
                   "\n"
                   "Exit status: 0 success; 1 a run failed or the window could not open;\n"
                   "2 bad input; 130 or 143 a run interrupted by SIGINT or SIGTERM.\n")
        .arg(app);
}

bool isCliCommand(const QString &word)
{
    return word == QLatin1String("list") || word == QLatin1String("run") || word == QLatin1String("describe")
           || word == QLatin1String("render") || word == QLatin1String("compare");
}

int runCli(const QStringList &arguments, runtime::ProcessLauncher *launcher)
{
    // arguments: program, command, rest... QCommandLineParser expects the
    // program name first, so the command word is dropped.
    const QString command = arguments.value(1);
    QStringList rest = arguments;
    rest.removeAt(1);
    if (command == QLatin1String("list"))
        return Cli::list(rest);
    if (command == QLatin1String("describe"))
        return Cli::describe(rest);
    if (command == QLatin1String("render"))
        return detail::renderCommand(rest);
    if (command == QLatin1String("compare"))
        return detail::compareCommand(rest, launcher);
    return detail::runCommand(rest, launcher);
}

} // namespace cl::app
