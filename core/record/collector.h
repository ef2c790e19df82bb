#pragma once
// Drains every in-use ring of an arena on its own thread, turns raw ticks into
// monotonic nanoseconds, reassembles strings, recycles the rings of finished
// workers, and hands batches to whoever pulls them (the GUI on a timer, the
// CLI at the end). Never touches a QObject.
#include "core/record/clock.h"
#include "core/record/shared_arena.h"
#include "core/trace/event.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace cl::record {

struct Batch {
    std::vector<trace::Event> events;                         // all but StringDef/TextChunk
    std::vector<std::pair<std::uint32_t, std::string>> strings; // newly defined strings
    std::uint64_t droppedTotal = 0;                          // cumulative, whole run
};

class Collector {
public:
    explicit Collector(SharedArena &arena);
    ~Collector();
    Collector(const Collector &) = delete;
    Collector &operator=(const Collector &) = delete;

    void start(std::chrono::microseconds interval = std::chrono::milliseconds(2));
    // Stops the thread after one last drain.
    void stop();
    // Drains every ring once on the calling thread; returns events drained.
    std::size_t drainNow();

    Batch takeBatch();
    // The background thread stops draining while this many events wait to be
    // taken: a consumer that falls behind (a busy GUI thread) then leaves the
    // events in the rings, which fill and count their drops, instead of
    // growing the batch without bound. drainNow() itself always drains.
    static constexpr std::size_t kDefaultMaxPending = std::size_t(1) << 22; // 128 MB of events
    void setMaxPending(std::size_t events) { m_maxPending.store(events, std::memory_order_relaxed); }
    std::size_t pendingEvents();
    std::uint64_t droppedTotal() const { return m_droppedTotal.load(std::memory_order_relaxed); }
    std::uint64_t eventsIngested() const { return m_ingested.load(std::memory_order_relaxed); }
    const TickConverter &ticks() const { return m_ticks; }

private:
    struct PartialString {
        bool active = false;
        std::uint32_t id = 0;
        std::size_t expected = 0;
        std::string text;
    };
    void loop(std::chrono::microseconds interval);
    // bounded: leave the rings alone while the batch holds maxPending events.
    std::size_t drain(bool bounded);
    void decode(std::uint32_t ring, const trace::Event *events, std::size_t n);

    SharedArena &m_arena;
    TickConverter m_ticks;
    std::mutex m_drainMutex;  // one consumer per ring at a time
    std::mutex m_batchMutex;
    Batch m_pending;
    std::vector<trace::Event> m_scratch;
    // One pass's output, kept between passes so its capacity is reused: a
    // fresh vector per pass costs more in page faults than decoding does.
    std::vector<trace::Event> m_decoded;
    std::vector<std::pair<std::uint32_t, std::string>> m_decodedStrings;
    std::vector<PartialString> m_partial; // by ring
    std::uint32_t m_nextFirstRing = 0;
    std::uint64_t m_droppedRecycled = 0;
    std::atomic<std::uint64_t> m_droppedTotal{0};
    std::atomic<std::uint64_t> m_ingested{0};
    std::atomic<std::size_t> m_maxPending{kDefaultMaxPending};
    std::chrono::steady_clock::time_point m_lastRefit;

    std::thread m_thread;
    std::mutex m_wakeMutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
};

} // namespace cl::record
