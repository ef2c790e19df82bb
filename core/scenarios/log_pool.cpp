#include "core/scenarios/log_pool.h"
#include "core/scenarios/log_files.h"
#include "core/scenarios/log_pool_tasks.h"
#include "core/scenarios/pool_host.h"
#include "core/trace/messages.h"

#include <QDir>
#include <QTemporaryDir>
#include <chrono>
#include <cstring>
#include <unordered_set>

namespace cl::scenarios {

namespace {
const QString kApproach = QStringLiteral("approach");

// What the callbacks add up, in the main process.
struct Totals {
    std::vector<std::int64_t> lines;    // per file; -1: no result
    std::vector<std::int64_t> distinct; // per file
    std::unordered_set<std::uint32_t> ips;
    std::int64_t unparsed = 0;
    bool overflow = false;
};

// Adds one file's result; runs in a callback (process pool) or on the run thread (serial).
void addFile(Totals &t, const record::SharedArena &arena, const LogFileArgs &args, const std::int64_t *result,
             record::Writer &w)
{
    const auto f = std::size_t(args.file);
    t.lines[f] = result[LogLines];
    t.distinct[f] = result[LogDistinctIps];
    t.unparsed += result[LogUnparsed];
    t.overflow |= result[LogError] != LogOk;
    const auto *ips = arena.object<std::uint32_t>(args.ipsOffset);
    const auto n = std::min<std::int64_t>(result[LogDistinctIps], args.ipCapacity);
    for (std::int64_t i = 0; i < n; ++i)
        t.ips.insert(ips[i]);
    w.printMessage(std::int64_t(trace::MessageId::LogFileCounted),
                   logFileName(args.file) + trace::kMessageArgSeparator + std::to_string(result[LogLines]) +
                       trace::kMessageArgSeparator + std::to_string(result[LogDistinctIps]));
}
} // namespace

QString LogPool::title() const { return tr("Log files with a process pool"); }

QString LogPool::category() const { return tr("Pools"); }

QString LogPool::description() const
{
    return tr("<p>A directory of web-server access logs, one file per day (generated from a fixed seed "
              "into a temporary directory that is removed afterwards). For every file the task counts "
              "its lines and its distinct client IPs, taking the IP as the notes do: the text before "
              "\" - - \", up to the first comma.</p>"
              "<p><b>pool</b>: each file is one task of a process pool. Watch the files spread over the "
              "\"pool worker\" rows (green spans labelled with the task's index, one per file) and the "
              "arrows to the <b>result handler</b> thread of the main process, where a callback adds "
              "each file's counts to the totals, like the notes' <code>done</code> filling "
              "<code>info</code>. <b>serial</b>: the main thread counts the files one after another.</p>"
              "<p>The verdict checks the totals against a plain single-threaded count of the same files, "
              "made after the timed part. Run both approaches to compare their wall times.</p>");
}

QString LogPool::pythonSnippet(const ParameterValues &values) const
{
    QString code = QStringLiteral(
        "import os, random, tempfile, time\n"
        "from concurrent.futures import ProcessPoolExecutor\n"
        "from datetime import date, timedelta\n"
        "\n"
        "# The lesson's parameters, as set in the form:\n"
        "files, lines_per_file = 8, 20000\n"
        "approach, pool_size = 'pool', 4                 # approach: 'pool' or 'serial'\n"
        "\n"
        "def task(path):\n"
        "    ip_set, total = set(), 0\n"
        "    with open(path, encoding='utf-8') as f:\n"
        "        for line in f:\n"
        "            total += 1\n"
        "            ip = line.strip().split(' - - ')[0]\n"
        "            ip_set.add(ip.split(',')[0])\n"
        "    return {'total': total, 'ips': ip_set}\n"
        "\n"
        "def outer(info, name):\n"
        "    def done(res):\n"
        "        info[name] = res.result()           # runs in the main process\n"
        "    return done\n"
        "\n"
        "if __name__ == '__main__':\n"
        "    random.seed(20210322)\n"
        "    clients = [f'{a}.0.{b}.{c}' for a in (23, 36, 59) for b in range(8) for c in range(250)]\n"
        "    with tempfile.TemporaryDirectory() as folder:  # removed afterwards\n"
        "        for d in range(files):\n"
        "            day = date(2021, 3, 22) + timedelta(days=d)\n"
        "            rest = f' - - [{day:%d/%b/%Y}:10:00:00 +0800] \"GET / HTTP/1.1\" 200 512\\n'\n"
        "            with open(os.path.join(folder, day.strftime('%Y%m%d.log')), 'w') as f:\n"
        "                for ip in random.choices(clients, k=lines_per_file):\n"
        "                    proxy = ', 10.0.0.1' if random.random() < 0.1 else ''  # behind a proxy\n"
        "                    f.write(ip + proxy + rest)\n"
        "        info, start = {}, time.time()\n"
        "        names = sorted(os.listdir(folder))\n"
        "        if approach == 'pool':\n"
        "            with ProcessPoolExecutor(pool_size) as pool:\n"
        "                for name in names:\n"
        "                    fur = pool.submit(task, os.path.join(folder, name))\n"
        "                    fur.add_done_callback(outer(info, name))\n"
        "        else:\n"
        "            for name in names:\n"
        "                info[name] = task(os.path.join(folder, name))\n"
        "        wall_ms = round((time.time() - start) * 1000)\n"
        "    for name in names:\n"
        "        print(name, info[name]['total'], len(info[name]['ips']))\n"
        "    print('lines', sum(v['total'] for v in info.values()),\n"
        "          'unique ips', len(set().union(*(v['ips'] for v in info.values()))), 'wall ms', wall_ms)\n");
    // The constants follow the form, so the code runs what the lesson ran.
    code.replace(QStringLiteral("files, lines_per_file = 8, 20000"),
                 QStringLiteral("files, lines_per_file = %1, %2").arg(QString::number(values.integer(QStringLiteral("files"))), QString::number(values.integer(QStringLiteral("lines_per_file")))));
    code.replace(QStringLiteral("approach, pool_size = 'pool', 4"),
                 QStringLiteral("approach, pool_size = '%1', %2").arg(values.choice(QStringLiteral("approach")), QString::number(values.integer(QStringLiteral("pool_size")))));
    return code;
}

QList<ParameterSpec> LogPool::parameters() const
{
    using T = ParameterSpec::Type;
    return {
        {QStringLiteral("files"), T::Integer, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Files"), "",
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Access-log files, one per day (the notes have 8)."), 1, 32,
         8, {}, {}},
        {QStringLiteral("lines_per_file"), T::Integer, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Lines per file"),
         "", QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Requests logged in each file (about 110 bytes each)."), 1,
         100000, 20000, {}, {}},
        {kApproach, T::Choice, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Approach"), "",
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters",
                           "Count the files with a process pool, one task per file, or one after another."),
         0, 0, 0, {QStringLiteral("pool"), QStringLiteral("serial")}, QStringLiteral("pool")},
        {QStringLiteral("pool_size"), T::Integer, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Pool size"), "",
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Worker processes in the pool (the notes use 4)."), 1, 32,
         4, {}, {}},
    };
}

