#pragma once
// The fork server's wire format, shared by the client (fork_server.cpp) and
// the server process (fork_server_main.cpp): fixed-size messages over a
// SOCK_SEQPACKET socket pair, the arena's fd passed along with a spawn. No Qt.
#include "core/runtime/launcher.h"

#include <cstdint>
#include <sys/types.h>

namespace cl::runtime::forkserver {

enum class MessageType : std::uint32_t { Spawn = 1, Spawned, Exited, Kill, Shutdown };

struct Message {
    MessageType type;
    std::int32_t pid;
    std::int32_t status; // raw wait status (Exited), -errno (Spawned failure), signal (Kill)
    std::int32_t workerIndex;
    std::uint32_t ringIndex;
    std::uint32_t argsSize;
    std::uint64_t requestTicks;
    char task[64];
    char name[64];
    unsigned char args[kMaxTaskArgs];
};

// Sends one message (and `fdToPass` if >= 0); false on failure (errno set).
bool sendMessage(int socket, const Message &m, int fdToPass = -1);
// Returns bytes read (0 on EOF, -1 on error); `fd` receives a passed descriptor.
ssize_t receiveMessage(int socket, Message &m, int *fd);

// The server process: never returns. `parent` is the client's pid.
[[noreturn]] void serverMain(int socket, pid_t parent);

} // namespace cl::runtime::forkserver
