// cl-worker: the program behind the spawn start method. Concurrency Lab
// starts it with posix_spawn(); it runs one task of the registry. No Qt.
#include "core/runtime/spawn_launcher.h"

int main(int argc, char **argv) { return cl::runtime::spawnedWorkerMain(argc, argv); }
