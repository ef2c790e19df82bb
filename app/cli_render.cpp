// "render TRACE": any loadable Chrome trace (the app's own, or another
// tool's) to PNG, SVG and PDF, headless. Everything is checked before the
// trace is read: bad options, a range that is not a range, and output paths
// that cannot be written end with one line and status 2, as does a file
// that is not a trace.
#include "app/cli.h"
#include "app/cli_p.h"
#include "app/output_paths.h"
#include "core/scenarios/run_session.h"
#include "core/trace/chrome_trace_reader.h"
#include "ui/trace_export.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

#include <cmath>

namespace cl::app {

namespace {

class CliRender {
    Q_DECLARE_TR_FUNCTIONS(cl::app::Cli)
};

struct Range {
    double startMs = 0;
    double endMs = 0;
};

// "START_MS:END_MS", milliseconds from the start of the trace.
std::optional<QString> parseRange(const QString &text, Range &out)
{
    const QStringList parts = text.split(QLatin1Char(':'));
    bool okStart = false, okEnd = false;
    if (parts.size() == 2) {
        out.startMs = parts[0].trimmed().toDouble(&okStart);
        out.endMs = parts[1].trimmed().toDouble(&okEnd);
    }
    if (!okStart || !okEnd || !std::isfinite(out.startMs) || !std::isfinite(out.endMs))
        return CliRender::tr("--range \"%1\": expected START_MS:END_MS, two numbers of milliseconds from the start "
                             "of the trace, e.g. --range 10:25.5")
            .arg(text);
    if (out.startMs < 0 || out.endMs <= out.startMs)
        return CliRender::tr("--range \"%1\": the start must be 0 or more and the end after the start").arg(text);
    return std::nullopt;
}

} // namespace

namespace detail {

int renderCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(CliRender::tr("Render a saved trace (Chrome trace-event JSON, from this app or "
                                            "another tool) to pictures, without a display."));
    parser.addPositionalArgument(QStringLiteral("TRACE"), CliRender::tr("The trace file (.json) to render."));
    const QCommandLineOption png(QStringLiteral("png"), CliRender::tr("Write the timeline as a PNG image to FILE."),
                                 QStringLiteral("FILE"));
    const QCommandLineOption svg(QStringLiteral("svg"), CliRender::tr("Write it as SVG (text stays text) to FILE."),
                                 QStringLiteral("FILE"));
    const QCommandLineOption pdf(QStringLiteral("pdf"), CliRender::tr("Write it as a one-page PDF to FILE."),
                                 QStringLiteral("FILE"));
    const QCommandLineOption range(QStringLiteral("range"),
                                   CliRender::tr("Show only this part, in ms from the start of the trace."),
                                   QStringLiteral("START_MS:END_MS"));
    parser.addOptions({png, svg, pdf, range});
    const QString footer = CliRender::tr("Exit status: 0 every picture was written; 1 a picture could not be written;\n"
                                  "2 bad input (options, an output path, or a file that is not a loadable trace).");
    const int parsed = parseCommand(parser, arguments, QStringLiteral("render"),
                                    QStringLiteral("render TRACE --png FILE [--svg FILE] [--pdf FILE]"), footer);
    if (parsed >= 0)
        return parsed;

    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return printBadInput(CliRender::tr("render takes exactly one trace file; see \"%1 render --help\"")
                                 .arg(QCoreApplication::applicationName()));
    struct Output {
        const QCommandLineOption *option;
        ui::TraceFileFormat format;
    };
    const Output kinds[] = {{&png, ui::TraceFileFormat::Png}, {&svg, ui::TraceFileFormat::Svg},
                            {&pdf, ui::TraceFileFormat::Pdf}};
    QList<OutputPath> paths;
    for (const Output &k : kinds)
        if (parser.isSet(*k.option))
            paths.append(OutputPath{k.option->names().constFirst(), parser.value(*k.option)});
    if (paths.isEmpty())
        return printBadInput(CliRender::tr("render needs at least one output: --png FILE, --svg FILE or --pdf FILE"));
    Range wanted;
    if (parser.isSet(range))
        if (auto problem = parseRange(parser.value(range), wanted))
            return printBadInput(*problem);
    if (const QString problem = checkOutputPaths(paths); !problem.isEmpty())
        return printBadInput(problem);

    trace::TraceStore store;
    store.setItemLimit(scenarios::RunSession::defaultItemLimit());
    const trace::TraceLoadReport report = trace::loadChromeTrace(positional.first(), store);
    if (!report.ok)
        return printBadInput(report.error);
    out() << CliRender::tr("%1: %2 events, %3 tracks").arg(positional.first()).arg(report.events).arg(store.workers().size())
          << Qt::endl;
    if (const QString skipped = report.skippedText(); !skipped.isEmpty())
        out() << "  " << skipped << Qt::endl;
    if (store.droppedByLimit() > 0)
        out() << "  "
              << CliRender::tr("kept the first %1 items; %2 more were not kept (the limit is CL_TRACE_ITEM_LIMIT)")
                     .arg(store.storedItems())
                     .arg(store.droppedByLimit())
              << Qt::endl;

    ui::TraceImageOptions options;
    if (parser.isSet(range)) {
        const std::uint64_t origin = scenarios::runWindow(store).begin;
        options.rangeBegin = origin + std::uint64_t(std::llround(wanted.startMs * 1e6));
        options.rangeEnd = origin + std::uint64_t(std::llround(wanted.endMs * 1e6));
    }
    int status = 0;
    for (const Output &k : kinds) {
        if (!parser.isSet(*k.option))
            continue;
        const QString path = parser.value(*k.option);
        QString error;
        if (!ui::saveTraceFile(store, options, k.format, path, &error)) {
            err() << CliRender::tr("could not write the image to %1: %2").arg(path, error) << Qt::endl;
            status = 1;
        }
    }
    return status;
}

} // namespace detail

} // namespace cl::app
