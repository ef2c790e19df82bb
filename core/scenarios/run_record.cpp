#include "core/scenarios/run_record.h"
#include "core/scenarios/catalogue.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace cl::scenarios {

namespace {
QString text(const trace::TraceStore &store, const char *key)
{
    const auto it = store.metadata().find(key);
    return it == store.metadata().end() ? QString() : QString::fromStdString(it->second);
}

} // namespace

ParameterValues parametersFromJson(const QString &scenarioId, const QJsonObject &o)
{
    const Scenario *scenario = findScenario(scenarioId);
    if (!scenario) {
        // Not a lesson of this build: keep what the file says, typed as written.
        ParameterValues values;
        for (auto it = o.begin(); it != o.end(); ++it)
            values.set(it.key(), it.value().isDouble() ? QVariant(qint64(it.value().toInteger()))
                                                       : QVariant(it.value().toString()));
        return values;
    }
    // Checked as the form and the CLI check them: what no longer fits
    // (a key renamed, a range narrowed) keeps its default.
    const QList<ParameterSpec> specs = scenario->parameters();
    ParameterValues values = scenario->defaults();
    for (auto it = o.begin(); it != o.end(); ++it) {
        const ParameterSpec *spec = Parameters::find(specs, it.key());
        if (!spec)
            continue;
        const QString text = it.value().isDouble() ? QString::number(it.value().toInteger()) : it.value().toString();
        QVariant value;
        if (!Parameters::parseValue(*spec, text, &value))
            values.set(it.key(), value);
    }
    return values;
}

QJsonObject runRecordJson(const RunResult &result)
{
    QJsonObject o;
    o.insert(QStringLiteral("scenario"), result.scenarioId);
    o.insert(QStringLiteral("params"), result.params.toJson());
    o.insert(QStringLiteral("wall_ms"), result.wallMs);
    o.insert(QStringLiteral("start_method"), result.startMethod);
    QJsonArray workers;
    for (const auto &w : result.workers)
        workers.append(QJsonObject{{QStringLiteral("pid"), w.pid},
                                   {QStringLiteral("tid"), w.tid},
                                   {QStringLiteral("thread"), w.isThread},
                                   {QStringLiteral("ended"), w.ended},
                                   {QStringLiteral("exit"), qint64(w.exitValue)}});
    o.insert(QStringLiteral("workers"), workers);
    // A list, not an object: the lesson's order and its labels survive.
    QJsonArray metrics;
    for (const auto &m : result.outcome.metrics)
        metrics.append(QJsonObject{{QStringLiteral("key"), m.key},
                                   {QStringLiteral("label"), m.label},
                                   {QStringLiteral("value"), m.value}});
    o.insert(QStringLiteral("metrics"), metrics);
    o.insert(QStringLiteral("verdict"), result.outcome.verdict);
    o.insert(QStringLiteral("problem"), result.outcome.problem);
    o.insert(QStringLiteral("error"), result.outcome.error);
    o.insert(QStringLiteral("stopped"), result.stopped);
    o.insert(QStringLiteral("events"), qint64(result.events));
    o.insert(QStringLiteral("dropped_events"), qint64(result.droppedEvents));
    o.insert(QStringLiteral("stored_items"), qint64(result.storedItems));
    o.insert(QStringLiteral("dropped_by_store_limit"), qint64(result.droppedByLimit));
    o.insert(QStringLiteral("store_item_limit"), qint64(result.itemLimit));
    return o;
}

void storeRunRecord(trace::TraceStore &store, const RunResult &result)
{
    store.metadata()[kRunRecordKey] =
        QJsonDocument(runRecordJson(result)).toJson(QJsonDocument::Compact).toStdString();
}

RunResult runResultFromTrace(const trace::TraceStore &store)
{
    RunResult r;
    const RunWindow window = runWindow(store);
    const QJsonObject o = QJsonDocument::fromJson(text(store, kRunRecordKey).toUtf8()).object();
    if (!o.isEmpty()) {
        r.scenarioId = o.value(QStringLiteral("scenario")).toString();
        r.params = parametersFromJson(r.scenarioId, o.value(QStringLiteral("params")).toObject());
        r.wallMs = o.value(QStringLiteral("wall_ms")).toDouble();
        r.startMethod = o.value(QStringLiteral("start_method")).toString();
        const QJsonArray workers = o.value(QStringLiteral("workers")).toArray();
        for (const QJsonValue &v : workers) {
            const QJsonObject w = v.toObject();
            r.workers.push_back(WorkerInfo{w.value(QStringLiteral("pid")).toInt(), w.value(QStringLiteral("tid")).toInt(),
                                           w.value(QStringLiteral("thread")).toBool(),
                                           w.value(QStringLiteral("ended")).toBool(),
                                           w.value(QStringLiteral("exit")).toInteger()});
        }
        const QJsonArray metrics = o.value(QStringLiteral("metrics")).toArray();
        for (const QJsonValue &v : metrics) {
            const QJsonObject m = v.toObject();
            r.outcome.metrics.append(Metric{m.value(QStringLiteral("key")).toString(),
                                            m.value(QStringLiteral("value")).toInteger(),
                                            m.value(QStringLiteral("label")).toString()});
        }
        r.outcome.verdict = o.value(QStringLiteral("verdict")).toString();
        r.outcome.problem = o.value(QStringLiteral("problem")).toBool();
        r.outcome.error = o.value(QStringLiteral("error")).toString();
        r.stopped = o.value(QStringLiteral("stopped")).toBool();
        r.events = quint64(o.value(QStringLiteral("events")).toInteger());
        r.droppedEvents = quint64(o.value(QStringLiteral("dropped_events")).toInteger());
        r.storedItems = quint64(o.value(QStringLiteral("stored_items")).toInteger());
        r.droppedByLimit = quint64(o.value(QStringLiteral("dropped_by_store_limit")).toInteger());
        r.itemLimit = quint64(o.value(QStringLiteral("store_item_limit")).toInteger());
    } else {
        // Another tool's trace, or one saved before runs were recorded in it.
        r.scenarioId = text(store, "scenario");
        r.outcome.verdict = text(store, "verdict");
        r.outcome.problem = text(store, "problem") == QLatin1String("1");
        r.wallMs = window.ms();
        for (const auto &w : store.workers()) {
            if (trace::isLaneTid(w.tid))
                continue;
            r.workers.push_back(WorkerInfo{w.pid, w.tid, w.pid != w.tid, w.exited, w.exitValue});
        }
        r.events = store.eventCount();
        r.droppedEvents = store.droppedEvents();
        r.storedItems = store.storedItems();
        r.itemLimit = store.itemLimit();
    }
    // The verdict as last written (an interrupted CLI run rewrites it).
    if (const QString verdict = text(store, "verdict"); !verdict.isEmpty())
        r.outcome.verdict = verdict;
    // Items this load could not keep are what is missing on screen now.
    if (store.droppedByLimit() > 0) {
        r.storedItems = store.storedItems();
        r.droppedByLimit = store.droppedByLimit();
        r.itemLimit = store.itemLimit();
    }
    r.valid = store.eventCount() > 0 || !store.metadata().empty();
    return r;
}

} // namespace cl::scenarios
