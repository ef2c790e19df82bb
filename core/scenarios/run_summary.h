#pragma once
// The summary of a run as JSON: scenario, parameters, wall time, the kernel
// ids of the workers that ran, the verdict metrics, and what the trace lost:
// "dropped_events" in full rings, "dropped_by_store_limit" items at the
// store's limit of "store_item_limit" items.
#include "core/scenarios/run_session.h"

#include <QJsonObject>

namespace cl::scenarios {

QJsonObject runSummaryJson(const RunResult &result);
bool writeRunSummary(const RunResult &result, const QString &path, QString *error);

} // namespace cl::scenarios
