#pragma once
// A comparison as one picture: a title (lesson, what varied, date), the
// legend, the runs stacked on one time axis, the table of figures and the
// speedup bars. Used by "compare --png" (offscreen QGuiApplication) and by
// the compare view's Export PNG.
#include "core/scenarios/compare.h"

#include <QImage>
#include <QRectF>
#include <QString>

#include <vector>

class QPainter;

namespace cl::ui {

struct CompareImageOptions {
    int width = 1500;    // logical pixels; the height follows the runs
    qreal scale = 1.0;   // device pixel ratio
    QString title;       // empty: "<lesson> — compared by <key>"
};

// Where things went (logical pixels), for tests.
struct CompareImageReport {
    std::vector<QRectF> bandRows; // each run's rows, in run order
    QRectF table;
    QRectF bars;
    std::vector<QRectF> barRects; // each run's speedup bar
};

// The speedup bars alone, so the view can draw the same chart in the picture
// as the table shows; bars grow up from the bottom of `rect`.
void paintSpeedupBars(QPainter &p, const scenarios::CompareSet &set, const QRectF &rect,
                      std::vector<QRectF> *barRects = nullptr);

// Needs a QGuiApplication (fonts); a null image without one.
QImage renderCompareImage(const scenarios::CompareSet &set, const CompareImageOptions &options = {},
                          CompareImageReport *report = nullptr);
bool saveCompareImage(const scenarios::CompareSet &set, const CompareImageOptions &options, const QString &path,
                      QString *error = nullptr);

} // namespace cl::ui
