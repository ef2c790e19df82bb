#include "ui/scenario_browser.h"
#include "core/scenarios/catalogue.h"

#include <QEvent>
#include <QFont>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

namespace cl::ui {

namespace {
// internalId of category rows; scenario rows carry their category's index + 1.
constexpr quintptr kCategoryId = 0;

// The course notes' own order of topics. Scenario::category() returns one of
// these names translated; a category not listed goes after them.
constexpr const char *kCategoryOrder[] = {
    QT_TRANSLATE_NOOP("cl::ui::ScenarioModel", "Processes and threads"),
    QT_TRANSLATE_NOOP("cl::ui::ScenarioModel", "Pools"),
    QT_TRANSLATE_NOOP("cl::ui::ScenarioModel", "Locks and races"),
    QT_TRANSLATE_NOOP("cl::ui::ScenarioModel", "Sharing data"),
    QT_TRANSLATE_NOOP("cl::ui::ScenarioModel", "Queues"),
    QT_TRANSLATE_NOOP("cl::ui::ScenarioModel", "Coroutines and I/O"),
};

int categoryRank(const QString &category)
{
    int rank = 0;
    for (const char *name : kCategoryOrder) {
        // Scenarios translate in their own context: match the source text too.
        if (category == QLatin1String(name) || category == ScenarioModel::tr(name))
            return rank;
        ++rank;
    }
    return rank;
}
} // namespace

ScenarioModel::ScenarioModel(QObject *parent) : ScenarioModel(scenarios::catalogue(), parent) {}

ScenarioModel::ScenarioModel(QList<const scenarios::Scenario *> scenarios, QObject *parent)
    : QAbstractItemModel(parent), m_all(std::move(scenarios))
{
    reload();
}

void ScenarioModel::reload()
{
    beginResetModel();
    m_categories.clear();
    for (const scenarios::Scenario *s : std::as_const(m_all)) {
        const QString category = s->category();
        auto it = std::find_if(m_categories.begin(), m_categories.end(),
                               [&](const Category &c) { return c.name == category; });
        if (it == m_categories.end())
            m_categories.append(Category{category, {s}});
        else
            it->scenarios.append(s);
    }
    // Stable: unknown categories keep the order the catalogue first names them.
    std::stable_sort(m_categories.begin(), m_categories.end(), [](const Category &a, const Category &b) {
        return categoryRank(a.name) < categoryRank(b.name);
    });
    endResetModel();
}

QModelIndex ScenarioModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, kCategoryId);
    return createIndex(row, column, quintptr(parent.row()) + 1);
}

QModelIndex ScenarioModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == kCategoryId)
        return {};
    return createIndex(int(child.internalId() - 1), 0, kCategoryId);
}

int ScenarioModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_categories.size());
    if (parent.column() != 0 || parent.internalId() != kCategoryId)
        return 0;
    return int(m_categories.at(parent.row()).scenarios.size());
}

int ScenarioModel::columnCount(const QModelIndex &) const { return 1; }

const scenarios::Scenario *ScenarioModel::scenarioAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this || index.internalId() == kCategoryId)
        return nullptr;
    const Category &c = m_categories.at(qsizetype(index.internalId() - 1));
    return index.row() < c.scenarios.size() ? c.scenarios.at(index.row()) : nullptr;
}

QVariant ScenarioModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const scenarios::Scenario *s = scenarioAt(index);
    if (!s) {
        const Category &c = m_categories.at(index.row());
        switch (role) {
        case Qt::DisplayRole:
            return c.name;
        case Qt::FontRole: {
            QFont f;
            f.setBold(true);
            return f;
        }
        case Qt::ToolTipRole:
            return tr("%n scenario(s)", nullptr, int(c.scenarios.size()));
        case SearchTextRole:
        case ScenarioIdRole:
            return QString();
        }
        return {};
    }
    switch (role) {
    case Qt::DisplayRole:
        return s->title();
    case Qt::ToolTipRole:
        return tr("%1 (id: %2)").arg(s->title(), s->id());
    case ScenarioIdRole:
        return s->id();
    case SearchTextRole:
        return s->title() + QLatin1Char(' ') + s->id();
    }
    return {};
}

