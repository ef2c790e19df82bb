#include "core/scenarios/run_summary.h"
#include "core/trace/json_file.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace cl::scenarios {

QJsonObject runSummaryJson(const RunResult &result)
{
    QJsonObject o;
    o.insert(QStringLiteral("scenario"), result.scenarioId);
    o.insert(QStringLiteral("params"), result.params.toJson());
    o.insert(QStringLiteral("wall_ms"), result.wallMs);
    o.insert(QStringLiteral("start_method"), result.startMethod);
    QJsonArray pids, tids, workers;
    for (const auto &w : result.workers) {
        if (!pids.contains(w.pid))
            pids.append(w.pid);
        tids.append(w.tid);
        QJsonObject wo;
        wo.insert(QStringLiteral("pid"), w.pid);
        wo.insert(QStringLiteral("tid"), w.tid);
        wo.insert(QStringLiteral("kind"), w.isThread ? QStringLiteral("thread") : QStringLiteral("process"));
        wo.insert(QStringLiteral("exit"), qint64(w.exitValue));
        workers.append(wo);
    }
    o.insert(QStringLiteral("pids"), pids);
    o.insert(QStringLiteral("tids"), tids);
    o.insert(QStringLiteral("workers"), workers);
    QJsonObject metrics;
    for (const auto &m : result.outcome.metrics)
        metrics.insert(m.key, m.isText() ? QJsonValue(m.text) : QJsonValue(m.value));
    o.insert(QStringLiteral("metrics"), metrics);
    o.insert(QStringLiteral("verdict"), result.outcome.verdict);
    o.insert(QStringLiteral("stopped"), result.stopped);
    o.insert(QStringLiteral("events"), qint64(result.events));
    o.insert(QStringLiteral("dropped_events"), qint64(result.droppedEvents));
    o.insert(QStringLiteral("stored_items"), qint64(result.storedItems));
    o.insert(QStringLiteral("dropped_by_store_limit"), qint64(result.droppedByLimit));
    o.insert(QStringLiteral("store_item_limit"), qint64(result.itemLimit));
    if (!result.outcome.error.isEmpty())
        o.insert(QStringLiteral("error"), result.outcome.error);
    return o;
}

bool writeRunSummary(const RunResult &result, const QString &path, QString *error)
{
    return trace::writeJsonFile(runSummaryJson(result), path, false, error);
}

} // namespace cl::scenarios
