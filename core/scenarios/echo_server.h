#pragma once
#include "core/scenarios/scenario.h"

#include <QCoreApplication>

namespace cl::scenarios {

// Seed 000 §8, seeds 002 and 003: an echo server on 127.0.0.1 three ways,
// a thread per connection, a process per connection, or one event-loop
// thread (epoll) with a coroutine per connection, driven by real clients.
class EchoServerLesson final : public Scenario {
    Q_DECLARE_TR_FUNCTIONS(cl::scenarios::EchoServerLesson)
public:
    QString id() const override { return QStringLiteral("echo-server"); }
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
