#include "app/cli.h"
#include "core/runtime/launcher.h"
#include "core/scenarios/catalogue.h"
#include "core/scenarios/run_session.h"
#include "core/scenarios/run_summary.h"
#include "core/trace/chrome_trace.h"
#include "ui/trace_image.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

namespace cl::app {

namespace {

class Cli {
    Q_DECLARE_TR_FUNCTIONS(cl::app::Cli)
public:
    static QTextStream &out()
    {
        static QTextStream s(stdout);
        return s;
    }
    static QTextStream &err()
    {
        static QTextStream s(stderr);
        return s;
    }
    static int badInput(const QString &message)
    {
        err() << QCoreApplication::applicationName() << ": " << message << Qt::endl;
        return kExitBadInput;
    }

    static int list()
    {
        for (const scenarios::Scenario *s : scenarios::catalogue())
            out() << s->id() << '\t' << s->title() << Qt::endl;
        return 0;
    }

    static const scenarios::Scenario *scenarioOrError(const QString &id)
    {
        const scenarios::Scenario *s = scenarios::findScenario(id);
        if (!s) {
            QStringList ids;
            for (const scenarios::Scenario *c : scenarios::catalogue())
                ids << c->id();
            // Spelled out: lupdate misreads the context inside this function.
            badInput(QCoreApplication::translate("cl::app::Cli", "unknown scenario \"%1\"; known: %2")
                         .arg(id, ids.join(QStringLiteral(", "))));
        }
        return s;
    }

    static int describe(const QStringList &args)
    {
        if (args.size() != 1)
            return badInput(tr("describe takes one scenario id"));
        const scenarios::Scenario *s = scenarioOrError(args.first());
        if (!s)
            return kExitBadInput;
        out() << s->id() << " — " << s->title() << Qt::endl << Qt::endl;
        for (const auto &p : s->parameters()) {
            const QString def = p.type == scenarios::ParameterSpec::Type::Integer ? QString::number(p.defaultInteger)
                                                                                  : p.defaultChoice;
            out() << "  " << p.key << "=" << def << "\t" << p.translatedHelp() << " " << tr("Allowed: %1.").arg(p.allowedText())
                  << Qt::endl;
        }
        return 0;
    }

    static int run(const QStringList &arguments, runtime::ProcessLauncher *launcher)
    {
        QCommandLineParser parser;
        parser.setApplicationDescription(tr("Run a scenario headless."));
        parser.addPositionalArgument(QStringLiteral("id"), tr("Scenario id (see: list)."));
        const QCommandLineOption set(QStringLiteral("set"), tr("Set a parameter, e.g. --set lock=on."),
                                     QStringLiteral("key=value"));
        const QCommandLineOption summary(QStringLiteral("summary"), tr("Write the summary JSON to FILE."),
                                         QStringLiteral("FILE"));
        const QCommandLineOption trace(QStringLiteral("trace"),
                                       tr("Write a Chrome trace-event JSON (for Perfetto) to FILE."),
                                       QStringLiteral("FILE"));
        const QCommandLineOption png(QStringLiteral("png"), tr("Render the timeline to a PNG FILE."),
                                     QStringLiteral("FILE"));
        const QCommandLineOption startMethod(QStringLiteral("start-method"),
                                             tr("How worker processes start: forkserver (default) or fork."),
                                             QStringLiteral("method"), QStringLiteral("forkserver"));
        parser.addOptions({set, summary, trace, png, startMethod});
        parser.addHelpOption();
        if (!parser.parse(arguments))
            return badInput(parser.errorText());
        if (parser.isSet(QStringLiteral("help"))) {
            out() << parser.helpText();
            return 0;
        }
        const QStringList positional = parser.positionalArguments();
        if (positional.size() != 1)
            return badInput(tr("run takes exactly one scenario id; see \"%1 list\"")
                                .arg(QCoreApplication::applicationName()));
        const scenarios::Scenario *scenario = scenarioOrError(positional.first());
        if (!scenario)
            return kExitBadInput;
        scenarios::ParameterValues values = scenario->defaults();
        for (const QString &assignment : parser.values(set))
            if (auto error = scenarios::Parameters::applyAssignment(scenario->id(), scenario->parameters(),
                                                                     assignment, values))
                return badInput(*error);
        const QString method = parser.value(startMethod);
        if (method != QLatin1String("forkserver") && method != QLatin1String("fork"))
            return badInput(tr("--start-method must be one of: forkserver, fork; got \"%1\"").arg(method));

        scenarios::RunSession session(method == QLatin1String("fork") ? nullptr : launcher);
        const scenarios::RunResult &result = session.runBlocking(*scenario, values);
        if (!result.valid) {
            err() << tr("run failed: %1").arg(result.outcome.error) << Qt::endl;
            return result.refused ? kExitBadInput : 1; // refused by the process cap: nothing ran
        }
        out() << scenario->id() << ": " << result.outcome.verdict << Qt::endl;
        for (const auto &m : result.outcome.metrics)
            out() << "  " << m.key << " = " << m.value << Qt::endl;
        out() << "  " << tr("wall time: %1 ms, workers: %2, events: %3, dropped: %4")
                             .arg(result.wallMs, 0, 'f', 1)
                             .arg(result.workers.size())
                             .arg(result.events)
                             .arg(result.droppedEvents)
              << Qt::endl;

        int status = result.outcome.error.isEmpty() ? 0 : 1;
        if (!result.outcome.error.isEmpty())
            err() << tr("run error: %1").arg(result.outcome.error) << Qt::endl;
        QString error;
        if (parser.isSet(summary) && !scenarios::writeRunSummary(result, parser.value(summary), &error)) {
            err() << tr("could not write the summary to %1: %2").arg(parser.value(summary), error) << Qt::endl;
            status = 1;
        }
        if (parser.isSet(trace) && !trace::writeChromeTrace(session.store(), parser.value(trace), &error)) {
            err() << tr("could not write the trace to %1: %2").arg(parser.value(trace), error) << Qt::endl;
            status = 1;
        }
        if (parser.isSet(png)) {
            ui::TraceImageOptions options;
            if (!ui::saveTracePng(session.store(), options, parser.value(png), &error)) {
                err() << tr("could not write the image to %1: %2").arg(parser.value(png), error) << Qt::endl;
                status = 1;
            }
        }
        return status;
    }
};

} // namespace

bool isCliCommand(const QString &word)
{
    return word == QLatin1String("list") || word == QLatin1String("run") || word == QLatin1String("describe");
}

int runCli(const QStringList &arguments, runtime::ProcessLauncher *launcher)
{
    // arguments: program, command, rest...
    const QString command = arguments.value(1);
    if (command == QLatin1String("list"))
        return arguments.size() == 2 ? Cli::list() : Cli::badInput(Cli::tr("list takes no arguments"));
    if (command == QLatin1String("describe"))
        return Cli::describe(arguments.mid(2));
    QStringList runArgs = arguments;
    runArgs.removeAt(1); // QCommandLineParser expects the program name first
    return Cli::run(runArgs, launcher);
}

} // namespace cl::app
