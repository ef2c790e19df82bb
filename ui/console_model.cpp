#include "ui/console_model.h"
#include "core/trace/message_text.h"
#include "ui/state_palette.h"

#include <QColor>
#include <QFont>
#include <QFontDatabase>

#include <algorithm>

namespace cl::ui {

namespace {

bool sameLine(const trace::PrintedLine &a, const trace::PrintedLine &b)
{
    return a.time == b.time && a.pid == b.pid && a.tid == b.tid && a.stringId == b.stringId &&
           a.messageId == b.messageId;
}

} // namespace

ConsoleModel::ConsoleModel(QObject *parent) : QAbstractTableModel(parent) {}

void ConsoleModel::setStore(const trace::TraceStore *store)
{
    m_store = store;
    reload();
}

void ConsoleModel::reload()
{
    beginResetModel();
    m_rows.clear();
    if (m_store)
        m_rows = m_store->prints();
    endResetModel();
}

void ConsoleModel::refresh()
{
    if (!m_store) {
        if (!m_rows.empty())
            reload();
        return;
    }
    const std::vector<trace::PrintedLine> &now = m_store->prints();
    if (now.size() == m_rows.size())
        return; // the store only adds lines during a run; a new run calls reload()
    if (now.size() < m_rows.size()) {
        reload();
        return;
    }

    // The store's vector is our rows with new lines inserted in time order.
    // First check that, walking both; if it does not hold (the store was
    // cleared and refilled), fall back to a reset.
    std::size_t j = 0;
    for (std::size_t i = 0; i < now.size() && j < m_rows.size(); ++i)
        if (sameLine(now[i], m_rows[j]))
            ++j;
    if (j != m_rows.size()) {
        reload();
        return;
    }

    // Publish each contiguous block of new lines as one insert, front to back,
    // so row numbers before the block are already in step with the store.
    std::size_t i = 0;
    j = 0;
    while (i < now.size()) {
        if (j < m_rows.size() && sameLine(now[i], m_rows[j])) {
            ++i;
            ++j;
            continue;
        }
        std::size_t end = i;
        // A block ends where the next line we already published comes back.
        while (end < now.size() && !(j < m_rows.size() && sameLine(now[end], m_rows[j])))
            ++end;
        beginInsertRows({}, int(i), int(end - 1));
        m_rows.insert(m_rows.begin() + std::ptrdiff_t(j), now.begin() + std::ptrdiff_t(i),
                      now.begin() + std::ptrdiff_t(end));
        endInsertRows();
        j += end - i;
        i = end;
    }
}

int ConsoleModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ConsoleModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

const trace::PrintedLine *ConsoleModel::line(int row) const
{
    if (row < 0 || std::size_t(row) >= m_rows.size())
        return nullptr;
    return &m_rows[std::size_t(row)];
}

QString ConsoleModel::workerLabel(const trace::TraceStore &store, std::int32_t pid, std::int32_t tid)
{
    const int index = store.workerIndex(pid, tid);
    QString name;
    if (index >= 0)
        name = QString::fromStdString(store.workers()[std::size_t(index)].name);
    QString ids = tr("PID %1").arg(pid);
    if (pid != tid)
        ids += QStringLiteral(" · ") + tr("TID %1").arg(tid);
    return name.isEmpty() ? ids : name + QStringLiteral(" · ") + ids;
}

int ConsoleModel::playheadRow() const
{
    if (m_playhead == 0)
        return -1;
    const auto it = std::upper_bound(m_rows.begin(), m_rows.end(), m_playhead,
                                     [](quint64 t, const trace::PrintedLine &l) { return t < l.time; });
    return int(it - m_rows.begin()) - 1;
}

void ConsoleModel::setPlayhead(quint64 timeNs)
{
    if (timeNs == m_playhead)
        return;
    const int before = playheadRow();
    const bool wasSet = m_playhead != 0;
    m_playhead = timeNs;
    const int after = playheadRow();
    if (m_rows.empty())
        return;
    // Only the rows between the old and the new playhead change look
    // (all of them when a playhead appears or goes).
    int first = 0;
    int last = int(m_rows.size()) - 1;
    if (wasSet && timeNs != 0) {
        first = std::max(0, std::min(before, after));
        last = std::max(before, after) + 1;
        last = std::min(last, int(m_rows.size()) - 1);
    }
    if (first <= last)
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1),
                           {Qt::ForegroundRole, Qt::BackgroundRole, PrintedByPlayheadRole});
}

QVariant ConsoleModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) || !m_store)
        return {};
    const trace::PrintedLine &l = m_rows[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn: {
            const double ms = double(l.time >= m_store->beginTime() ? l.time - m_store->beginTime() : 0) / 1e6;
            return QString::number(ms, 'f', 3);
        }
        case WorkerColumn:
            return workerLabel(*m_store, l.pid, l.tid);
        case TextColumn:
            return trace::printedLineText(*m_store, l);
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == TextColumn)
            return trace::printedLineText(*m_store, l);
        if (index.column() == TimeColumn)
            return tr("Click to show this moment on the timeline.");
        return workerLabel(*m_store, l.pid, l.tid);
    case Qt::BackgroundRole:
        if (m_playhead != 0 && index.row() == playheadRow())
            return QColor(255, 236, 179); // the line the playhead has just reached
        break;
    case PrintedByPlayheadRole:
        return m_playhead == 0 || l.time <= m_playhead;
    case Qt::ForegroundRole:
        if (m_playhead != 0 && l.time > m_playhead)
            return QColor(170, 170, 170); // not printed yet at the playhead
        if (index.column() == WorkerColumn) {
            const int w = m_store->workerIndex(l.pid, l.tid);
            if (w >= 0)
                return workerColor(w);
        }
        break;
    case Qt::DecorationRole:
        if (index.column() == WorkerColumn) {
            const int w = m_store->workerIndex(l.pid, l.tid);
            if (w >= 0)
                return workerColor(w);
        }
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == TimeColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return QVariant::fromValue(Qt::Alignment(Qt::AlignLeft | Qt::AlignVCenter));
    case Qt::FontRole:
        if (index.column() == TimeColumn)
            return QFontDatabase::systemFont(QFontDatabase::FixedFont);
        break;
    case TimeNsRole:
        return QVariant::fromValue(quint64(l.time));
    case WorkerIndexRole:
        return m_store->workerIndex(l.pid, l.tid);
    }
    return {};
}

QVariant ConsoleModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time (ms)");
    case WorkerColumn:
        return tr("Worker");
    case TextColumn:
        return tr("Printed line");
    }
    return {};
}

} // namespace cl::ui
