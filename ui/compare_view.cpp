#include "ui/compare_view.h"
#include "core/scenarios/compare_report.h"
#include "ui/compare_bands.h"
#include "ui/compare_image.h"
#include "ui/compare_model.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QBarSeries>
#include <QChart>
#include <QChartView>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPainter>
#include <QPaintEvent>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTableView>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace cl::ui {

namespace {
constexpr double kPad = 8.0;
}

CompareBandsWidget::CompareBandsWidget(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("compareBands"));
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void CompareBandsWidget::setCompareSet(const scenarios::CompareSet *set)
{
    m_set = set;
    relayout();
    update();
}

void CompareBandsWidget::relayout()
{
    if (!m_set)
        return;
    const TimelineStyle style = defaultTimelineStyle(font());
    CompareBands bands(*m_set, style);
    const TimelinePainter painter(style);
    const double w = std::max(300.0, width() - 2 * kPad);
    m_legendHeight = painter.legendHeight(w, bands.legend());
    m_height = kPad + m_legendHeight + 6.0 + bands.layout(kPad, 0, w) + kPad;
    setMinimumHeight(int(std::ceil(m_height)));
}

std::vector<QRectF> CompareBandsWidget::bandRows() const
{
    std::vector<QRectF> out;
    if (!m_set)
        return out;
    const TimelineStyle style = defaultTimelineStyle(font());
    CompareBands bands(*m_set, style);
    bands.layout(kPad, kPad + m_legendHeight + 6.0, std::max(300.0, width() - 2 * kPad));
    for (const CompareBand &b : bands.bands())
        out.push_back(b.rows);
    return out;
}

QSize CompareBandsWidget::sizeHint() const { return QSize(900, int(std::ceil(m_height))); }

void CompareBandsWidget::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    relayout();
}

void CompareBandsWidget::paintEvent(QPaintEvent *event)
{
    QPainter p(this);
    const TimelineStyle style = defaultTimelineStyle(font());
    p.fillRect(event->rect(), style.background);
    if (!m_set)
        return;
    CompareBands bands(*m_set, style);
    const TimelinePainter painter(style);
    const double w = std::max(300.0, width() - 2 * kPad);
    const LegendContent legend = bands.legend();
    painter.paintLegend(p, QRectF(kPad, kPad, w, m_legendHeight), legend);
    bands.layout(kPad, kPad + m_legendHeight + 6.0, w);
    bands.paint(p, QRectF(event->rect()));
}

CompareView::CompareView(scenarios::CompareSet set, QWidget *parent) : QWidget(parent), m_set(std::move(set))
{
    setObjectName(QStringLiteral("compareView"));
    setWindowTitle(tr("Compare: %1").arg(m_set.scenarioTitle));

    m_title = new QLabel(this);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    m_title->setFont(titleFont);
    m_title->setText(m_set.key.isEmpty() ? tr("%1 — runs compared").arg(m_set.scenarioTitle)
                                         : tr("%1 — compared by %2").arg(m_set.scenarioTitle, m_set.key));
    m_subtitle = new QLabel(scenarios::CompareReport::subtitle(m_set), this);
    m_subtitle->setWordWrap(true);
    m_subtitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_export = new QPushButton(tr("Export PNG…"), this);
    m_export->setToolTip(tr("Save the stacked runs, the table and the speedup bars as one picture"));
    connect(m_export, &QPushButton::clicked, this, &CompareView::askAndExport);

    m_bands = new CompareBandsWidget;
    m_scroll = new QScrollArea(this);
    m_scroll->setWidgetResizable(true);
    m_scroll->setWidget(m_bands);
    m_bands->setCompareSet(&m_set);
    m_bands->setToolTip(tr("Every run is drawn at the same scale: a shorter band finished sooner."));

    m_model = new CompareTableModel(this);
    m_model->setCompareSet(m_set);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("compareTable"));
    m_table->setModel(m_model);
    m_table->setAlternatingRowColors(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setToolTip(scenarios::CompareReport::definitions());

    auto *chart = new QChart;
    chart->setTitle(tr("Speedup against the first run (×)"));
    chart->legend()->hide();
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setMargins(QMargins(4, 4, 4, 4));
    auto *bars = new QBarSet(tr("Speedup"));
    QStringList categories;
    double top = 1.0;
    for (const auto &r : m_set.runs) {
        *bars << r.figures.speedup;
        categories << r.label;
        top = std::max(top, r.figures.speedup);
    }
    bars->setColor(QColor(0x3b, 0x6e, 0xa8));
    bars->setLabelColor(QColor(0x1f, 0x23, 0x28)); // above the bars, on white
    m_series = new QBarSeries;
    m_series->append(bars);
    m_series->setLabelsVisible(true);
    m_series->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
    m_series->setLabelsFormat(QStringLiteral("@value×"));
    m_series->setLabelsPrecision(3);
    chart->addSeries(m_series);
    auto *xAxis = new QBarCategoryAxis;
    xAxis->append(categories);
    auto *yAxis = new QValueAxis;
    // Steps of 0.5× (1× when the speedups are large): round labels.
    const double step = top <= 3.0 ? 0.5 : 1.0;
    const double yTop = std::ceil(top * 1.15 / step) * step;
    yAxis->setRange(0.0, yTop);
    yAxis->setTickCount(int(std::lround(yTop / step)) + 1);
    yAxis->setLabelFormat(QStringLiteral("%.1f"));
    chart->addAxis(xAxis, Qt::AlignBottom);
    chart->addAxis(yAxis, Qt::AlignLeft);
    m_series->attachAxis(xAxis);
    m_series->attachAxis(yAxis);
    m_chart = new QChartView(chart, this);
    m_chart->setRenderHint(QPainter::Antialiasing);
    m_chart->setMinimumWidth(420);
    m_chart->setToolTip(tr("Speedup = the first run's wall time / this run's wall time."));

    auto *bottom = new QSplitter(Qt::Horizontal);
    bottom->addWidget(m_table);
    bottom->addWidget(m_chart);
    bottom->setStretchFactor(0, 3);
    bottom->setStretchFactor(1, 2);
    bottom->setSizes({840, 560});
    auto *split = new QSplitter(Qt::Vertical);
    split->addWidget(m_scroll);
    split->addWidget(bottom);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setChildrenCollapsible(false);

    auto *head = new QHBoxLayout;
    auto *titles = new QVBoxLayout;
    titles->addWidget(m_title);
    titles->addWidget(m_subtitle);
    head->addLayout(titles, 1);
    head->addWidget(m_export, 0, Qt::AlignTop);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(head);
    layout->addWidget(split, 1);
    resize(1400, 900);
}

bool CompareView::exportPng(const QString &path, QString *error) const
{
    return saveCompareImage(m_set, CompareImageOptions{}, path, error);
}

void CompareView::askAndExport()
{
    const QString name = QStringLiteral("compare-%1%2.png")
                             .arg(m_set.scenarioId, m_set.key.isEmpty() ? QString() : QLatin1Char('-') + m_set.key);
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the comparison as PNG"),
                                                      QDir::home().filePath(name), tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportPng(path, &error))
        QMessageBox::warning(this, tr("Export failed"), tr("Could not write %1: %2").arg(path, error));
}

} // namespace cl::ui
