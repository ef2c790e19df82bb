#include "core/runtime/spawn_launcher.h"
#include "core/runtime/direct_launcher.h"

#include <cerrno>
#include <charconv>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <spawn.h>
#include <sys/stat.h>
#include <unistd.h>

namespace cl::runtime {

namespace {

constexpr const char *kMarker = "--cl-spawned-worker";
constexpr int kFields = 8; // argv[0], marker, task, index, ring, ticks, parent, args

template<typename T> bool parseNumber(const char *text, T &out)
{
    const char *end = text + std::strlen(text);
    const auto [ptr, ec] = std::from_chars(text, end, out);
    return ec == std::errc() && ptr == end && ptr != text;
}

std::string toHex(const unsigned char *data, std::size_t size)
{
    static const char digits[] = "0123456789abcdef";
    std::string s;
    s.reserve(size * 2 + 1);
    for (std::size_t i = 0; i < size; ++i) {
        s += digits[data[i] >> 4];
        s += digits[data[i] & 15];
    }
    return s.empty() ? std::string("-") : s; // an empty argv entry is easy to lose in a shell
}

bool fromHex(const char *text, unsigned char *out, std::size_t capacity, std::size_t &size)
{
    if (std::strcmp(text, "-") == 0) {
        size = 0;
        return true;
    }
    const std::size_t n = std::strlen(text);
    if (n % 2 != 0 || n / 2 > capacity)
        return false;
    const auto nibble = [](char c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    };
    for (std::size_t i = 0; i < n; i += 2) {
        const int hi = nibble(text[i]), lo = nibble(text[i + 1]);
        if (hi < 0 || lo < 0)
            return false;
        out[i / 2] = static_cast<unsigned char>(hi << 4 | lo);
    }
    size = n / 2;
    return true;
}

class SpawnLauncher final : public DirectLauncher {
public:
    explicit SpawnLauncher(std::string executable) : m_executable(std::move(executable)) {}
    StartMethod method() const override { return StartMethod::Spawn; }

protected:
    pid_t startChild(record::SharedArena &arena, const SpawnRequest &request) override
    {
        const std::vector<std::string> args = spawnArguments(request, getpid());
        std::vector<char *> argv;
        for (const std::string &a : args)
            argv.push_back(const_cast<char *>(a.c_str()));
        argv.push_back(nullptr);

        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        // The arena (a close-on-exec memfd) at a known number; dup2 clears
        // close-on-exec, even when the numbers are equal (glibc >= 2.29).
        posix_spawn_file_actions_adddup2(&actions, arena.fd(), kSpawnArenaFd);
        // Nothing else of the app's leaks into the worker but stdio.
        posix_spawn_file_actions_addclosefrom_np(&actions, kSpawnArenaFd + 1);
        posix_spawnattr_t attr;
        posix_spawnattr_init(&attr);
        // A fresh program starts with default dispositions and no blocked
        // signal, whatever the app ignores or blocks (exec keeps both).
        sigset_t all, none;
        sigfillset(&all);
        sigemptyset(&none);
        posix_spawnattr_setsigdefault(&attr, &all);
        posix_spawnattr_setsigmask(&attr, &none);
        posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
        pid_t pid = 0;
        const int error = posix_spawn(&pid, m_executable.c_str(), &actions, &attr, argv.data(), environ);
        posix_spawnattr_destroy(&attr);
        posix_spawn_file_actions_destroy(&actions);
        return error == 0 ? pid : -error;
    }

private:
    std::string m_executable;
};

} // namespace

std::string workerExecutablePath()
{
    if (const char *env = std::getenv(kWorkerExecutableEnv); env && *env)
        return env;
    char buffer[4096];
    const ssize_t n = readlink("/proc/self/exe", buffer, sizeof buffer - 1);
    if (n <= 0)
        return kWorkerExecutableName;
    std::string self(buffer, std::size_t(n));
    const std::size_t slash = self.rfind('/');
    return (slash == std::string::npos ? std::string() : self.substr(0, slash + 1)) + kWorkerExecutableName;
}

bool isExecutableFile(const std::string &path)
{
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(path.c_str(), X_OK) == 0;
}

std::vector<std::string> spawnArguments(const SpawnRequest &request, pid_t parent)
{
    return {request.name.empty() ? std::string(kWorkerExecutableName) : request.name,
            kMarker,
            request.task,
            std::to_string(request.workerIndex),
            std::to_string(request.ringIndex),
            std::to_string(request.requestTicks),
            std::to_string(parent),
            toHex(request.args.data(), request.argsSize)};
}

std::optional<SpawnRequest> parseSpawnArguments(int argc, const char *const *argv, pid_t *parent, std::string *why)
{
    const auto fail = [why](const char *reason) {
        if (why)
            *why = reason;
        return std::nullopt;
    };
    if (argc != kFields || std::strcmp(argv[1], kMarker) != 0)
        return fail("it is started by Concurrency Lab for its spawn start method, not by hand");
    SpawnRequest r;
    r.name = argv[0];
    r.task = argv[2];
    pid_t p = 0;
    if (!parseNumber(argv[3], r.workerIndex) || !parseNumber(argv[4], r.ringIndex)
        || !parseNumber(argv[5], r.requestTicks) || !parseNumber(argv[6], p) || p <= 0)
        return fail("a malformed number in the spawn request");
    if (!fromHex(argv[7], r.args.data(), r.args.size(), r.argsSize))
        return fail("malformed task arguments in the spawn request");
    if (parent)
        *parent = p;
    return r;
}

int spawnedWorkerMain(int argc, char **argv)
{
    pid_t parent = 0;
    std::string why;
    const std::optional<SpawnRequest> request = parseSpawnArguments(argc, argv, &parent, &why);
    if (!request) {
        std::fprintf(stderr, "%s: %s\n", kWorkerExecutableName, why.c_str());
        return 2;
    }
    record::SharedArena arena = record::SharedArena::attach(kSpawnArenaFd);
    if (!arena.isValid() || request->ringIndex >= arena.ringCount()) {
        std::fprintf(stderr, "%s: no run arena on fd %d: %s\n", kWorkerExecutableName, kSpawnArenaFd,
                     std::strerror(errno));
        return 2;
    }
    runWorkerChild(arena, *request, parent); // arms the parent-death signal, names us, resets signals
}

std::unique_ptr<ProcessLauncher> makeSpawnLauncher(std::string workerExecutable)
{
    return std::make_unique<SpawnLauncher>(std::move(workerExecutable));
}

} // namespace cl::runtime
