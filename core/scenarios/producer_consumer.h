#pragma once
#include "core/scenarios/scenario.h"

#include <QCoreApplication>

namespace cl::scenarios {

// Seed 003 and seed 004 §7: producers put items into a bounded queue,
// consumers get them; sentinels or daemon consumers end the run.
class ProducerConsumer final : public Scenario {
    Q_DECLARE_TR_FUNCTIONS(cl::scenarios::ProducerConsumer)
public:
    QString id() const override { return QStringLiteral("producer-consumer"); }
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
