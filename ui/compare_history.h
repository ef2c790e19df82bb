#pragma once
// The last runs of this session, kept so "Compare with previous runs" can
// put them side by side without running them again. Each keeps a copy of
// its trace store, so the count is small.
#include "core/scenarios/compare.h"

#include <QCoreApplication>
#include <QDateTime>

#include <deque>

namespace cl::ui {

struct KeptRun {
    int number = 0;              // 1, 2, ... in this session
    QString scenarioTitle;
    scenarios::RunResult result; // scenario id and parameters included
    std::shared_ptr<const trace::TraceStore> store;
    QDateTime finishedAt;
};

class CompareHistory {
    Q_DECLARE_TR_FUNCTIONS(cl::ui::CompareHistory)
public:
    static constexpr std::size_t kMaxRuns = 8;

    // Copies the store: the session reuses its own for the next run.
    void keep(const scenarios::RunResult &result, const trace::TraceStore &store, const QString &scenarioTitle);
    void keep(KeptRun run);
    // The kept runs of one scenario, oldest first.
    std::vector<const KeptRun *> runsOf(const QString &scenarioId) const;
    std::size_t size() const { return m_runs.size(); }
    // "#3 · 10:42:07 · mode=threads, jobs=4"
    static QString describe(const KeptRun &run);
    // The chosen runs as a comparison: when they differ in exactly one
    // parameter it is the varied key and the labels are its values;
    // otherwise each label names what differs (or the run's number).
    static scenarios::CompareSet compareSet(const std::vector<const KeptRun *> &runs);

private:
    std::deque<KeptRun> m_runs;
    int m_next = 1;
};

} // namespace cl::ui
