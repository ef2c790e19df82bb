#pragma once
#include "core/scenarios/scenario.h"

#include <QCoreApplication>

namespace cl::scenarios {

// Seed 000 §9 and seed 003 (the GIL): the same jobs, CPU-bound or I/O-bound,
// run serially, on threads with and without a model of CPython's GIL, and on
// processes; wall time against CPU time tells how many cores really worked.
class SerialVsParallel final : public Scenario {
    Q_DECLARE_TR_FUNCTIONS(cl::scenarios::SerialVsParallel)
public:
    QString id() const override { return QStringLiteral("serial-vs-parallel"); }
    QString title() const override;
    QString category() const override;
    QString description() const override;
    QString pythonSnippet(const ParameterValues &values) const override;
    int plannedProcesses(const ParameterValues &values) const override;
    QList<ParameterSpec> parameters() const override;
    QList<Preset> presets() const override;
    record::SharedArena::Layout layout(const ParameterValues &values) const override;
    Outcome run(RunContext &context, const ParameterValues &values) const override;

private:
    QString verdict(const ParameterValues &values, const Outcome &out) const;
};

} // namespace cl::scenarios
