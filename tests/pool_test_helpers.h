#pragma once
// Shared by the pool tests: parameter values from "key=value" lists, and
// questions about a run's trace (which tracks ran which task spans).
#include "core/scenarios/catalogue.h"
#include "core/scenarios/run_session.h"
#include "core/trace/trace_store.h"

#include <QStringList>
#include <QtGlobal>
#include <string>
#include <vector>

namespace cl::tests {

inline scenarios::ParameterValues poolValues(const QString &id, const QStringList &assignments)
{
    const scenarios::Scenario *s = scenarios::findScenario(id);
    if (!s)
        qFatal("no scenario %s", qPrintable(id));
    scenarios::ParameterValues v = s->defaults();
    for (const QString &a : assignments) {
        const auto error = scenarios::Parameters::applyAssignment(id, s->parameters(), a, v);
        if (error)
            qFatal("bad assignment in test: %s", qPrintable(*error));
    }
    return v;
}

// A "Running" span whose object is named `prefix` + number ("task 3", "callback 3").
struct NamedSpan {
    int worker; // track index
    int number;
    std::uint64_t begin;
    std::uint64_t end;
};

inline std::vector<NamedSpan> namedRunningSpans(const trace::TraceStore &store, const std::string &prefix)
{
    std::vector<NamedSpan> out;
    for (std::size_t w = 0; w < store.workers().size(); ++w) {
        for (const trace::Span &s : store.workers()[w].spans) {
            if (s.state != trace::SpanState::Running || s.objectId == 0)
                continue;
            const std::string name = store.objectName(s.objectId);
            if (name.rfind(prefix, 0) != 0)
                continue;
            bool ok = false;
            const int number = QString::fromStdString(name.substr(prefix.size())).toInt(&ok);
            if (ok)
                out.push_back({int(w), number, s.begin, s.end});
        }
    }
    return out;
}

inline bool trackNameStartsWith(const trace::TraceStore &store, int worker, const char *prefix)
{
    return store.workers()[std::size_t(worker)].name.rfind(prefix, 0) == 0;
}

// Pool worker tracks currently inside a task (an open "Running" span).
inline int poolWorkersInATask(const trace::TraceStore &store)
{
    int n = 0;
    for (const auto &w : store.workers())
        n += w.name.rfind("pool worker ", 0) == 0 && w.isOpen(trace::SpanState::Running);
    return n;
}

} // namespace cl::tests