Qt::ItemFlags ScenarioModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    // Categories group; only scenarios can be chosen.
    if (index.internalId() == kCategoryId)
        return Qt::ItemIsEnabled;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QModelIndex ScenarioModel::indexOf(const QString &scenarioId) const
{
    for (int c = 0; c < m_categories.size(); ++c) {
        const auto &list = m_categories.at(c).scenarios;
        for (int r = 0; r < list.size(); ++r)
            if (list.at(r)->id() == scenarioId)
                return createIndex(r, 0, quintptr(c) + 1);
    }
    return {};
}

ScenarioBrowser::ScenarioBrowser(QWidget *parent) : QWidget(parent)
{
    m_model = new ScenarioModel(this);
    m_filter = new QSortFilterProxyModel(this);
    m_filter->setSourceModel(m_model);
    m_filter->setFilterRole(ScenarioModel::SearchTextRole);
    m_filter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_filter->setRecursiveFilteringEnabled(true);

    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("scenarioSearch"));
    m_search->setClearButtonEnabled(true);

    m_view = new QTreeView(this);
    m_view->setObjectName(QStringLiteral("scenarioTree"));
    m_view->setModel(m_filter);
    m_view->setHeaderHidden(true);
    m_view->setUniformRowHeights(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setExpandsOnDoubleClick(false);
    m_view->expandAll();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_search);
    layout->addWidget(m_view, 1);

    connect(m_search, &QLineEdit::textChanged, this, &ScenarioBrowser::onSearchChanged);
    connect(m_search, &QLineEdit::returnPressed, this, &ScenarioBrowser::selectFirstMatch);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) { onCurrentChanged(current); });
    retranslate();
}

QString ScenarioBrowser::currentScenarioId() const { return m_current; }

bool ScenarioBrowser::selectScenario(const QString &id)
{
    QModelIndex source = m_model->indexOf(id);
    if (!source.isValid())
        return false;
    QModelIndex proxy = m_filter->mapFromSource(source);
    if (!proxy.isValid()) {
        m_search->clear();
        proxy = m_filter->mapFromSource(source);
    }
    m_view->setCurrentIndex(proxy);
    m_view->scrollTo(proxy);
    return true;
}

void ScenarioBrowser::onCurrentChanged(const QModelIndex &current)
{
    const QString id = current.data(ScenarioModel::ScenarioIdRole).toString();
    if (id.isEmpty() || id == m_current)
        return;
    m_current = id;
    Q_EMIT scenarioSelected(id);
}

void ScenarioBrowser::onSearchChanged(const QString &text)
{
    m_filter->setFilterFixedString(text.trimmed());
    m_view->expandAll();
    // Keep the chosen scenario visible and selected when it still matches.
    const QModelIndex proxy = m_filter->mapFromSource(m_model->indexOf(m_current));
    if (proxy.isValid())
        m_view->setCurrentIndex(proxy);
}

void ScenarioBrowser::selectFirstMatch()
{
    for (int c = 0; c < m_filter->rowCount(); ++c) {
        const QModelIndex category = m_filter->index(c, 0);
        if (m_filter->rowCount(category) > 0) {
            const QModelIndex first = m_filter->index(0, 0, category);
            m_view->setCurrentIndex(first);
            m_view->setFocus();
            return;
        }
    }
}

void ScenarioBrowser::retranslate()
{
    m_search->setPlaceholderText(tr("Search scenarios…"));
    m_search->setToolTip(tr("Filter the scenarios by title or id; Enter opens the first match."));
}

void ScenarioBrowser::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        const QString current = m_current;
        m_model->reload();
        m_view->expandAll();
        m_current.clear();
        selectScenario(current);
    }
    QWidget::changeEvent(event);
}

} // namespace cl::ui
