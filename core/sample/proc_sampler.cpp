#include "core/sample/proc_sampler.h"
#include "core/record/clock.h"
#include "core/record/writer.h"
#include "core/trace/event.h"
#include "core/trace/messages.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

namespace cl::sample {

namespace {

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Splits on runs of blanks; returns how many tokens were stored (at most max).
std::size_t tokenize(std::string_view text, std::string_view *out, std::size_t max)
{
    std::size_t n = 0, i = 0;
    while (n < max) {
        while (i < text.size() && isSpace(text[i]))
            ++i;
        if (i == text.size())
            break;
        const std::size_t start = i;
        while (i < text.size() && !isSpace(text[i]))
            ++i;
        out[n++] = text.substr(start, i - start);
    }
    return n;
}

// The whole token must be a number: "12abc" is a malformed field, not 12.
template<typename T> bool toNumber(std::string_view token, T &out)
{
    const char *end = token.data() + token.size();
    const auto [ptr, ec] = std::from_chars(token.data(), end, out);
    return ec == std::errc() && ptr == end;
}

// /proc files report a size of 0, so read until EOF rather than by stat().
bool readFile(const char *path, std::string &out)
{
    out.clear();
    const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    char chunk[4096];
    for (;;) {
        const ssize_t n = ::read(fd, chunk, sizeof chunk);
        if (n > 0) {
            out.append(chunk, std::size_t(n));
        } else if (n == 0) {
            break;
        } else if (errno != EINTR) {
            // ESRCH: the process went away between open and read.
            ::close(fd);
            return false;
        }
    }
    ::close(fd);
    return true;
}

} // namespace

std::vector<CoreTimes> parseProcStat(std::string_view text)
{
    std::vector<CoreTimes> cores;
    while (!text.empty()) {
        const std::size_t eol = text.find('\n');
        const std::string_view line = text.substr(0, eol);
        text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);

        if (line.size() < 4 || line.substr(0, 3) != "cpu" || line[3] < '0' || line[3] > '9')
            continue;
        // cpuN user nice system idle iowait irq softirq steal guest guest_nice
        std::string_view tokens[11];
        const std::size_t n = tokenize(line, tokens, std::size(tokens));
        // Kernels before 2.6 stop after idle; later columns then count as 0.
        if (n < 5)
            continue;
        CoreTimes c;
        if (!toNumber(tokens[0].substr(3), c.core))
            continue;
        std::uint64_t v[8] = {};
        bool ok = true;
        // guest and guest_nice are already inside user and nice: not added again.
        for (std::size_t i = 1; i < n && i <= 8 && ok; ++i)
            ok = toNumber(tokens[i], v[i - 1]);
        if (!ok)
            continue;
        c.idle = v[3];
        c.iowait = v[4];
        for (std::uint64_t x : v)
            c.total += x;
        cores.push_back(c);
    }
    return cores;
}

std::optional<PidStat> parsePidStat(std::string_view text)
{
    const std::size_t open = text.find('(');
    const std::size_t close = text.rfind(')');
    if (open == std::string_view::npos || close == std::string_view::npos || close < open)
        return std::nullopt;

    PidStat s;
    std::string_view pidText = text.substr(0, open);
    while (!pidText.empty() && isSpace(pidText.back()))
        pidText.remove_suffix(1);
    while (!pidText.empty() && isSpace(pidText.front()))
        pidText.remove_prefix(1);
    if (!toNumber(pidText, s.pid))
        return std::nullopt;
    s.comm = std::string(text.substr(open + 1, close - open - 1));

    // After comm: state ppid pgrp session tty_nr tpgid flags minflt cminflt
    // majflt cmajflt utime stime cutime cstime priority nice num_threads ...
    std::string_view f[18];
    if (tokenize(text.substr(close + 1), f, std::size(f)) < std::size(f))
        return std::nullopt;
    if (f[0].size() != 1)
        return std::nullopt;
    s.state = f[0][0];
    if (!toNumber(f[1], s.ppid) || !toNumber(f[11], s.utime) || !toNumber(f[12], s.stime)
        || !toNumber(f[17], s.numThreads))
        return std::nullopt;
    return s;
}

std::int64_t corePermille(const CoreTimes &before, const CoreTimes &after)
{
    // iowait is known to step backwards on some kernels, so every delta is
    // clamped instead of trusted.
    const auto delta = [](std::uint64_t a, std::uint64_t b) {
        return b > a ? std::int64_t(b - a) : std::int64_t(0);
    };
    const std::int64_t total = delta(before.total, after.total);
    if (total == 0)
        return 0;
    const std::int64_t idle = delta(before.idle + before.iowait, after.idle + after.iowait);
    const std::int64_t busy = std::clamp<std::int64_t>(total - idle, 0, total);
    return (busy * 1000 + total / 2) / total;
}

std::int64_t processPermille(std::uint64_t ticksBefore, std::uint64_t ticksAfter, std::uint64_t elapsedNs,
                             long ticksPerSecond)
{
    if (elapsedNs == 0 || ticksPerSecond <= 0 || ticksAfter <= ticksBefore)
        return 0;
    const double cpuNs = double(ticksAfter - ticksBefore) * 1e9 / double(ticksPerSecond);
    return std::int64_t(cpuNs * 1000.0 / double(elapsedNs) + 0.5);
}

ProcSampler::ProcSampler(record::SharedArena &arena, std::chrono::milliseconds interval)
    : m_arena(arena), m_interval(interval)
{
}

ProcSampler::~ProcSampler() { stop(); }

