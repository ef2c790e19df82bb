#pragma once
// One run from start to verdict, seen from the main process: creates the
// arena, the collector, the /proc sampler and the run thread; the owner's
// thread pulls batches into the trace store on a timer (the engine never
// touches a QObject), so a live view reads the store without locks.
#include "core/runtime/launcher.h"
#include "core/scenarios/run_context.h"
#include "core/scenarios/scenario.h"
#include "core/trace/trace_store.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <memory>
#include <optional>

namespace cl::scenarios {

// The run in trace time: from its first event to the moment the run's own
// "main" track ended, after every worker was reaped. CPU samples taken while
// the session shuts down lie past it and are not part of the run. The
// summary's wall_ms, the views and the exports all take the run's length
// from here, so they show one number.
struct RunWindow {
    std::uint64_t begin = 0;
    std::uint64_t end = 0;
    bool finished = false; // the run is over: every lane ends at `end`
    double ms() const { return end > begin ? double(end - begin) / 1e6 : 0.0; }
};
// From the store's metadata ("run_end_ns", set when a run finishes); for a
// live or hand-made trace, [beginTime, endTime] and not finished.
RunWindow runWindow(const trace::TraceStore &store);

// A launcher of its own for `method` (a fork server is started for it), or
// nullptr and a translated reason, such as a missing worker executable.
std::unique_ptr<runtime::ProcessLauncher> makeLauncher(runtime::StartMethod method, QString *error);

struct RunResult {
    QString scenarioId;
    ParameterValues params;
    Outcome outcome;
    double wallMs = 0; // runWindow(store).ms() of the finished run
    std::vector<WorkerInfo> workers;
    quint64 droppedEvents = 0;  // lost in a full ring, before the store saw them
    quint64 events = 0;
    quint64 storedItems = 0;    // spans, flows, samples and lines the store kept
    quint64 droppedByLimit = 0; // items the store did not keep: it was at its limit
    quint64 itemLimit = 0;
    bool stopped = false;
    QString startMethod; // "fork" | "spawn" | "forkserver"
    bool refused = false; // not started: it asked for more processes than the safe limit
    bool valid = false;
};

class RunSession : public QObject {
    Q_OBJECT
public:
    // `launcher` starts process workers (the app's fork server); without one
    // each run forks directly from its run thread.
    explicit RunSession(runtime::ProcessLauncher *launcher = nullptr, QObject *parent = nullptr);
    ~RunSession() override;

    bool start(const Scenario &scenario, const ParameterValues &values, QString *error = nullptr);
    // Runs to the end on the calling thread's terms (CLI, tests).
    const RunResult &runBlocking(const Scenario &scenario, const ParameterValues &values);
    void stop();
    // How the next runs start their worker processes. Unset: the given
    // launcher's way, or fork without one. A method the given launcher does
    // not use gets a launcher of its own for each run.
    void setStartMethod(std::optional<runtime::StartMethod> method) { m_method = method; }
    std::optional<runtime::StartMethod> startMethod() const { return m_method; }
    // Stops, waits for every worker and returns: used when the window closes.
    void stopAndWait();

    bool isRunning() const { return m_active != nullptr; }
    // The last start() was refused by the process cap: nothing was started.
    bool lastStartRefused() const { return m_refused; }
    const trace::TraceStore &store() const { return m_store; }
    trace::TraceStore &store() { return m_store; }
    const RunResult &result() const { return m_result; }
    double elapsedMs() const;
    quint64 droppedEvents() const { return m_store.droppedEvents(); }
    // The store's limit on items for the next runs. The default is the
    // store's, or CL_TRACE_ITEM_LIMIT from the environment.
    void setItemLimit(quint64 limit) { m_store.setItemLimit(limit); }
    static quint64 defaultItemLimit();
    void setPollInterval(int ms) { m_timer.setInterval(ms); }
    // Shows a trace that was loaded from a file as if this session had run
    // it (the views read store() and result()). Refused while a run is live.
    bool adoptTrace(trace::TraceStore store, const RunResult &result);

Q_SIGNALS:
    void started();
    void traceUpdated();
    void finished();

private Q_SLOTS:
    void poll();

private:
    struct Active;
    void finish();
    // Empty when the run may start that many processes; else why not.
    static QString processCapRefusal(const Scenario &scenario, const ParameterValues &values);
    void closeRunWindow();

    runtime::ProcessLauncher *m_launcher;
    std::optional<runtime::StartMethod> m_method;
    std::unique_ptr<Active> m_active;
    bool m_refused = false; // the last start() was refused by the process cap
    trace::TraceStore m_store;
    RunResult m_result;
    QTimer m_timer;
    QElapsedTimer m_clock;
};

} // namespace cl::scenarios
