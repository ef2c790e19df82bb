#pragma once
// Futex waits and wakes on words in the shared arena. Shared (not
// FUTEX_PRIVATE) futexes, because the arena is mapped at different addresses
// in fork-server children: the kernel keys a shared futex by the page, not the
// address. Waits always have a timeout, so a waiter notices Stop, an aborted
// pool or a dead peer even if nobody wakes it. No Qt.
#include <atomic>
#include <climits>
#include <cstdint>
#include <ctime>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace cl::runtime {

static_assert(sizeof(std::atomic<std::uint32_t>) == sizeof(std::uint32_t), "futex words are plain 32-bit words");

// Sleeps while `word` still holds `expected`, at most timeoutMs.
inline void futexWait(const std::atomic<std::uint32_t> &word, std::uint32_t expected, int timeoutMs)
{
    timespec ts{time_t(timeoutMs / 1000), long(timeoutMs % 1000) * 1000000L};
    ::syscall(SYS_futex, reinterpret_cast<const std::uint32_t *>(&word), FUTEX_WAIT, expected, &ts, nullptr, 0);
}

inline void futexWake(const std::atomic<std::uint32_t> &word, int count = INT_MAX)
{
    ::syscall(SYS_futex, reinterpret_cast<const std::uint32_t *>(&word), FUTEX_WAKE, count, nullptr, nullptr, 0);
}

} // namespace cl::runtime
