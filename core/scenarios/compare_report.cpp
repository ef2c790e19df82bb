#include "core/scenarios/compare_report.h"
#include "core/scenarios/run_summary.h"

#include <QJsonArray>
#include <QLocale>

#include <algorithm>

namespace cl::scenarios {

namespace {
const QString kMetricPrefix = QStringLiteral("metric:");

bool anyRun(const CompareSet &set, bool (*has)(const RunFigures &))
{
    return std::any_of(set.runs.begin(), set.runs.end(), [has](const CompareRun &r) { return has(r.figures); });
}

// CSV fields are quoted when they hold a separator, a quote or a line break.
QString csvField(QString text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) && !text.contains(QLatin1Char('\n')))
        return text;
    text.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + text + QLatin1Char('"');
}
} // namespace

QString CompareReport::definitions()
{
    return tr("Wall time: from the run's first event to the end of its main thread.\n"
              "CPU time: the CPU use /proc recorded for the run's processes (sampled every 50 ms).\n"
              "Cores busy: CPU time / wall time (1.00 = one core fully used).\n"
              "Speedup: the first run's wall time / this run's wall time.\n"
              "Workers used: threads or processes that ran, at most the machine's cores.\n"
              "Parallel efficiency: speedup / workers used (100% = each worker used sped the run up fully, "
              "relative to the first run).\n"
              "Lock wait: the sum of all time spent waiting for a lock, over all workers.\n"
              "GIL wait: the sum of all time spent waiting for the GIL.\n"
              "Queue maximum: the highest queue depth recorded.");
}

QList<CompareColumn> CompareReport::columns(const CompareSet &set)
{
    QList<CompareColumn> c;
    c.append({QStringLiteral("value"), set.key.isEmpty() ? tr("Run") : set.key,
              set.key.isEmpty() ? tr("The run, as kept in this session.")
                                : tr("The value of \"%1\" this run used.").arg(set.key),
              false});
    c.append({QStringLiteral("wall_ms"), tr("Wall (ms)"),
              tr("Wall time: from the run's first event to the end of its main thread, in ms.")});
    c.append({QStringLiteral("cpu_ms"), tr("CPU (ms)"),
              tr("CPU time of the run's processes as /proc recorded it (sampled every 50 ms), in ms.")});
    c.append({QStringLiteral("cores_busy"), tr("Cores busy"),
              tr("CPU time / wall time: 1.00 = one core fully used, 2.00 = two cores.")});
    c.append({QStringLiteral("speedup"), tr("Speedup"),
              tr("The first run's wall time / this run's wall time: 2.00× = twice as fast as the first run.")});
    c.append({QStringLiteral("parallel_efficiency"), tr("Efficiency"),
              tr("Parallel efficiency = speedup / workers used, where workers used = threads or processes that "
                 "ran, at most the machine's cores. 100% = each worker used sped the run up fully, relative to "
                 "the first run.")});
    c.append({QStringLiteral("workers_used"), tr("Workers used"),
              tr("Threads or processes that had running time, at most the number of cores.")});
    c.append({QStringLiteral("processes"), tr("PIDs"), tr("Distinct process ids among the run's workers.")});
    c.append({QStringLiteral("lock_wait_ms"), tr("Lock wait (ms)"),
              tr("The sum of all time spent waiting for a lock, over all workers, in ms.")});
    if (anyRun(set, [](const RunFigures &f) { return f.gilWaitMs > 0.0; }))
        c.append({QStringLiteral("gil_wait_ms"), tr("GIL wait (ms)"),
                  tr("The sum of all time spent waiting for the GIL, over all threads, in ms.")});
    if (anyRun(set, [](const RunFigures &f) { return f.queueMax >= 0; }))
        c.append({QStringLiteral("queue_max"), tr("Queue max"), tr("The highest queue depth recorded.")});
    for (const auto &[key, label] : set.metricColumns())
        c.append({kMetricPrefix + key, label, tr("The lesson's own metric \"%1\".").arg(key)});
    return c;
}

QVariant CompareReport::value(const CompareSet &set, const CompareRun &run, const QString &key)
{
    Q_UNUSED(set);
    const RunFigures &f = run.figures;
    if (key == QLatin1String("value"))
        return run.label;
    if (key == QLatin1String("wall_ms"))
        return f.wallMs;
    if (key == QLatin1String("cpu_ms"))
        return f.cpuMs >= 0.0 ? QVariant(f.cpuMs) : QVariant();
    if (key == QLatin1String("cores_busy"))
        return f.coresBusy >= 0.0 ? QVariant(f.coresBusy) : QVariant();
    if (key == QLatin1String("speedup"))
        return f.speedup;
    if (key == QLatin1String("parallel_efficiency"))
        return f.efficiency;
    if (key == QLatin1String("workers_used"))
        return f.workersUsed;
    if (key == QLatin1String("processes"))
        return f.processes;
    if (key == QLatin1String("lock_wait_ms"))
        return f.lockWaitMs;
    if (key == QLatin1String("gil_wait_ms"))
        return f.gilWaitMs;
    if (key == QLatin1String("queue_max"))
        return f.queueMax >= 0 ? QVariant(f.queueMax) : QVariant();
    if (key.startsWith(kMetricPrefix)) {
        const QString metric = key.mid(kMetricPrefix.size());
        for (const Metric &m : run.result.outcome.metrics)
            if (m.key == metric)
                return m.value;
    }
    return {};
}

