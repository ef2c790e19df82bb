#pragma once
// The worker bodies of the race lessons. They run in forked children or in
// threads, so no Qt. Arguments are trivially copyable structs.
#include "core/runtime/worker_env.h"

#include <atomic>
#include <cstdint>

namespace cl::scenarios {

struct BuyerResult {
    std::int64_t ticketsRead;
    std::int32_t bought;   // its write of the lowered count succeeded
    std::int32_t finished;
    std::int32_t readError;  // errno of a failed read of the count (0: read)
    std::int32_t writeError; // errno of a failed write-back (0: none failed)
    std::int32_t managerStatus; // runtime::ManagerStatus of a failed proxy call (0: none)
};

struct TicketBuyerArgs {
    std::uint64_t storeOffset;
    std::uint64_t lockOffset; // 0: no lock
    std::uint64_t resultsOffset; // BuyerResult[buyers]
    std::int64_t thinkMs;
    // store=manager: the count is d["tickets"] of a manager's dict, the lock
    // the manager's Lock; 0 for the other stores.
    std::uint64_t managerOffset;
    std::uint32_t dictHandle, dictObject;
    std::uint32_t lockHandle, lockObject; // 0: no lock
};

// How many additions one worker really made: a killed worker's unmade
// ones are not "lost updates". One cache line each, so that recording the
// progress does not slow the neighbours down and change the race.
struct alignas(64) CounterProgress {
    std::atomic<std::int64_t> made;
};

struct CounterWorkerArgs {
    std::uint64_t counterOffset;
    std::uint64_t lockOffset; // 0: no lock
    std::uint64_t progressOffset; // CounterProgress[workers]
    std::int64_t increments;
    std::int64_t sampleEvery; // record the counter every N increments
    std::int64_t gapNs;       // computing between the read and the write
};

// For tests of the runtime: sleep, then exit with a code or die by a signal.
struct ExitCodeArgs {
    std::int32_t exitCode;
    std::int32_t signal; // 0: none
    std::int64_t sleepMs;
};

int ticketBuyerTask(runtime::WorkerEnv &env);
int counterWorkerTask(runtime::WorkerEnv &env);
int exitCodeTask(runtime::WorkerEnv &env);
int sleepTask(runtime::WorkerEnv &env);

// Exit code of a worker that saw Stop and returned early.
inline constexpr int kStoppedExitCode = 3;

} // namespace cl::scenarios
