#pragma once
// The compare table: one row per run, one column per figure (the varied
// value, wall time, CPU time, cores busy, speedup, parallel efficiency,
// workers used, PIDs, lock wait, GIL wait and queue maximum when a run has
// them, then the lesson's own metrics). Each header's tooltip says how its
// figure is computed.
#include "core/scenarios/compare_report.h"

#include <QAbstractTableModel>

namespace cl::ui {

class CompareTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    // The raw number behind a cell (sorting, tests); invalid when unknown.
    static constexpr int ValueRole = Qt::UserRole + 1;

    explicit CompareTableModel(QObject *parent = nullptr);
    void setCompareSet(const scenarios::CompareSet &set);
    const scenarios::CompareSet &compareSet() const { return m_set; }
    // Column index of a figure's key ("speedup"), or -1.
    int column(const QString &key) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    scenarios::CompareSet m_set;
    QList<scenarios::CompareColumn> m_columns;
};

} // namespace cl::ui
