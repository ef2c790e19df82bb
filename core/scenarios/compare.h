#pragma once
// Comparing runs of one lesson that differ in one parameter (serial against
// threads against processes, a pool of 1, 2, 4, 8): which values to run, and
// the figures that make runs comparable, each computed from a run's own
// recorded trace so the same numbers come out of a live run, a run kept from
// earlier in the session and a hand-made trace in a test.
//
// Definitions (also in the compare table's tooltips and README):
//   wall time    the run's window (runWindow): first event to the end of main
//   CPU time     the /proc CPU samples of the run's processes, integrated
//                over the run's window (sampled every 50 ms, so a process that
//                ends between two samples loses its last part)
//   cores busy   CPU time / wall time (1.0 = one core fully used)
//   speedup      first run's wall time / this run's wall time
//   workers used workers (threads or processes, not model lanes) that had
//                running time, at most the cores the machine has
//   efficiency   speedup / workers used (1.0 = every worker used sped the
//                run up fully, relative to the first run)
//   lock wait    the sum of every "waiting for a lock" span, all workers
//   GIL wait     the sum of every "waiting for the GIL" span
//   queue max    the largest value of the queue-depth counter
#include "core/scenarios/run_session.h"
#include "core/scenarios/scenario.h"
#include "core/trace/trace_store.h"

#include <QCoreApplication>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <memory>
#include <optional>
#include <vector>

namespace cl::scenarios {

// What to vary: one parameter's key and its values (already checked).
struct CompareSpec {
    QString key;
    QStringList values;       // canonical text: "serial", "4"
    QList<QVariant> parsed;   // as ParameterValues stores them
};

class CompareValidation {
    Q_DECLARE_TR_FUNCTIONS(cl::scenarios::CompareValidation)
public:
    static constexpr int kMaxValues = 12;
    // `text` is "key=v1,v2,...". Returns the one-line problem, naming what
    // is allowed, or nullopt with *out filled.
    static std::optional<QString> parseVary(const Scenario &scenario, const QString &text, CompareSpec *out);
    static std::optional<QString> validate(const Scenario &scenario, const QString &key, const QStringList &values,
                                           CompareSpec *out);
    // Empty when every run may start its processes; else why not (before
    // any run starts, so a compare is refused whole rather than half-run).
    static QString processCapProblem(const Scenario &scenario, const ParameterValues &base, const CompareSpec &spec);
};

struct RunFigures {
    double wallMs = 0.0;
    double cpuMs = -1.0;      // < 0: the run recorded no CPU samples
    double coresBusy = -1.0;  // cpuMs / wallMs; < 0 when unknown
    double speedup = 1.0;     // against the first run of the comparison
    int workersRan = 0;       // workers with running time
    int cores = 0;            // cores the CPU samples cover; 0: unknown
    int workersUsed = 1;      // workersRan, at most cores (and at least 1)
    double efficiency = 1.0;  // speedup / workersUsed
    double lockWaitMs = 0.0;
    double gilWaitMs = 0.0;
    qint64 queueMax = -1;     // -1: no queue-depth counter in the trace
    int processes = 0;        // distinct PIDs of the run's workers
    int threads = 0;          // worker tracks that are not model lanes
};

// The figures of one run that need only its own trace; speedup and
// efficiency are filled by computeRelative().
RunFigures measureRun(const trace::TraceStore &store);
// CPU time in ms the CpuProcess samples account for inside [begin, end];
// < 0 when there are none.
double sampledCpuMs(const trace::TraceStore &store, std::uint64_t begin, std::uint64_t end);

struct CompareRun {
    QString label;                              // "serial", "4", or a kept run's description
    RunResult result;
    std::shared_ptr<const trace::TraceStore> store;
    RunFigures figures;
};

struct CompareSet {
    QString scenarioId;
    QString scenarioTitle;
    QString key;                 // the varied parameter; empty for kept runs
    ParameterValues base;        // what every run shares (but `key`)
    std::vector<CompareRun> runs;
    bool stopped = false;        // a run was stopped: later values did not run

    // Fills every run's figures from its store, then speedup and efficiency
    // against runs[0].
    void measure();
    // Metric keys of the lessons' own metrics over all runs, in first-seen
    // order, with their labels.
    QList<QPair<QString, QString>> metricColumns() const;
    double longestWallMs() const;
};

// Speedup and efficiency of `figures` against `first` (both measured).
void computeRelative(const RunFigures &first, RunFigures &figures);

} // namespace cl::scenarios
