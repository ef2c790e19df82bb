// "compare ID --vary key=v1,v2,...": the lesson once per value, one run after
// another; everything is checked before the first run starts, SIGINT/SIGTERM
// stop the run in progress (reaped) and skip the rest, and the outputs are
// still written with the runs that were made.
#include "app/cli.h"
#include "app/cli_p.h"
#include "app/output_paths.h"
#include "app/quit_on_signal.h"
#include "core/scenarios/catalogue.h"
#include "core/scenarios/compare_report.h"
#include "core/scenarios/compare_runner.h"
#include "core/trace/json_file.h"
#include "ui/compare_image.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QSaveFile>
#include <QTextStream>
#include <csignal>

namespace cl::app {

namespace {

class CliCompare {
    Q_DECLARE_TR_FUNCTIONS(cl::app::CliCompare)
};

QString signalName(int signal)
{
    if (signal == SIGINT)
        return QStringLiteral("SIGINT");
    if (signal == SIGTERM)
        return QStringLiteral("SIGTERM");
    return QStringLiteral("signal %1").arg(signal);
}

bool writeText(const QString &path, const QString &text, QString *error)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Text) || f.write(text.toUtf8()) < 0 || !f.commit()) {
        *error = f.errorString();
        return false;
    }
    return true;
}

} // namespace

