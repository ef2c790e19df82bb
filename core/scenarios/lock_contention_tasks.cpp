#include "core/scenarios/lock_contention_tasks.h"
#include "core/runtime/shared_mutex.h"
#include "core/runtime/shared_rlock.h"
#include "core/scenarios/race_tasks.h"
#include "core/trace/messages.h"

#include <algorithm>
#include <string>

namespace cl::scenarios {

namespace {
// The lesson's lock behind one interface; None does nothing, so the same
// loop measures the run without a lock.
class ContentionLockRef {
public:
    ContentionLockRef(runtime::WorkerEnv &env, const ContentionArgs &a)
        : m_kind(a.lock), m_mutex(*env.arena, a.lockOffset), m_rlock(*env.arena, a.lockOffset)
    {
    }

    bool acquire(record::Writer &w)
    {
        switch (m_kind) {
        case ContentionLock::None:
            return true;
        case ContentionLock::Mutex:
            return m_mutex.lock(w);
        case ContentionLock::RLock:
            // The critical section calls a helper that takes the lock again,
            // as recursive code does: only an RLock lets its owner back in.
            return m_rlock.acquire(w) && m_rlock.acquire(w);
        }
        return false;
    }

    // False only if the RLock refused: the caller did not own it.
    bool release(record::Writer &w)
    {
        switch (m_kind) {
        case ContentionLock::None:
            return true;
        case ContentionLock::Mutex:
            m_mutex.unlock(w);
            return true;
        case ContentionLock::RLock:
            return m_rlock.release(w) == runtime::RLockRelease::StillHeld &&
                   m_rlock.release(w) == runtime::RLockRelease::Released;
        }
        return false;
    }

private:
    ContentionLock m_kind;
    runtime::SharedMutex m_mutex;
    runtime::SharedRLock m_rlock;
};

std::string ms(std::int64_t ns) { return std::to_string((ns + 500'000) / 1'000'000); }
} // namespace

int lockContentionTask(runtime::WorkerEnv &env)
{
    const auto a = env.argsAs<ContentionArgs>();
    record::Writer &w = *env.writer;
    auto *shared = env.arena->object<ContentionShared>(a.sharedOffset);
    ContentionStats &mine = env.arena->object<ContentionStats>(a.statsOffset)[env.workerIndex];
    ContentionLockRef lock(env, a);
    if (!env.waitForStartLine(shared->startLine))
        return kStoppedExitCode;

    bool completed = false;
    for (std::int64_t i = 0;; ++i) {
        if (i == a.iterations) {
            completed = true;
            break;
        }
        const std::uint64_t asked = record::monotonicNs();
        if (env.stopRequested() || !lock.acquire(w))
            break;
        const std::uint64_t got = record::monotonicNs();
        if (a.lock != ContentionLock::None) {
            const std::int64_t waited = std::int64_t(got - asked);
            mine.waitNs += waited;
            mine.maxWaitNs = std::max(mine.maxWaitNs, waited);
            // Read and written under the lock, so the sequence of holders is exact.
            const std::int32_t previous = shared->lastHolder.exchange(env.workerIndex, std::memory_order_relaxed);
            mine.handovers += previous >= 0 && previous != env.workerIndex;
        }
        ++mine.acquisitions;
        const bool stayed = a.holdMs <= 0 || env.sleepMs(a.holdMs);
        const std::uint64_t left = record::monotonicNs();
        const bool released = lock.release(w);
        mine.holdNs += std::int64_t(left - got);
        if (!released) {
            w.printMessage(std::int64_t(trace::MessageId::LockNotOwned), {});
            return 1;
        }
        if (!stayed || (a.outsideMs > 0 && !env.sleepMs(a.outsideMs)))
            break;
    }
    mine.finished = completed ? 1 : 0;
    w.printMessage(std::int64_t(trace::MessageId::ContentionDone),
                   std::to_string(mine.acquisitions) + trace::kMessageArgSeparator + ms(mine.waitNs) +
                       trace::kMessageArgSeparator + ms(mine.holdNs));
    return completed ? 0 : kStoppedExitCode;
}

} // namespace cl::scenarios
