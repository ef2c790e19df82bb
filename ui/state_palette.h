#pragma once
// The one palette for span states, shared by the timeline, the legend, the
// exports and the docs, so "red-orange means waiting for a lock" holds
// everywhere. Also the per-worker colours used for console lines and labels.
#include "core/trace/event.h"

#include <QColor>
#include <QString>

#include <array>

namespace cl::ui {

struct StateStyle {
    QColor fill;
    QColor text;           // readable on fill (labels drawn inside a span)
    const char *name;      // QT_TR_NOOP source text, context "cl::ui::StatePalette"
    const char *description;
};

// Every state in legend order.
const std::array<trace::SpanState, std::size_t(trace::SpanState::Count)> &allSpanStates();

// The whole palette, indexed by SpanState, for docs and exporters that list it.
const std::array<StateStyle, std::size_t(trace::SpanState::Count)> &statePalette();
const StateStyle &stateStyle(trace::SpanState state);
QColor stateColor(trace::SpanState state);
// Translated, e.g. "waiting for lock".
QString stateDisplayName(trace::SpanState state);
// Translated one-liner for legends with tooltips and the docs.
QString stateDescription(trace::SpanState state);

// A distinct colour per worker, dark enough for text on a white or light
// background; stable for a given index.
QColor workerColor(int index);

} // namespace cl::ui
