#pragma once
// The summary of a run as JSON: scenario, parameters, wall time, the kernel
// ids of the workers that ran, and the verdict metrics.
#include "core/scenarios/run_session.h"

#include <QJsonObject>

namespace cl::scenarios {

QJsonObject runSummaryJson(const RunResult &result);
bool writeRunSummary(const RunResult &result, const QString &path, QString *error);

} // namespace cl::scenarios
