#pragma once
// Worker bodies of the "sharing data" lessons: a pipe conversation and
// shared updates through a Value, an Array or a manager. They run in worker
// processes (any start method), so no Qt; arguments are plain structs.
#include "core/runtime/unix_socket.h"
#include "core/runtime/worker_env.h"

#include <atomic>
#include <cstdint>

namespace cl::scenarios {

// What the pipe's child saw, for the verdict.
struct PipeChildResult {
    std::atomic<std::int64_t> received;   // messages received, each once
    std::atomic<std::int64_t> outOfOrder; // a message other than the next expected
    std::atomic<std::int32_t> status;     // runtime::PipeStatus of the call that ended it early (0: none)
};

struct PipeChildArgs {
    runtime::SocketName handOff; // where it fetches its end(s) of the pipe(s)
    std::uint64_t resultOffset;
    std::int64_t messages;
    std::int64_t replyMs;
    std::uint32_t duplex;
    std::uint32_t toChildObject;  // the pipe carrying messages to the child
    std::uint32_t toParentObject; // and replies back (the same one when duplex)
};

enum class SharedStore : std::uint32_t { Value, Array, Manager };

// How many updates one worker made, and how long they took.
struct alignas(64) UpdaterResult {
    std::atomic<std::int64_t> made;
    std::atomic<std::int64_t> elapsedNs;
    std::atomic<std::int32_t> managerStatus; // runtime::ManagerStatus that ended it early (0: none)
};

struct SharedUpdaterArgs {
    SharedStore store;
    std::uint32_t withLock;
    std::uint64_t arrayOffset;   // Value / Array in the arena
    std::uint64_t managerOffset; // ManagerState
    std::uint64_t resultsOffset; // UpdaterResult[workers]
    std::uint64_t startLineOffset; // std::atomic<uint32_t>
    std::int64_t updates;
    std::uint32_t valueHandle, valueObject; // Manager.Value
    std::uint32_t lockHandle, lockObject;   // Manager.Lock
    std::uint32_t listHandle, listObject;   // Manager.list: each worker appends its count
    std::int64_t sampleEvery;
};

int pipeChildTask(runtime::WorkerEnv &env);
int sharedUpdaterTask(runtime::WorkerEnv &env);

// Exit code of a worker whose manager went away under it.
inline constexpr int kManagerGoneExitCode = 4;

} // namespace cl::scenarios
