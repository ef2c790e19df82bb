#pragma once
// Runs one lesson once per value of the varied parameter, one run after
// another (runs side by side would share the cores and spoil each other's
// figures), each with its own RunSession and trace store. Driven by the
// owner's event loop: the CLI waits on finished(), the GUI shows progress.
#include "core/scenarios/compare.h"

#include <QObject>
#include <optional>

#include <memory>
#include <vector>

namespace cl::runtime {
class ProcessLauncher;
}

namespace cl::scenarios {

class CompareRunner : public QObject {
    Q_OBJECT
public:
    explicit CompareRunner(runtime::ProcessLauncher *launcher = nullptr, QObject *parent = nullptr);
    // As RunSession::setStartMethod: every run of the comparison starts its
    // processes this way (unset: the launcher given, or fork without one).
    void setStartMethod(std::optional<runtime::StartMethod> method) { m_method = method; }
    ~CompareRunner() override;

    // `base` holds every parameter; spec.key takes each of spec.values in
    // turn. False (with *error) when the first run could not start.
    bool start(const Scenario &scenario, const ParameterValues &base, const CompareSpec &spec,
               QString *error = nullptr);
    // Stops the run in progress (its workers are killed and reaped) and
    // starts no further one; finished() follows once it ended.
    void stop();
    // Stops and waits: used when the owner goes away.
    void stopAndWait();

    bool isRunning() const { return m_session != nullptr; }
    int current() const { return m_index; }   // index of the run in progress
    int total() const { return int(m_spec.values.size()); }
    const CompareSet &result() const { return m_set; }
    CompareSet takeResult();
    // Why the last run failed or was refused; empty when all went well.
    QString error() const { return m_error; }
    // The session of the run in progress, for a live progress display.
    const RunSession *session() const { return m_session.get(); }

Q_SIGNALS:
    void runStarted(int index, const QString &value);
    void runFinished(int index);
    void finished();

private:
    bool startNext();
    void onSessionFinished();

    runtime::ProcessLauncher *m_launcher;
    std::optional<runtime::StartMethod> m_method;
    const Scenario *m_scenario = nullptr;
    ParameterValues m_base;
    CompareSpec m_spec;
    CompareSet m_set;
    std::unique_ptr<RunSession> m_session;
    // Ended sessions (their stores moved out) until the next start().
    std::vector<std::unique_ptr<RunSession>> m_finishedSessions;
    int m_index = -1;
    bool m_stopRequested = false;
    QString m_error;
};

} // namespace cl::scenarios
