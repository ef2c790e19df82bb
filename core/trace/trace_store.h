#pragma once
// What happened in a run, organised for the views: one track per worker
// (process or thread) with its state spans, counter tracks, printed lines and
// flows. Append-only and time-sorted per track. The owner ingests batches
// pulled from the collector on its own thread (the GUI thread, or the CLI's
// main thread) and views read it between ingests, so painting takes no locks.
// A trace loaded from a file is filled through the same ingest path.
//
// Memory is bounded: the store keeps at most itemLimit() items (spans, flows,
// counter samples, printed lines). Past the limit, what would have become an
// item is counted in droppedByLimit() and forgotten, so a long run keeps its
// beginning in full instead of exhausting memory; ring drops (lost before
// the store saw them) are counted apart in droppedEvents().
#include "core/trace/event.h"
#include "core/trace/span_lod.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace cl::record {
struct Batch;
}

namespace cl::trace {

// The items are what the store holds millions of: keep them small.
struct Span {
    std::uint64_t begin;
    std::uint64_t end;
    SpanState state;
    std::uint32_t objectId;
};
static_assert(sizeof(Span) <= 24);

// A span begun and not ended yet. Several can be open in one state at once
// (a lock held inside another lock, a re-entered lock).
struct OpenSpan {
    std::uint64_t begin;
    std::uint32_t objectId;
    SpanState state;
};

struct WorkerTrack {
    std::int32_t pid = 0;
    std::int32_t tid = 0;
    std::int32_t ppid = 0;
    std::int32_t hostTid = 0;    // a coroutine lane: the thread that runs it (0: not a coroutine)
    std::string name;
    std::uint64_t startTime = 0; // WorkerStart, or first event seen
    std::uint64_t lastTime = 0;  // last event seen
    bool exited = false;
    std::uint64_t exitTime = 0;
    std::int64_t exitValue = 0;  // exit code, or -signal
    std::vector<Span> spans;     // closed spans, sorted by begin
    std::vector<OpenSpan> open;  // in the order they began; an end closes the latest match
    bool isOpen(SpanState state) const
    {
        for (const OpenSpan &o : open)
            if (o.state == state)
                return true;
        return false;
    }
    std::vector<std::uint64_t> printTimes;

    bool isProcessMain() const { return pid == tid; }
    bool isCoroutine() const { return hostTid != 0; }
};

struct CounterSample {
    std::uint64_t time;
    std::int64_t value;
};
static_assert(sizeof(CounterSample) <= 16);

struct CounterTrack {
    enum class Kind { Value, CpuCore, CpuProcess };
    Kind kind = Kind::Value;
    std::uint32_t key = 0; // counter id, core number, or pid
    std::vector<CounterSample> samples;
};

struct PrintedLine {
    std::uint64_t time;
    std::int32_t pid;
    std::int32_t tid;
    std::uint32_t stringId;
    // trace::MessageId; 0: the string is the line. The ids are a small enum:
    // a recorded value that does not fit is stored as 0, which prints the
    // same (an unknown id prints the string as it is).
    std::int32_t messageId = 0;
};
static_assert(sizeof(PrintedLine) <= 24);

// 32 bytes: two full timestamps and two worker indices. Hand-overs are a
// small share of a trace, so narrowing the indices is not worth a limit on
// the number of workers.
struct Flow {
    std::uint64_t outTime = 0;
    std::uint64_t inTime = 0;
    int fromWorker = -1;
    int toWorker = -1;
    std::uint32_t objectId = 0;
    FlowKind kind = FlowKind::Other; // fits in the padding: still 32 bytes
};
static_assert(sizeof(Flow) <= 32);

struct ProcessGroup {
    std::int32_t pid;
    std::vector<int> workers; // indices into workers(), the main thread first
};

class TraceStore {
public:
    // 4 M items: about 100 MB as spans (24 bytes each), up to twice that
    // with vector slack. A long run keeps its beginning in full.
    static constexpr std::uint64_t kDefaultItemLimit = 4'000'000;
    // Nesting deeper than this on one worker is a broken stream, not a lesson.
    static constexpr std::size_t kMaxOpenSpans = 64;

    // Keeps the item limit: it is a setting, not a part of the trace.
    void clear();
    // Takes the batch by value: pass an rvalue and its events are not copied.
    void ingest(record::Batch batch);
    // Loaded traces and tests add strings and events directly.
    void addString(std::uint32_t id, std::string text);
    void addEvents(std::vector<Event> events);
    void setDroppedEvents(std::uint64_t n) { m_dropped = n; ++m_revision; }
    // Applies to items added from now on; what is stored stays.
    void setItemLimit(std::uint64_t limit) { m_itemLimit = limit; }
    // Gives back the vectors' growth slack: for a store that is complete
    // (a loaded trace), so each stored span costs its 24 bytes and no more.
    void shrinkToFit();

