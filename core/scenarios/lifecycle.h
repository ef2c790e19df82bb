#pragma once
#include "core/scenarios/scenario.h"

#include <QCoreApplication>

namespace cl::scenarios {

// Seed 000 §1.3 and seed 004 §2–§3: start, join, daemon, terminate, exit
// codes (−N for a signal) and threads inside a child process.
class Lifecycle final : public Scenario {
    Q_DECLARE_TR_FUNCTIONS(cl::scenarios::Lifecycle)
public:
    QString id() const override { return QStringLiteral("lifecycle"); }
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