bool ProcSampler::start()
{
    if (m_thread.joinable())
        return false;
    const int ring = m_arena.acquireRing();
    if (ring < 0)
        return false;
    {
        std::lock_guard lock(m_mutex);
        m_stopping = false;
    }
    m_thread = std::thread(&ProcSampler::run, this, std::uint32_t(ring));
    return true;
}

void ProcSampler::stop()
{
    if (!m_thread.joinable())
        return;
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

void ProcSampler::watch(pid_t pid, bool kernelStates)
{
    if (pid <= 0)
        return;
    std::lock_guard lock(m_mutex);
    m_newPids.emplace_back(pid, kernelStates);
}

void ProcSampler::run(std::uint32_t ringIndex)
{
    // Bound here, not in start(), so the samples carry this thread's tid.
    record::Writer writer(&m_arena, ringIndex);
    const long ticksPerSecond = ::sysconf(_SC_CLK_TCK);

    struct Watched {
        pid_t pid;
        bool kernelStates = false;
        bool primed = false;
        bool zombie = false;  // a zombie span is open on its track
        std::int32_t ppid = 0; // as last read
        std::uint64_t cpuTicks = 0;
        std::uint64_t wallNs = 0;
    };
    std::vector<Watched> watched;
    const auto recordKernelState = [&writer](Watched &w, const PidStat &stat, std::uint64_t stamp) {
        // On the worker's own track (its pid as tid: the main thread), stamped
        // by the sampler: the span is what /proc said, not what the app knows.
        const bool zombie = stat.state == 'Z';
        if (zombie != w.zombie)
            writer.recordFor(w.pid, w.pid, zombie ? trace::EventKind::SpanBegin : trace::EventKind::SpanEnd,
                             std::uint8_t(trace::SpanState::Zombie), 0, 0, stamp);
        w.zombie = zombie;
        if (w.ppid != 0 && stat.ppid != w.ppid) {
            const std::string args =
                std::to_string(w.ppid) + trace::kMessageArgSeparator + std::to_string(stat.ppid);
            writer.recordFor(w.pid, w.pid, trace::EventKind::Print, 0, writer.defineString(args),
                             std::int64_t(trace::MessageId::ParentChanged), stamp);
        }
        w.ppid = stat.ppid;
    };
    std::vector<CoreTimes> previous; // sorted by core number
    std::string buffer;
    char path[64];

    auto deadline = std::chrono::steady_clock::now();
    std::unique_lock lock(m_mutex);
    for (;;) {
        const bool last = m_stopping;
        for (const auto &[pid, states] : m_newPids) {
            auto known = std::find_if(watched.begin(), watched.end(), [pid = pid](const Watched &w) { return w.pid == pid; });
            if (known == watched.end())
                watched.push_back(Watched{pid, states});
            else
                known->kernelStates |= states;
        }
        m_newPids.clear();
        lock.unlock();

        // One stamp for the whole pass so every core's sample lines up on the chart.
        const std::uint64_t stamp = writer.now();
        if (readFile("/proc/stat", buffer)) {
            std::vector<CoreTimes> cores = parseProcStat(buffer);
            std::sort(cores.begin(), cores.end(),
                      [](const CoreTimes &a, const CoreTimes &b) { return a.core < b.core; });
            for (const CoreTimes &c : cores) {
                auto it = std::lower_bound(previous.begin(), previous.end(), c.core,
                                           [](const CoreTimes &p, int core) { return p.core < core; });
                // A core that just came online has no baseline yet.
                if (it != previous.end() && it->core == c.core)
                    writer.recordAt(stamp, trace::EventKind::CpuSample, 0, std::uint32_t(c.core),
                                    corePermille(*it, c));
            }
            previous = std::move(cores);
        }

        for (auto it = watched.begin(); it != watched.end();) {
            std::snprintf(path, sizeof path, "/proc/%d/stat", int(it->pid));
            std::optional<PidStat> stat;
            if (readFile(path, buffer))
                stat = parsePidStat(buffer);
            if (!stat) {
                // Reaped (or never existed): nothing left to measure. The
                // reaper's exit event has closed a zombie span already; this
                // end only matters if that event was lost.
                if (it->zombie)
                    writer.recordFor(it->pid, it->pid, trace::EventKind::SpanEnd,
                                     std::uint8_t(trace::SpanState::Zombie), 0, 0, stamp);
                it = watched.erase(it);
                continue;
            }
            if (it->kernelStates)
                recordKernelState(*it, *stat, stamp);
            const std::uint64_t wallNs = record::monotonicNs();
            const std::uint64_t cpuTicks = stat->utime + stat->stime;
            if (it->primed)
                writer.recordAt(stamp, trace::EventKind::CpuSample, 1, std::uint32_t(it->pid),
                                processPermille(it->cpuTicks, cpuTicks, wallNs - it->wallNs, ticksPerSecond));
            it->primed = true;
            it->cpuTicks = cpuTicks;
            it->wallNs = wallNs;
            ++it;
        }
        m_passes.fetch_add(1, std::memory_order_release);

        lock.lock();
        if (last)
            break;
        deadline += m_interval;
        const auto now = std::chrono::steady_clock::now();
        if (deadline < now)
            deadline = now; // fell behind (suspended, overloaded): don't burst to catch up
        m_wake.wait_until(lock, deadline, [this] { return m_stopping; });
    }
    // A restarted sampler keeps watching what is still alive.
    for (const Watched &w : watched)
        m_newPids.emplace_back(w.pid, w.kernelStates);
    lock.unlock();
    writer.close();
}

} // namespace cl::sample
