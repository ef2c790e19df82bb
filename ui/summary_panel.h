#pragma once
// The summary tab: the verdict in large text, the verdict's metrics, run
// facts (wall time, start method, events recorded, dropped in full rings and
// at the trace store's limit), and every
// worker with its PID/TID and how it ended.
#include "core/scenarios/run_session.h"

#include <QWidget>

class QLabel;
class QTableWidget;

namespace cl::ui {

class SummaryPanel : public QWidget {
    Q_OBJECT
public:
    explicit SummaryPanel(QWidget *parent = nullptr);

    // scenarioTitle: the selected scenario, named in the hint.
    void showEmpty(const QString &scenarioTitle = {});
    void showRunning();
    // store: for worker names (the result only has kernel ids).
    void showResult(const scenarios::RunResult &result, const trace::TraceStore &store);
    // While a run is live: the dropped counts update in place.
    void setLiveCounts(quint64 events, quint64 dropped, quint64 droppedByLimit = 0, quint64 itemLimit = 0);
    // Replay: the counters' values at the playhead, under the verdict; empty hides it.
    void setPlayheadText(const QString &text);
    QLabel *playheadLabel() const { return m_playhead; }

    QString verdictText() const;
    enum class Tone { Neutral, Good, Problem, Warning };
    Tone tone() const { return m_tone; }
    QTableWidget *metricsTable() const { return m_metrics; }
    QTableWidget *workersTable() const { return m_workers; }
    QLabel *droppedLabel() const { return m_dropped; }
    QLabel *droppedByLimitLabel() const { return m_droppedByLimit; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void setVerdict(const QString &text, Tone tone, const QString &detail = {});
    void setDropped(quint64 dropped);
    void setDroppedByLimit(quint64 dropped, quint64 limit);
    void retranslate();

    QLabel *m_verdict = nullptr;
    QLabel *m_detail = nullptr;
    QLabel *m_playhead = nullptr;
    QLabel *m_metricsTitle = nullptr;
    QLabel *m_runTitle = nullptr;
    QLabel *m_workersTitle = nullptr;
    QTableWidget *m_metrics = nullptr;
    QTableWidget *m_workers = nullptr;
    QLabel *m_wallLabel = nullptr;
    QLabel *m_wall = nullptr;
    QLabel *m_methodLabel = nullptr;
    QLabel *m_method = nullptr;
    QLabel *m_eventsLabel = nullptr;
    QLabel *m_events = nullptr;
    QLabel *m_droppedLabel = nullptr;
    QLabel *m_dropped = nullptr;
    QLabel *m_droppedByLimitLabel = nullptr;
    QLabel *m_droppedByLimit = nullptr;
    QLabel *m_paramsLabel = nullptr;
    QLabel *m_params = nullptr;
    Tone m_tone = Tone::Neutral;
    // What showResult() last showed, so a language change can show it again.
    bool m_hasResult = false;
    bool m_running = false;
    QString m_emptyTitle;
    scenarios::RunResult m_result;
    const trace::TraceStore *m_store = nullptr;
};

} // namespace cl::ui
