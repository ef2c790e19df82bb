#pragma once
// The log-file lesson's data: access logs generated from a fixed seed (so
// every run counts the same files), and a plain single-threaded count of them,
// written independently of the pool task, to check the pool's totals against.
// Main process only.
#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <vector>

namespace cl::scenarios {

// The generator draws client addresses from this many distinct IPs.
inline constexpr std::uint32_t kLogClients = 2000;
inline constexpr std::uint64_t kLogSeed = 20210322;

// Writes files logFileName(0 .. files-1) into `dir`. Returns false if a file
// could not be written or `stopped` returned true.
bool writeAccessLogs(const std::string &dir, int files, std::int64_t linesPerFile,
                     const std::function<bool()> &stopped = {});

struct LogReference {
    std::vector<std::int64_t> lines;    // per file
    std::vector<std::int64_t> distinct; // distinct client IPs per file
    std::set<std::string> ips;          // over all files
    bool readable = true;
};

// Reads each file line by line and takes the IP as the notes do:
// line.strip().split(" - - ")[0].split(",")[0].
LogReference countLogsSerially(const std::string &dir, int files);

} // namespace cl::scenarios
