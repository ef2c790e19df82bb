#include "ui/chart_points.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace cl::ui {

QList<QPointF> chartPoints(const std::vector<trace::CounterSample> &s, const ChartPointsOptions &o)
{
    QList<QPointF> points;
    if (s.empty())
        return points;
    const auto x = [&o](std::uint64_t t) { return (double(t) - double(o.origin)) / 1e6; };
    const auto y = [&o](std::int64_t v) { return double(v) * o.scale; };

    auto first = std::lower_bound(s.begin(), s.end(), o.begin,
                                  [](const trace::CounterSample &a, std::uint64_t t) { return a.time < t; });
    auto last = std::upper_bound(s.begin(), s.end(), o.end,
                                 [](std::uint64_t t, const trace::CounterSample &a) { return t < a.time; });
    if (first != s.begin())
        --first;
    if (last != s.end())
        ++last;
    const auto count = std::distance(first, last);
    const int maxPoints = std::max(8, o.maxPoints);

    if (count <= maxPoints / 2) {
        points.reserve(qsizetype(count) * 2 + 1);
        for (auto it = first; it != last; ++it) {
            if (o.step && !points.isEmpty()) {
                // Rewriting the same value draws nothing (and a zero-length
                // segment would show as a dot).
                if (points.constLast().y() == y(it->value))
                    continue;
                points.append(QPointF(x(it->time), points.constLast().y()));
            }
            points.append(QPointF(x(it->time), y(it->value)));
        }
    } else {
        // More samples than pixels: each bucket keeps its min and max in
        // time order, which preserves spikes a plain stride would drop.
        // A step line needs a corner before each point: half the buckets.
        const int buckets = std::max(1, o.step ? (maxPoints - 8) / 4 : (maxPoints - 4) / 2);
        const double bucketNs = std::max(1.0, double(o.end - o.begin) / buckets);
        const auto bucketOf = [&](std::uint64_t t) {
            // The samples either side of the window get buckets of their own.
            if (t < o.begin)
                return -1.0;
            if (t > o.end)
                return double(buckets) + 1;
            return std::min(double(buckets - 1), std::floor(double(t - o.begin) / bucketNs));
        };
        points.reserve(buckets * 2 + 4);
        auto it = first;
        while (it != last) {
            const double bucket = bucketOf(it->time);
            auto minIt = it, maxIt = it, next = it;
            while (next != last && bucketOf(next->time) == bucket) {
                if (next->value < minIt->value)
                    minIt = next;
                if (next->value > maxIt->value)
                    maxIt = next;
                ++next;
            }
            const auto a = std::min(minIt, maxIt), c = std::max(minIt, maxIt);
            const auto add = [&](const trace::CounterSample &sample) {
                // A counter holds its value until the next write: no diagonals.
                if (o.step && !points.isEmpty())
                    points.append(QPointF(x(sample.time), points.constLast().y()));
                points.append(QPointF(x(sample.time), y(sample.value)));
            };
            add(*a);
            if (c != a)
                add(*c);
            it = next;
        }
    }
    // A counter's last value holds until the end of what was recorded.
    if (o.step && !points.isEmpty() && last == s.end() && o.holdUntil > s.back().time)
        points.append(QPointF(x(std::min(o.holdUntil, std::max(o.end, s.back().time))), points.constLast().y()));
    return points;
}

QString counterDisplayName(const trace::TraceStore &store, std::uint32_t key)
{
    // The charts panel's context: the panel and the exports name counters alike.
    switch (key) {
    case trace::counter_id::TicketsLeft:
        return QCoreApplication::translate("cl::ui::ChartsPanel", "tickets left");
    case trace::counter_id::SharedValue:
        return QCoreApplication::translate("cl::ui::ChartsPanel", "shared value");
    case trace::counter_id::QueueDepth:
        return QCoreApplication::translate("cl::ui::ChartsPanel", "queue depth");
    }
    const std::string name = store.objectName(key);
    if (!name.empty())
        return QString::fromStdString(name);
    return QCoreApplication::translate("cl::ui::ChartsPanel", "counter %1").arg(key);
}

} // namespace cl::ui
