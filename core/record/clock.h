#pragma once
// The event clock. Writers stamp raw ticks (the TSC on x86-64: ~11 ns instead
// of ~24 ns for clock_gettime, and the clock read dominates an event's cost);
// the collector converts ticks to CLOCK_MONOTONIC nanoseconds. The TSC is one
// clock for every process on the machine, so stamps from forked children and
// threads line up. No Qt: used inside forked children.
#include <cstdint>
#include <ctime>

#if defined(__x86_64__)
#include <x86intrin.h>
#endif

namespace cl::record {

inline std::uint64_t monotonicNs()
{
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return std::uint64_t(ts.tv_sec) * 1000000000ull + std::uint64_t(ts.tv_nsec);
}

// True when raw ticks are TSC ticks (constant, non-stop TSC); false means raw
// ticks are already monotonic nanoseconds.
bool ticksAreTsc();

inline std::uint64_t rawTicks(bool tsc)
{
#if defined(__x86_64__)
    if (tsc)
        return __rdtsc();
#endif
    (void)tsc;
    return monotonicNs();
}

// rdtsc may execute before earlier instructions finish (measured here: up to
// ~0.5 us ahead of a load that precedes it), so a stamp taken just after
// acquiring a lock could predate the release it follows. lfence makes it
// wait. It costs ~10 ns more, so only stamps taken right after a
// synchronisation use it.
inline std::uint64_t rawTicksOrdered(bool tsc)
{
#if defined(__x86_64__)
    if (tsc) {
        _mm_lfence();
        return __rdtsc();
    }
#endif
    (void)tsc;
    return monotonicNs(); // the vDSO orders its own read
}

// Maps raw ticks to monotonic ns by a line through two (ticks, ns) pairs taken
// far apart; refit() moves the second pair forward so the slope keeps improving
// over a long run.
class TickConverter {
public:
    explicit TickConverter(bool tsc);
    void refit();
    // Inline: the collector calls it for every event it drains.
    std::uint64_t toNs(std::uint64_t ticks) const
    {
        if (!m_tsc)
            return ticks;
        const double delta = double(std::int64_t(ticks - m_ticks0)) * m_nsPerTick;
        return std::uint64_t(std::int64_t(m_ns0) + std::int64_t(delta));
    }
    bool isTsc() const { return m_tsc; }

private:
    bool m_tsc;
    std::uint64_t m_ticks0 = 0, m_ns0 = 0;
    double m_nsPerTick = 1.0;
};

} // namespace cl::record
