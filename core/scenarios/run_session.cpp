#include "core/scenarios/run_session.h"
#include "core/scenarios/run_record.h"
#include "core/record/collector.h"
#include "core/runtime/fork_server.h"
#include "core/runtime/process_cap.h"
#include "core/runtime/spawn_launcher.h"
#include "core/sample/proc_sampler.h"

#include <QDateTime>
#include <QDebug>
#include <QThread>
#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <string>
#include <thread>

namespace cl::scenarios {

namespace {
constexpr const char *kRunEndKey = "run_end_ns";
} // namespace

RunWindow runWindow(const trace::TraceStore &store)
{
    RunWindow w;
    w.begin = store.beginTime();
    w.end = store.endTime();
    const auto it = store.metadata().find(kRunEndKey);
    if (it == store.metadata().end() || w.begin == 0)
        return w;
    std::uint64_t end = 0;
    const std::string &text = it->second;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), end);
    if (ec == std::errc() && ptr == text.data() + text.size() && end >= w.begin) {
        w.end = end;
        w.finished = true;
    }
    return w;
}

std::unique_ptr<runtime::ProcessLauncher> makeLauncher(runtime::StartMethod method, QString *error)
{
    switch (method) {
    case runtime::StartMethod::Fork:
        return runtime::makeForkLauncher();
    case runtime::StartMethod::Spawn: {
        const std::string path = runtime::workerExecutablePath();
        if (!runtime::isExecutableFile(path)) {
            if (error)
                *error = RunSession::tr("the spawn start method runs the worker program %1, which is missing or "
                                        "not executable; it is built and installed next to concurrency-lab "
                                        "(or set %2 to its path)")
                             .arg(QString::fromStdString(path), QString::fromLatin1(runtime::kWorkerExecutableEnv));
            return nullptr;
        }
        return runtime::makeSpawnLauncher(path);
    }
    case runtime::StartMethod::ForkServer: {
        std::unique_ptr<runtime::ProcessLauncher> server = runtime::ForkServerClient::start();
        if (!server && error)
            *error = RunSession::tr("could not start a fork server: %1").arg(QString::fromLocal8Bit(strerror(errno)));
        return server;
    }
    }
    return nullptr;
}

struct RunSession::Active {
    record::SharedArena arena;
    std::unique_ptr<record::Collector> collector;
    std::unique_ptr<sample::ProcSampler> sampler;
    std::unique_ptr<runtime::ProcessLauncher> ownLauncher;
    std::unique_ptr<RunContext> context;
    std::thread thread;
    std::atomic<bool> done{false};
    std::atomic<bool> stopped{false};
    Outcome outcome;
    double wallMs = 0;
};

quint64 RunSession::defaultItemLimit()
{
    static const quint64 limit = [] {
        constexpr quint64 kMax = 1'000'000'000;
        const QByteArray text = qgetenv("CL_TRACE_ITEM_LIMIT");
        if (text.isEmpty())
            return quint64(trace::TraceStore::kDefaultItemLimit);
        bool ok = false;
        const quint64 value = text.trimmed().toULongLong(&ok);
        if (ok && value >= 1 && value <= kMax)
            return value;
        qWarning().noquote() << tr("CL_TRACE_ITEM_LIMIT must be a whole number from 1 to %1; got \"%2\", "
                                   "so the default of %3 applies")
                                    .arg(kMax)
                                    .arg(QString::fromLocal8Bit(text))
                                    .arg(trace::TraceStore::kDefaultItemLimit);
        return quint64(trace::TraceStore::kDefaultItemLimit);
    }();
    return limit;
}

RunSession::RunSession(runtime::ProcessLauncher *launcher, QObject *parent)
    : QObject(parent), m_launcher(launcher)
{
    m_store.setItemLimit(defaultItemLimit());
    m_timer.setInterval(30);
    connect(&m_timer, &QTimer::timeout, this, &RunSession::poll);
}

RunSession::~RunSession() { stopAndWait(); }

