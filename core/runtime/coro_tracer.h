#pragma once
// The recording side of coroutines: each coroutine is a lane under the thread
// that runs it (a track with a negative tid whose WorkerStart names the host
// thread, see trace::kLaneOfThread). A lane is Running while its coroutine
// runs; otherwise Sleep (a timer, a read, a write) or Suspended (ready, switched
// away from, awaiting another task or a generator), the span's object naming
// what it waits for. Every switch is a flow from the lane that stops to the
// lane that starts, and the tracer counts how many lanes of its thread are
// active at once: only one can be. No Qt: used by forked children.
#include "core/record/writer.h"

#include <cstdint>
#include <string_view>
#include <vector>

namespace cl::runtime {

// What a coroutine that is not running waits for.
enum class CoroWait : std::uint8_t { Ready, Sleep, Read, Write, Switch, Task, Generator, Count };

class CoroTracer {
public:
    // Without a writer nothing is recorded (benchmarks); the counts still work.
    explicit CoroTracer(record::Writer *writer = nullptr);
    // Ends every lane still open, and the host's running span.
    ~CoroTracer();
    CoroTracer(const CoroTracer &) = delete;
    CoroTracer &operator=(const CoroTracer &) = delete;

    bool recording() const { return m_writer != nullptr; }
    // The host thread's own track: "the main greenlet", or the event loop itself.
    std::int32_t hostLane() const { return m_hostTid; }
    std::int32_t current() const { return m_current; }

    // A new lane for a coroutine, suspended (ready) until it first runs.
    std::int32_t newLane(std::string_view name);
    // The coroutine ended: its lane's span closes and the lane exits.
    void endLane(std::int32_t lane);

    // `from` stops (waiting for `why`) and `to` runs; one flow joins them.
    void switchTo(std::int32_t from, CoroWait why, std::int32_t to);
    // Only one side: the event loop resumes a lane, or a lane suspends into the loop.
    void resume(std::int32_t lane);
    void suspend(std::int32_t lane, CoroWait why);
    // A suspended lane changes what it waits for (a sleeper became ready).
    void rewait(std::int32_t lane, CoroWait why);

    void print(std::int32_t lane, std::string_view line);
    void readyDepth(std::int64_t depth);
    // The host thread blocks in the kernel (epoll_wait) or stops doing so.
    void hostBlocked(bool blocked);

    int maxActive() const { return m_maxActive; }
    int activeNow() const { return m_active; }
    // Distinct kernel threads that resumed a lane.
    int threadsUsed() const { return int(m_threads.size()); }
    std::size_t lanes() const { return m_lanes.size(); }

private:
    struct LaneState {
        trace::SpanState state;
        std::uint32_t object;
        bool ended;
    };
    LaneState *lane(std::int32_t tid);
    void enter(std::int32_t tid, trace::SpanState s, std::uint32_t object, std::uint64_t t);
    void noteThread();

    record::Writer *m_writer;
    std::int32_t m_pid;
    std::int32_t m_hostTid;
    std::int32_t m_current;
    std::int32_t m_firstLane = 0; // tid of lane 0; lanes count down from it
    std::vector<LaneState> m_lanes;
    LaneState m_host{trace::SpanState::Running, 0, false};
    std::uint32_t m_objects[std::size_t(CoroWait::Count)] = {};
    std::uint32_t m_readyCounter = 0;
    std::uint32_t m_epollObject = 0;
    int m_active = 1; // the host thread runs when the tracer is made
    int m_maxActive = 1;
    std::vector<std::int32_t> m_threads;
    std::int32_t m_lastThread = 0;
    // The lane that last suspended into the loop: the next resume is its hand-over.
    std::int32_t m_lastOut = 0;
    std::uint64_t m_lastOutTicks = 0;
};

} // namespace cl::runtime
