#include "core/runtime/work_unit.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <unistd.h>

namespace cl::runtime {

namespace {
// Stop is checked between chunks; a chunk is a fraction of a millisecond on
// any current CPU. A fixed count, so a worker never has to calibrate.
constexpr std::uint64_t kStopCheckIterations = 1u << 16;

std::atomic<bool> g_calibrated{false};

std::int64_t threadCpuNs()
{
    timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return std::int64_t(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

CpuCalibration calibrate()
{
    // Timed in this thread's CPU time, not wall time: on a loaded machine a
    // trial may wait for a core, which stretches wall time but not the work.
    // The fastest of several trials is kept, because interrupts and cache
    // misses only ever add time.
    std::uint64_t state = 0x9e3779b97f4a7c15ull;
    std::uint64_t n = 1u << 12;
    // Grow the trial until it lasts a few ms; this also wakes the core up
    // from a low-power state before anything is measured.
    for (;;) {
        const std::int64_t t0 = threadCpuNs();
        state = spinLoop(n, state);
        const std::int64_t dt = threadCpuNs() - t0;
        if (dt >= 3'000'000 || n >= (1ull << 34))
            break;
        n *= 2;
    }
    double best = 0.0;
    for (int trial = 0; trial < 5; ++trial) {
        const std::int64_t t0 = threadCpuNs();
        state = spinLoop(n, state);
        const double perIteration = double(std::max<std::int64_t>(1, threadCpuNs() - t0)) / double(n);
        if (best == 0.0 || perIteration < best)
            best = perIteration;
    }
    CpuCalibration c;
    c.nsPerIteration = best;
    c.iterationsPerMs = std::max<std::uint64_t>(1, std::uint64_t(1e6 / best));
    return c;
}

// Reads a small /proc file into buf; false when it cannot be read.
bool readSmallFile(const char *path, char *buf, std::size_t size)
{
    const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const ssize_t n = ::read(fd, buf, size - 1);
    ::close(fd);
    if (n <= 0)
        return false;
    buf[n] = '\0';
    return true;
}
} // namespace

std::uint64_t spinLoop(std::uint64_t iterations, std::uint64_t state)
{
    std::uint64_t x = state | 1; // xorshift never leaves 0, so never start there
    for (std::uint64_t i = 0; i < iterations; ++i) {
        // xorshift64 and an odd multiplier: every step is a bijection, so
        // the state never collapses, and each step needs the previous one.
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        x *= 0x2545f4914f6cdd1dull;
        // Why this loop cannot be optimised away or shortened: the empty asm
        // tells the compiler that code it cannot see reads and rewrites x at
        // every step. So each step's result is used (the loop cannot be
        // deleted), the next step starts from an unknown value (no closed
        // form, no folding of steps, no vectorising across iterations), and
        // the count is only known at run time. It costs no instruction.
        asm volatile("" : "+r"(x));
    }
    return x;
}

const CpuCalibration &cpuCalibration()
{
    static const CpuCalibration c = [] {
        const CpuCalibration measured = calibrate();
        g_calibrated.store(true, std::memory_order_release);
        return measured;
    }();
    return c;
}

bool isCpuCalibrated()
{
    return g_calibrated.load(std::memory_order_acquire);
}

std::uint64_t cpuIterationsForMs(std::int64_t ms)
{
    if (ms <= 0)
        return 0;
    return std::max<std::uint64_t>(1, std::uint64_t(ms) * cpuCalibration().iterationsPerMs);
}

bool cpuWork(record::Writer &w, const record::SharedArena &arena, std::uint64_t iterations, std::uint32_t objectId)
{
    w.spanBegin(trace::SpanState::Running, objectId);
    std::uint64_t state = std::uint64_t(w.tid()) * 0x9e3779b97f4a7c15ull;
    bool stopped = false;
    for (std::uint64_t done = 0; done < iterations;) {
        if (arena.stopRequested()) {
            stopped = true;
            break;
        }
        const std::uint64_t chunk = std::min(kStopCheckIterations, iterations - done);
        state = spinLoop(chunk, state);
        done += chunk;
    }
    w.spanEnd(trace::SpanState::Running, objectId);
    return !stopped;
}

bool ioWork(record::Writer &w, const record::SharedArena &arena, std::int64_t ms, std::uint32_t objectId)
{
    w.spanBegin(trace::SpanState::Sleep, objectId);
    const std::uint64_t deadline = record::monotonicNs() + std::uint64_t(std::max<std::int64_t>(0, ms)) * 1'000'000ull;
    bool stopped = false;
    for (;;) {
        const std::uint64_t now = record::monotonicNs();
        if (now >= deadline)
            break;
        if (arena.stopRequested()) {
            stopped = true;
            break;
        }
        // Slices keep Stop responsive for thread workers, which cannot be killed.
        const std::uint64_t slice = std::min<std::uint64_t>(deadline - now, 10'000'000ull);
        timespec ts{time_t(slice / 1'000'000'000ull), long(slice % 1'000'000'000ull)};
        while (nanosleep(&ts, &ts) != 0) {
        }
    }
    w.spanEnd(trace::SpanState::Sleep, objectId);
    return !stopped;
}

std::optional<ThreadCpu> readThreadCpu()
{
    char buf[1024];
    if (readSmallFile("/proc/thread-self/schedstat", buf, sizeof buf)) {
        char *end = nullptr;
        const long long onCpu = std::strtoll(buf, &end, 10);
        const long long runnable = std::strtoll(end, nullptr, 10);
        if (end != buf)
            return ThreadCpu{onCpu, runnable};
    }
    // Without CONFIG_SCHED_INFO: utime and stime, fields 14 and 15, counted
    // after the ")" that ends the command name (which may hold spaces).
    if (!readSmallFile("/proc/thread-self/stat", buf, sizeof buf))
        return std::nullopt;
    const char *p = std::strrchr(buf, ')');
    if (!p)
        return std::nullopt;
    ++p;
    for (int field = 3; field < 14 && *p; ++field) {
        while (*p == ' ')
            ++p;
        while (*p && *p != ' ')
            ++p;
    }
    char *end = nullptr;
    const unsigned long long utime = std::strtoull(p, &end, 10);
    const unsigned long long stime = std::strtoull(end, nullptr, 10);
    const long hz = sysconf(_SC_CLK_TCK);
    if (end == p || hz <= 0)
        return std::nullopt;
    return ThreadCpu{std::int64_t((utime + stime) * (1'000'000'000ull / std::uint64_t(hz))), 0};
}

} // namespace cl::runtime
