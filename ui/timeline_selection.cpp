#include "ui/timeline_selection.h"
#include "ui/chart_points.h"
#include "ui/console_model.h"
#include "ui/timeline_layout.h"
#include "ui/state_palette.h"
#include "ui/time_axis.h"

#include <QStringList>

#include <algorithm>

namespace cl::ui {

namespace {
void addClipped(StateTimes &out, const trace::Span &s, std::uint64_t begin, std::uint64_t end)
{
    const std::uint64_t b = std::max(s.begin, begin);
    const std::uint64_t e = std::min(s.end, end);
    if (e > b)
        out[std::min(std::size_t(s.state), trace::kSpanStates - 1)] += e - b;
}

// Below this many buckets the range is short enough to read span by span.
constexpr std::uint64_t kRangeBuckets = 256;
} // namespace

StateTimes workerStateTimes(const trace::TraceStore &store, int worker, std::uint64_t begin, std::uint64_t end,
                            std::uint64_t openEnd, bool useLod)
{
    StateTimes out{};
    if (worker < 0 || std::size_t(worker) >= store.workers().size() || end <= begin)
        return out;
    const trace::WorkerTrack &w = store.workers()[std::size_t(worker)];
    const std::uint64_t until = openEnd != 0 ? openEnd : store.endTime();
    for (const trace::OpenSpan &o : w.open)
        addClipped(out, trace::Span{o.begin, std::max(o.begin, until), o.state, o.objectId}, begin, end);
    const auto &spans = w.spans;
    const auto byBegin = [](const trace::Span &s, std::uint64_t t) { return s.begin < t; };
    const auto endIt = std::lower_bound(spans.begin(), spans.end(), end, byBegin);
    if (!useLod || std::size_t(endIt - spans.begin()) < 4 * kRangeBuckets) {
        for (auto it = spans.begin(); it != endIt; ++it)
            addClipped(out, *it, begin, end);
        return out;
    }
    // A narrow span of bucket k lies inside [k D, (k + 2) D): the buckets
    // from ceil(begin / D) to end / D - 2 are wholly inside the range and
    // add their sums; the narrow spans of the edge buckets are read one by
    // one; the wide ones are few and clipped exactly.
    const unsigned shift = trace::SpanLod::shiftFor(double(end - begin) / double(kRangeBuckets));
    const trace::SpanLevel &level = store.spanLevel(worker, shift);
    const std::uint64_t d = level.bucketNs();
    const std::uint64_t first = (begin + d - 1) >> shift;
    const std::uint64_t last = (end >> shift) >= 2 ? (end >> shift) - 2 : 0; // inclusive
    const bool interior = (end >> shift) >= 2 && first <= last;
    for (std::size_t i = level.nextWideReaching(0, begin); i < level.wide.size() && level.wide[i].begin < end;
         i = level.nextWideReaching(i + 1, begin))
        addClipped(out, level.wide[i], begin, end);
    const auto narrowIn = [&](std::uint64_t from, std::uint64_t to) {
        for (auto it = std::lower_bound(spans.begin(), endIt, from, byBegin); it != endIt && it->begin < to; ++it)
            if (((it->end - it->begin) >> shift) == 0)
                addClipped(out, *it, begin, end);
    };
    if (!interior) {
        narrowIn(begin > d ? begin - d : 0, end);
        return out;
    }
    for (std::size_t b = level.firstBucket(first); b < level.buckets.size() && level.buckets[b].index <= last; ++b)
        for (std::size_t k = 0; k < trace::kSpanStates; ++k)
            out[k] += level.buckets[b].time[k];
    narrowIn(begin > d ? begin - d : 0, first << shift);
    narrowIn((last + 1) << shift, end);
    return out;
}

QString spanDetails(const trace::TraceStore &store, const SpanRef &span)
{
    if (!span.isValid() || std::size_t(span.worker) >= store.workers().size())
        return {};
    const auto at = [&](std::uint64_t t) { return formatInstant(std::int64_t(t - store.beginTime())).toHtmlEscaped(); };
    const QString duration = formatDuration(span.end - span.begin);
    QString text = QStringLiteral("<h3 style='margin:0'><span style='color:%1'>&#9632;</span> %2</h3>")
                       .arg(stateColor(span.state).name(), stateDisplayName(span.state).toHtmlEscaped());
    text += QStringLiteral("<table cellspacing='2'>");
    const auto row = [&](const QString &key, const QString &value) {
        text += QStringLiteral("<tr><td style='color:#6a737d'>%1</td><td>%2</td></tr>").arg(key.toHtmlEscaped(), value);
    };
    row(RangeSummaryModel::tr("Duration"),
        span.open ? RangeSummaryModel::tr("%1 so far").arg(duration).toHtmlEscaped() : duration.toHtmlEscaped());
    const std::string object = span.objectId ? store.objectName(span.objectId) : std::string();
    if (!object.empty())
        row(RangeSummaryModel::tr("Object"), QString::fromStdString(object).toHtmlEscaped());
    row(RangeSummaryModel::tr("Start"), at(span.begin));
    row(RangeSummaryModel::tr("End"), span.open ? RangeSummaryModel::tr("still open").toHtmlEscaped() : at(span.end));
    text += QStringLiteral("</table><hr/>");
    return text + workerDetails(store, span.worker);
}

QString countersAt(const trace::TraceStore &store, std::uint64_t t)
{
    QStringList parts;
    for (const auto &c : store.counters()) {
        if (c.kind != trace::CounterTrack::Kind::Value)
            continue;
        const auto it = std::upper_bound(c.samples.begin(), c.samples.end(), t,
                                         [](std::uint64_t x, const trace::CounterSample &s) { return x < s.time; });
        const QString name = counterDisplayName(store, c.key);
        parts << (it == c.samples.begin() ? RangeSummaryModel::tr("%1: not yet set").arg(name)
                                          : QStringLiteral("%1: %2").arg(name).arg(std::prev(it)->value));
    }
    return parts.join(QStringLiteral(" · "));
}

RangeSummaryModel::RangeSummaryModel(QObject *parent) : QAbstractTableModel(parent) {}

void RangeSummaryModel::clear()
{
    setRange(nullptr, 0, 0);
}

void RangeSummaryModel::setRange(const trace::TraceStore *store, std::uint64_t begin, std::uint64_t end,
                                 std::uint64_t openEnd)
{
    beginResetModel();
    m_rows.clear();
    m_states.clear();
    m_begin = begin;
    m_end = end;
    if (store && end > begin) {
        StateTimes any{};
        for (int w = 0; w < int(store->workers().size()); ++w) {
            const StateTimes t = workerStateTimes(*store, w, begin, end, openEnd);
            std::uint64_t total = 0;
            for (std::size_t k = 0; k < t.size(); ++k) {
                total += t[k];
                any[k] += t[k];
            }
            if (total == 0)
                continue;
            const auto &track = store->workers()[std::size_t(w)];
            m_rows.push_back({w, ConsoleModel::workerLabel(*store, track.pid, track.tid), t, total, QString()});
            // The name alone keeps the state columns in view; the ids go to the tooltip.
            if (!track.name.empty())
                m_rows.back().shortName = QString::fromStdString(track.name);
        }
        for (trace::SpanState s : allSpanStates())
            if (any[std::size_t(s)] > 0)
                m_states.push_back(s);
    }
    endResetModel();
}

int RangeSummaryModel::columnOf(trace::SpanState s) const
{
    const auto it = std::find(m_states.begin(), m_states.end(), s);
    return it == m_states.end() ? -1 : 1 + int(it - m_states.begin());
}

int RangeSummaryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RangeSummaryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_states.size()) + 2;
}

