#include "core/scenarios/compare_runner.h"
#include "core/runtime/work_unit.h"

#include <QTimer>

namespace cl::scenarios {

CompareRunner::CompareRunner(runtime::ProcessLauncher *launcher, QObject *parent)
    : QObject(parent), m_launcher(launcher)
{
}

CompareRunner::~CompareRunner() { stopAndWait(); }

bool CompareRunner::start(const Scenario &scenario, const ParameterValues &base, const CompareSpec &spec,
                          QString *error)
{
    if (m_session) {
        if (error)
            *error = tr("a comparison is already running");
        return false;
    }
    m_scenario = &scenario;
    m_base = base;
    m_spec = spec;
    m_set = CompareSet{};
    m_set.scenarioId = scenario.id();
    m_set.scenarioTitle = scenario.title();
    m_set.key = spec.key;
    m_set.base = base;
    m_index = -1;
    m_stopRequested = false;
    m_error.clear();
    m_finishedSessions.clear();
    // The first CPU-bound run of a process calibrates the work loop; done
    // here, no run pays for it and the first run's wall time stays fair.
    runtime::cpuCalibration();
    if (!startNext()) {
        if (error)
            *error = m_error;
        m_session.reset();
        return false;
    }
    return true;
}

bool CompareRunner::startNext()
{
    ++m_index;
    ParameterValues values = m_base;
    values.set(m_spec.key, m_spec.parsed[m_index]);
    m_session = std::make_unique<RunSession>(m_launcher);
    m_session->setStartMethod(m_method);
    connect(m_session.get(), &RunSession::finished, this, &CompareRunner::onSessionFinished);
    QString error;
    if (!m_session->start(*m_scenario, values, &error)) {
        m_error = tr("the run with %1=%2 did not start: %3").arg(m_spec.key, m_spec.values[m_index], error);
        return false;
    }
    Q_EMIT runStarted(m_index, m_spec.values[m_index]);
    return true;
}

void CompareRunner::onSessionFinished()
{
    CompareRun run;
    run.label = m_spec.values[m_index];
    run.result = m_session->result();
    // The session is done with its store: move it out instead of copying
    // what may be millions of items.
    run.store = std::make_shared<const trace::TraceStore>(std::move(m_session->store()));
    m_set.runs.push_back(std::move(run));
    m_set.stopped = m_set.stopped || m_set.runs.back().result.stopped;
    // Kept, not deleted: this slot runs inside the session's own signal.
    m_finishedSessions.push_back(std::move(m_session));
    m_set.measure();
    Q_EMIT runFinished(m_index);
    if (!m_stopRequested && m_index + 1 < total()) {
        if (!startNext()) {
            m_session.reset();
            Q_EMIT finished();
        }
        return;
    }
    Q_EMIT finished();
}

void CompareRunner::stop()
{
    m_stopRequested = true;
    if (m_session)
        m_session->stop();
}

void CompareRunner::stopAndWait()
{
    m_stopRequested = true;
    if (m_session)
        m_session->stopAndWait(); // emits finished: onSessionFinished keeps what it recorded
}

CompareSet CompareRunner::takeResult()
{
    CompareSet set = std::move(m_set);
    m_set = CompareSet{};
    return set;
}

} // namespace cl::scenarios
