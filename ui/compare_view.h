#pragma once
// The compare window: the runs stacked on one shared time axis (same ns per
// pixel, so lengths compare), the table of figures and the speedup bars.
// Export PNG saves all three as one picture (compare_image.h).
#include "core/scenarios/compare.h"

#include <QWidget>

class QChartView;
class QLabel;
class QPushButton;
class QScrollArea;
class QTableView;

class QBarSeries;

namespace cl::ui {

class CompareTableModel;

// Paints CompareBands (with the legend above) at the widget's width.
class CompareBandsWidget : public QWidget {
    Q_OBJECT
public:
    explicit CompareBandsWidget(QWidget *parent = nullptr);
    void setCompareSet(const scenarios::CompareSet *set);
    // Each run's rows in widget coordinates, as last laid out.
    std::vector<QRectF> bandRows() const;
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void relayout();
    const scenarios::CompareSet *m_set = nullptr;
    double m_legendHeight = 0.0;
    double m_height = 0.0;
};

class CompareView : public QWidget {
    Q_OBJECT
public:
    explicit CompareView(scenarios::CompareSet set, QWidget *parent = nullptr);

    const scenarios::CompareSet &compareSet() const { return m_set; }
    CompareBandsWidget *bands() const { return m_bands; }
    CompareTableModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QBarSeries *speedupSeries() const { return m_series; }
    QPushButton *exportButton() const { return m_export; }
    // Saves the picture; *error names what went wrong.
    bool exportPng(const QString &path, QString *error = nullptr) const;

private:
    void askAndExport();

    scenarios::CompareSet m_set;
    QLabel *m_title = nullptr;
    QLabel *m_subtitle = nullptr;
    CompareBandsWidget *m_bands = nullptr;
    QScrollArea *m_scroll = nullptr;
    CompareTableModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    QChartView *m_chart = nullptr;
    QBarSeries *m_series = nullptr;
    QPushButton *m_export = nullptr;
};

} // namespace cl::ui
