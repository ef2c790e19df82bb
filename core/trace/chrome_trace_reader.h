#pragma once
// Reads a Chrome trace-event JSON file (the app's own, or another tool's)
// into a TraceStore through the same addString/addEvents path a live run
// uses, so the views cannot tell a loaded trace from a recorded one.
//
// Streaming: the file is mapped and walked once by a small tokenizer, events
// go to the store in chunks, and no document is ever built. Phases: X, B/E,
// b/e, i/I, C, M (process_name, thread_name), s/f flows; ts and dur in
// microseconds; the object form {"traceEvents": [...]} and the bare array.
// A span whose name is not one of the app's states becomes a generic span
// (state "running", named by its object). What cannot be mapped is counted
// by reason, never dropped silently. The store's item limit applies as in
// a run: the beginning is kept, the rest counted.
#include "core/trace/trace_store.h"

#include <QString>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string_view>

namespace cl::trace {

struct TraceLoadReport {
    bool ok = false;
    bool cancelled = false;
    // One sentence naming the file, what is wrong and where (byte offset,
    // event index); empty when ok.
    QString error;
    std::uint64_t bytes = 0;
    std::uint64_t events = 0;        // elements of the event array read
    std::uint64_t genericSpans = 0;  // spans whose name is not an app state
    std::uint64_t neverEnded = 0;    // B or b without its E or e
    std::map<std::string, std::uint64_t> skipped; // reason -> events not shown
    bool fromThisApp = false;        // the metadata says Concurrency Lab wrote it

    std::uint64_t skippedTotal() const;
    // "3 events not shown: 2 × phase 'O' (object snapshot), 1 × ..." or empty.
    QString skippedText() const;
};

struct TraceLoadControl {
    // Called every few megabytes with the bytes read so far.
    std::function<void(std::uint64_t done, std::uint64_t total)> progress;
    // Set from any thread to stop the load; the report says cancelled.
    const std::atomic<bool> *cancel = nullptr;
    // Texts at least this large are parsed on a second thread while this
    // one maps the events onto the store (when the machine has two cores or
    // more): the same result, sooner. 0 uses the two threads on any text,
    // which is how tests compare both ways.
    std::size_t twoThreadsFromBytes = 4u << 20;
};

// `name` is what messages call the file (its path). The store is cleared
// first (its item limit is kept). On failure the store holds what was read
// before the error and should be discarded.
TraceLoadReport readChromeTrace(std::string_view text, const QString &name, TraceStore &store,
                                const TraceLoadControl &control = {});
TraceLoadReport loadChromeTrace(const QString &path, TraceStore &store, const TraceLoadControl &control = {});

// Metadata keys the exporter writes from the store itself; a load does not
// copy them into the store's metadata.
bool isExporterMetadataKey(std::string_view key);

} // namespace cl::trace
