#pragma once
#include "core/scenarios/scenario.h"

#include <QCoreApplication>

namespace cl::scenarios {

// Seed 000 §6 and seed 002: fetching URLs from a slow local server,
// one after another, on a thread each, or as coroutines of one event
// loop: the waits add up, or overlap.
class FetchLesson final : public Scenario {
    Q_DECLARE_TR_FUNCTIONS(cl::scenarios::FetchLesson)
public:
    QString id() const override { return QStringLiteral("fetch"); }
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
