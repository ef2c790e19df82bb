#pragma once
// The scenario browser: the catalogue grouped by category in a tree, with a
// search box that filters by title or id.
#include "core/scenarios/scenario.h"

#include <QAbstractItemModel>
#include <QList>
#include <QSortFilterProxyModel>
#include <QWidget>

class QLineEdit;
class QTreeView;

namespace cl::ui {

// Two levels: categories in the notes' order (processes and threads, pools,
// locks and races, queues; others after them), and under each its scenarios
// in catalogue order.
class ScenarioModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Role {
        ScenarioIdRole = Qt::UserRole + 1, // QString; empty on category rows
        SearchTextRole,                    // "title id" on scenario rows, empty on categories
    };

    // Defaults to scenarios::catalogue().
    explicit ScenarioModel(QObject *parent = nullptr);
    ScenarioModel(QList<const scenarios::Scenario *> scenarios, QObject *parent = nullptr);

    // Regroups (titles and categories are translated, so a language change regroups).
    void reload();

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    QModelIndex indexOf(const QString &scenarioId) const;
    const scenarios::Scenario *scenarioAt(const QModelIndex &index) const;

private:
    struct Category {
        QString name;
        QList<const scenarios::Scenario *> scenarios;
    };
    QList<const scenarios::Scenario *> m_all;
    QList<Category> m_categories;
};

class ScenarioBrowser : public QWidget {
    Q_OBJECT
public:
    explicit ScenarioBrowser(QWidget *parent = nullptr);

    QString currentScenarioId() const;
    // Selects (and scrolls to) the scenario; clears a search that hides it.
    bool selectScenario(const QString &id);

    ScenarioModel *model() const { return m_model; }
    QSortFilterProxyModel *filterModel() const { return m_filter; }
    QLineEdit *searchField() const { return m_search; }
    QTreeView *view() const { return m_view; }

Q_SIGNALS:
    void scenarioSelected(const QString &id);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void onCurrentChanged(const QModelIndex &current);
    void onSearchChanged(const QString &text);
    void selectFirstMatch();

    ScenarioModel *m_model = nullptr;
    QSortFilterProxyModel *m_filter = nullptr;
    QLineEdit *m_search = nullptr;
    QTreeView *m_view = nullptr;
    QString m_current;
};

} // namespace cl::ui