    const std::vector<WorkerTrack> &workers() const { return m_workers; }
    int workerIndex(std::int32_t pid, std::int32_t tid) const;
    std::vector<ProcessGroup> processes() const;
    const std::vector<CounterTrack> &counters() const { return m_counters; }
    const CounterTrack *counter(CounterTrack::Kind kind, std::uint32_t key) const;
    const std::vector<PrintedLine> &prints() const { return m_prints; }
    const std::vector<Flow> &flows() const { return m_flows; }
    std::string_view string(std::uint32_t id) const;
    std::string objectName(std::uint32_t objectId) const;

    std::uint64_t beginTime() const { return m_begin; }
    std::uint64_t endTime() const { return m_end; }
    std::uint64_t droppedEvents() const { return m_dropped; } // lost in a full ring
    std::uint64_t itemLimit() const { return m_itemLimit; }
    std::uint64_t storedItems() const { return m_items; }
    std::uint64_t droppedByLimit() const { return m_droppedByLimit; }
    std::uint64_t eventCount() const { return m_eventCount; }
    // Bumped by every change: views cache derived data by it.
    std::uint64_t revision() const { return m_revision; }

    // Level-of-detail summaries for views (span_lod.h): built on first use
    // and kept up to date by every later ingest. Not thread-safe, like the
    // rest of the store: the thread that ingests is the one that reads.
    const SpanLevel &spanLevel(int worker, unsigned shift) const;
    // spanLevel()'s answer when it is ready without any work, else null;
    // callable from several threads at once while the store is not changed.
    const SpanLevel *currentSpanLevel(int worker, unsigned shift) const;
    const CounterLevel &counterLevel(std::size_t counter, unsigned shift) const;

    // Free-form description of the run (scenario, parameters, verdict...).
    std::map<std::string, std::string> &metadata() { return m_metadata; }
    const std::map<std::string, std::string> &metadata() const { return m_metadata; }
    void touch() { ++m_revision; }
    // A store moved in where another was (a loaded trace) must not reuse
    // a revision the views cached for the old one.
    void bumpRevisionPast(std::uint64_t revision) { m_revision = std::max(m_revision, revision) + 1; }
    // A loaded trace counts the events its file says were recorded, not the
    // records the reader made of them.
    void setEventCount(std::uint64_t n) { m_eventCount = n; }

private:
    void apply(const Event &e);
    // False, and the drop counted, when the store is full.
    bool takeItem();
    void closeSpan(WorkerTrack &w, const OpenSpan &open, std::uint64_t end);
    int ensureWorker(std::int32_t pid, std::int32_t tid, std::uint64_t time);
    CounterTrack &ensureCounter(CounterTrack::Kind kind, std::uint32_t key);

    std::vector<WorkerTrack> m_workers;
    std::unordered_map<std::uint64_t, int> m_workerByKey;
    std::vector<CounterTrack> m_counters;
    std::vector<PrintedLine> m_prints;
    std::vector<Flow> m_flows;
    std::unordered_map<std::uint32_t, std::size_t> m_openFlows; // flow id -> index in m_flows
    // Flows dropped at the limit whose other half is still to come: that half
    // belongs to a drop already counted. Holds only hand-overs in flight.
    std::unordered_set<std::uint32_t> m_droppedFlows;
    std::unordered_map<std::uint32_t, std::string> m_strings;
    std::unordered_map<std::uint32_t, std::uint32_t> m_objectNames; // object -> string id
    std::map<std::string, std::string> m_metadata;
    std::uint64_t m_begin = 0;
    std::uint64_t m_end = 0;
    std::uint64_t m_dropped = 0;
    std::uint64_t m_itemLimit = kDefaultItemLimit;
    std::uint64_t m_items = 0;
    std::uint64_t m_droppedByLimit = 0;
    std::uint64_t m_eventCount = 0;
    std::uint64_t m_revision = 0;
    // Per worker and per counter track; empty until a view asks.
    mutable std::vector<SpanLod> m_spanLods;
    mutable std::vector<CounterLod> m_counterLods;
};

const char *spanStateKey(SpanState s); // stable id used in files: "running", "lock-wait"...
bool spanStateFromKey(std::string_view key, SpanState &out);
const char *flowKindKey(FlowKind k); // stable id used in files: "lock", "queue"...
bool flowKindFromKey(std::string_view key, FlowKind &out);

} // namespace cl::trace
