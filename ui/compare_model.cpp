#include "ui/compare_model.h"

namespace cl::ui {

CompareTableModel::CompareTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void CompareTableModel::setCompareSet(const scenarios::CompareSet &set)
{
    beginResetModel();
    m_set = set;
    m_columns = scenarios::CompareReport::columns(m_set);
    endResetModel();
}

int CompareTableModel::column(const QString &key) const
{
    for (qsizetype i = 0; i < m_columns.size(); ++i)
        if (m_columns[i].key == key)
            return int(i);
    return -1;
}

int CompareTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_set.runs.size());
}

int CompareTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QVariant CompareTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const scenarios::CompareRun &run = m_set.runs[std::size_t(index.row())];
    const scenarios::CompareColumn &c = m_columns[index.column()];
    switch (role) {
    case Qt::DisplayRole:
        return scenarios::CompareReport::text(m_set, run, c.key);
    case ValueRole:
        return scenarios::CompareReport::value(m_set, run, c.key);
    case Qt::ToolTipRole:
        if (index.column() == 0 && !run.result.outcome.verdict.isEmpty())
            return run.result.outcome.verdict;
        return c.tooltip;
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::AlignVCenter | (c.numeric ? Qt::AlignRight : Qt::AlignLeft));
    default:
        return {};
    }
}

QVariant CompareTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical) {
        if (role == Qt::DisplayRole && section >= 0 && section < rowCount())
            return section + 1;
        return {};
    }
    if (section < 0 || section >= columnCount())
        return {};
    if (role == Qt::DisplayRole)
        return m_columns[section].title;
    if (role == Qt::ToolTipRole)
        return m_columns[section].tooltip;
    return {};
}

} // namespace cl::ui
