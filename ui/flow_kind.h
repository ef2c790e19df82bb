#pragma once
// The kinds of arrow the timeline draws between workers (what was handed
// over), their names for menus and legends, and the label an arrow carries:
// the name of its object ("ticket lock", "q", "task 3").
#include "core/trace/trace_store.h"

#include <QString>

#include <array>

namespace cl::ui {

const std::array<trace::FlowKind, std::size_t(trace::FlowKind::Count)> &allFlowKinds();
// Translated: "lock hand-overs", "queue items", "pipe messages", "callbacks", "other hand-overs".
QString flowKindName(trace::FlowKind kind);
// The arrow's label: its object's name, else the kind in the singular
// ("lock", "queue", "pipe", "callback"), else empty.
QString flowLabel(const trace::TraceStore &store, const trace::Flow &flow);

} // namespace cl::ui
