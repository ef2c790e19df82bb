#pragma once
#include "core/scenarios/scenario.h"

#include <QCoreApplication>

namespace cl::scenarios {

// Seed 000 §4.1 / 001 §2: where a done callback runs. A process pool runs it
// in the main process (its result handler thread), a thread pool on the
// worker thread that ran the task.
class PoolCallbacks final : public Scenario {
    Q_DECLARE_TR_FUNCTIONS(cl::scenarios::PoolCallbacks)
public:
    QString id() const override { return QStringLiteral("pool-callbacks"); }
    QString title() const override;
    QString category() const override;
    QString description() const override;
    QString pythonSnippet(const ParameterValues &values) const override;
    int plannedProcesses(const ParameterValues &values) const override;
    QList<ParameterSpec> parameters() const override;
    QList<Preset> presets() const override;
    record::SharedArena::Layout layout(const ParameterValues &values) const override;
    Outcome run(RunContext &context, const ParameterValues &values) const override;
};

} // namespace cl::scenarios
