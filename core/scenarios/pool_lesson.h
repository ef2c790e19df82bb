#pragma once
#include "core/scenarios/scenario.h"

#include <QCoreApplication>

namespace cl::scenarios {

// Seed 001 §1 / 000 §4: one process per task against a pool of k reused
// workers, with map, apply (synchronous) and apply_async.
class PoolLesson final : public Scenario {
    Q_DECLARE_TR_FUNCTIONS(cl::scenarios::PoolLesson)
public:
    QString id() const override { return QStringLiteral("pool"); }
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
