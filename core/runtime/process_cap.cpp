#include "core/runtime/process_cap.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <string>
#include <sys/resource.h>
#include <unistd.h>

namespace cl::runtime {

namespace {
// The first integer in a small file, or -1 ("max", missing, unreadable).
std::int64_t readNumber(const std::string &path)
{
    std::FILE *f = std::fopen(path.c_str(), "re");
    if (!f)
        return -1;
    long long v = -1;
    if (std::fscanf(f, "%lld", &v) != 1)
        v = -1;
    std::fclose(f);
    return v;
}

// Tasks whose real uid is `uid`: what RLIMIT_NPROC counts (threads too).
std::int64_t tasksOfUser(uid_t uid)
{
    DIR *proc = opendir("/proc");
    if (!proc)
        return 0;
    std::int64_t total = 0;
    char line[256];
    while (dirent *d = readdir(proc)) {
        if (!std::isdigit(static_cast<unsigned char>(d->d_name[0])))
            continue;
        std::FILE *f = std::fopen((std::string("/proc/") + d->d_name + "/status").c_str(), "re");
        if (!f)
            continue; // it ended meanwhile
        long long realUid = -1, threads = 0;
        while (std::fgets(line, sizeof line, f)) {
            if (std::strncmp(line, "Uid:", 4) == 0)
                std::sscanf(line + 4, "%lld", &realUid);
            else if (std::strncmp(line, "Threads:", 8) == 0)
                std::sscanf(line + 8, "%lld", &threads);
        }
        std::fclose(f);
        if (realUid == static_cast<long long>(uid))
            total += threads;
    }
    closedir(proc);
    return total;
}

// "running/total" in /proc/loadavg: every task on the machine.
std::int64_t machineTasks()
{
    std::FILE *f = std::fopen("/proc/loadavg", "re");
    if (!f)
        return 0;
    double a, b, c;
    long long running = 0, total = 0;
    if (std::fscanf(f, "%lf %lf %lf %lld/%lld", &a, &b, &c, &running, &total) != 5)
        total = 0;
    std::fclose(f);
    return total;
}

// The pids controller of our cgroup (v2 "0::/path", or v1 "N:pids:/path").
std::string pidsCgroupDir()
{
    std::FILE *f = std::fopen("/proc/self/cgroup", "re");
    if (!f)
        return {};
    char line[1024];
    std::string v1, v2;
    while (std::fgets(line, sizeof line, f)) {
        std::string s(line);
        if (!s.empty() && s.back() == '\n')
            s.pop_back();
        if (s.rfind("0::", 0) == 0)
            v2 = "/sys/fs/cgroup" + s.substr(3);
        else if (const auto at = s.find(":pids:"); at != std::string::npos)
            v1 = "/sys/fs/cgroup/pids" + s.substr(at + 6);
    }
    std::fclose(f);
    return !v1.empty() ? v1 : v2;
}
} // namespace

std::int64_t userTaskCount() { return tasksOfUser(getuid()); }

ProcessCap computeProcessCap(const ProcessCapInputs &in)
{
    ProcessCap cap;
    const auto consider = [&](ProcessCap::Source source, std::int64_t limit, std::int64_t inUse) {
        if (limit < 0)
            return;
        const std::int64_t room = std::max<std::int64_t>(0, limit - inUse - kProcessReserve);
        if (room < cap.limit)
            cap = ProcessCap{room, source, limit, inUse};
    };
    consider(ProcessCap::Source::UserLimit, in.userLimit, in.userTasks);
    consider(ProcessCap::Source::Machine, in.machineLimit, in.machineTasks);
    consider(ProcessCap::Source::Cgroup, in.cgroupLimit, in.cgroupTasks);
    return cap;
}

ProcessCapInputs readProcessCapInputs()
{
    ProcessCapInputs in;
    rlimit rl{};
    if (getrlimit(RLIMIT_NPROC, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY) {
        in.userLimit = std::int64_t(rl.rlim_cur);
        in.userTasks = userTaskCount();
    }
    const std::int64_t pidMax = readNumber("/proc/sys/kernel/pid_max");
    const std::int64_t threadsMax = readNumber("/proc/sys/kernel/threads-max");
    if (pidMax > 0 || threadsMax > 0) {
        in.machineLimit = pidMax > 0 && threadsMax > 0 ? std::min(pidMax, threadsMax) : std::max(pidMax, threadsMax);
        in.machineTasks = machineTasks();
    }
    if (const std::string dir = pidsCgroupDir(); !dir.empty()) {
        in.cgroupLimit = readNumber(dir + "/pids.max");
        in.cgroupTasks = in.cgroupLimit >= 0 ? std::max<std::int64_t>(0, readNumber(dir + "/pids.current")) : 0;
    }
    return in;
}

} // namespace cl::runtime
