// "run ID": validate everything (scenario, parameters, output paths) before
// anything starts, run with SIGINT/SIGTERM turned into a clean stop, then
// write the outputs, also for an interrupted run.
#include "app/cli.h"
#include "app/cli_p.h"
#include "app/output_paths.h"
#include "app/quit_on_signal.h"
#include "core/runtime/launcher.h"
#include "core/scenarios/catalogue.h"
#include "core/scenarios/run_session.h"
#include "core/scenarios/run_summary.h"
#include "core/scenarios/run_summary_csv.h"
#include "core/trace/chrome_trace.h"
#include "core/trace/json_file.h"
#include "ui/trace_image.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QTextStream>
#include <csignal>

namespace cl::app {

namespace {

class Cli {
    Q_DECLARE_TR_FUNCTIONS(cl::app::Cli)
public:
    static QString signalName(int signal)
    {
        if (signal == SIGINT)
            return QStringLiteral("SIGINT");
        if (signal == SIGTERM)
            return QStringLiteral("SIGTERM");
        return QStringLiteral("signal %1").arg(signal);
    }
};

struct Outputs {
    QString summary, trace, png, csv;
    bool hasSummary = false, hasTrace = false, hasPng = false, hasCsv = false;
};

// Runs on this thread's event loop until the run ends; the first SIGINT or
// SIGTERM stops it (workers killed and reaped, the scenario returns, its
// temporary files go). Returns that signal, or 0.
int runUntilDoneOrSignal(scenarios::RunSession &session, const scenarios::Scenario &scenario,
                         const scenarios::ParameterValues &values, QString *error)
{
    int stopSignal = 0;
    QEventLoop loop;
    QObject watcher; // owns the signal notifier: gone before the session is
    onTerminationSignal(&watcher, [&](int signal) {
        if (stopSignal != 0 || !session.isRunning())
            return;
        stopSignal = signal;
        detail::err() << QCoreApplication::applicationName() << ": "
                      << Cli::tr("%1 received: stopping the run and writing what it recorded "
                                 "(a second one ends the program at once)")
                             .arg(Cli::signalName(signal))
                      << Qt::endl;
        session.stop();
    });
    QObject::connect(&session, &scenarios::RunSession::finished, &loop, &QEventLoop::quit);
    if (!session.start(scenario, values, error))
        return 0;
    loop.exec();
    return stopSignal;
}

int writeOutputs(scenarios::RunSession &session, const scenarios::RunResult &result, const Outputs &outputs,
                 int stopSignal)
{
    int status = 0;
    QString error;
    if (outputs.hasSummary) {
        QJsonObject summary = scenarios::runSummaryJson(result);
        if (stopSignal != 0)
            summary.insert(QStringLiteral("interrupted_by"), Cli::signalName(stopSignal));
        if (!trace::writeJsonFile(summary, outputs.summary, false, &error)) {
            detail::err() << Cli::tr("could not write the summary to %1: %2").arg(outputs.summary, error) << Qt::endl;
            status = 1;
        }
    }
    if (outputs.hasCsv && !scenarios::writeRunSummaryCsv(result, outputs.csv, &error)) {
        detail::err() << Cli::tr("could not write the summary to %1: %2").arg(outputs.csv, error) << Qt::endl;
        status = 1;
    }
    if (outputs.hasTrace && !trace::writeChromeTrace(session.store(), outputs.trace, &error)) {
        detail::err() << Cli::tr("could not write the trace to %1: %2").arg(outputs.trace, error) << Qt::endl;
        status = 1;
    }
    if (outputs.hasPng) {
        ui::TraceImageOptions options;
        if (!ui::saveTracePng(session.store(), options, outputs.png, &error)) {
            detail::err() << Cli::tr("could not write the image to %1: %2").arg(outputs.png, error) << Qt::endl;
            status = 1;
        }
    }
    return status;
}

} // namespace

namespace detail {

int runCommand(const QStringList &arguments, runtime::ProcessLauncher *launcher)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(Cli::tr("Run a scenario headless."));
    parser.addPositionalArgument(QStringLiteral("ID"), Cli::tr("Scenario id (see: list)."));
    const QCommandLineOption set(QStringLiteral("set"), Cli::tr("Set a parameter, e.g. --set lock=on."),
                                 QStringLiteral("key=value"));
    const QCommandLineOption summary(QStringLiteral("summary"), Cli::tr("Write the summary JSON to FILE."),
                                     QStringLiteral("FILE"));
    const QCommandLineOption trace(QStringLiteral("trace"),
                                   Cli::tr("Write a Chrome trace-event JSON (for Perfetto) to FILE."),
                                   QStringLiteral("FILE"));
    const QCommandLineOption png(QStringLiteral("png"), Cli::tr("Render the timeline to a PNG FILE."),
                                 QStringLiteral("FILE"));
    const QCommandLineOption startMethod(QStringLiteral("start-method"),
                                         Cli::tr("How worker processes start: forkserver (default), fork or spawn."),
                                         QStringLiteral("method"), QStringLiteral("forkserver"));
    const QCommandLineOption csv(QStringLiteral("csv"), Cli::tr("Write the summary as CSV (a header and one row) to FILE."),
                                 QStringLiteral("FILE"));
    parser.addOptions({set, summary, csv, trace, png, startMethod});
    const QString footer = Cli::tr(
        "Every value is checked before the run starts: a bad parameter, or an output\n"
        "path that cannot be written, ends the command with status 2 and runs nothing.\n"
        "\n"
        "Exit status:\n"
        "  0    the run ended and every output was written\n"
        "  1    the run failed, or an output could not be written\n"
        "  2    bad input; nothing was run\n"
        "  130  interrupted by SIGINT (Ctrl+C)\n"
        "  143  interrupted by SIGTERM\n"
        "An interrupted run is stopped, every worker is reaped and its temporary files\n"
        "are removed; the summary, trace and image are still written with what was\n"
        "recorded, and the summary says \"stopped\": true and \"interrupted_by\":\n"
        "\"SIGINT\" or \"SIGTERM\".");
    const int parsed = parseCommand(parser, arguments, QStringLiteral("run"), QStringLiteral("run ID"), footer);
    if (parsed >= 0)
        return parsed;

    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return printBadInput(
            Cli::tr("run takes exactly one scenario id; see \"%1 list\"").arg(QCoreApplication::applicationName()));
    const scenarios::Scenario *scenario = scenarioOrError(positional.first());
    if (!scenario)
        return kExitBadInput;
    scenarios::ParameterValues values = scenario->defaults();
    if (!applySets(*scenario, parser.values(set), values))
        return kExitBadInput;
    const QString method = parser.value(startMethod);
    const std::optional<runtime::StartMethod> chosen = runtime::parseStartMethod(method.toStdString());
    if (!chosen)
        return printBadInput(
            Cli::tr("--start-method must be one of: forkserver, fork, spawn; got \"%1\"").arg(method));