QString CompareReport::text(const CompareSet &set, const CompareRun &run, const QString &key)
{
    const QVariant v = value(set, run, key);
    if (!v.isValid())
        return QStringLiteral("—");
    const QLocale locale;
    if (key == QLatin1String("speedup"))
        return tr("%1×").arg(locale.toString(v.toDouble(), 'f', 2));
    if (key == QLatin1String("parallel_efficiency"))
        return tr("%1%").arg(locale.toString(v.toDouble() * 100.0, 'f', 0));
    if (key == QLatin1String("cores_busy"))
        return locale.toString(v.toDouble(), 'f', 2);
    if (v.typeId() == QMetaType::Double)
        return locale.toString(v.toDouble(), 'f', 1);
    if (v.typeId() == QMetaType::QString)
        return v.toString();
    return locale.toString(v.toLongLong());
}

QJsonObject CompareReport::summaryJson(const CompareSet &set)
{
    QJsonObject o;
    o.insert(QStringLiteral("scenario"), set.scenarioId);
    o.insert(QStringLiteral("vary"), set.key);
    QJsonArray values, runs, speedups;
    for (const CompareRun &r : set.runs) {
        values.append(r.label);
        QJsonObject run = runSummaryJson(r.result);
        run.insert(QStringLiteral("value"), r.label);
        for (const CompareColumn &c : columns(set)) {
            if (c.key == QLatin1String("value") || c.key.startsWith(kMetricPrefix))
                continue;
            const QVariant v = value(set, r, c.key);
            run.insert(c.key, v.isValid() ? QJsonValue::fromVariant(v) : QJsonValue());
        }
        run.insert(QStringLiteral("workers_ran"), r.figures.workersRan);
        run.insert(QStringLiteral("cores"), r.figures.cores);
        run.insert(QStringLiteral("threads"), r.figures.threads);
        runs.append(run);
        speedups.append(r.figures.speedup);
    }
    o.insert(QStringLiteral("values"), values);
    o.insert(QStringLiteral("params"), set.base.toJson());
    o.insert(QStringLiteral("runs"), runs);
    o.insert(QStringLiteral("speedup"), speedups);
    o.insert(QStringLiteral("stopped"), set.stopped);
    return o;
}

QString CompareReport::csv(const CompareSet &set)
{
    const QList<CompareColumn> cols = columns(set);
    QStringList header;
    for (const CompareColumn &c : cols)
        header << csvField(c.key);
    QString out = header.join(QLatin1Char(',')) + QLatin1Char('\n');
    for (const CompareRun &r : set.runs) {
        QStringList fields;
        for (const CompareColumn &c : cols) {
            const QVariant v = value(set, r, c.key);
            if (!v.isValid())
                fields << QString();
            else if (v.typeId() == QMetaType::Double)
                fields << QString::number(v.toDouble(), 'f', 3); // C locale: a file for programs
            else
                fields << csvField(v.toString());
        }
        out += fields.join(QLatin1Char(',')) + QLatin1Char('\n');
    }
    return out;
}

QString CompareReport::textTable(const CompareSet &set)
{
    // The compared figures only: the lesson's metrics follow per run.
    QList<CompareColumn> cols = columns(set);
    cols.erase(std::remove_if(cols.begin(), cols.end(),
                              [](const CompareColumn &c) { return c.key.startsWith(kMetricPrefix); }),
               cols.end());
    std::vector<QStringList> cells(1);
    for (const CompareColumn &c : cols)
        cells[0] << c.title;
    for (const CompareRun &r : set.runs) {
        QStringList row;
        for (const CompareColumn &c : cols)
            row << text(set, r, c.key);
        cells.push_back(row);
    }
    std::vector<qsizetype> width(std::size_t(cols.size()), 0);
    for (const QStringList &row : cells)
        for (qsizetype i = 0; i < row.size(); ++i)
            width[std::size_t(i)] = std::max(width[std::size_t(i)], row[i].size());
    QString out;
    for (const QStringList &row : cells) {
        QStringList padded;
        for (qsizetype i = 0; i < row.size(); ++i)
            padded << (i == 0 ? row[i].leftJustified(width[std::size_t(i)])
                              : row[i].rightJustified(width[std::size_t(i)]));
        out += padded.join(QStringLiteral("  ")).trimmed() + QLatin1Char('\n');
    }
    return out;
}

QString CompareReport::subtitle(const CompareSet &set)
{
    QStringList labels;
    for (const CompareRun &r : set.runs)
        labels << r.label;
    QStringList shared;
    for (auto it = set.base.all().begin(); it != set.base.all().end(); ++it)
        if (it.key() != set.key)
            shared << it.key() + QLatin1Char('=') + it.value().toString();
    const QString runs = set.key.isEmpty() ? labels.join(QStringLiteral("; "))
                                           : set.key + QStringLiteral(": ") + labels.join(QStringLiteral(", "));
    return shared.isEmpty() ? runs : runs + QStringLiteral(" · ") + shared.join(QStringLiteral(", "));
}

} // namespace cl::scenarios
