#pragma once
// The echo-server lesson's workers, Qt-free because the process model runs
// them in forked children: the clients (one thread, a coroutine per client),
// a connection thread (thread per connection), and the forking server
// (process per connection). Results live in shared memory, counted by the
// clients from the bytes they really got back.
#include "core/runtime/event_loop.h"
#include "core/runtime/worker_env.h"

#include <atomic>
#include <cstdint>

namespace cl::scenarios {

struct EchoShared {
    std::atomic<std::uint32_t> port;        // the server's, once it listens
    std::atomic<std::int32_t> serverError;  // errno of socket/bind/listen
    std::atomic<std::int32_t> clientError;  // first errno a client met
    std::atomic<std::uint32_t> accepted;
    std::atomic<std::uint32_t> connected;   // clients that connected
    std::atomic<std::uint32_t> clientsDone; // clients that ended, whatever the reason
    std::atomic<std::uint64_t> bytesEchoed; // bytes that came back equal to what was sent
    std::atomic<std::uint64_t> bytesWrong;  // bytes that came back different, or never
    std::atomic<std::uint32_t> serverProcesses;
    std::atomic<std::int32_t> forkError;
};

struct EchoArgs {
    std::uint64_t sharedOffset;
    std::uint64_t latencyOffset; // std::uint32_t µs per message: [client * messages + m]
    std::uint64_t ringsOffset;   // std::uint32_t ring per connection (process model)
    std::uint64_t pidsOffset;    // std::int32_t pid per connection process (process model)
    std::int32_t clients;
    std::int32_t messages;
    std::int32_t bytes;
    std::int32_t thinkMs;
    std::int32_t fd; // the connection (thread per connection)
};

// The byte a client sends at `offset` of message `m`: a wrong or mixed-up
// echo shows as a mismatch.
inline unsigned char echoPattern(int client, int m, int offset)
{
    return static_cast<unsigned char>((client * 131 + m * 31 + offset * 7) & 0xff);
}

int echoClientsTask(runtime::WorkerEnv &env);
int echoConnectionTask(runtime::WorkerEnv &env);
int echoForkingServerTask(runtime::WorkerEnv &env);

// The event-loop server on the calling thread: an acceptor and one coroutine
// per connection, until `clients` connections ended or the clients gave up.
void runEchoLoopServer(runtime::EventLoop &loop, int listenFd, EchoShared &shared, int clients);
// The echo itself on a blocking socket; returns the bytes echoed.
std::uint64_t echoBlocking(record::Writer &w, record::SharedArena &arena, int fd, std::uint32_t recvObject);

} // namespace cl::scenarios
