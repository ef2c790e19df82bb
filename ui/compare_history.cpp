#include "ui/compare_history.h"

namespace cl::ui {

void CompareHistory::keep(const scenarios::RunResult &result, const trace::TraceStore &store,
                          const QString &scenarioTitle)
{
    KeptRun run;
    run.scenarioTitle = scenarioTitle;
    run.result = result;
    run.store = std::make_shared<const trace::TraceStore>(store);
    run.finishedAt = QDateTime::currentDateTime();
    keep(std::move(run));
}

void CompareHistory::keep(KeptRun run)
{
    run.number = m_next++;
    m_runs.push_back(std::move(run));
    while (m_runs.size() > kMaxRuns)
        m_runs.pop_front();
}

std::vector<const KeptRun *> CompareHistory::runsOf(const QString &scenarioId) const
{
    std::vector<const KeptRun *> out;
    for (const KeptRun &r : m_runs)
        if (r.result.scenarioId == scenarioId)
            out.push_back(&r);
    return out;
}

QString CompareHistory::describe(const KeptRun &run)
{
    return tr("#%1 · %2 · %3 ms · %4")
        .arg(run.number)
        .arg(run.finishedAt.toString(QStringLiteral("HH:mm:ss")))
        .arg(QString::number(run.result.wallMs, 'f', 1))
        .arg(run.result.params.toDisplayString());
}

scenarios::CompareSet CompareHistory::compareSet(const std::vector<const KeptRun *> &runs)
{
    scenarios::CompareSet set;
    if (runs.empty())
        return set;
    set.scenarioId = runs.front()->result.scenarioId;
    set.scenarioTitle = runs.front()->scenarioTitle;
    set.base = runs.front()->result.params;
    QStringList differing;
    for (auto it = set.base.all().begin(); it != set.base.all().end(); ++it)
        for (const KeptRun *r : runs)
            if (r->result.params.value(it.key()) != it.value()) {
                differing << it.key();
                break;
            }
    if (differing.size() == 1)
        set.key = differing.first();
    for (const KeptRun *r : runs) {
        scenarios::CompareRun run;
        QStringList parts;
        for (const QString &key : differing)
            parts << (differing.size() == 1 ? QString() : key + QLatin1Char('='))
                         + r->result.params.value(key).toString();
        run.label = parts.isEmpty() ? tr("run #%1").arg(r->number) : parts.join(QStringLiteral(", "));
        run.result = r->result;
        run.store = r->store;
        set.runs.push_back(std::move(run));
    }
    set.measure();
    return set;
}

} // namespace cl::ui
