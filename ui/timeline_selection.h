#pragma once
// What the user picked on the timeline: a span (click) or a time range
// (shift-drag), and what a range holds: the time each worker spent in each
// state inside it. The range sums read the store's level-of-detail buckets
// for the stretch a bucket covers whole, and spans only at the two edges,
// so a range over a million spans costs about as much as a short one.
#include "core/trace/trace_store.h"

#include <QAbstractTableModel>

#include <array>
#include <cstdint>
#include <vector>

namespace cl::ui {

struct SpanRef {
    int worker = -1;
    std::uint64_t begin = 0;
    std::uint64_t end = 0;
    trace::SpanState state = trace::SpanState::Running;
    std::uint32_t objectId = 0;
    bool open = false; // still in progress
    bool isValid() const { return worker >= 0; }
    bool operator==(const SpanRef &) const = default;
};

using StateTimes = std::array<std::uint64_t, trace::kSpanStates>;

// Time per state of one worker inside [begin, end): every span clipped to
// the range; a span nested in another counts for its own state too. Open
// spans count up to openEnd (0: the store's end). useLod false reads every
// span (the reference the tests compare against).
StateTimes workerStateTimes(const trace::TraceStore &store, int worker, std::uint64_t begin, std::uint64_t end,
                            std::uint64_t openEnd = 0, bool useLod = true);

// Rich text for the details panel: state, duration, object, start and end
// (from the trace begin), and the worker.
QString spanDetails(const trace::TraceStore &store, const SpanRef &span);
// "tickets left 7 · queue depth 2": every value counter at time t (its last
// sample at or before t), empty when the trace has none.
QString countersAt(const trace::TraceStore &store, std::uint64_t t);

// One row per worker with any span time in the range; columns: the worker,
// then each state present in the range, in palette order, then the total
// span time (nested spans count twice, as in the state columns).
class RangeSummaryModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Role { WorkerIndexRole = Qt::UserRole + 1, DurationNsRole };
    explicit RangeSummaryModel(QObject *parent = nullptr);

    // store may be null, or begin >= end: the model empties.
    void setRange(const trace::TraceStore *store, std::uint64_t begin, std::uint64_t end, std::uint64_t openEnd = 0);
    void clear();
    std::uint64_t begin() const { return m_begin; }
    std::uint64_t end() const { return m_end; }
    // Column of a state, or -1 when the range holds none of it.
    int columnOf(trace::SpanState s) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        int worker;
        QString name;      // "buyer-3 · PID 4242 · TID 4250"
        StateTimes time;
        std::uint64_t total;
        QString shortName = {}; // "buyer-3"; empty: name
    };
    std::vector<Row> m_rows;
    std::vector<trace::SpanState> m_states; // the state columns
    std::uint64_t m_begin = 0;
    std::uint64_t m_end = 0;
};

} // namespace cl::ui

Q_DECLARE_METATYPE(cl::ui::SpanRef)
