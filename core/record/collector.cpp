#include "core/record/collector.h"

namespace cl::record {

namespace {
constexpr std::size_t kDrainChunk = 4096;
}

Collector::Collector(SharedArena &arena)
    : m_arena(arena), m_ticks(arena.header()->ticksAreTsc != 0), m_scratch(kDrainChunk),
      m_lastRefit(std::chrono::steady_clock::now())
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
        drainNow();
        lock.lock();
        m_wake.wait_for(lock, interval, [this] { return m_stopping; });
    }
}

std::size_t Collector::drainNow()
{
    std::lock_guard drainLock(m_drainMutex);
    const auto nowSteady = std::chrono::steady_clock::now();
    if (nowSteady - m_lastRefit > std::chrono::milliseconds(200)) {
        m_ticks.refit();
        m_lastRefit = nowSteady;
    }

    Batch local;
    std::size_t total = 0;
    std::uint64_t droppedLive = 0;
    for (std::uint32_t i = 0; i < m_arena.ringCount(); ++i) {
        Ring ring = m_arena.ring(i);
        RingHeader *h = ring.header();
        const std::uint32_t state = h->state.load(std::memory_order_acquire);
        if (state == RingState::Free)
            continue;
        std::size_t n;
        while ((n = ring.drain(m_scratch.data(), m_scratch.size())) > 0) {
            decode(i, m_scratch.data(), n, local);
            total += n;
        }
        const std::uint64_t dropped = h->dropped.load(std::memory_order_relaxed);
        // Closed was set after the writer's last push, so an empty ring now stays empty.
        if (state == RingState::Closed && ring.pending() == 0) {
            m_droppedRecycled += dropped;
            m_partial.erase(i);
            m_arena.recycleRing(i);
        } else {
            droppedLive += dropped;
        }
    }
    m_ingested.fetch_add(total, std::memory_order_relaxed);
    m_droppedTotal.store(m_droppedRecycled + droppedLive, std::memory_order_relaxed);

    if (total > 0 || !local.strings.empty()) {
        std::lock_guard lock(m_batchMutex);
        if (m_pending.events.empty()) {
            m_pending.events = std::move(local.events);
        } else {
            m_pending.events.insert(m_pending.events.end(), local.events.begin(), local.events.end());
        }
        for (auto &s : local.strings)
            m_pending.strings.push_back(std::move(s));
    }
    return total;
}

void Collector::decode(std::uint32_t ring, const trace::Event *events, std::size_t n, Batch &out)
{
    using trace::EventKind;
    for (std::size_t i = 0; i < n; ++i) {
        const trace::Event &e = events[i];
        auto it = m_partial.find(ring);
        if (e.kind == EventKind::TextChunk) {
            if (it == m_partial.end() || it->second.id != e.objectId)
                continue; // its definition was dropped: the drop is counted already
            it->second.text.append(trace::unpackText(e));
            if (it->second.text.size() >= it->second.expected) {
                out.strings.emplace_back(it->second.id, std::move(it->second.text));
                m_partial.erase(it);
            }
            continue;
        }
        if (it != m_partial.end()) {
            // A chunk went missing (full ring): keep what arrived rather than nothing.
            out.strings.emplace_back(it->second.id, std::move(it->second.text));
            m_partial.erase(it);
        }
        if (e.kind == EventKind::StringDef) {
            if (e.value == 0)
                out.strings.emplace_back(e.objectId, std::string());
            else
                m_partial[ring] = PartialString{e.objectId, std::size_t(e.value), {}};
            continue;
        }
        trace::Event converted = e;
        converted.timeNs = m_ticks.toNs(e.timeNs);
        out.events.push_back(converted);
    }
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
