#include "core/record/collector.h"

#include <algorithm>
#include <cstdint>

namespace cl::record {

namespace {
constexpr std::size_t kDrainChunk = 4096;
}

Collector::Collector(SharedArena &arena)
    : m_arena(arena), m_ticks(arena.header()->ticksAreTsc != 0), m_scratch(kDrainChunk),
      m_partial(arena.ringCount()), m_lastRefit(std::chrono::steady_clock::now())
{
}

Collector::~Collector() { stop(); }

void Collector::start(std::chrono::microseconds interval)
{
    if (m_thread.joinable())
        return;
    m_stopping = false;
    m_thread = std::thread([this, interval] { loop(interval); });
}

void Collector::stop()
{
    if (m_thread.joinable()) {
        {
            std::lock_guard lock(m_wakeMutex);
            m_stopping = true;
        }
        m_wake.notify_all();
        m_thread.join();
    }
    drainNow();
}

void Collector::loop(std::chrono::microseconds interval)
{
    std::unique_lock lock(m_wakeMutex);
    while (!m_stopping) {
        lock.unlock();
        drain(true);
        lock.lock();
        m_wake.wait_for(lock, interval, [this] { return m_stopping; });
    }
}

std::size_t Collector::drainNow() { return drain(false); }

std::size_t Collector::drain(bool bounded)
{
    std::lock_guard drainLock(m_drainMutex);
    const auto nowSteady = std::chrono::steady_clock::now();
    if (nowSteady - m_lastRefit > std::chrono::milliseconds(200)) {
        m_ticks.refit();
        m_lastRefit = nowSteady;
    }

    const std::size_t maxPending = bounded ? m_maxPending.load(std::memory_order_relaxed) : SIZE_MAX;
    const std::size_t pending = pendingEvents();
    m_decoded.clear();
    m_decodedStrings.clear();
    std::size_t total = 0;
    std::uint64_t droppedLive = 0;
    const std::uint32_t rings = m_arena.ringCount();
    // Under a backlog the first rings drained get the room: start each pass
    // at another ring so no writer is always the one left to drop.
    const std::uint32_t first = rings > 0 ? m_nextFirstRing++ % rings : 0;
    for (std::uint32_t k = 0; k < rings; ++k) {
        const std::uint32_t i = (first + k) % rings;
        Ring ring = m_arena.ring(i);
        RingHeader *h = ring.header();
        const std::uint32_t state = h->state.load(std::memory_order_acquire);
        if (state == RingState::Free)
            continue;
        if (pending + m_decoded.size() < maxPending) {
            // At most one ring's worth per pass: a writer that keeps pace with the
            // decoder would otherwise hold this loop (and every other ring, and
            // the batch) until it pauses.
            std::size_t budget = h->capacity;
            std::size_t n;
            while (budget > 0 && (n = ring.drain(m_scratch.data(), std::min(budget, m_scratch.size()))) > 0) {
                decode(i, m_scratch.data(), n);
                total += n;
                budget -= n;
            }
        }
        const std::uint64_t dropped = h->dropped.load(std::memory_order_relaxed);
        // Closed was set after the writer's last push, so an empty ring now stays empty.
        if (state == RingState::Closed && ring.pending() == 0) {
            m_droppedRecycled += dropped;
            m_partial[i].active = false;
            m_partial[i].text.clear();
            m_arena.recycleRing(i);
        } else {
            droppedLive += dropped;
        }
    }
    m_ingested.fetch_add(total, std::memory_order_relaxed);
    m_droppedTotal.store(m_droppedRecycled + droppedLive, std::memory_order_relaxed);

    // One hand-over per pass: the batch then grows by one allocation, not one
    // per ring (fresh pages cost more than the decoding).
    if (!m_decoded.empty() || !m_decodedStrings.empty()) {
        std::lock_guard lock(m_batchMutex);
        m_pending.events.insert(m_pending.events.end(), m_decoded.begin(), m_decoded.end());
        for (auto &s : m_decodedStrings)
            m_pending.strings.push_back(std::move(s));
    }
    return total;
}

void Collector::decode(std::uint32_t ring, const trace::Event *events, std::size_t n)
{
    using trace::EventKind;
    if (m_decoded.capacity() < m_decoded.size() + n)
        m_decoded.reserve(std::max(m_decoded.size() + n, 2 * m_decoded.capacity()));
    PartialString &partial = m_partial[ring];
    for (std::size_t i = 0; i < n; ++i) {
        const trace::Event &e = events[i];
        // Strings are rare next to spans and counters: test for them once.
        if (e.kind == EventKind::TextChunk || e.kind == EventKind::StringDef || partial.active) [[unlikely]] {
            if (e.kind == EventKind::TextChunk) {
                if (!partial.active || partial.id != e.objectId)
                    continue; // its definition was dropped: the drop is counted already
                partial.text.append(trace::unpackText(e));
                if (partial.text.size() >= partial.expected) {
                    m_decodedStrings.emplace_back(partial.id, std::move(partial.text));
                    partial.text.clear();
                    partial.active = false;
                }
                continue;
            }
            if (partial.active) {
                // A chunk went missing (full ring): keep what arrived rather than nothing.
                m_decodedStrings.emplace_back(partial.id, std::move(partial.text));
                partial.text.clear();
                partial.active = false;
            }
            if (e.kind == EventKind::StringDef) {
                if (e.value == 0) {
                    m_decodedStrings.emplace_back(e.objectId, std::string());
                } else {
                    partial.active = true;
                    partial.id = e.objectId;
                    partial.expected = std::size_t(e.value);
                }
                continue;
            }
        }
        trace::Event converted = e;
        converted.timeNs = m_ticks.toNs(e.timeNs);
        m_decoded.push_back(converted);
    }
}

std::size_t Collector::pendingEvents()
{
    std::lock_guard lock(m_batchMutex);
    return m_pending.events.size();
}

Batch Collector::takeBatch()
{
    Batch b;
    {
        std::lock_guard lock(m_batchMutex);
        std::swap(b, m_pending);
    }
    b.droppedTotal = m_droppedTotal.load(std::memory_order_relaxed);
    return b;
}

} // namespace cl::record
