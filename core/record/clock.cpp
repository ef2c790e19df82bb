#include "core/record/clock.h"

#include <cstdio>
#include <cstring>
#include <thread>

namespace cl::record {

namespace {
bool cpuHasStableTsc()
{
#if defined(__x86_64__)
    FILE *f = std::fopen("/proc/cpuinfo", "r");
    if (!f)
        return false;
    char line[4096];
    bool constant = false, nonstop = false;
    while (std::fgets(line, sizeof line, f)) {
        if (std::strncmp(line, "flags", 5) != 0)
            continue;
        constant = std::strstr(line, " constant_tsc") != nullptr;
        nonstop = std::strstr(line, " nonstop_tsc") != nullptr;
        break;
    }
    std::fclose(f);
    return constant && nonstop;
#else
    return false;
#endif
}

// A (ticks, ns) pair read as close together as we can: take the tightest of a few.
void samplePair(bool tsc, std::uint64_t &ticks, std::uint64_t &ns)
{
    std::uint64_t best = ~0ull;
    for (int i = 0; i < 5; ++i) {
        const std::uint64_t t0 = rawTicks(tsc);
        const std::uint64_t n = monotonicNs();
        const std::uint64_t t1 = rawTicks(tsc);
        if (t1 - t0 < best) {
            best = t1 - t0;
            ticks = t0 + (t1 - t0) / 2;
            ns = n;
        }
    }
}
} // namespace

bool ticksAreTsc()
{
    static const bool tsc = cpuHasStableTsc();
    return tsc;
}

TickConverter::TickConverter(bool tsc) : m_tsc(tsc)
{
    if (!m_tsc)
        return;
    samplePair(m_tsc, m_ticks0, m_ns0);
    // A short first baseline; refit() lengthens it as the run goes on.
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    refit();
}

void TickConverter::refit()
{
    if (!m_tsc)
        return;
    std::uint64_t t, n;
    samplePair(m_tsc, t, n);
    if (t > m_ticks0 && n > m_ns0)
        m_nsPerTick = double(n - m_ns0) / double(t - m_ticks0);
}

} // namespace cl::record