bool RunSession::start(const Scenario &scenario, const ParameterValues &values, QString *error)
{
    if (m_active) {
        if (error)
            *error = tr("a run is already in progress");
        return false;
    }
    // Before anything exists: a refused run starts nothing at all.
    m_refused = false;
    if (const QString refusal = processCapRefusal(scenario, values); !refusal.isEmpty()) {
        m_refused = true;
        if (error)
            *error = refusal;
        return false;
    }
    auto active = std::make_unique<Active>();
    record::SharedArena::Layout layout = scenario.layout(values);
    layout.ringCount += 2; // the run thread and the sampler
    active->arena = record::SharedArena::create(layout);
    if (!active->arena.isValid()) {
        if (error)
            *error = tr("could not create shared memory for the run: %1").arg(QString::fromLocal8Bit(strerror(errno)));
        return false;
    }
    active->collector = std::make_unique<record::Collector>(active->arena);
    active->sampler = std::make_unique<sample::ProcSampler>(active->arena);
    runtime::ProcessLauncher *launcher = m_launcher;
    const runtime::StartMethod method =
        m_method ? *m_method : (m_launcher ? m_launcher->method() : runtime::StartMethod::Fork);
    if (!launcher || launcher->method() != method) {
        QString why;
        active->ownLauncher = makeLauncher(method, &why);
        if (!active->ownLauncher) {
            if (error)
                *error = why;
            return false;
        }
        launcher = active->ownLauncher.get();
    }
    active->context =
        std::make_unique<RunContext>(active->arena, *active->collector, launcher, active->sampler.get());

    m_store.clear();
    m_result = RunResult{};
    m_result.scenarioId = scenario.id();
    m_result.params = values;
    m_result.startMethod = QString::fromLatin1(runtime::startMethodName(launcher->method()));
    auto &meta = m_store.metadata();
    meta["scenario"] = scenario.id().toStdString();
    meta["title"] = scenario.title().toStdString();
    meta["params"] = values.toDisplayString().toStdString();
    meta["start_method"] = m_result.startMethod.toStdString();
    // For the title of exports, and for whoever reopens the trace later.
    meta["recorded_at"] = QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toStdString();

    active->collector->start();
    active->sampler->start();
    Active *a = active.get();
    const Scenario *s = &scenario;
    const ParameterValues v = values;
    m_clock.start();
    a->thread = std::thread([a, s, v] {
        a->context->begin("main");
        const auto t0 = std::chrono::steady_clock::now();
        a->outcome = s->run(*a->context, v);
        a->context->waitAll();
        a->wallMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        // The run's own track ends like every worker's, once all of them
        // were reaped: that moment is the end of the run.
        record::Writer &main = a->context->writer();
        if (main.isValid())
            main.record(trace::EventKind::WorkerExit, 0, 0, 0);
        main.close();
        a->done.store(true, std::memory_order_release);
    });
    m_active = std::move(active);
    m_timer.start();
    Q_EMIT started();
    return true;
}

const RunResult &RunSession::runBlocking(const Scenario &scenario, const ParameterValues &values)
{
    QString error;
    if (!start(scenario, values, &error)) {
        m_result = RunResult{};
        m_result.scenarioId = scenario.id();
        m_result.params = values;
        m_result.refused = m_refused;
        m_result.outcome.error = error;
        return m_result;
    }
    m_timer.stop(); // pulled here instead of by the event loop
    while (m_active && !m_active->done.load(std::memory_order_acquire)) {
        QThread::msleep(20);
        m_store.ingest(m_active->collector->takeBatch());
    }
    finish();
    return m_result;
}

void RunSession::poll()
{
    if (!m_active)
        return;
    record::Batch batch = m_active->collector->takeBatch();
    const bool any = !batch.events.empty() || !batch.strings.empty() || batch.droppedTotal != m_store.droppedEvents();
    if (any)
        m_store.ingest(std::move(batch));
    if (m_active->done.load(std::memory_order_acquire)) {
        finish();
        return;
    }
    if (any)
        Q_EMIT traceUpdated();
}

void RunSession::finish()
{
    m_timer.stop();
    if (!m_active)
        return;
    m_active->thread.join();
    m_active->sampler->stop();
    m_active->collector->stop();
    m_store.ingest(m_active->collector->takeBatch());

    m_result.outcome = m_active->outcome;
    closeRunWindow();
    const RunWindow window = runWindow(m_store);
    // The clock of the run thread only when the trace lost the run's end.
    m_result.wallMs = window.finished ? window.ms() : m_active->wallMs;
    m_result.workers = m_active->context->workers();
    // A lesson that chose its own start method (start-methods) used that one.
    if (const auto used = m_active->context->methodUsed(); used && m_result.startMethod != QLatin1String(runtime::startMethodName(*used))) {
        m_result.startMethod = QString::fromLatin1(runtime::startMethodName(*used));
        m_store.metadata()["start_method"] = m_result.startMethod.toStdString();
    }
    m_result.stopped = m_active->stopped.load();
    m_result.droppedEvents = m_store.droppedEvents();
    m_result.events = m_store.eventCount();
    m_result.storedItems = m_store.storedItems();
    m_result.droppedByLimit = m_store.droppedByLimit();
    m_result.itemLimit = m_store.itemLimit();
    if (m_result.outcome.error.isEmpty() && !m_active->context->error().isEmpty())
        m_result.outcome.error = m_active->context->error();
    m_result.valid = true;

    auto &meta = m_store.metadata();
    meta["verdict"] = (m_result.stopped ? tr("Stopped by the user.") : m_result.outcome.verdict).toStdString();
    meta["wall_ms"] = QString::number(m_result.wallMs, 'f', 1).toStdString();
    meta["problem"] = m_result.outcome.problem && !m_result.stopped ? "1" : "0";
    // Exports draw reference lines from these (e.g. the expected total).
    for (const Metric &m : m_result.outcome.metrics)
        meta["metric:" + m.key.toStdString()] = m.isText() ? m.text.toStdString() : std::to_string(m.value);
    storeRunRecord(m_store, m_result); // a reopened trace shows this summary again
    m_store.touch();
    m_active.reset(); // unmaps the arena; every worker has been reaped by now
    Q_EMIT traceUpdated();
    Q_EMIT finished();
}

