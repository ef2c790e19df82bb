#include "ui/label_column_cache.h"
#include "ui/timeline_draw_list.h"

#include <QPaintDevice>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace cl::ui {

namespace {
// The rows a column shows: the visible ones and the one after.
std::pair<int, int> rowRange(const TimelineLayout &layout, const DrawList &list)
{
    const int first = std::clamp(list.firstRow, 0, layout.rowCount());
    const int last = std::clamp(list.lastRow + 1, first, layout.rowCount());
    return {first, last};
}

bool isWhole(double v)
{
    return v == std::round(v);
}
} // namespace

QImage *LabelColumnCache::imageOf(QPainter &p, const QRectF &column, QRect &devicePixels)
{
    QPaintDevice *device = p.device();
    if (!device || device->devType() != QInternal::Image)
        return nullptr;
    auto *image = static_cast<QImage *>(device);
    if (image->depth() != 32)
        return nullptr;
    const QTransform t = p.deviceTransform();
    if (t.type() > QTransform::TxScale)
        return nullptr;
    const QRectF mapped = t.mapRect(column);
    if (!isWhole(mapped.left()) || !isWhole(mapped.top()) || !isWhole(mapped.width()) || !isWhole(mapped.height()))
        return nullptr;
    devicePixels = mapped.toRect();
    // Only a column wholly inside the image: a partial one is no time saved.
    if (devicePixels.isEmpty() || !QRect(QPoint(0, 0), image->size()).contains(devicePixels))
        return nullptr;
    return image;
}

bool LabelColumnCache::matches(QPainter &p, const TimelineLayout &layout, const DrawList &list,
                               const QRectF &column) const
{
    const auto [first, last] = rowRange(layout, list);
    const Key &k = m_key;
    if (k.firstRow != list.firstRow || k.lastRow != list.lastRow || k.yOrigin != list.yOrigin ||
        k.rowHeight != list.rowHeight || k.column != column || k.toDevice != p.deviceTransform() ||
        std::size_t(last - first) != k.rows.size())
        return false;
    for (int r = first; r < last; ++r) {
        if (!(layout.row(r) == k.rows[std::size_t(r - first)]))
            return false;
    }
    return true;
}

bool LabelColumnCache::restore(QPainter &p, const TimelineLayout &layout, const DrawList &list, const QRectF &column)
{
    QRect pixels;
    QImage *image = imageOf(p, column, pixels);
    if (!m_valid || !image || image->format() != m_key.format || m_pixels.size() != pixels.size() ||
        !matches(p, layout, list, column))
        return false;
    const auto bytes = std::size_t(pixels.width()) * 4;
    for (int y = 0; y < pixels.height(); ++y)
        std::memcpy(image->scanLine(pixels.top() + y) + std::size_t(pixels.left()) * 4, m_pixels.constScanLine(y),
                    bytes);
    return true;
}

void LabelColumnCache::keep(QPainter &p, const TimelineLayout &layout, const DrawList &list, const QRectF &column)
{
    m_valid = false;
    QRect pixels;
    const QImage *image = imageOf(p, column, pixels);
    if (!image)
        return;
    const auto [first, last] = rowRange(layout, list);
    m_key.rows.assign(layout.rows().begin() + first, layout.rows().begin() + last);
    m_key.firstRow = list.firstRow;
    m_key.lastRow = list.lastRow;
    m_key.yOrigin = list.yOrigin;
    m_key.rowHeight = list.rowHeight;
    m_key.column = column;
    m_key.toDevice = p.deviceTransform();
    m_key.format = image->format();
    if (m_pixels.size() != pixels.size() || m_pixels.format() != image->format())
        m_pixels = QImage(pixels.size(), image->format());
    const auto bytes = std::size_t(pixels.width()) * 4;
    for (int y = 0; y < pixels.height(); ++y)
        std::memcpy(m_pixels.scanLine(y), image->constScanLine(pixels.top() + y) + std::size_t(pixels.left()) * 4,
                    bytes);
    m_valid = true;
}

} // namespace cl::ui
