#pragma once
// Small charts under the timeline, on the same time axis: CPU per core (%)
// and the scenario's counter (tickets left, shared value...) as a step line.
// The plot areas line up with the timeline's rows column, and only the
// samples in the visible range (thinned to about two points per pixel) are
// handed to Qt Charts, so a long run costs what the screen shows.
#include "core/trace/trace_store.h"

#include <QWidget>

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>

class QChart;
class QChartView;
class QGraphicsSimpleTextItem;
class QLineSeries;
class QTimer;
class QValueAxis;

namespace cl::ui {

class ChartsPanel : public QWidget {
    Q_OBJECT
public:
    explicit ChartsPanel(QWidget *parent = nullptr);
    ~ChartsPanel() override;

    // Not owned; nullptr clears the charts.
    void setStore(const trace::TraceStore *store);
    // Where the timeline's plot starts and how much it leaves on the right,
    // in this widget's x (the panel sits right under the timeline, same width).
    void setPlotMargins(int left, int right);

    // Series count and points currently handed to Qt Charts, for tests.
    int cpuSeriesCount() const;
    int counterSeriesCount() const;
    qsizetype pointCount(bool cpu, int series) const;
    double axisMinMs() const;
    double axisMaxMs() const;
    QRectF cpuPlotArea() const;

    // Upper bound on points per series, however many samples are visible.
    static int maxPointsFor(double plotWidthPx) { return std::max(64, int(plotWidthPx * 2)); }

public Q_SLOTS:
    // New data in the store: updates the series (coalesced to one update per
    // event-loop turn).
    void refresh();
    // Absolute ns, as TimelineView::visibleRangeChanged gives them.
    void setVisibleRange(quint64 beginNs, quint64 endNs);
    // Drops every series (a new run).
    void clear();
    // Runs a pending update now (tests, exports).
    void updateNow();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct Strip;
    void scheduleUpdate();
    std::unique_ptr<Strip> createStrip(const QString &objectName);
    void layoutStrip(Strip &strip);
    void layoutLegend(Strip &strip);
    void updateStrip(Strip &strip, bool cpu);
    QLineSeries *seriesFor(Strip &strip, bool cpu, std::uint32_t key);
    QString counterName(std::uint32_t key) const;
    void retranslate();

    const trace::TraceStore *m_store = nullptr;
    std::unique_ptr<Strip> m_cpu;
    std::unique_ptr<Strip> m_counter;
    QTimer *m_updateTimer = nullptr;
    quint64 m_begin = 0;
    quint64 m_end = 0;
    int m_left = 180;
    int m_right = 0;
};

} // namespace cl::ui
