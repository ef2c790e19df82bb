#include "ui/charts_panel.h"
#include "core/scenarios/run_session.h"
#include "ui/charts_panel_p.h"
#include "ui/chart_points.h"
#include "ui/time_axis.h"

#include <QChart>
#include <QChartView>
#include <QCursor>
#include <QEvent>
#include <QGraphicsSimpleTextItem>
#include <QLineSeries>
#include <QTimer>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace cl::ui {

namespace charts_detail {

int decimalsForStep(double stepMs)
{
    if (stepMs <= 0 || stepMs >= 1)
        return 0;
    return std::min(6, int(std::ceil(-std::log10(stepMs) - 1e-9)));
}

} // namespace charts_detail

using namespace charts_detail;

ChartsPanel::ChartsPanel(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    m_cpu = createStrip(QStringLiteral("cpuChart"));
    m_counter = createStrip(QStringLiteral("counterChart"));
    layout->addWidget(m_cpu->view, 1);
    layout->addWidget(m_counter->view, 1);
    m_cpu->y->setRange(0, 100);
    m_counter->y->setRange(0, 10);
    m_counter->xLabels = true;

    m_updateTimer = new QTimer(this);
    m_updateTimer->setSingleShot(true);
    m_updateTimer->setInterval(0);
    connect(m_updateTimer, &QTimer::timeout, this, &ChartsPanel::updateNow);
    retranslate();
}

ChartsPanel::~ChartsPanel() = default;

void ChartsPanel::setStore(const trace::TraceStore *store)
{
    m_store = store;
    clear();
}

void ChartsPanel::setPlotMargins(int left, int right)
{
    if (left == m_left && right == m_right)
        return;
    m_left = left;
    m_right = right;
    layoutStrip(*m_cpu);
    layoutStrip(*m_counter);
    scheduleUpdate(); // the tick step depends on the plot width
}

void ChartsPanel::clear()
{
    for (Strip *s : {m_cpu.get(), m_counter.get()}) {
        for (auto &[key, series] : s->series) {
            s->chart->removeSeries(series);
            delete series;
        }
        s->series.clear();
        layoutLegend(*s);
    }
    m_begin = m_end = 0;
    m_counter->y->setRange(0, 10);
    m_counter->view->setVisible(true);
    retranslate();
    scheduleUpdate();
}

void ChartsPanel::refresh() { scheduleUpdate(); }

void ChartsPanel::setVisibleRange(quint64 beginNs, quint64 endNs)
{
    if (beginNs == m_begin && endNs == m_end)
        return;
    m_begin = beginNs;
    m_end = endNs;
    scheduleUpdate();
}

void ChartsPanel::scheduleUpdate()
{
    if (!m_updateTimer->isActive())
        m_updateTimer->start();
}

void ChartsPanel::updateNow()
{
    m_updateTimer->stop();
    bool anyCounter = false;
    if (m_store)
        for (const auto &c : m_store->counters())
            anyCounter = anyCounter || c.kind == trace::CounterTrack::Kind::Value;
    // A scenario without a counter gets the room for the CPU chart, which
    // then carries the time labels.
    const bool showCounter = anyCounter || !m_store || m_store->eventCount() == 0;
    m_counter->view->setVisible(showCounter);
    if (m_cpu->xLabels == showCounter) {
        m_cpu->xLabels = !showCounter;
        layoutStrip(*m_cpu);
    }
    updateStrip(*m_cpu, true);
    if (showCounter)
        updateStrip(*m_counter, false);
}


QString ChartsPanel::counterName(std::uint32_t key) const
{
    if (m_store)
        return counterDisplayName(*m_store, key);
    const trace::TraceStore none;
    return counterDisplayName(none, key);
}

QLineSeries *ChartsPanel::seriesFor(Strip &strip, bool cpu, std::uint32_t key)
{
    auto it = strip.series.find(key);
    if (it != strip.series.end())
        return it->second;
    auto *series = new QLineSeries;
    const int n = int(strip.series.size());
    const QColor color = cpu ? QColor::fromRgb(kCoreColors[key % std::size(kCoreColors)])
                             : QColor::fromRgb(kCounterColors[n % int(std::size(kCounterColors))]);
    QPen pen(color);
    pen.setWidthF(cpu ? 1.4 : 2.0);
    pen.setCapStyle(Qt::FlatCap);
    pen.setJoinStyle(Qt::MiterJoin);
    series->setPen(pen);
    series->setName(cpu ? tr("core %1").arg(key) : counterName(key));
    strip.chart->addSeries(series);
    series->attachAxis(strip.x);
    series->attachAxis(strip.y);
    const QString unit = cpu ? tr("%") : QString();
    connect(series, &QLineSeries::hovered, this, [series, unit](const QPointF &p, bool state) {
        if (state)
            QToolTip::showText(QCursor::pos(), tr("%1: %2%3 at %4 ms")
                                                   .arg(series->name())
                                                   .arg(p.y(), 0, 'f', 0)
                                                   .arg(unit)
                                                   .arg(p.x(), 0, 'f', 1));
        else
            QToolTip::hideText();
    });
    strip.series.emplace(key, series);
    layoutLegend(strip);
    return series;
}

