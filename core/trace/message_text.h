#pragma once
// Turns a recorded printed line into text in the user's language.
#include "core/trace/trace_store.h"

#include <QString>

namespace cl::trace {

QString printedLineText(const TraceStore &store, const PrintedLine &line);

} // namespace cl::trace