    Outputs outputs;
    QList<OutputPath> paths;
    const auto wanted = [&](const QCommandLineOption &option, QString &path) {
        if (!parser.isSet(option))
            return false;
        path = parser.value(option);
        paths.append(OutputPath{option.names().constFirst(), path});
        return true;
    };
    outputs.hasSummary = wanted(summary, outputs.summary);
    outputs.hasTrace = wanted(trace, outputs.trace);
    outputs.hasPng = wanted(png, outputs.png);
    outputs.hasCsv = wanted(csv, outputs.csv);
    if (const QString problem = checkOutputPaths(paths); !problem.isEmpty())
        return printBadInput(problem);

    scenarios::RunSession session(launcher);
    session.setStartMethod(*chosen);
    QString startError;
    const int stopSignal = runUntilDoneOrSignal(session, *scenario, values, &startError);
    scenarios::RunResult result = session.result();
    if (!result.valid) {
        err() << Cli::tr("run failed: %1").arg(startError) << Qt::endl;
        return session.lastStartRefused() ? kExitBadInput : 1; // refused by the process cap: nothing ran
    }
    if (stopSignal != 0) {
        // The scenario's verdict judges a run that did not finish: say so
        // instead, in the summary, the trace and the image alike.
        result.outcome.verdict = Cli::tr("Interrupted by %1: the run was stopped before it ended; "
                                         "the metrics cover only what happened until then.")
                                     .arg(Cli::signalName(stopSignal));
        session.store().metadata()["verdict"] = result.outcome.verdict.toStdString();
        session.store().touch();
    }
    out() << scenario->id() << ": " << result.outcome.verdict << Qt::endl;
    for (const auto &m : result.outcome.metrics)
        out() << "  " << m.key << " = " << m.displayValue() << Qt::endl;
    out() << "  "
          << Cli::tr("wall time: %1 ms, workers: %2, events: %3, dropped: %4, not kept (store full): %5")
                 .arg(result.wallMs, 0, 'f', 1)
                 .arg(result.workers.size())
                 .arg(result.events)
                 .arg(result.droppedEvents)
                 .arg(result.droppedByLimit)
          << Qt::endl;

    int status = result.outcome.error.isEmpty() ? 0 : 1;
    if (!result.outcome.error.isEmpty())
        err() << Cli::tr("run error: %1").arg(result.outcome.error) << Qt::endl;
    if (writeOutputs(session, result, outputs, stopSignal) != 0)
        status = 1;
    // A signal that came after the run had ended still reports as one: the
    // caller (a shell, a script) asked the program to stop.
    if (const int signal = stopSignal != 0 ? stopSignal : terminationSignalReceived(); signal != 0)
        return 128 + signal;
    return status;
}

} // namespace detail

} // namespace cl::app
