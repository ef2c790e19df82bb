#pragma once
// The store's hand-overs in the order they start (the earlier of their two
// ends), with the latest end per block of them: a frame reads only the
// flows that reach into its time range, however many the trace holds.
// Flows still missing an end are left out until the store completes them.
#include "core/trace/trace_store.h"

#include <cstdint>
#include <vector>

namespace cl::ui {

class FlowIndex {
public:
    // Takes in the flows added or completed since the last call.
    void update(const std::vector<trace::Flow> &flows);
    void clear();

    // Complete flows indexed; positions run over [0, size()).
    std::size_t size() const { return m_order.size(); }
    // The store index of the flow at a position, and its start and end.
    std::uint32_t flowAt(std::size_t pos) const { return m_order[pos]; }
    std::uint64_t startAt(std::size_t pos) const { return m_start[pos]; }
    std::uint64_t endAt(std::size_t pos) const { return m_end[pos]; }
    // First position whose flow starts at or after t.
    std::size_t firstStartingFrom(std::uint64_t t) const;
    // First position >= pos whose flow ends at or after t; size() if none.
    std::size_t nextReaching(std::size_t pos, std::uint64_t t) const;

private:
    static constexpr std::size_t kBlock = 32;
    void insert(std::vector<std::uint32_t> fresh, const std::vector<trace::Flow> &flows);

    std::vector<std::uint32_t> m_order;   // store indices, by start
    std::vector<std::uint64_t> m_start;   // earlier end of m_order[k]
    std::vector<std::uint64_t> m_end;     // later end of m_order[k]
    std::vector<std::uint64_t> m_blockEnd; // latest end per kBlock positions
    std::vector<std::uint32_t> m_pending; // store indices still missing an end
    std::size_t m_seen = 0;               // store flows looked at
    // A complete flow indexed, to notice a store cleared and filled again.
    std::size_t m_witness = SIZE_MAX;
    trace::Flow m_witnessFlow;
};

} // namespace cl::ui
