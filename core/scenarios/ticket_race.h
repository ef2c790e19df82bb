#pragma once
#include "core/scenarios/scenario.h"

#include <QCoreApplication>

namespace cl::scenarios {

// Seed 000 §3 / 004 §6: buyers read the ticket count, think, write it back.
class TicketRace final : public Scenario {
    Q_DECLARE_TR_FUNCTIONS(cl::scenarios::TicketRace)
public:
    QString id() const override { return QStringLiteral("ticket-race"); }
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
