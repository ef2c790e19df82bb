#pragma once
// The Chrome trace reader's machinery: parsing (chrome_trace_reader_parse.cpp)
// and mapping events onto the store (chrome_trace_reader_map.cpp).
#include "core/trace/chrome_trace_reader.h"
#include "core/trace/json_scanner.h"

#include <QCoreApplication>

#include <array>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace cl::trace::detail {

// Lookups by a view into the file: no std::string made per event to find a name.
struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};
template<typename Value>
using StringMap = std::unordered_map<std::string, Value, StringHash, std::equal_to<>>;

// One event's fields as read; views point into the file or the scratch strings.
struct EventFields {
    std::string_view ph, name, cat, scope, id, argName, argObject, argKind;
    std::string phS, nameS, catS, scopeS, idS, argNameS, argObjectS, argKindS;
    bool hasPid = false, hasTid = false, hasTs = false, hasDur = false, hasId = false;
    std::int32_t pid = 0, tid = 0;
    double ts = 0, dur = 0;
    double ppid = 0;
    const char *badField = nullptr; // a field of the wrong type: the event is skipped for it
    // Numeric members of "args" (counters): names in reused strings.
    std::vector<std::pair<std::string, double>> numbers;
    std::size_t numberCount = 0;

    void reset()
    {
        ph = name = cat = scope = id = argName = argObject = argKind = {};
        hasPid = hasTid = hasTs = hasDur = hasId = false;
        pid = tid = 0;
        ts = dur = ppid = 0;
        badField = nullptr;
        numberCount = 0;
    }
};

// One element of the event array as the parse stage leaves it for the
// mapping stage (the two run on two threads for a large text).
struct ParsedEvent {
    EventFields fields;
    std::size_t end = 0;  // byte offset after the element: progress once it is mapped
    bool isEvent = false; // false: not a JSON object, counted as skipped
};

class ChromeTraceReader {
    Q_DECLARE_TR_FUNCTIONS(cl::trace::ChromeTraceReader)
public:
    ChromeTraceReader(std::string_view text, const QString &name, TraceStore &store, const TraceLoadControl &control);
    TraceLoadReport run();
    // The text is a file mapping that nothing reads again once passed: its
    // pages are handed back behind the read position, so a 1 GB file does
    // not count a gigabyte against the process (they stay in the page cache).
    void setReleaseReadPages(bool release) { m_releaseReadPages = release; }

private:
    // --- parsing (chrome_trace_reader_parse.cpp)
    bool readTopObject();
    bool readEventArray(bool bare);
    // Steps to the next element of the event array; false at its end or
    // when the scanner failed.
    bool nextElement(bool bare, bool &first);
    enum class Element { Event, NotObject, Failed };
    Element readEvent(EventFields &f);
    void mapElement(EventFields &f, bool isEvent);
    // (chrome_trace_reader_pipeline.cpp) The event array with a parser
    // thread ahead of this one, which maps; the result is the same.
    bool readEventArrayTwoThreads(bool bare);
    bool readEventsOneThread(bool bare); // after the '[
    bool useTwoThreads() const;
    // Mapper, two threads: maps the file's pages a few megabytes ahead of
    // `at`, so the parser (the slower of the two) does not take the faults.
    void populateAhead(std::size_t at);
    bool readArgs(EventFields &f);
    bool readId(EventFields &f);
    bool readWorkerId(std::int32_t &out, bool &has);
    bool readMetadata();
    bool scannerFailed(const QString &where);
    QString where() const;
    void checkProgress(std::size_t at);
    void releaseReadPages(std::size_t upTo);

    // --- mapping (chrome_trace_reader_map.cpp)
    void mapEvent(EventFields &f);
    // A slice's state and object: one of the app's states with its object,
    // or another tool's slice as a generic span named by its event.
    std::pair<SpanState, std::uint32_t> spanKind(const EventFields &f, std::uint64_t time);
    void mapSpan(EventFields &f);
    void mapBeginEnd(EventFields &f);
    void mapAsync(EventFields &f, bool begin);
    void mapInstant(EventFields &f);
    void mapCounter(EventFields &f);
    void mapMetadataEvent(EventFields &f);
    void mapFlow(EventFields &f, bool out);
    void setMetadata(std::string_view key, std::string value);
    void finish();
    void skip(const std::string &reason) { ++m_report.skipped[reason]; }

    std::uint64_t timeNs(double micros) const;
    int seeWorker(std::int32_t pid, std::int32_t tid, std::uint64_t time);
    void startWorker(int index, std::uint64_t time);
    std::uint32_t addString(std::string_view text);
    std::uint32_t objectId(std::string_view name, std::uint64_t time);
    std::uint32_t counterKey(std::string_view name, std::uint64_t time);
    void push(const Event &e);
    void flush();

    std::string_view m_text;
    QString m_name;
    TraceStore &m_store;
    const TraceLoadControl &m_control;
    // The parse stage's state, on cache lines of its own: on two threads the
    // parser writes it all the time and the mapper never touches it (no
    // false sharing with the mapping state below).
    alignas(64) JsonScanner m_scan;
    std::string m_keyScratch;
    // The keys of the last event, in order (as parse.cpp's Field values):
    // the next event most likely has the same.
    std::array<std::uint8_t, 16> m_keyOrder{};
    std::size_t m_keyOrderSize = 0;
    std::uint64_t m_eventIndex = 0; // 1-based index of the event being read; 0 outside the array
    StringMap<std::int32_t> m_syntheticIds;
    std::int32_t m_nextSyntheticId = 0x40000000;
    bool m_inMetadata = false;

    alignas(64) TraceLoadReport m_report;
    EventFields m_fields;
    bool m_releaseReadPages = false;
    std::size_t m_released = 0;   // bytes from the start handed back
    std::size_t m_populated = 0;  // bytes from the start mapped ahead of the parser
    std::size_t m_nextProgress = 0;

    // Mapping state.
    std::uint64_t m_origin = 0;
    std::uint64_t m_recordedEvents = 0; // "event_count" in the file's metadata
    bool m_originFromFile = false;
    std::vector<Event> m_chunk;
    std::uint32_t m_nextString = 1;
    std::uint32_t m_nextObject = 1u << 20; // above any counter id
    std::uint32_t m_nextCounter = 1000;
    std::uint32_t m_nextFlow = 1;
    struct Worker {
        std::int32_t pid = 0, tid = 0;
        std::int64_t ppid = 0;
        std::uint32_t nameId = 0;
        std::uint64_t first = 0;
        bool created = false;
        struct Open {
            SpanState state;
            std::uint32_t object;
        };
        std::vector<Open> stack; // B/E
    };
    std::vector<Worker> m_workers;
    std::unordered_map<std::uint64_t, int> m_workerIndex;
    // The worker of the last event: a saved run lists each worker's events together.
    std::uint64_t m_lastWorkerKey = 0;
    int m_lastWorker = -1;
    std::unordered_map<std::int32_t, std::string> m_processNames;
    StringMap<std::uint32_t> m_objects;
    StringMap<std::uint32_t> m_counters;
    StringMap<std::uint32_t> m_counterIdsFromFile;
    struct AsyncOpen {
        int worker;
        SpanState state;
        std::uint32_t object;
    };
    StringMap<std::vector<AsyncOpen>> m_async;
    struct OpenFlow {
        std::uint32_t flow;
        std::uint32_t object;
    };
    StringMap<OpenFlow> m_openFlows;
    std::string m_asyncKey;
    std::string m_counterName; // a counter's name with its series, reused
};

} // namespace cl::trace::detail