void ChartsPanel::updateStrip(Strip &strip, bool cpu)
{
    // Without a trace the strips still get a plain axis (0 to 1 s), not Qt's defaults.
    const std::uint64_t origin = m_store ? m_store->beginTime() : 0;
    const scenarios::RunWindow window =
        m_store ? scenarios::runWindow(*m_store) : scenarios::RunWindow{0, 1'000'000'000ull, false};
    std::uint64_t b = m_store ? m_begin : 0, e = m_store ? m_end : 0;
    if (e <= b) { // nobody told us a range yet: the whole run
        b = origin;
        e = std::max(window.end, origin + TimeAxis::kMinSpanNs);
    }
    const double plotWidth = std::max(10.0, strip.chart->plotArea().width());
    const auto toMs = [origin](std::uint64_t t) { return (double(t) - double(origin)) / 1e6; };
    // Qt Charts creates a graphics item per tick on every change: the range
    // and the step must never be combined into a state with thousands of
    // ticks, so the step grows before the range and shrinks after it.
    const double stepMs = std::max(1e-6, double(niceTickStep(TimeAxis(b, e, plotWidth), 80.0)) / 1e6);
    const bool stepFirst = stepMs > strip.x->tickInterval();
    if (stepFirst)
        strip.x->setTickInterval(stepMs);
    strip.x->setRange(toMs(b), toMs(e));
    if (!stepFirst)
        strip.x->setTickInterval(stepMs);
    strip.x->setLabelFormat(QStringLiteral("%.") + QString::number(decimalsForStep(stepMs)) + QStringLiteral("f ") +
                            tr("ms"));

    if (!m_store)
        return;
    const auto kind = cpu ? trace::CounterTrack::Kind::CpuCore : trace::CounterTrack::Kind::Value;
    const int maxPoints = maxPointsFor(plotWidth);
    std::int64_t lo = 0, hi = 0;
    bool anyValue = false;
    for (const trace::CounterTrack &track : m_store->counters()) {
        if (track.kind != kind)
            continue;
        const auto &s = track.samples;
        // The counter's y range covers the whole run, so it does not jump while panning.
        if (!cpu)
            for (const auto &sample : s) {
                lo = anyValue ? std::min(lo, sample.value) : sample.value;
                hi = anyValue ? std::max(hi, sample.value) : sample.value;
                anyValue = true;
            }
        ChartPointsOptions options;
        options.begin = b;
        options.end = e;
        options.origin = origin;
        options.maxPoints = maxPoints;
        options.step = !cpu;
        options.holdUntil = window.end; // a finished run's counters stop where the run did
        options.scale = cpu ? 0.1 : 1.0; // CPU samples are permille
        const QList<QPointF> points = chartPoints(s, options);
        seriesFor(strip, cpu, track.key)->replace(points);
    }
    if (!cpu && anyValue) {
        const double top = std::max<double>(1, double(hi));
        const double bottom = std::min<double>(0, double(lo));
        if (strip.y->min() != bottom || strip.y->max() < top || strip.y->max() > top * 2.5) {
            strip.y->setRange(bottom, top);
            strip.y->applyNiceNumbers();
        }
    }
    if (!cpu) {
        if (strip.series.size() == 1)
            strip.title->setText(strip.series.begin()->second->name());
        else if (strip.series.size() > 1)
            strip.title->setText(tr("Counters"));
    }
}

int ChartsPanel::cpuSeriesCount() const { return int(m_cpu->series.size()); }

int ChartsPanel::counterSeriesCount() const { return int(m_counter->series.size()); }

qsizetype ChartsPanel::pointCount(bool cpu, int series) const
{
    const Strip &s = cpu ? *m_cpu : *m_counter;
    if (series < 0 || std::size_t(series) >= s.series.size())
        return 0;
    return std::next(s.series.begin(), series)->second->count();
}

double ChartsPanel::axisMinMs() const { return m_cpu->x->min(); }

double ChartsPanel::axisMaxMs() const { return m_cpu->x->max(); }

QRectF ChartsPanel::cpuPlotArea() const { return m_cpu->chart->plotArea(); }

bool ChartsPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Resize) {
        for (Strip *s : {m_cpu.get(), m_counter.get()})
            if (watched == s->view) {
                // QChartView resizes the chart in its own resizeEvent, after filters.
                QTimer::singleShot(0, this, [this, s] {
                    layoutStrip(*s);
                    scheduleUpdate();
                });
            }
    }
    return QWidget::eventFilter(watched, event);
}

void ChartsPanel::retranslate()
{
    m_cpu->title->setText(tr("CPU per core (%)"));
    if (m_counter->series.empty())
        m_counter->title->setText(tr("Counter"));
    for (auto &[key, series] : m_cpu->series)
        series->setName(tr("core %1").arg(key));
    for (auto &[key, series] : m_counter->series)
        series->setName(counterName(key));
    layoutLegend(*m_cpu);
    layoutLegend(*m_counter);
}

void ChartsPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace cl::ui