QVariant RangeSummaryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows[std::size_t(index.row())];
    const int c = index.column();
    const int stateColumns = int(m_states.size());
    const std::uint64_t ns = c == 0 ? 0 : c <= stateColumns ? row.time[std::size_t(m_states[std::size_t(c - 1)])] : row.total;
    switch (role) {
    case Qt::DisplayRole:
        if (c == 0)
            return row.shortName.isEmpty() ? row.name : row.shortName;
        return ns == 0 ? QString() : formatDuration(ns);
    case Qt::ToolTipRole:
        if (c == 0)
            return row.name;
        if (ns == 0)
            return {};
        // The share of the range: "42% of the range".
        return tr("%1 of the range").arg(QStringLiteral("%1%").arg(100.0 * double(ns) / double(m_end - m_begin), 0, 'f', 1));
    case Qt::TextAlignmentRole:
        return c == 0 ? QVariant() : QVariant(int(Qt::AlignRight | Qt::AlignVCenter));
    case WorkerIndexRole:
        return row.worker;
    case DurationNsRole:
        return c == 0 ? QVariant() : QVariant(quint64(ns));
    default:
        return {};
    }
}

QVariant RangeSummaryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount())
        return QAbstractTableModel::headerData(section, orientation, role);
    const int stateColumns = int(m_states.size());
    if (role == Qt::DisplayRole) {
        if (section == 0)
            return tr("Worker");
        if (section <= stateColumns)
            return stateDisplayName(m_states[std::size_t(section - 1)]);
        return tr("All spans");
    }
    if (role == Qt::DecorationRole && section > 0 && section <= stateColumns)
        return stateColor(m_states[std::size_t(section - 1)]);
    return {};
}

} // namespace cl::ui
