#include "ui/flow_index.h"
#include "core/trace/block_reach.h"

#include <algorithm>
#include <iterator>

namespace cl::ui {

namespace {
bool complete(const trace::Flow &f)
{
    return f.outTime != 0 && f.inTime != 0;
}
std::uint64_t startOf(const trace::Flow &f)
{
    return std::min(f.outTime, f.inTime);
}
std::uint64_t endOf(const trace::Flow &f)
{
    return std::max(f.outTime, f.inTime);
}
bool sameFlow(const trace::Flow &a, const trace::Flow &b)
{
    return a.outTime == b.outTime && a.inTime == b.inTime && a.fromWorker == b.fromWorker &&
           a.toWorker == b.toWorker && a.objectId == b.objectId && a.kind == b.kind;
}
} // namespace

void FlowIndex::clear()
{
    m_order.clear();
    m_start.clear();
    m_end.clear();
    m_blockEnd.clear();
    m_pending.clear();
    m_seen = 0;
    m_witness = SIZE_MAX;
}

void FlowIndex::update(const std::vector<trace::Flow> &flows)
{
    // Flows are only ever appended, and complete ones never change: a store
    // with fewer, or with another flow where ours was, is a new one.
    if (flows.size() < m_seen ||
        (m_witness != SIZE_MAX && (m_witness >= flows.size() || !sameFlow(flows[m_witness], m_witnessFlow))))
        clear();
    std::vector<std::uint32_t> fresh;
    std::erase_if(m_pending, [&](std::uint32_t i) {
        if (!complete(flows[i]))
            return false;
        fresh.push_back(i);
        return true;
    });
    for (std::size_t k = m_seen; k < flows.size(); ++k)
        (complete(flows[k]) ? fresh : m_pending).push_back(std::uint32_t(k));
    m_seen = flows.size();
    if (fresh.empty())
        return;
    m_witness = fresh.back();
    m_witnessFlow = flows[m_witness];
    insert(std::move(fresh), flows);
}

void FlowIndex::insert(std::vector<std::uint32_t> fresh, const std::vector<trace::Flow> &flows)
{
    const auto byStart = [&](std::uint32_t a, std::uint32_t b) {
        const std::uint64_t sa = startOf(flows[a]);
        const std::uint64_t sb = startOf(flows[b]);
        return sa < sb || (sa == sb && a < b);
    };
    std::sort(fresh.begin(), fresh.end(), byStart);
    // A live run's flows mostly start after those already in: they go at
    // the back. Otherwise the two sorted runs are merged.
    std::size_t from = m_order.size();
    if (!m_order.empty() && byStart(fresh.front(), m_order.back())) {
        std::vector<std::uint32_t> merged;
        merged.reserve(m_order.size() + fresh.size());
        std::merge(m_order.begin(), m_order.end(), fresh.begin(), fresh.end(), std::back_inserter(merged), byStart);
        // Everything from the first position that changed on is rewritten.
        from = std::size_t(std::mismatch(m_order.begin(), m_order.end(), merged.begin()).first - m_order.begin());
        m_order = std::move(merged);
    } else {
        m_order.insert(m_order.end(), fresh.begin(), fresh.end());
    }
    m_start.resize(m_order.size());
    m_end.resize(m_order.size());
    for (std::size_t k = from; k < m_order.size(); ++k) {
        m_start[k] = startOf(flows[m_order[k]]);
        m_end[k] = endOf(flows[m_order[k]]);
    }
    m_blockEnd.resize((m_order.size() + kBlock - 1) / kBlock);
    for (std::size_t b = from / kBlock; b < m_blockEnd.size(); ++b) {
        const std::size_t last = std::min(m_order.size(), (b + 1) * kBlock);
        m_blockEnd[b] = *std::max_element(m_end.begin() + std::ptrdiff_t(b * kBlock), m_end.begin() + std::ptrdiff_t(last));
    }
}

std::size_t FlowIndex::firstStartingFrom(std::uint64_t t) const
{
    return std::size_t(std::lower_bound(m_start.begin(), m_start.end(), t) - m_start.begin());
}

std::size_t FlowIndex::nextReaching(std::size_t pos, std::uint64_t t) const
{
    return trace::nextReachingInBlocks<kBlock>(pos, m_order.size(), m_blockEnd, t,
                                               [this](std::size_t k) { return m_end[k]; });
}

} // namespace cl::ui
