#pragma once
#include "core/scenarios/scenario.h"

#include <QCoreApplication>

namespace cl::scenarios {

// Seed 000 §2.1 and 001 §3: the same "x += 1" through shared memory (Value,
// Array) and through a manager's server process, with and without the lock.
class SharedVsManager final : public Scenario {
    Q_DECLARE_TR_FUNCTIONS(cl::scenarios::SharedVsManager)
public:
    QString id() const override { return QStringLiteral("shared-vs-manager"); }
    QString title() const override;
    QString category() const override;
    QString description() const override;
    QString pythonSnippet(const ParameterValues &values) const override;
    QList<ParameterSpec> parameters() const override;
    QList<Preset> presets() const override;
    record::SharedArena::Layout layout(const ParameterValues &values) const override;
    int plannedProcesses(const ParameterValues &values) const override;
    Outcome run(RunContext &context, const ParameterValues &values) const override;
};

} // namespace cl::scenarios
