#pragma once
// Chrome trace-event JSON (opens in Perfetto and chrome://tracing): one pid
// and tid per real worker, state spans as complete events, printed lines as
// instants, counters, and hand-overs as flow arrows.
#include "core/trace/trace_store.h"

#include <QJsonObject>
#include <QString>

namespace cl::trace {

QJsonObject chromeTraceJson(const TraceStore &store);
bool writeChromeTrace(const TraceStore &store, const QString &path, QString *error);

} // namespace cl::trace
