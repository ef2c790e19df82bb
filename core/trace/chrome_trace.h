#pragma once
// Chrome trace-event JSON (opens in Perfetto and chrome://tracing): one pid
// and tid per real worker, state spans as complete events, printed lines as
// instants, counters, and hand-overs as flow arrows. Written as a stream, so
// exporting costs a few buffers, not a copy of the trace.
#include "core/trace/trace_store.h"

#include <QString>

class QIODevice;

namespace cl::trace {

// False if a write failed.
bool writeChromeTrace(const TraceStore &store, QIODevice *device);
// Atomically: a temporary file renamed over `path` once complete.
bool writeChromeTrace(const TraceStore &store, const QString &path, QString *error);

} // namespace cl::trace