QList<Preset> LogPool::presets() const
{
    return {
        {QT_TRANSLATE_NOOP("cl::scenarios::Presets", "As in the notes"),
         {{QStringLiteral("files"), QStringLiteral("8")},
          {QStringLiteral("lines_per_file"), QStringLiteral("20000")},
          {kApproach, QStringLiteral("pool")},
          {QStringLiteral("pool_size"), QStringLiteral("4")}}},
        {QT_TRANSLATE_NOOP("cl::scenarios::Presets", "Quick"),
         {{QStringLiteral("files"), QStringLiteral("8")},
          {QStringLiteral("lines_per_file"), QStringLiteral("2000")},
          {kApproach, QStringLiteral("pool")},
          {QStringLiteral("pool_size"), QStringLiteral("4")}}},
        {QT_TRANSLATE_NOOP("cl::scenarios::Presets", "Serial, for comparison"),
         {{QStringLiteral("files"), QStringLiteral("8")},
          {QStringLiteral("lines_per_file"), QStringLiteral("20000")},
          {kApproach, QStringLiteral("serial")}}},
    };
}

record::SharedArena::Layout LogPool::layout(const ParameterValues &values) const
{
    record::SharedArena::Layout l;
    const auto files = std::uint32_t(values.integer(QStringLiteral("files")));
    l.ringCount = std::uint32_t(values.integer(QStringLiteral("pool_size"))) + 1;
    l.ringCapacity = 4096;
    l.objectsBytes = 64 * 1024 + runtime::PoolBoard::bytesFor(files) + std::size_t(files) * kLogClients * 4;
    return l;
}