namespace detail {

int compareCommand(const QStringList &arguments, runtime::ProcessLauncher *launcher)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        CliCompare::tr("Run a scenario once per value of one parameter, one run after another, and compare "
                       "wall time, CPU time, cores busy, speedup and parallel efficiency."));
    parser.addPositionalArgument(QStringLiteral("ID"), CliCompare::tr("Scenario id (see: list)."));
    const QCommandLineOption vary(QStringLiteral("vary"),
                                  CliCompare::tr("The parameter to vary and its values, e.g. "
                                                 "--vary mode=serial,threads,processes."),
                                  QStringLiteral("key=v1,v2,..."));
    const QCommandLineOption set(QStringLiteral("set"),
                                 CliCompare::tr("Set a parameter for every run, e.g. --set jobs=4."),
                                 QStringLiteral("key=value"));
    const QCommandLineOption summary(QStringLiteral("summary"),
                                     CliCompare::tr("Write the comparison JSON to FILE."), QStringLiteral("FILE"));
    const QCommandLineOption png(QStringLiteral("png"),
                                 CliCompare::tr("Render the runs, the table and the speedup bars to a PNG FILE."),
                                 QStringLiteral("FILE"));
    const QCommandLineOption csv(QStringLiteral("csv"), CliCompare::tr("Write the table as CSV to FILE."),
                                 QStringLiteral("FILE"));
    const QCommandLineOption startMethod(QStringLiteral("start-method"),
                                         CliCompare::tr("How worker processes start: forkserver (default), fork or spawn."),
                                         QStringLiteral("method"), QStringLiteral("forkserver"));
    parser.addOptions({vary, set, summary, png, csv, startMethod});
    const QString footer =
        CliCompare::tr("Figures (from each run's own trace):\n%1\n"
                       "\n"
                       "Every value is checked before the first run starts: bad input ends the\n"
                       "command with status 2 and runs nothing.\n"
                       "\n"
                       "Exit status: 0 every run ended and every output was written; 1 a run failed\n"
                       "or an output could not be written; 2 bad input; 130 or 143 interrupted by\n"
                       "SIGINT or SIGTERM (the run in progress is stopped and reaped, later values\n"
                       "are not run, and the outputs hold the runs made, with \"stopped\": true).")
            .arg(scenarios::CompareReport::definitions());
    const int parsed = parseCommand(parser, arguments, QStringLiteral("compare"),
                                    QStringLiteral("compare ID --vary KEY=V1,V2,..."), footer);
    if (parsed >= 0)
        return parsed;

    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return printBadInput(CliCompare::tr("compare takes exactly one scenario id; see \"%1 list\"")
                                 .arg(QCoreApplication::applicationName()));
    const scenarios::Scenario *scenario = scenarioOrError(positional.first());
    if (!scenario)
        return kExitBadInput;
    scenarios::ParameterValues values = scenario->defaults();
    if (!applySets(*scenario, parser.values(set), values))
        return kExitBadInput;
    const QStringList varies = parser.values(vary);
    if (varies.size() != 1)
        return printBadInput(
            CliCompare::tr("compare needs exactly one --vary KEY=V1,V2,...; got %1").arg(varies.size()));
    scenarios::CompareSpec spec;
    if (auto error = scenarios::CompareValidation::parseVary(*scenario, varies.first(), &spec))
        return printBadInput(*error);
    const QString method = parser.value(startMethod);
    const std::optional<runtime::StartMethod> chosen = runtime::parseStartMethod(method.toStdString());
    if (!chosen)
        return printBadInput(
            CliCompare::tr("--start-method must be one of: forkserver, fork, spawn; got \"%1\"").arg(method));
    if (const QString problem = scenarios::CompareValidation::processCapProblem(*scenario, values, spec);
        !problem.isEmpty())
        return printBadInput(problem);

    QList<OutputPath> paths;
    for (const QCommandLineOption *option : {&summary, &png, &csv})
        if (parser.isSet(*option))
            paths.append(OutputPath{option->names().constFirst(), parser.value(*option)});
    if (const QString problem = checkOutputPaths(paths); !problem.isEmpty())
        return printBadInput(problem);

    scenarios::CompareRunner runner(launcher);
    runner.setStartMethod(*chosen);
    int stopSignal = 0;
    QEventLoop loop;
    QObject watcher; // owns the signal notifier: gone before the runner is
    onTerminationSignal(&watcher, [&](int signal) {
        if (stopSignal != 0 || !runner.isRunning())
            return;
        stopSignal = signal;
        err() << QCoreApplication::applicationName() << ": "
              << CliCompare::tr("%1 received: stopping the run in progress, skipping the rest and writing what "
                                "was recorded (a second one ends the program at once)")
                     .arg(signalName(signal))
              << Qt::endl;
        runner.stop();
    });
    QObject::connect(&runner, &scenarios::CompareRunner::runStarted, &loop, [&](int index, const QString &value) {
        err() << CliCompare::tr("run %1 of %2: %3=%4").arg(index + 1).arg(runner.total()).arg(spec.key, value)
              << Qt::endl;
    });
    QObject::connect(&runner, &scenarios::CompareRunner::finished, &loop, &QEventLoop::quit);
    QString startError;
    if (runner.start(*scenario, values, spec, &startError))
        loop.exec();
    scenarios::CompareSet result = runner.takeResult();
    result.stopped = result.stopped || stopSignal != 0;
    if (result.runs.empty()) {
        err() << CliCompare::tr("compare failed: %1").arg(startError.isEmpty() ? runner.error() : startError)
              << Qt::endl;
        return stopSignal != 0 ? 128 + stopSignal : 1;
    }

    int status = runner.error().isEmpty() ? 0 : 1;
    if (!runner.error().isEmpty())
        err() << CliCompare::tr("compare error: %1").arg(runner.error()) << Qt::endl;
    for (const scenarios::CompareRun &r : result.runs) {
        out() << spec.key << '=' << r.label << ": " << r.result.outcome.verdict << Qt::endl;
        if (!r.result.outcome.error.isEmpty()) {
            err() << CliCompare::tr("run error (%1=%2): %3").arg(spec.key, r.label, r.result.outcome.error)
                  << Qt::endl;
            status = 1;
        }
    }
    out() << Qt::endl << scenarios::CompareReport::textTable(result);
    if (stopSignal != 0)
        out() << CliCompare::tr("Interrupted by %1: %2 of %3 runs were made; the last one was stopped.")
                     .arg(signalName(stopSignal))
                     .arg(result.runs.size())
                     .arg(spec.values.size())
              << Qt::endl;

    QString error;
    if (parser.isSet(summary)) {
        QJsonObject json = scenarios::CompareReport::summaryJson(result);
        if (stopSignal != 0)
            json.insert(QStringLiteral("interrupted_by"), signalName(stopSignal));
        if (!trace::writeJsonFile(json, parser.value(summary), false, &error)) {
            err() << CliCompare::tr("could not write the summary to %1: %2").arg(parser.value(summary), error)
                  << Qt::endl;
            status = 1;
        }
    }
    if (parser.isSet(csv) && !writeText(parser.value(csv), scenarios::CompareReport::csv(result), &error)) {
        err() << CliCompare::tr("could not write the CSV to %1: %2").arg(parser.value(csv), error) << Qt::endl;
        status = 1;
    }
    if (parser.isSet(png) && !ui::saveCompareImage(result, ui::CompareImageOptions{}, parser.value(png), &error)) {
        err() << CliCompare::tr("could not write the image to %1: %2").arg(parser.value(png), error) << Qt::endl;
        status = 1;
    }
    if (const int signal = stopSignal != 0 ? stopSignal : terminationSignalReceived(); signal != 0)
        return 128 + signal;
    return status;
}

} // namespace detail

} // namespace cl::app
