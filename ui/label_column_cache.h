#pragma once
// The pixels of a frame's label column, kept between frames. Panning and
// zooming leave the column as it was, and drawing its names and ids is
// glyph work that stayed serial while the rows around it went to threads:
// about a millisecond of a 200-row frame. The column is copied from the
// frame after it was painted and copied back while nothing it shows has
// changed: the same rows (names, ids, nesting, folding, process groups) at
// the same place, the same column, the same device transform.
#include "ui/timeline_layout.h"

#include <QImage>
#include <QRectF>
#include <QTransform>

#include <vector>

class QPainter;

namespace cl::ui {

struct DrawList;

class LabelColumnCache {
public:
    // What the column shows for these rows at this place.
    struct Key {
        std::vector<TimelineRow> rows; // the rows drawn, and the one after (a header's colour)
        int firstRow = 0;
        int lastRow = 0;
        double yOrigin = 0.0;
        double rowHeight = 0.0;
        QRectF column;
        QTransform toDevice;
        QImage::Format format = QImage::Format_Invalid;
        bool operator==(const Key &) const = default;
    };

    // Copies the kept column into p's image when it shows what this frame
    // would (true); false: paint it, then keep() it.
    bool restore(QPainter &p, const TimelineLayout &layout, const DrawList &list, const QRectF &column);
    // Keeps the column p just painted, for restore() to give back.
    void keep(QPainter &p, const TimelineLayout &layout, const DrawList &list, const QRectF &column);

private:
    // The column's device pixels in p's image, when they map from logical
    // ones exactly; null when the device is not such an image.
    static QImage *imageOf(QPainter &p, const QRectF &column, QRect &devicePixels);
    bool matches(QPainter &p, const TimelineLayout &layout, const DrawList &list, const QRectF &column) const;

    Key m_key;
    QImage m_pixels;
    bool m_valid = false;
};

} // namespace cl::ui
