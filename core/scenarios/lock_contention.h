#pragma once
#include "core/scenarios/scenario.h"

#include <QCoreApplication>

namespace cl::scenarios {

// Seed 000 §3 / 004 §6: workers take turns at one lock. How much of the run
// is spent holding it, how much waiting for it, and how often it changes hands.
class LockContention final : public Scenario {
    Q_DECLARE_TR_FUNCTIONS(cl::scenarios::LockContention)
public:
    QString id() const override { return QStringLiteral("lock-contention"); }
    QString title() const override;
    QString category() const override;
    QString description() const override;
    QString pythonSnippet(const ParameterValues &values) const override;
    QList<ParameterSpec> parameters() const override;
    QList<Preset> presets() const override;
    record::SharedArena::Layout layout(const ParameterValues &values) const override;
    int plannedProcesses(const ParameterValues &values) const override;
    Outcome run(RunContext &context, const ParameterValues &values) const override;

    // The snippet with these values filled in; runs as written with python3.
    static QString snippetFor(const ParameterValues &values);

private:
    struct Totals {
        qint64 wallNs = 0, holdNs = 0, waitNs = 0, maxWaitNs = 0, handovers = 0;
    };
    static QString verdictText(bool locked, int workers, const Totals &t);
    static QString duration(qint64 ns); // "2.0 s", "350 ms"
};

} // namespace cl::scenarios
