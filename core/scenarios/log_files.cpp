#include "core/scenarios/log_files.h"
#include "core/scenarios/log_pool_tasks.h"

#include <cstdio>
#include <fstream>
#include <random>

namespace cl::scenarios {

namespace {
std::string clientIp(std::uint32_t k)
{
    // Distinct for every k: the low bits are an odd multiple mod 2^24.
    static const int firstOctets[] = {23, 36, 59, 101, 112, 183, 202, 221};
    const std::uint32_t low = (k / 8 * 40503u) & 0xFFFFFFu;
    return std::to_string(firstOctets[k % 8]) + '.' + std::to_string(low >> 16) + '.' +
           std::to_string((low >> 8) & 0xFF) + '.' + std::to_string(low & 0xFF);
}

const char *const kPaths[] = {"/", "/index.html", "/api/orders", "/api/login", "/static/app.js",
                              "/static/style.css", "/images/logo.png", "/search?q=pool"};
const char *const kAgents[] = {"Mozilla/5.0 (X11; Linux x86_64)", "Mozilla/5.0 (Windows NT 10.0; Win64; x64)",
                               "curl/7.88.1", "python-requests/2.28.1"};
const char *const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::string strip(const std::string &s)
{
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos)
        return {};
    return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}
} // namespace

bool writeAccessLogs(const std::string &dir, int files, std::int64_t linesPerFile,
                     const std::function<bool()> &stopped)
{
    // mt19937_64's output is fixed by the standard; distributions are not, so
    // draws are taken straight from the engine.
    std::mt19937_64 random(kLogSeed);
    std::string line;
    for (int f = 0; f < files; ++f) {
        const std::string name = logFileName(f);
        std::FILE *out = std::fopen((dir + '/' + name).c_str(), "we");
        if (!out)
            return false;
        // The file's date, from its name: yyyymmdd.log
        const int year = std::stoi(name.substr(0, 4));
        const int month = std::stoi(name.substr(4, 2));
        const int day = std::stoi(name.substr(6, 2));
        for (std::int64_t i = 0; i < linesPerFile; ++i) {
            if ((i & 4095) == 0 && stopped && stopped()) {
                std::fclose(out);
                return false;
            }
            const std::uint64_t r = random();
            // Most visits come from a few regulars, the rest from anyone.
            const std::uint32_t client = (r % 10) < 7 ? std::uint32_t((r >> 8) % 150)
                                                      : std::uint32_t((r >> 8) % kLogClients);
            line = clientIp(client);
            if ((r >> 40) % 10 == 0) // behind a proxy: "client, proxy - - ..."
                line += ", 10.0." + std::to_string((r >> 44) % 4) + '.' + std::to_string((r >> 48) % 250 + 1);
            const std::int64_t second = i * 86400 / linesPerFile;
            char rest[256];
            std::snprintf(rest, sizeof rest,
                          " - - [%02d/%s/%04d:%02lld:%02lld:%02lld +0800] \"GET %s HTTP/1.1\" %d %u \"-\" \"%s\"\n",
                          day, kMonths[(month + 11) % 12], year, (long long)(second / 3600),
                          (long long)(second / 60 % 60), (long long)(second % 60), kPaths[(r >> 52) % 8],
                          (r >> 56) % 20 == 0 ? 404 : 200, unsigned(200 + (r >> 20) % 50000),
                          kAgents[(r >> 60) % 4]);
            line += rest;
            if (std::fputs(line.c_str(), out) < 0) {
                std::fclose(out);
                return false;
            }
        }
        if (std::fclose(out) != 0)
            return false;
    }
    return true;
}

LogReference countLogsSerially(const std::string &dir, int files)
{
    LogReference ref;
    for (int f = 0; f < files; ++f) {
        std::ifstream in(dir + '/' + logFileName(f));
        if (!in) {
            ref.readable = false;
            ref.lines.push_back(0);
            ref.distinct.push_back(0);
            continue;
        }
        std::set<std::string> fileIps;
        std::int64_t lines = 0;
        std::string line;
        while (std::getline(in, line)) {
            ++lines;
            std::string ip = strip(line);
            ip = ip.substr(0, ip.find(" - - "));
            ip = ip.substr(0, ip.find(','));
            fileIps.insert(ip);
        }
        ref.lines.push_back(lines);
        ref.distinct.push_back(std::int64_t(fileIps.size()));
        ref.ips.insert(fileIps.begin(), fileIps.end());
    }
    return ref;
}

} // namespace cl::scenarios
