#pragma once
#include "core/scenarios/scenario.h"

#include <QCoreApplication>

namespace cl::scenarios {

// Seed 000 §5: count the lines and client IPs of generated access logs, one
// file per pool task, aggregating the results in the main process's callbacks.
class LogPool final : public Scenario {
    Q_DECLARE_TR_FUNCTIONS(cl::scenarios::LogPool)
public:
    QString id() const override { return QStringLiteral("log-pool"); }
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
