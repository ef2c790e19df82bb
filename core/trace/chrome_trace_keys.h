#pragma once
// Metadata keys the Chrome trace exporter writes from the store itself and
// the reader reads back, so a saved run reopens identical.
#include <string_view>

namespace cl::trace {

// The store's beginTime() in ns: times in the file are relative to it.
inline constexpr std::string_view kTimeOriginKey = "time_origin_ns";
// "counter_id:<name>" = the counter's id, which the charts key on.
inline constexpr std::string_view kCounterIdPrefix = "counter_id:";
// The store's eventCount(): how many events were recorded.
inline constexpr std::string_view kEventCountKey = "event_count";

} // namespace cl::trace
