#pragma once
// "The first item at or after i that ends at or after t", for items kept in
// some order (by begin) with the latest end of each block of them beside:
// finish the current block item by item, then skip whole blocks that end
// before t. The level of detail's wide spans and the timeline's flow index
// both ask it, every frame.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace cl::trace {

// n items; endAt(k) is item k's end; blockEnd[b] the latest end of items
// [b * Block, (b + 1) * Block). Returns n when no item from i on reaches t.
template<std::size_t Block, typename EndAt>
std::size_t nextReachingInBlocks(std::size_t i, std::size_t n, const std::vector<std::uint64_t> &blockEnd,
                                 std::uint64_t t, EndAt &&endAt)
{
    for (; i < n && i % Block != 0; ++i)
        if (endAt(i) >= t)
            return i;
    if (i >= n)
        return n;
    for (std::size_t b = i / Block; b < blockEnd.size(); ++b) {
        if (blockEnd[b] < t)
            continue;
        for (std::size_t k = b * Block; k < std::min(n, (b + 1) * Block); ++k)
            if (endAt(k) >= t)
                return k;
    }
    return n;
}

} // namespace cl::trace
