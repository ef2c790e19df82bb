#include "ui/span_raster.h"

#include <QPaintEngine>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace cl::ui {

namespace {
// What the raster engine does with a rectangle under a translation or a
// scale (high-DPI) before filling it: map, then round each edge.
QRect deviceRect(const QTransform &t, const QRectF &r)
{
    const QRectF mapped = t.mapRect(r);
    const int x1 = qRound(mapped.left());
    const int y1 = qRound(mapped.top());
    const int x2 = qRound(mapped.right());
    const int y2 = qRound(mapped.bottom());
    return QRect(x1, y1, x2 - x1, y2 - y1);
}

bool writableFormat(QImage::Format f)
{
    return f == QImage::Format_ARGB32_Premultiplied || f == QImage::Format_RGB32;
}
} // namespace

bool SpanRaster::begin(QPainter &p, const QRect &area, bool withLayer)
{
    m_bits = nullptr;
    m_usesLayer = false;
    const QPaintEngine *engine = p.paintEngine();
    if (!engine || engine->type() != QPaintEngine::Raster || p.opacity() < 1.0 ||
        p.compositionMode() != QPainter::CompositionMode_SourceOver)
        return false;
    m_toDevice = p.deviceTransform();
    if (m_toDevice.type() > QTransform::TxScale)
        return false;
    m_integerOffset = m_toDevice.dx() == std::round(m_toDevice.dx()) && m_toDevice.dy() == std::round(m_toDevice.dy());
    m_offset = QPoint(int(m_toDevice.dx()), int(m_toDevice.dy()));
    m_translatesOnly = m_toDevice.type() <= QTransform::TxTranslate && m_integerOffset;
    QRect logical = area;
    if (p.hasClipping())
        logical &= p.clipBoundingRect().toAlignedRect();
    m_clip = deviceRect(m_toDevice, QRectF(logical));

    if (p.device() && p.device()->devType() == QInternal::Image) {
        auto *image = static_cast<QImage *>(p.device());
        if (!writableFormat(image->format()))
            return false;
        // A clip that is not one rectangle (a region) could not be honoured.
        if (p.hasClipping() && !p.clipRegion().isEmpty() && p.clipRegion().rectCount() > 1)
            return false;
        m_clip &= QRect(QPoint(0, 0), image->size());
        m_origin = QPoint(0, 0);
        m_bits = image->bits();
        m_stride = image->bytesPerLine();
        return true;
    }
    // Another raster device (a widget's backing store): a layer drawn 1:1,
    // so only without scaling.
    if (!withLayer || m_toDevice.type() > QTransform::TxTranslate || !m_integerOffset)
        return false;
    m_usesLayer = true;
    if (m_clip.isEmpty())
        return true;
    if (m_layer.size() != m_clip.size())
        m_layer = QImage(m_clip.size(), QImage::Format_ARGB32_Premultiplied);
    m_layer.fill(0);
    m_origin = m_clip.topLeft();
    m_bits = m_layer.bits();
    m_stride = m_layer.bytesPerLine();
    return true;
}

QRect SpanRaster::deviceClipOf(const QRect &logical) const
{
    return deviceRect(m_toDevice, QRectF(logical)) & m_clip;
}

void SpanRaster::fillGeneral(const QRect &rect, QRgb colour, const QRect &clip) const
{
    QRect r;
    if (m_translatesOnly)
        r = rect.translated(m_offset);
    else
        r = deviceRect(m_toDevice, QRectF(rect));
    const int x0 = std::max(r.left(), clip.left());
    const int x1 = std::min(r.right(), clip.right());
    const int y0 = std::max(r.top(), clip.top());
    const int y1 = std::min(r.bottom(), clip.bottom());
    if (x0 > x1 || y0 > y1)
        return;
    const QRgb premultiplied = qPremultiply(colour);
    const int width = x1 - x0 + 1;
    uchar *row = m_bits + qsizetype(y0 - m_origin.y()) * m_stride + qsizetype(x0 - m_origin.x()) * 4;
    if (qAlpha(colour) == 255) {
        for (int y = y0; y <= y1; ++y, row += m_stride)
            fillLine(reinterpret_cast<QRgb *>(row), width, premultiplied);
        return;
    }
    // Source-over on premultiplied pixels, as the raster engine blends.
    const uint inverse = 255 - qAlpha(premultiplied);
    for (int y = y0; y <= y1; ++y, row += m_stride) {
        auto *line = reinterpret_cast<QRgb *>(row);
        for (int x = 0; x < width; ++x) {
            const QRgb d = line[x];
            const auto channel = [&](int shift) {
                return ((premultiplied >> shift) & 0xff) + (((d >> shift) & 0xff) * inverse + 127) / 255;
            };
            line[x] = qRgba(int(channel(16)), int(channel(8)), int(channel(0)), int(channel(24)));
        }
    }
}

void SpanRaster::end(QPainter &p)
{
    if (!m_usesLayer || m_clip.isEmpty())
        return;
    // The layer sits at device pixels; only a translation separates them
    // from logical ones here.
    p.drawImage(QPointF(m_clip.left() - m_toDevice.dx(), m_clip.top() - m_toDevice.dy()), m_layer);
}

} // namespace cl::ui
