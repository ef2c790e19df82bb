#pragma once
// The task of the log-file lesson (seed 000 §5): count one access log's lines
// and the distinct client IPs in it. Runs in pool workers (forked children)
// and on the run thread for the serial approach, so no Qt.
#include "core/runtime/worker_env.h"

#include <cstdint>
#include <string>

namespace cl::scenarios {

struct LogFileArgs {
    std::uint64_t dirOffset;  // NUL-terminated directory path in the arena
    std::uint64_t ipsOffset;  // std::uint32_t[ipCapacity]: this file's distinct IPv4 addresses
    std::uint32_t ipCapacity;
    std::int32_t file;        // 0-based file number
};

// What logCountFileFunction leaves in result[].
enum LogResultWord { LogLines = 0, LogDistinctIps = 1, LogUnparsed = 2, LogError = 3 };
enum LogError : std::int64_t { LogOk = 0, LogTooManyIps = 1, LogUnreadable = 2 };

// "20210322.log" for file 0 and one day later for each next one, as in the notes.
std::string logFileName(int file);
// The client IP of one access-log line as the notes take it: the text before
// " - - ", up to the first comma, stripped. Returns false if that is not IPv4.
bool logLineIp(const char *begin, const char *end, std::uint32_t *ip);

int logCountFileFunction(runtime::WorkerEnv &env, std::int64_t *result);

} // namespace cl::scenarios
