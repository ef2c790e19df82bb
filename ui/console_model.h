#pragma once
// Every line the workers printed, as a table: time (ms from the trace begin),
// worker ("buyer-3 · PID 4242") and the text in the user's language. The
// store inserts lines in time order, which can be in the middle when a late
// batch arrives from another worker's ring, so refresh() diffs against the
// rows it already published and inserts exactly the new ones.
#include "core/trace/trace_store.h"

#include <QAbstractTableModel>

#include <vector>

namespace cl::ui {

class ConsoleModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { TimeColumn, WorkerColumn, TextColumn, ColumnCount };
    enum Role {
        TimeNsRole = Qt::UserRole + 1, // quint64, absolute (the store's clock)
        WorkerIndexRole,               // int, index into store.workers(), -1 unknown
        PrintedByPlayheadRole,         // bool: printed at or before the replay playhead
    };

    explicit ConsoleModel(QObject *parent = nullptr);

    // Not owned; nullptr empties the model.
    void setStore(const trace::TraceStore *store);
    const trace::TraceStore *store() const { return m_store; }

    // Publishes lines added to the store since the last call (row inserts);
    // resets when the store was cleared.
    void refresh();
    // Forgets everything and reads the store again (a new run).
    void reload();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const trace::PrintedLine *line(int row) const;

    // Replay: lines printed up to the playhead look as printed, the latest
    // of them highlighted; later ones are greyed until the playhead gets
    // there. 0: no playhead, every line as printed.
    void setPlayhead(quint64 timeNs);
    quint64 playhead() const { return m_playhead; }
    // The last row printed at or before the playhead, or -1.
    int playheadRow() const;
    // "buyer-3 · PID 4242", or "worker-2 · PID 4242 · TID 4250" for a thread.
    static QString workerLabel(const trace::TraceStore &store, std::int32_t pid, std::int32_t tid);

private:
    const trace::TraceStore *m_store = nullptr;
    std::vector<trace::PrintedLine> m_rows; // what views have been told about
    quint64 m_playhead = 0;
};

} // namespace cl::ui
