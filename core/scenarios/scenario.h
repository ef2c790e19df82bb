#pragma once
// A lesson that can be run: texts, parameter schema, presets, and run(),
// which executes on the run thread with real workers and computes the
// verdict from what really happened.
#include "core/record/shared_arena.h"
#include "core/scenarios/parameter.h"

#include <QList>
#include <QPair>
#include <QString>

namespace cl::scenarios {

class RunContext;

struct Metric {
    Metric() = default;
    // Not an aggregate: the lessons' {key, value, label} stays warning-free
    // with the optional text added.
    Metric(QString k, qint64 v, QString l, QString t = {})
        : key(std::move(k)), value(v), label(std::move(l)), text(std::move(t))
    {
    }
    QString key;       // "oversold"
    qint64 value = 0;
    QString label;     // translated
    // A metric that is text (the order lines were printed in): shown and
    // written as this string instead of `value`.
    QString text;
    bool isText() const { return !text.isEmpty(); }
    QString displayValue() const { return isText() ? text : QString::number(value); }
};

struct Outcome {
    QList<Metric> metrics;
    QString verdict;   // one translated sentence
    bool problem = false; // the verdict shows a fault (oversold, lost updates)
    QString error;     // set when the run could not be carried out

    qint64 metric(const QString &key, qint64 fallback = -1) const
    {
        for (const auto &m : metrics)
            if (m.key == key)
                return m.value;
        return fallback;
    }
};

struct Preset {
    const char *name; // QT_TRANSLATE_NOOP("cl::scenarios::Presets", ...)
    QList<QPair<QString, QString>> values;
};

class Scenario {
public:
    virtual ~Scenario() = default;
    virtual QString id() const = 0;
    virtual QString title() const = 0;
    virtual QString category() const = 0;
    virtual QString description() const = 0;   // rich text
    // The equivalent Python for learners of the notes, written for `values`
    // (threads or processes, lock on or off...): it runs with python3 as
    // shown and prints lines like the console's.
    virtual QString pythonSnippet(const ParameterValues &values) const = 0;
    virtual QList<ParameterSpec> parameters() const = 0;
    virtual QList<Preset> presets() const { return {}; }
    // How many worker processes the run starts (they may all be alive at
    // once); threads do not count. RunSession refuses a run above the safe
    // limit before anything starts.
    virtual int plannedProcesses(const ParameterValues &values) const
    {
        Q_UNUSED(values);
        return 0;
    }
    // How much shared memory the run needs (rings and their size).
    virtual record::SharedArena::Layout layout(const ParameterValues &values) const = 0;
    // Runs on the run thread; must return after every worker it started ended.
    virtual Outcome run(RunContext &context, const ParameterValues &values) const = 0;

    ParameterValues defaults() const { return ParameterValues::defaults(parameters()); }
};

QString presetName(const Preset &preset);

} // namespace cl::scenarios
