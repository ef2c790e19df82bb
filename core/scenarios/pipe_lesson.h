#pragma once
#include "core/scenarios/scenario.h"

#include <QCoreApplication>

namespace cl::scenarios {

// Seed 000 §2.2.2: a conversation between the parent and a child over
// multiprocessing.Pipe, duplex (one socketpair) or two one-way pipes.
class PipeLesson final : public Scenario {
    Q_DECLARE_TR_FUNCTIONS(cl::scenarios::PipeLesson)
public:
    QString id() const override { return QStringLiteral("pipe"); }
    QString title() const override;
    QString category() const override;
    QString description() const override;
    QString pythonSnippet(const ParameterValues &values) const override;
    QList<ParameterSpec> parameters() const override;
    QList<Preset> presets() const override;
    record::SharedArena::Layout layout(const ParameterValues &values) const override;
    int plannedProcesses(const ParameterValues &) const override { return 1; }
    Outcome run(RunContext &context, const ParameterValues &values) const override;
};

} // namespace cl::scenarios
