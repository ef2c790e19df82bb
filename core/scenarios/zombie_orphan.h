#pragma once
#include "core/scenarios/scenario.h"

#include <QCoreApplication>

namespace cl::scenarios {

// Seed 003 and seed 004 §4: a child that ended but was not waited for is a
// zombie (state Z, read from /proc) until its parent reaps it; a child whose
// parent ended is an orphan, re-parented (its PPID changes) to the nearest
// subreaper, here the app, which reaps it.
class ZombieOrphan final : public Scenario {
    Q_DECLARE_TR_FUNCTIONS(cl::scenarios::ZombieOrphan)
public:
    QString id() const override { return QStringLiteral("zombie-orphan"); }
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
