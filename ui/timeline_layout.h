#pragma once
// Which row each worker gets, in content coordinates (row 0 at y = 0), and
// the per-worker index that finds the spans a time range needs. Rows
// follow store.processes(): a process with one traced thread is one row; a
// process with more gets a header row, then one row per thread, main first.
#include "core/trace/trace_store.h"
#include "ui/flow_index.h"

#include <QCoreApplication>
#include <QPointF>
#include <QString>

#include <cstdint>
#include <functional>
#include <set>
#include <vector>

namespace cl::ui {

struct TimelineRow {
    enum class Kind : std::uint8_t {
        Process,       // a process with one traced thread: that thread's row
        ProcessHeader, // a multi-threaded process; no spans of its own
        Thread,        // one thread of a multi-threaded process
        Coroutine,     // a coroutine lane, right under the thread that runs it
    };
    Kind kind = Kind::Process;
    int worker = -1;       // index into store.workers(), -1 for a header
    int group = 0;         // index of the process group, for banding
    std::int32_t pid = 0;
    std::int32_t tid = 0;
    int indent = 0;        // label indentation level
    QString name;          // "buyer-3", "thread 2"...
    QString id;            // "PID 1234" / "TID 1235"
    bool collapsed = false; // a header whose thread rows are folded away
    int children = 0;       // a header's thread rows, shown or not
    bool operator==(const TimelineRow &) const = default;
};

struct TimelineLayoutOptions {
    int rowHeight = 22;
    int labelWidth = 180;
    // Multi-threaded processes shown as their header row only.
    std::set<std::int32_t> collapsed;
};

class TimelineLayout {
    Q_DECLARE_TR_FUNCTIONS(cl::ui::TimelineLayout)
public:
    TimelineLayout() = default;
    static TimelineLayout build(const trace::TraceStore &store, const TimelineLayoutOptions &options = {});

    int rowCount() const { return int(m_rows.size()); }
    const TimelineRow &row(int i) const { return m_rows[std::size_t(i)]; }
    const std::vector<TimelineRow> &rows() const { return m_rows; }
    // -1 when the worker has no row (not in the store the layout was built from).
    int rowOfWorker(int worker) const;

    int rowHeight() const { return m_options.rowHeight; }
    int labelWidth() const { return m_options.labelWidth; }
    const TimelineLayoutOptions &options() const { return m_options; }
    int contentHeight() const { return rowCount() * rowHeight(); }
    double rowTop(int row) const { return double(row) * rowHeight(); }
    // Row under a content y, or -1.
    int rowAt(double contentY) const;
    // [first, last) rows intersecting content ys [top, bottom).
    std::pair<int, int> rowsIn(double top, double bottom) const;

    // Workers known when the layout was built: rows only change when workers
    // are added, so a view rebuilds the layout only when this differs.
    std::size_t workerCount() const { return m_workerCount; }

private:
    std::vector<TimelineRow> m_rows;
    std::vector<int> m_rowOfWorker;
    TimelineLayoutOptions m_options;
    std::size_t m_workerCount = 0;
};

// Per worker, the maximum span end over blocks of 32 spans, and over blocks
// of those blocks, so "the next span that still reaches time t" costs a few
// dozen comparisons even when a long span began long before the view and
// thousands of short ones lie between. Updated incrementally as spans arrive.
class TimelineIndex {
public:
    void update(const trace::TraceStore &store);
    // First index >= from into the worker's spans whose span ends at or
    // after t; the span count if none does.
    std::size_t nextReaching(int worker, std::size_t from, std::uint64_t t) const;
    // Bit (1 << SpanState) for each state among the closed spans, so the
    // legend can list what the trace has without walking every span again.
    std::uint32_t closedSpanStates() const;
    // The store's complete hand-overs by time.
    const FlowIndex &flows() const { return m_flows; }
    void clear();

private:
    struct Entry {
        std::vector<std::vector<std::uint64_t>> levels; // [0]: per 32 spans; [k]: per 32 of [k-1]
        std::size_t size = 0;
        trace::Span last{};
        std::uint32_t states = 0;
    };
    void rebuild(Entry &e, const std::vector<trace::Span> &spans, std::size_t from);

    std::vector<Entry> m_entries;
    FlowIndex m_flows;
    const trace::TraceStore *m_store = nullptr;
    std::uint64_t m_revision = ~std::uint64_t(0);
};

struct DrawList;

// Turns a printed line into display text; the owner can plug in translated
// message formatting. Unset: the raw string.
using PrintFormatter = std::function<QString(const trace::TraceStore &, const trace::PrintedLine &)>;

// Rich text about a worker: name, PID/TID/parent, lifetime, exit status.
QString workerDetails(const trace::TraceStore &store, int worker);
// Rich text about what lies under pos in a painted draw list (a print tick,
// a span or folded run, a row), or empty. Left of labelRight is the label
// column.
QString describeAt(const trace::TraceStore &store, const TimelineLayout &layout, const DrawList &list, QPointF pos,
                   double labelRight, const PrintFormatter &printFormatter = {});

} // namespace cl::ui
