#pragma once
// The run summary as CSV (RFC 4180): a header row and one row for the run,
// so runs saved one by one paste into a spreadsheet under each other. The
// columns are the summary JSON's scalar fields, then the lesson's metrics.
#include "core/scenarios/run_session.h"

#include <QString>

namespace cl::scenarios {

QString runSummaryCsv(const RunResult &result);
bool writeRunSummaryCsv(const RunResult &result, const QString &path, QString *error);
// One CSV field, quoted when it must be.
QString csvField(const QString &text);

} // namespace cl::scenarios
