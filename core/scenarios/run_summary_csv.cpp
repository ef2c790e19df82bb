#include "core/scenarios/run_summary_csv.h"

#include <QSaveFile>
#include <QStringList>

namespace cl::scenarios {

QString csvField(const QString &text)
{
    // Quoted when it holds a separator, a quote or a line break; a leading
    // = + - @ is quoted too, so a spreadsheet does not run it as a formula.
    static const QString special = QStringLiteral(",\"\r\n");
    bool quote = false;
    for (const QChar c : text)
        quote = quote || special.contains(c);
    if (!text.isEmpty() && QStringLiteral("=+@").contains(text.front()))
        quote = true;
    if (!quote)
        return text;
    QString escaped = text;
    escaped.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

QString runSummaryCsv(const RunResult &result)
{
    QStringList header{QStringLiteral("scenario"), QStringLiteral("params"), QStringLiteral("wall_ms"),
                       QStringLiteral("start_method"), QStringLiteral("workers"), QStringLiteral("verdict"),
                       QStringLiteral("stopped"), QStringLiteral("events"), QStringLiteral("dropped_events"),
                       QStringLiteral("stored_items"), QStringLiteral("dropped_by_store_limit"),
                       QStringLiteral("store_item_limit")};
    QStringList row{result.scenarioId,
                    result.params.toDisplayString(),
                    QString::number(result.wallMs, 'f', 3),
                    result.startMethod,
                    QString::number(result.workers.size()),
                    result.outcome.verdict,
                    result.stopped ? QStringLiteral("true") : QStringLiteral("false"),
                    QString::number(result.events),
                    QString::number(result.droppedEvents),
                    QString::number(result.storedItems),
                    QString::number(result.droppedByLimit),
                    QString::number(result.itemLimit)};
    for (const Metric &m : result.outcome.metrics) {
        header << QStringLiteral("metric:") + m.key;
        row << QString::number(m.value);
    }
    if (!result.outcome.error.isEmpty()) {
        header << QStringLiteral("error");
        row << result.outcome.error;
    }
    for (QString &f : header)
        f = csvField(f);
    for (QString &f : row)
        f = csvField(f);
    return header.join(QLatin1Char(',')) + QStringLiteral("\r\n") + row.join(QLatin1Char(',')) + QStringLiteral("\r\n");
}

bool writeRunSummaryCsv(const RunResult &result, const QString &path, QString *error)
{
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly)) {
        file.write(runSummaryCsv(result).toUtf8());
        if (file.commit())
            return true;
    }
    if (error)
        *error = file.errorString();
    return false;
}

} // namespace cl::scenarios
