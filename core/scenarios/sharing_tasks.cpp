#include "core/scenarios/sharing_tasks.h"
#include "core/runtime/manager.h"
#include "core/runtime/pipe.h"
#include "core/runtime/shared_value.h"
#include "core/scenarios/race_tasks.h"
#include "core/trace/messages.h"

#include <string>
#include <unistd.h>

namespace cl::scenarios {

using trace::MessageId;

int pipeChildTask(runtime::WorkerEnv &env)
{
    const auto a = env.argsAs<PipeChildArgs>();
    record::Writer &w = *env.writer;
    auto &result = *env.arena->object<PipeChildResult>(a.resultOffset);
    // Its end(s), by number from the parent: nothing inherited is assumed.
    int fds[2] = {-1, -1};
    const int count = a.duplex ? 1 : 2;
    if (runtime::fetchFds(a.handOff, fds, count) != 0) {
        result.status.store(std::int32_t(runtime::PipeStatus::Failed));
        return 1;
    }
    runtime::Connection in, out;
    if (a.duplex) {
        in = runtime::Connection(fds[0], fds[0], a.toChildObject, env.arena);
    } else {
        in = runtime::Connection(fds[0], -1, a.toChildObject, env.arena);
        out = runtime::Connection(-1, fds[1], a.toParentObject, env.arena);
    }
    runtime::Connection &replies = a.duplex ? in : out;
    std::string message;
    for (std::int64_t i = 1; i <= a.messages; ++i) {
        const runtime::PipeStatus s = in.recv(w, message);
        if (s != runtime::PipeStatus::Ok) {
            result.status.store(std::int32_t(s));
            return s == runtime::PipeStatus::Stopped ? kStoppedExitCode : 1;
        }
        if (message != "message " + std::to_string(i))
            result.outOfOrder.fetch_add(1);
        result.received.fetch_add(1);
        w.printMessage(std::int64_t(MessageId::PipeReceived), message);
        if (a.replyMs > 0 && !env.sleepMs(a.replyMs))
            return kStoppedExitCode;
        const runtime::PipeStatus r = replies.send(w, "reply " + std::to_string(i));
        if (r != runtime::PipeStatus::Ok) {
            result.status.store(std::int32_t(r));
            return 1;
        }
    }
    return 0;
}

namespace {
// One update, "x += 1", through whichever store: a read and then a write.
struct Updater {
    runtime::WorkerEnv &env;
    const SharedUpdaterArgs &a;
    runtime::SharedArray array;
    runtime::ManagerConnection connection;
    runtime::ManagerStatus status = runtime::ManagerStatus::Ok;

    bool update(std::int64_t i, std::int64_t &written)
    {
        record::Writer &w = *env.writer;
        if (a.store != SharedStore::Manager) {
            // Value: one slot; Array: update i goes to slot i % length.
            const std::uint32_t slot = std::uint32_t(i % array.length());
            std::optional<runtime::SharedMutex> lock = a.withLock ? array.lock() : std::nullopt;
            if (lock && !lock->lock(w))
                return false;
            written = array.get(slot) + 1;
            array.set(slot, written);
            if (lock)
                lock->unlock(w);
            return true;
        }
        runtime::ValueProxy value(connection, a.valueHandle, a.valueObject);
        runtime::LockProxy lock(connection, a.lockHandle, a.lockObject);
        if (a.withLock && (status = lock.acquire(w)) != runtime::ManagerStatus::Ok)
            return false;
        std::int64_t v = 0;
        if ((status = value.get(w, v)) == runtime::ManagerStatus::Ok)
            status = value.set(w, written = v + 1);
        if (a.withLock && status == runtime::ManagerStatus::Ok)
            status = lock.release(w);
        return status == runtime::ManagerStatus::Ok;
    }
};
} // namespace

int sharedUpdaterTask(runtime::WorkerEnv &env)
{
    const auto a = env.argsAs<SharedUpdaterArgs>();
    record::Writer &w = *env.writer;
    UpdaterResult &mine = env.arena->object<UpdaterResult>(a.resultsOffset)[env.workerIndex];
    Updater u{env, a, runtime::SharedArray(*env.arena, a.arrayOffset), {}, runtime::ManagerStatus::Ok};
    if (a.store == SharedStore::Manager && (u.status = u.connection.connect(*env.arena, a.managerOffset)) !=
                                               runtime::ManagerStatus::Ok) {
        mine.managerStatus.store(std::int32_t(u.status));
        w.printMessage(std::int64_t(MessageId::ManagerUnreachable), runtime::managerStatusText(u.status));
        return kManagerGoneExitCode;
    }
    if (!env.waitForStartLine(*env.arena->object<std::atomic<std::uint32_t>>(a.startLineOffset)))
        return kStoppedExitCode;
    const std::uint64_t began = record::monotonicNs();
    std::int64_t done = 0, written = 0;
    for (; done < a.updates; ++done) {
        if ((done & 255) == 0 && env.stopRequested())
            break;
        if (!u.update(done, written))
            break;
        mine.made.store(done + 1, std::memory_order_relaxed);
        mine.elapsedNs.store(std::int64_t(record::monotonicNs() - began), std::memory_order_relaxed);
        if ((done + 1) % a.sampleEvery == 0 && a.store != SharedStore::Array)
            w.counter(trace::counter_id::SharedValue, written);
    }
    if (u.status != runtime::ManagerStatus::Ok && u.status != runtime::ManagerStatus::Stopped) {
        mine.managerStatus.store(std::int32_t(u.status));
        w.printMessage(std::int64_t(MessageId::ManagerUnreachable), runtime::managerStatusText(u.status));
        return kManagerGoneExitCode;
    }
    if (a.store == SharedStore::Manager) {
        runtime::ListProxy list(u.connection, a.listHandle, a.listObject);
        list.append(w, done); // done.append(n): one more round trip
    }
    const std::int64_t nsPer = done > 0 ? mine.elapsedNs.load() / done : 0;
    w.printMessage(std::int64_t(MessageId::UpdatesDone),
                   std::to_string(done) + trace::kMessageArgSeparator + std::to_string(nsPer));
    return done == a.updates ? 0 : kStoppedExitCode;
}

} // namespace cl::scenarios
