#pragma once
// The fetch lesson's workers, Qt-free: a small HTTP-like server on 127.0.0.1
// that answers each request after the latency the request names, and the
// clients (blocking, for the sequential and thread modes; a coroutine per
// request for the coroutine mode).
#include "core/runtime/event_loop.h"
#include "core/runtime/worker_env.h"

#include <atomic>
#include <cstdint>

namespace cl::scenarios {

struct FetchShared {
    std::atomic<std::uint32_t> port;
    std::atomic<std::int32_t> serverError;
    std::atomic<std::int32_t> clientError;
    std::atomic<std::uint32_t> clientsDone;
    std::atomic<std::uint32_t> served;
};

struct FetchResult {
    std::uint64_t startNs;
    std::uint64_t endNs;
    std::int32_t ok;
    std::int32_t bytes;
};

struct FetchArgs {
    std::uint64_t sharedOffset;
    std::uint64_t resultsOffset; // FetchResult[urls]
    std::int32_t urls;
    std::int32_t latencyMs;
    std::int32_t stepMs;
};

inline std::int32_t fetchLatencyMs(const FetchArgs &a, int i) { return a.latencyMs + i * a.stepMs; }

int fetchServerTask(runtime::WorkerEnv &env);
int fetchClientTask(runtime::WorkerEnv &env);

// One request on a blocking socket: connects, asks for /i, reads the reply.
void fetchBlocking(record::Writer &w, const FetchArgs &a, FetchShared &s, FetchResult &r, int i, std::uint32_t object);
// The same as a coroutine of `loop`.
runtime::Task fetchAsync(runtime::EventLoop &loop, const FetchArgs &a, FetchShared &s, FetchResult &r, int i);

} // namespace cl::scenarios
