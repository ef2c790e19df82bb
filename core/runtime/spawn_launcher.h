#pragma once
// The spawn start method: every worker is a fresh process, posix_spawn() +
// exec of the worker executable (cl-worker, built next to the app). Like
// Python's spawn, which starts a new interpreter and re-imports the module,
// the worker inherits no memory: it finds its task by name in the task
// registry, maps the run's arena from an inherited fd and reads the rest of
// the SpawnRequest from its command line. No Qt.
#include "core/runtime/launcher.h"

#include <optional>
#include <string>

namespace cl::runtime {

inline constexpr const char *kWorkerExecutableName = "cl-worker";
// Overrides where the worker executable is looked for (tests, odd installs).
inline constexpr const char *kWorkerExecutableEnv = "CL_WORKER_EXE";
// The arena's fd in a spawned worker.
inline constexpr int kSpawnArenaFd = 3;

// $CL_WORKER_EXE if set, else cl-worker in the directory of the running
// executable (/proc/self/exe). Resolved in the parent: a worker knows no
// application directory. The path is returned whether or not it exists.
std::string workerExecutablePath();
// True when `path` is an executable file.
bool isExecutableFile(const std::string &path);

// The worker's command line: argv[0] is the worker's name, so `ps` shows it.
std::vector<std::string> spawnArguments(const SpawnRequest &request, pid_t parent);
// The inverse; nullopt (and a reason) when the arguments are not ours.
std::optional<SpawnRequest> parseSpawnArguments(int argc, const char *const *argv, pid_t *parent,
                                                std::string *why);

// The worker executable's main(): attach, run the task, exit.
int spawnedWorkerMain(int argc, char **argv);

} // namespace cl::runtime
