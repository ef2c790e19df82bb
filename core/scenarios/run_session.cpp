#include "core/scenarios/run_session.h"
#include "core/record/collector.h"
#include "core/sample/proc_sampler.h"

#include <QDebug>
#include <QThread>
#include <atomic>
#include <chrono>
#include <thread>

namespace cl::scenarios {

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
    if (!launcher) {
        active->ownLauncher = runtime::makeForkLauncher();
        launcher = active->ownLauncher.get();
    }
    active->context =
        std::make_unique<RunContext>(active->arena, *active->collector, launcher, active->sampler.get());

    m_store.clear();
    m_result = RunResult{};
    m_result.scenarioId = scenario.id();
    m_result.params = values;
    m_result.startMethod = launcher->method() == runtime::StartMethod::Fork ? QStringLiteral("fork")
                                                                           : QStringLiteral("forkserver");
    auto &meta = m_store.metadata();
    meta["scenario"] = scenario.id().toStdString();
    meta["title"] = scenario.title().toStdString();
    meta["params"] = values.toDisplayString().toStdString();
    meta["start_method"] = m_result.startMethod.toStdString();

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
        a->context->writer().close();
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
    m_result.wallMs = m_active->wallMs;
    m_result.workers = m_active->context->workers();
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
    m_store.touch();
    m_active.reset(); // unmaps the arena; every worker has been reaped by now
    Q_EMIT traceUpdated();
    Q_EMIT finished();
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

double RunSession::elapsedMs() const
{
    if (m_active)
        return double(m_clock.nsecsElapsed()) / 1e6;
    return m_result.wallMs;
}

} // namespace cl::scenarios
