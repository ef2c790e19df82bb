// Chrome trace reader: the event array of a large text on two threads. A
// parser thread walks the array into a small ring of batches of parsed
// events; this thread maps them in order onto the store, exactly as the one
// thread does, so the store, the report, the progress steps and every
// message are the same. Parsing and mapping each take about half of a load,
// so on two cores a large file opens in little more than the parse alone.
//
// What the parser keeps for the mapper are views into the text, which
// stays for the whole load (a file mapping or the caller's buffer), and the
// scratch strings of an event's escaped strings, which live in its slot of
// the batch until the batch comes round again. Pages of a mapping are
// handed back behind the mapping position, never the parse position.
#include "core/trace/chrome_trace_reader_p.h"

#include <condition_variable>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>

namespace cl::trace::detail {

namespace {
// A few thousand events a batch: the hand-over costs next to nothing, and
// the ring stays a few megabytes (an EventFields is a few hundred bytes).
constexpr std::size_t kBatchEvents = 1024;
constexpr std::size_t kBatches = 4;

struct EventBatch {
    std::vector<ParsedEvent> events = std::vector<ParsedEvent>(kBatchEvents);
    std::size_t count = 0;
    bool last = false; // the parser ended after it: the array's end, or an error
};

// Batches go round: the parser fills free ones in order, the mapper maps
// filled ones in order. Each side works on its batch outside the lock.
class BatchRing {
public:
    // Parser: the next batch to fill; null once the mapper has stopped.
    EventBatch *nextToFill()
    {
        std::unique_lock lock(m_mutex);
        m_canFill.wait(lock, [&] { return m_stopped || m_filled - m_mapped < kBatches; });
        return m_stopped ? nullptr : &m_batches[m_filled % kBatches];
    }
    void filled()
    {
        {
            const std::lock_guard lock(m_mutex);
            ++m_filled;
        }
        m_canMap.notify_one();
    }
    // Parser, on its way out (after its last batch, or on an exception).
    void parserDone()
    {
        {
            const std::lock_guard lock(m_mutex);
            m_parserDone = true;
        }
        m_canMap.notify_one();
    }
    // Mapper: the next filled batch; null when the parser ended without one.
    EventBatch *nextToMap()
    {
        std::unique_lock lock(m_mutex);
        m_canMap.wait(lock, [&] { return m_mapped < m_filled || m_parserDone; });
        return m_mapped < m_filled ? &m_batches[m_mapped % kBatches] : nullptr;
    }
    void mapped()
    {
        {
            const std::lock_guard lock(m_mutex);
            ++m_mapped;
        }
        m_canFill.notify_one();
    }
    // Mapper: no more batches wanted (cancelled, an exception, or done).
    void stop()
    {
        {
            const std::lock_guard lock(m_mutex);
            m_stopped = true;
        }
        m_canFill.notify_one();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_canFill, m_canMap;
    std::vector<EventBatch> m_batches = std::vector<EventBatch>(kBatches);
    std::size_t m_filled = 0, m_mapped = 0;
    bool m_parserDone = false, m_stopped = false;
};

// The parser thread is stopped and joined on every way out of the mapper,
// an exception from mapping included.
class ParserThread {
public:
    ParserThread(BatchRing &ring, std::thread thread) : m_ring(ring), m_thread(std::move(thread)) {}
    ParserThread(const ParserThread &) = delete;
    ParserThread &operator=(const ParserThread &) = delete;
    ~ParserThread() { join(); }
    void join()
    {
        if (!m_thread.joinable())
            return;
        m_ring.stop();
        m_thread.join();
    }

private:
    BatchRing &m_ring;
    std::thread m_thread;
};
} // namespace

bool ChromeTraceReader::useTwoThreads() const
{
    const std::size_t from = m_control.twoThreadsFromBytes;
    return from == 0 || (m_text.size() >= from && std::thread::hardware_concurrency() > 1);
}

bool ChromeTraceReader::readEventArrayTwoThreads(bool bare)
{
    // While the parser runs it alone touches the scanner, the event index,
    // the key scratch, the synthetic ids and (on an error) m_report.error;
    // this thread touches the mapping state and the rest of the report.
    BatchRing ring;
    bool parsedOk = true;
    std::exception_ptr parseException;
    const auto parse = [&] {
        try {
            bool first = true;
            bool more = true;
            while (more) {
                EventBatch *batch = ring.nextToFill();
                if (!batch)
                    break;
                batch->count = 0;
                batch->last = false;
                while (batch->count < kBatchEvents) {
                    if (!nextElement(bare, first)) {
                        more = false;
                        if (m_scan.failed())
                            parsedOk = scannerFailed(where());
                        break;
                    }
                    ParsedEvent &p = batch->events[batch->count];
                    const Element e = readEvent(p.fields);
                    if (e == Element::Failed) {
                        more = false;
                        parsedOk = false;
                        break;
                    }
                    p.isEvent = e == Element::Event;
                    p.end = m_scan.offset();
                    ++batch->count;
                }
                batch->last = !more;
                ring.filled();
            }
        } catch (...) {
            parseException = std::current_exception();
        }
        ring.parserDone();
    };
    std::thread thread;
    try {
        thread = std::thread(parse);
    } catch (const std::system_error &) {
        return readEventsOneThread(bare); // no thread to be had: this one does it all
    }
    ParserThread parser(ring, std::move(thread));

    bool cancelled = false;
    while (EventBatch *batch = ring.nextToMap()) {
        for (std::size_t i = 0; i < batch->count && !cancelled; ++i) {
            ParsedEvent &p = batch->events[i];
            mapElement(p.fields, p.isEvent);
            checkProgress(p.end);
            cancelled = m_report.cancelled;
        }
        const bool last = batch->last;
        if (batch->count > 0)
            populateAhead(batch->events[batch->count - 1].end);
        ring.mapped();
        if (last || cancelled)
            break;
    }
    parser.join();
    if (parseException)
        std::rethrow_exception(parseException);
    if (cancelled || !parsedOk)
        return false;
    m_report.events = m_eventIndex;
    m_eventIndex = 0;
    return true;
}

} // namespace cl::trace::detail
