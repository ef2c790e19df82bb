#include "core/scenarios/race_tasks.h"
#include "core/runtime/manager.h"
#include "core/runtime/shared_counter.h"
#include "core/scenarios/sharing_tasks.h"
#include "core/runtime/shared_mutex.h"
#include "core/runtime/ticket_store.h"
#include "core/trace/messages.h"

#include <cerrno>
#include <csignal>
#include <unistd.h>
#include <string>

namespace cl::scenarios {

using trace::MessageId;

namespace {
std::string arg(std::int64_t v) { return std::to_string(v); }

// Stands for the work an interpreter does between reading n.value and
// writing it back; a busy wait, because a sleep would hand the core away.
void computeFor(std::int64_t ns)
{
    const std::uint64_t until = record::monotonicNs() + std::uint64_t(ns);
    while (record::monotonicNs() < until) {
    }
}
} // namespace

namespace {
// The same buyer with the count in a manager's dict: every read and write
// (and the lock) is a round trip to the manager process.
int managerBuyer(runtime::WorkerEnv &env, const TicketBuyerArgs &a, BuyerResult &mine)
{
    record::Writer &w = *env.writer;
    runtime::ManagerConnection c;
    runtime::DictProxy d(c, a.dictHandle, a.dictObject);
    runtime::LockProxy lock(c, a.lockHandle, a.lockObject);
    runtime::ManagerStatus s = c.connect(*env.arena, a.managerOffset);
    const auto fail = [&](runtime::ManagerStatus why) {
        mine.managerStatus = std::int32_t(why);
        mine.finished = 1;
        if (why == runtime::ManagerStatus::Stopped)
            return kStoppedExitCode;
        w.printMessage(std::int64_t(MessageId::ManagerUnreachable), runtime::managerStatusText(why));
        return kManagerGoneExitCode;
    };
    if (s != runtime::ManagerStatus::Ok)
        return fail(s);
    if (a.lockHandle != 0 && (s = lock.acquire(w)) != runtime::ManagerStatus::Ok)
        return fail(s);
    std::int64_t tickets = 0;
    if ((s = d.get(w, "tickets", tickets)) != runtime::ManagerStatus::Ok)
        return fail(s);
    w.printMessage(std::int64_t(MessageId::TicketsLeftBuying), arg(tickets));
    mine.ticketsRead = tickets;
    if (!env.sleepMs(a.thinkMs)) {
        w.printMessage(std::int64_t(MessageId::StoppedEarly), {});
        return kStoppedExitCode;
    }
    if (tickets > 0) {
        if ((s = d.set(w, "tickets", tickets - 1)) != runtime::ManagerStatus::Ok)
            return fail(s);
        mine.bought = 1;
        w.counter(trace::counter_id::TicketsLeft, tickets - 1);
        w.printMessage(std::int64_t(MessageId::BoughtTicket), arg(tickets - 1));
    } else {
        w.printMessage(std::int64_t(MessageId::SoldOut), arg(tickets));
    }
    if (a.lockHandle != 0 && (s = lock.release(w)) != runtime::ManagerStatus::Ok)
        return fail(s);
    mine.finished = 1;
    return 0;
}
} // namespace

int ticketBuyerTask(runtime::WorkerEnv &env)
{
    const auto a = env.argsAs<TicketBuyerArgs>();
    if (a.managerOffset != 0)
        return managerBuyer(env, a, env.arena->object<BuyerResult>(a.resultsOffset)[env.workerIndex]);
    record::Writer &w = *env.writer;
    runtime::TicketStore store(*env.arena, a.storeOffset);
    auto *results = env.arena->object<BuyerResult>(a.resultsOffset);
    BuyerResult &mine = results[env.workerIndex];

    runtime::SharedMutex lock(*env.arena, a.lockOffset);
    if (a.lockOffset != 0 && !lock.lock(w))
        return kStoppedExitCode;

    std::int64_t tickets = 0;
    int error = 0;
    bool haveCount = store.read(tickets, &error);
    // Without a lock a reader can catch the file right after another buyer
    // truncated it; read again rather than take "empty" for zero.
    for (int attempt = 0; !haveCount && attempt < 50; ++attempt) {
        env.sleepMs(1);
        haveCount = store.read(tickets, &error);
    }
    if (!haveCount) {
        // Nothing to sell from: the run reports it (no Qt here to say it).
        mine.readError = error != 0 ? error : EIO;
        mine.finished = 1;
        if (a.lockOffset != 0)
            lock.unlock(w);
        return 1;
    }
    w.printMessage(std::int64_t(MessageId::TicketsLeftBuying), arg(tickets));
    mine.ticketsRead = tickets;

    if (!env.sleepMs(a.thinkMs)) {
        if (a.lockOffset != 0)
            lock.unlock(w);
        w.printMessage(std::int64_t(MessageId::StoppedEarly), {});
        return kStoppedExitCode;
    }
    int code = 0;
    if (tickets > 0) {
        // Only a count that reached the store is a sale.
        if (store.write(w, tickets - 1, &error)) {
            mine.bought = 1;
            w.printMessage(std::int64_t(MessageId::BoughtTicket), arg(tickets - 1));
        } else {
            mine.writeError = error != 0 ? error : EIO;
            code = 1;
        }
    } else {
        w.printMessage(std::int64_t(MessageId::SoldOut), arg(tickets));
    }
    mine.finished = 1;
    if (a.lockOffset != 0)
        lock.unlock(w);
    return code;
}

int counterWorkerTask(runtime::WorkerEnv &env)
{
    const auto a = env.argsAs<CounterWorkerArgs>();
    record::Writer &w = *env.writer;
    auto *counter = env.arena->object<runtime::SharedCounter>(a.counterOffset);
    std::atomic<std::int64_t> &made = env.arena->object<CounterProgress>(a.progressOffset)[env.workerIndex].made;
    runtime::SharedMutex lock(*env.arena, a.lockOffset);
    if (!env.waitForStartLine(counter->startLine))
        return kStoppedExitCode;

    std::int64_t last = 0;
    std::int64_t done = 0;
    for (; done < a.increments; ++done) {
        if ((done & 1023) == 0 && env.stopRequested())
            break;
        if (a.lockOffset != 0 && !lock.lock(w))
            break;
        // n.value = n.value + 1: a read and a write, not one step.
        last = counter->value.load(std::memory_order_relaxed) + 1;
        if (a.gapNs > 0)
            computeFor(a.gapNs);
        counter->value.store(last, std::memory_order_relaxed);
        // Recorded after the write: a worker killed between the two has one
        // addition in the value that it did not get to count.
        made.store(done + 1, std::memory_order_relaxed);
        if ((done + 1) % a.sampleEvery == 0)
            w.counter(trace::counter_id::SharedValue, last);
        if (a.lockOffset != 0)
            lock.unlock(w);
    }
    w.printMessage(std::int64_t(MessageId::CounterDone),
                   arg(done) + trace::kMessageArgSeparator + arg(last));
    return done == a.increments ? 0 : kStoppedExitCode;
}

int exitCodeTask(runtime::WorkerEnv &env)
{
    const auto a = env.argsAs<ExitCodeArgs>();
    if (a.sleepMs > 0 && !env.sleepMs(a.sleepMs))
        return kStoppedExitCode;
    if (a.signal != 0) {
        ::raise(a.signal);
        for (;;)
            ::pause(); // a sanitizer may hold the signal back until the next call
    }
    return a.exitCode;
}

int sleepTask(runtime::WorkerEnv &env)
{
    const auto a = env.argsAs<ExitCodeArgs>();
    return env.sleepMs(a.sleepMs) ? 0 : kStoppedExitCode;
}

} // namespace cl::scenarios
