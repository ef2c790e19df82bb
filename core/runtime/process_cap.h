#pragma once
// How many worker processes a run may start without putting the machine or
// the user's session at risk: a fork bomb by parameter (1000 buyers, a pool
// of 500) must be refused before anything starts, not fail half-way. The
// limit is the tightest of the user's RLIMIT_NPROC (minus the tasks the user
// already runs), the machine's pid and thread limits and the pids cgroup
// (minus what runs now), and a fixed product maximum. No Qt.
#include <cstdint>

namespace cl::runtime {

// The most worker processes one run may start, whatever the machine allows.
inline constexpr std::int64_t kProductMaxProcesses = 1024;
// Tasks left free below each system limit, so the user's session can still
// start a shell, a compiler, the GUI's own threads.
inline constexpr std::int64_t kProcessReserve = 32;

struct ProcessCapInputs {
    std::int64_t userLimit = -1;    // soft RLIMIT_NPROC; -1: unlimited
    std::int64_t userTasks = 0;     // tasks (threads count) of this real uid now
    std::int64_t machineLimit = -1; // min(pid_max, threads-max); -1: unknown
    std::int64_t machineTasks = 0;  // tasks on the machine now
    std::int64_t cgroupLimit = -1;  // pids.max of our cgroup; -1: none
    std::int64_t cgroupTasks = 0;   // pids.current
};

struct ProcessCap {
    enum class Source { Product, UserLimit, Machine, Cgroup };
    std::int64_t limit = kProductMaxProcesses; // processes a run may start (>= 0)
    Source source = Source::Product;           // which bound decided it
    std::int64_t sourceLimit = kProductMaxProcesses; // that bound's own maximum
    std::int64_t sourceInUse = 0;              // and what already counts against it
};

ProcessCap computeProcessCap(const ProcessCapInputs &in);
// Reads the inputs from getrlimit and /proc (and the pids cgroup, if any).
ProcessCapInputs readProcessCapInputs();
// Tasks (processes and their threads) whose real uid is ours: what
// RLIMIT_NPROC counts.
std::int64_t userTaskCount();
inline ProcessCap currentProcessCap() { return computeProcessCap(readProcessCapInputs()); }

} // namespace cl::runtime
