#pragma once
// What happened in a run, organised for the views: one track per worker
// (process or thread) with its state spans, counter tracks, printed lines and
// flows. Append-only and time-sorted per track. The owner ingests batches
// pulled from the collector on its own thread (the GUI thread, or the CLI's
// main thread) and views read it between ingests, so painting takes no locks.
// A trace loaded from a file is filled through the same ingest path.
#include "core/trace/event.h"

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace cl::record {
struct Batch;
}

namespace cl::trace {

struct Span {
    std::uint64_t begin;
    std::uint64_t end;
    SpanState state;
    std::uint32_t objectId;
};

struct WorkerTrack {
    std::int32_t pid = 0;
    std::int32_t tid = 0;
    std::int32_t ppid = 0;
    std::string name;
    std::uint64_t startTime = 0; // WorkerStart, or first event seen
    std::uint64_t lastTime = 0;  // last event seen
    bool exited = false;
    std::uint64_t exitTime = 0;
    std::int64_t exitValue = 0;  // exit code, or -signal
    std::vector<Span> spans;     // closed spans, sorted by begin
    std::array<std::uint64_t, std::size_t(SpanState::Count)> openSince{}; // 0: not open
    std::array<std::uint32_t, std::size_t(SpanState::Count)> openObject{};
    std::vector<std::uint64_t> printTimes;

    bool isProcessMain() const { return pid == tid; }
};

struct CounterSample {
    std::uint64_t time;
    std::int64_t value;
};

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
    std::int64_t messageId = 0; // trace::MessageId; 0: the string is the line
};

struct Flow {
    std::uint64_t outTime = 0;
    std::uint64_t inTime = 0;
    int fromWorker = -1;
    int toWorker = -1;
    std::uint32_t objectId = 0;
};

struct ProcessGroup {
    std::int32_t pid;
    std::vector<int> workers; // indices into workers(), the main thread first
};

class TraceStore {
public:
    void clear();
    void ingest(const record::Batch &batch);
    // Loaded traces and tests add strings and events directly.
    void addString(std::uint32_t id, std::string text);
    void addEvents(std::vector<Event> events);
    void setDroppedEvents(std::uint64_t n) { m_dropped = n; ++m_revision; }

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
    std::uint64_t droppedEvents() const { return m_dropped; }
    std::uint64_t eventCount() const { return m_eventCount; }
    // Bumped by every change: views cache derived data by it.
    std::uint64_t revision() const { return m_revision; }

    // Free-form description of the run (scenario, parameters, verdict...).
    std::map<std::string, std::string> &metadata() { return m_metadata; }
    const std::map<std::string, std::string> &metadata() const { return m_metadata; }
    void touch() { ++m_revision; }

private:
    void apply(const Event &e);
    int ensureWorker(std::int32_t pid, std::int32_t tid, std::uint64_t time);
    CounterTrack &ensureCounter(CounterTrack::Kind kind, std::uint32_t key);

    std::vector<WorkerTrack> m_workers;
    std::unordered_map<std::uint64_t, int> m_workerByKey;
    std::vector<CounterTrack> m_counters;
    std::vector<PrintedLine> m_prints;
    std::vector<Flow> m_flows;
    std::unordered_map<std::uint32_t, std::size_t> m_openFlows; // flow id -> index in m_flows
    std::unordered_map<std::uint32_t, std::string> m_strings;
    std::unordered_map<std::uint32_t, std::uint32_t> m_objectNames; // object -> string id
    std::map<std::string, std::string> m_metadata;
    std::uint64_t m_begin = 0;
    std::uint64_t m_end = 0;
    std::uint64_t m_dropped = 0;
    std::uint64_t m_eventCount = 0;
    std::uint64_t m_revision = 0;
};

const char *spanStateKey(SpanState s); // stable id used in files: "running", "lock-wait"...
bool spanStateFromKey(std::string_view key, SpanState &out);

} // namespace cl::trace
