#pragma once
#include "core/scenarios/scenario.h"

#include <QCoreApplication>

namespace cl::scenarios {

// Seed 000 §1.1–§1.2: fork, spawn and the fork server; what a child gets
// of its parent (a copy of its memory, a lock held at that moment, an
// unflushed buffer) and how long each takes to start.
class StartMethods final : public Scenario {
    Q_DECLARE_TR_FUNCTIONS(cl::scenarios::StartMethods)
public:
    QString id() const override { return QStringLiteral("start-methods"); }
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