Outcome LogPool::run(RunContext &context, const ParameterValues &values) const
{
    Outcome out;
    const int files = int(values.integer(QStringLiteral("files")));
    const qint64 linesPerFile = values.integer(QStringLiteral("lines_per_file"));
    const bool usePool = values.choice(kApproach) == QLatin1String("pool");
    const int poolSize = int(values.integer(QStringLiteral("pool_size")));
    record::SharedArena &arena = context.arena();
    record::Writer &w = context.writer();

    // Removed when run() returns, whether it finished, failed or was stopped.
    QTemporaryDir dir(QDir::tempPath() + QStringLiteral("/concurrency-lab-logs-XXXXXX"));
    const std::string path = dir.path().toStdString();
    const std::uint64_t dirOffset = arena.allocateObject(path.size() + 1, 8);
    std::vector<LogFileArgs> args(static_cast<std::size_t>(files));
    for (int f = 0; f < files; ++f)
        args[std::size_t(f)] = {dirOffset, arena.allocateObject(kLogClients * 4, 8), kLogClients, f};
    if (!dir.isValid() || dirOffset == 0 || args.back().ipsOffset == 0) {
        out.error = tr("could not create a temporary directory for the logs in %1").arg(QDir::tempPath());
        return out;
    }
    std::memcpy(arena.object<char>(dirOffset), path.c_str(), path.size() + 1);

    const std::uint32_t writing = arena.newObjectId();
    w.nameObject(writing, "writing the logs");
    w.spanBegin(trace::SpanState::Running, writing);
    const bool written =
        writeAccessLogs(path, files, linesPerFile, [&context] { return context.stopRequested(); });
    w.spanEnd(trace::SpanState::Running, writing);
    if (!written) {
        if (!context.stopRequested())
            out.error = tr("could not write the access logs to %1").arg(dir.path());
        return out;
    }

    Totals totals;
    totals.lines.assign(std::size_t(files), -1);
    totals.distinct.assign(std::size_t(files), -1);
    const auto t0 = std::chrono::steady_clock::now();
    if (usePool) {
        RunContextPoolHost host(context);
        runtime::Pool pool(host, runtime::Pool::Kind::Processes, poolSize, std::uint32_t(files));
        bool ok = pool.start();
        for (int f = 0; ok && f < files; ++f) {
            const LogFileArgs a = args[std::size_t(f)];
            ok = pool.applyAsync("log-pool.count-file", a,
                                 [&totals, &arena, a](const runtime::PoolResult &r, record::Writer &cw) {
                                     if (r.status == 0)
                                         addFile(totals, arena, a, r.values.data(), cw);
                                 }) >= 0;
        }
        pool.close();
        ok = pool.join() && ok;
        if (!ok && !context.stopRequested())
            out.error = PoolText::failure(pool.failure(), context);
    } else {
        for (int f = 0; f < files && !context.stopRequested(); ++f) {
            LogFileArgs &a = args[std::size_t(f)];
            const std::uint32_t object = arena.newObjectId();
            w.nameObject(object, logFileName(f));
            std::int64_t result[runtime::kPoolResultWords] = {};
            runtime::WorkerEnv env{&arena, &w, f, reinterpret_cast<const unsigned char *>(&a), sizeof a};
            w.spanBegin(trace::SpanState::Running, object);
            const int code = logCountFileFunction(env, result);
            w.spanEnd(trace::SpanState::Running, object);
            if (code == 0)
                addFile(totals, arena, a, result, w);
        }
    }
    const double wallMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    if (context.stopRequested() || !out.error.isEmpty())
        return out;

    // The check, outside the timed part: a separate, plain count of the same files.
    const LogReference ref = countLogsSerially(path, files);
    qint64 lines = 0;
    qint64 filesDone = 0;
    bool matches = ref.readable && !totals.overflow && totals.unparsed == 0 && ref.ips.size() == totals.ips.size();
    for (int f = 0; f < files; ++f) {
        const auto i = std::size_t(f);
        filesDone += totals.lines[i] >= 0;
        lines += std::max<std::int64_t>(totals.lines[i], 0);
        matches &= totals.lines[i] == ref.lines[i] && totals.distinct[i] == ref.distinct[i];
    }
    out.metrics = {
        {QStringLiteral("files"), files, tr("files")},
        {QStringLiteral("files_done"), filesDone, tr("files counted")},
        {QStringLiteral("lines"), lines, tr("lines")},
        {QStringLiteral("unique_ips"), qint64(totals.ips.size()), tr("distinct client IPs, all files")},
        {QStringLiteral("matches_serial"), matches ? 1 : 0, tr("totals match a single-threaded count")},
        {QStringLiteral("wall_ms"), qint64(wallMs + 0.5), tr("wall time (ms)")},
    };
    out.problem = !matches;
    const QString how = usePool ? tr("a pool of %1 processes").arg(poolSize) : tr("the main thread alone");
    if (matches)
        out.verdict = tr("%1 files, %2 lines, %3 distinct client IPs, counted by %4 in %5 ms; the totals match "
                         "a single-threaded count of the same files.")
                          .arg(files)
                          .arg(lines)
                          .arg(totals.ips.size())
                          .arg(how)
                          .arg(qint64(wallMs + 0.5));
    else
        out.verdict = tr("The totals counted by %1 (%2 lines, %3 distinct IPs) differ from a single-threaded "
                         "count of the same files (%4 distinct IPs).")
                          .arg(how)
                          .arg(lines)
                          .arg(totals.ips.size())
                          .arg(ref.ips.size());
    return out;
}

int LogPool::plannedProcesses(const ParameterValues &values) const
{
    if (values.choice(QStringLiteral("approach")) != QLatin1String("pool"))
        return 0;
    return int(values.integer(QStringLiteral("pool_size"))) + 1;
}

} // namespace cl::scenarios
