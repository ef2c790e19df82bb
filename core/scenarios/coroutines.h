#pragma once
#include "core/scenarios/scenario.h"

#include <QCoreApplication>

namespace cl::scenarios {

// Seed 000 §6 and seed 002: coroutines on one thread. Greenlet-style explicit
// switches (1, 3, 2, 4), a producer/consumer pair of generators, an event
// loop whose tasks sleep at the same time, the same waits awaited one after
// another and together, and thousands of coroutines on one thread.
class CoroutinesLesson final : public Scenario {
    Q_DECLARE_TR_FUNCTIONS(cl::scenarios::CoroutinesLesson)
public:
    QString id() const override { return QStringLiteral("coroutines"); }
    QString title() const override;
    QString category() const override;
    QString description() const override;
    QString pythonSnippet(const ParameterValues &values) const override;
    QList<ParameterSpec> parameters() const override;
    QList<Preset> presets() const override;
    record::SharedArena::Layout layout(const ParameterValues &values) const override;
    Outcome run(RunContext &context, const ParameterValues &values) const override;
};

// "1, 3, 2, 4": printed lines joined for the summary, the first `limit`
// of them and how many more.
QString joinPrinted(const std::vector<std::string> &lines, int limit = 24);

} // namespace cl::scenarios
