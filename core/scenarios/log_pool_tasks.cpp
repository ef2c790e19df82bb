#include "core/scenarios/log_pool_tasks.h"
#include "core/scenarios/race_tasks.h"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <string_view>
#include <unistd.h>
#include <unordered_set>

namespace cl::scenarios {

std::string logFileName(int file)
{
    using namespace std::chrono;
    const year_month_day day{sys_days{year{2021} / March / 22} + days{file}};
    char name[32];
    std::snprintf(name, sizeof name, "%04d%02u%02u.log", int(day.year()), unsigned(day.month()),
                  unsigned(day.day()));
    return name;
}

bool logLineIp(const char *begin, const char *end, std::uint32_t *ip)
{
    const std::string_view line(begin, std::size_t(end - begin));
    std::string_view field = line.substr(0, line.find(" - - "));
    field = field.substr(0, field.find(','));
    while (!field.empty() && (field.front() == ' ' || field.front() == '\t'))
        field.remove_prefix(1);
    while (!field.empty() && (field.back() == ' ' || field.back() == '\r'))
        field.remove_suffix(1);
    std::uint32_t value = 0;
    int parts = 0;
    std::size_t i = 0;
    while (parts < 4) {
        std::uint32_t octet = 0;
        std::size_t digits = 0;
        while (i < field.size() && field[i] >= '0' && field[i] <= '9' && digits < 3) {
            octet = octet * 10 + std::uint32_t(field[i] - '0');
            ++i;
            ++digits;
        }
        if (digits == 0 || octet > 255)
            return false;
        value = (value << 8) | octet;
        ++parts;
        if (parts < 4) {
            if (i >= field.size() || field[i] != '.')
                return false;
            ++i;
        }
    }
    if (i != field.size())
        return false;
    *ip = value;
    return true;
}

namespace {
bool readAll(const std::string &path, std::string &out)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    char buffer[1 << 16];
    ssize_t n;
    while ((n = ::read(fd, buffer, sizeof buffer)) > 0)
        out.append(buffer, std::size_t(n));
    ::close(fd);
    return n == 0;
}
} // namespace

int logCountFileFunction(runtime::WorkerEnv &env, std::int64_t *result)
{
    const auto a = env.argsAs<LogFileArgs>();
    const char *dir = env.arena->object<char>(a.dirOffset);
    std::string text;
    if (!readAll(std::string(dir) + "/" + logFileName(a.file), text)) {
        result[LogError] = LogUnreadable;
        return 1;
    }
    std::int64_t lines = 0;
    std::int64_t unparsed = 0;
    std::unordered_set<std::uint32_t> ips;
    const char *p = text.data();
    const char *const end = p + text.size();
    while (p < end) {
        const char *eol = static_cast<const char *>(std::memchr(p, '\n', std::size_t(end - p)));
        if (!eol)
            eol = end;
        ++lines;
        std::uint32_t ip;
        if (logLineIp(p, eol, &ip))
            ips.insert(ip);
        else
            ++unparsed;
        p = eol + 1;
        if ((lines & 8191) == 0 && env.stopRequested())
            return kStoppedExitCode;
    }
    auto *out = env.arena->object<std::uint32_t>(a.ipsOffset);
    std::uint32_t written = 0;
    for (std::uint32_t ip : ips) {
        if (written == a.ipCapacity)
            break;
        out[written++] = ip;
    }
    result[LogLines] = lines;
    result[LogDistinctIps] = std::int64_t(ips.size());
    result[LogUnparsed] = unparsed;
    result[LogError] = ips.size() > a.ipCapacity ? LogTooManyIps : LogOk;
    return 0;
}

} // namespace cl::scenarios
