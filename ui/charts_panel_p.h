#pragma once
// ChartsPanel internals shared by its two source files.
#include "ui/charts_panel.h"

#include <QColor>
#include <QFont>

#include <map>
#include <vector>

class QGraphicsRectItem;

namespace cl::ui::charts_detail {

// The timeline's own colours, so the charts read as part of the same picture.
inline const QColor kBackground(Qt::white);
inline const QColor kGrid(0xe8, 0xeb, 0xef);
inline const QColor kAxisLine(0xc8, 0xcd, 0xd3);
inline const QColor kText(0x1f, 0x23, 0x28);
inline const QColor kMuted(0x6a, 0x73, 0x7d);

// Cores are told apart from each other, not matched to workers: a palette of
// their own keeps them from looking like a worker's colour.
inline const QRgb kCoreColors[] = {0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd,
                                   0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf};
inline const QRgb kCounterColors[] = {0x6a1b9a, 0x00838f, 0xad1457, 0x2e7d32};

inline constexpr int kTitleHeight = 18;
inline constexpr int kYLabelRoom = 44; // room left of the plot for the y labels
inline constexpr int kTopPad = 8;
inline constexpr int kBottomPadWithLabels = 22;
inline constexpr int kBottomPad = 6;

int decimalsForStep(double stepMs);

} // namespace cl::ui::charts_detail

namespace cl::ui {

struct ChartsPanel::Strip {
    QChartView *view = nullptr;
    QChart *chart = nullptr;
    QValueAxis *x = nullptr;
    QValueAxis *y = nullptr;
    QGraphicsSimpleTextItem *title = nullptr;
    std::map<std::uint32_t, QLineSeries *> series;
    struct LegendEntry {
        QGraphicsRectItem *swatch = nullptr;
        QGraphicsSimpleTextItem *label = nullptr;
    };
    std::vector<LegendEntry> legend; // parallel to series
    QFont legendFont;
    bool xLabels = false;
};

} // namespace cl::ui
