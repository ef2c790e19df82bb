#pragma once
// The worker bodies of the race lessons. They run in forked children or in
// threads, so no Qt. Arguments are trivially copyable structs.
#include "core/runtime/worker_env.h"

#include <cstdint>

namespace cl::scenarios {

struct BuyerResult {
    std::int64_t ticketsRead;
    std::int32_t bought;
    std::int32_t finished;
};

struct TicketBuyerArgs {
    std::uint64_t storeOffset;
    std::uint64_t lockOffset; // 0: no lock
    std::uint64_t resultsOffset; // BuyerResult[buyers]
    std::int64_t thinkMs;
};

struct CounterWorkerArgs {
    std::uint64_t counterOffset;
    std::uint64_t lockOffset; // 0: no lock
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
