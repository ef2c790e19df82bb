#pragma once
// A run's result travels inside its trace: the session writes it into the
// store's metadata ("run", compact JSON) when the run finishes, the Chrome
// trace carries the metadata, and a reopened trace gives the summary panel
// the same result back. Traces of other tools get a result made from what
// they hold (tracks, exits, the window of time).
#include "core/scenarios/run_session.h"

#include <QJsonObject>

namespace cl::scenarios {

// The store metadata key that holds the run's result.
inline constexpr const char *kRunRecordKey = "run";

QJsonObject runRecordJson(const RunResult &result);
// Parameter values saved as JSON (ParameterValues::toJson), checked against
// the lesson's parameters: a value that no longer fits keeps its default.
ParameterValues parametersFromJson(const QString &scenarioId, const QJsonObject &o);
void storeRunRecord(trace::TraceStore &store, const RunResult &result);
// The result a loaded trace describes; valid unless the store is empty.
RunResult runResultFromTrace(const trace::TraceStore &store);

} // namespace cl::scenarios