void RunSession::closeRunWindow()
{
    // The main track's exit is the end; should a stamp land after it (or the
    // exit be lost to a full ring), the window still covers what was recorded.
    const record::Writer &main = m_active->context->writer();
    const int mainIndex = main.isValid() ? m_store.workerIndex(main.pid(), main.tid()) : -1;
    std::uint64_t end = 0;
    if (mainIndex >= 0 && m_store.workers()[std::size_t(mainIndex)].exited)
        end = m_store.workers()[std::size_t(mainIndex)].exitTime;
    for (const auto &w : m_store.workers())
        end = std::max({end, w.lastTime, w.exited ? w.exitTime : 0});
    for (const auto &c : m_store.counters())
        if (c.kind == trace::CounterTrack::Kind::Value && !c.samples.empty())
            end = std::max(end, c.samples.back().time);
    for (const auto &f : m_store.flows())
        end = std::max({end, f.outTime, f.inTime});
    if (end == 0 || end < m_store.beginTime())
        return;
    m_store.metadata()[kRunEndKey] = std::to_string(end);
}

bool RunSession::adoptTrace(trace::TraceStore store, const RunResult &result)
{
    if (m_active)
        return false;
    const quint64 limit = m_store.itemLimit();
    const std::uint64_t revision = m_store.revision();
    m_store = std::move(store);
    m_store.setItemLimit(limit); // a setting of this session, not of the file
    m_store.bumpRevisionPast(revision);
    m_result = result;
    Q_EMIT traceUpdated();
    return true;
}

void RunSession::stop()
{
    if (!m_active)
        return;
    m_active->stopped.store(true);
    m_active->context->requestStop();
}

void RunSession::stopAndWait()
{
    if (!m_active)
        return;
    stop();
    while (!m_active->done.load(std::memory_order_acquire))
        QThread::msleep(5);
    finish();
}

QString RunSession::processCapRefusal(const Scenario &scenario, const ParameterValues &values)
{
    const int planned = scenario.plannedProcesses(values);
    if (planned <= 0)
        return {};
    const runtime::ProcessCap cap = runtime::currentProcessCap();
    if (planned <= cap.limit)
        return {};
    using Source = runtime::ProcessCap::Source;
    QString why;
    switch (cap.source) {
    case Source::Product:
        why = tr("Concurrency Lab starts at most %1 processes per run").arg(cap.sourceLimit);
        break;
    case Source::UserLimit:
        why = tr("your process limit (RLIMIT_NPROC) is %1 and you already run %2 processes and threads")
                  .arg(cap.sourceLimit)
                  .arg(cap.sourceInUse);
        break;
    case Source::Machine:
        why = tr("the machine allows %1 processes and threads (pid_max, threads-max) and %2 are running")
                  .arg(cap.sourceLimit)
                  .arg(cap.sourceInUse);
        break;
    case Source::Cgroup:
        why = tr("this session's control group allows %1 processes and threads (pids.max) and %2 are in use")
                  .arg(cap.sourceLimit)
                  .arg(cap.sourceInUse);
        break;
    }
    if (cap.source != Source::Product)
        why += tr(", keeping %1 free for the rest of the system").arg(runtime::kProcessReserve);
    return tr("this run would start %1 worker processes, more than the safe limit of %2: %3. "
              "Use fewer workers, or run them as threads where the lesson offers it.")
        .arg(planned)
        .arg(cap.limit)
        .arg(why);
}

double RunSession::elapsedMs() const
{
    if (m_active)
        return double(m_clock.nsecsElapsed()) / 1e6;
    return m_result.wallMs;
}

} // namespace cl::scenarios
