#include "core/scenarios/compare.h"
#include "core/runtime/process_cap.h"

#include <algorithm>
#include <set>

namespace cl::scenarios {

std::optional<QString> CompareValidation::parseVary(const Scenario &scenario, const QString &text, CompareSpec *out)
{
    const qsizetype eq = text.indexOf(QLatin1Char('='));
    if (eq <= 0)
        return tr("--vary must be KEY=VALUE1,VALUE2,...; got \"%1\"").arg(text);
    QStringList values = text.mid(eq + 1).split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (QString &v : values)
        v = v.trimmed();
    values.removeAll(QString());
    return validate(scenario, text.left(eq).trimmed(), values, out);
}

std::optional<QString> CompareValidation::validate(const Scenario &scenario, const QString &key,
                                                   const QStringList &values, CompareSpec *out)
{
    const QList<ParameterSpec> specs = scenario.parameters();
    const ParameterSpec *spec = Parameters::find(specs, key);
    if (!spec) {
        QStringList keys;
        for (const auto &s : specs)
            keys << s.key;
        return tr("cannot vary \"%1\": %2 has no such parameter; allowed: %3")
            .arg(key, scenario.id(), keys.join(QStringLiteral(", ")));
    }
    if (values.size() < 2)
        return tr("comparing needs at least 2 values of \"%1\", separated by commas; allowed: %2")
            .arg(key, spec->allowedText());
    if (values.size() > kMaxValues)
        return tr("at most %1 values can be compared at once; got %2 values of \"%3\"")
            .arg(kMaxValues)
            .arg(values.size())
            .arg(key);
    CompareSpec spec2;
    spec2.key = key;
    for (const QString &text : values) {
        QVariant v;
        if (auto error = Parameters::parseValue(*spec, text, &v))
            return error;
        const QString canonical = v.toString();
        if (spec2.values.contains(canonical))
            return tr("value \"%1\" of \"%2\" is given twice; each value runs once").arg(canonical, key);
        spec2.values << canonical;
        spec2.parsed << v;
    }
    if (out)
        *out = spec2;
    return std::nullopt;
}

QString CompareValidation::processCapProblem(const Scenario &scenario, const ParameterValues &base,
                                             const CompareSpec &spec)
{
    const runtime::ProcessCap cap = runtime::currentProcessCap();
    for (qsizetype i = 0; i < spec.values.size(); ++i) {
        ParameterValues v = base;
        v.set(spec.key, spec.parsed[i]);
        const int planned = scenario.plannedProcesses(v);
        if (planned > cap.limit)
            return tr("the run with %1=%2 would start %3 worker processes, more than the safe limit of %4 "
                      "(see \"run\" for why); use fewer workers")
                .arg(spec.key, spec.values[i])
                .arg(planned)
                .arg(cap.limit);
    }
    return {};
}

double sampledCpuMs(const trace::TraceStore &store, std::uint64_t begin, std::uint64_t end)
{
    using Kind = trace::CounterTrack::Kind;
    // The sampler stamps every pass once, for all tracks; a process sample
    // covers the time since the previous pass (the first pass only primes).
    std::vector<std::uint64_t> passes;
    bool anyProcess = false;
    for (const auto &c : store.counters()) {
        if (c.kind == Kind::Value)
            continue;
        anyProcess = anyProcess || c.kind == Kind::CpuProcess;
        for (const auto &s : c.samples)
            passes.push_back(s.time);
    }
    if (!anyProcess || end <= begin)
        return -1.0;
    std::sort(passes.begin(), passes.end());
    passes.erase(std::unique(passes.begin(), passes.end()), passes.end());
    double ns = 0.0;
    for (const auto &c : store.counters()) {
        if (c.kind != Kind::CpuProcess)
            continue;
        for (const auto &s : c.samples) {
            const auto at = std::lower_bound(passes.begin(), passes.end(), s.time);
            std::uint64_t from = 0;
            if (at != passes.begin()) {
                from = *(at - 1);
            } else if (at + 1 < passes.end()) {
                // The earliest recorded pass: its baseline pass left no
                // stamp, so take the sampler's period from the next one.
                const std::uint64_t period = *(at + 1) - *at;
                from = s.time > period ? s.time - period : 0;
            } else {
                continue;
            }
            const std::uint64_t lo = std::max(from, begin);
            const std::uint64_t hi = std::min(s.time, end);
            if (hi > lo)
                ns += double(hi - lo) * double(s.value) / 1000.0;
        }
    }
    return ns / 1e6;
}

RunFigures measureRun(const trace::TraceStore &store)
{
    RunFigures f;
    const RunWindow window = runWindow(store);
    f.wallMs = window.ms();
    f.cpuMs = sampledCpuMs(store, window.begin, window.end);
    f.coresBusy = f.cpuMs >= 0.0 && f.wallMs > 0.0 ? f.cpuMs / f.wallMs : -1.0;

    std::set<std::int32_t> pids;
    std::uint64_t lockWait = 0, gilWait = 0;
    for (const auto &w : store.workers()) {
        if (trace::isLaneTid(w.tid))
            continue;
        pids.insert(w.pid);
        ++f.threads;
        bool ran = false;
        for (const auto &s : w.spans) {
            const std::uint64_t d = s.end > s.begin ? s.end - s.begin : 0;
            if (s.state == trace::SpanState::Running)
                ran = ran || d > 0;
            else if (s.state == trace::SpanState::LockWait)
                lockWait += d;
            else if (s.state == trace::SpanState::GilWait)
                gilWait += d;
        }
        f.workersRan += ran ? 1 : 0;
    }
    f.processes = int(pids.size());
    f.lockWaitMs = double(lockWait) / 1e6;
    f.gilWaitMs = double(gilWait) / 1e6;
    for (const auto &c : store.counters()) {
        if (c.kind == trace::CounterTrack::Kind::CpuCore)
            ++f.cores;
        if (c.kind == trace::CounterTrack::Kind::Value && c.key == trace::counter_id::QueueDepth)
            for (const auto &s : c.samples)
                f.queueMax = std::max<qint64>(f.queueMax, s.value);
    }
    f.workersUsed = std::max(1, f.cores > 0 ? std::min(f.workersRan, f.cores) : f.workersRan);
    return f;
}

void computeRelative(const RunFigures &first, RunFigures &figures)
{
    figures.speedup = figures.wallMs > 0.0 && first.wallMs > 0.0 ? first.wallMs / figures.wallMs : 0.0;
    figures.efficiency = figures.speedup / double(std::max(1, figures.workersUsed));
}

void CompareSet::measure()
{
    for (CompareRun &r : runs)
        r.figures = r.store ? measureRun(*r.store) : RunFigures{};
    for (CompareRun &r : runs)
        computeRelative(runs.front().figures, r.figures);
}

QList<QPair<QString, QString>> CompareSet::metricColumns() const
{
    QList<QPair<QString, QString>> columns;
    for (const CompareRun &r : runs)
        for (const Metric &m : r.result.outcome.metrics)
            if (std::none_of(columns.begin(), columns.end(), [&](const auto &c) { return c.first == m.key; }))
                columns.append({m.key, m.label.isEmpty() ? m.key : m.label});
    return columns;
}

double CompareSet::longestWallMs() const
{
    double longest = 0.0;
    for (const CompareRun &r : runs)
        longest = std::max(longest, r.figures.wallMs);
    return longest;
}

} // namespace cl::scenarios
