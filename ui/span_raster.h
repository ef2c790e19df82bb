#pragma once
// Fills axis-aligned rectangles straight into image scanlines. A zoomed-out
// frame holds tens of thousands of span rectangles and printed-line ticks a
// few pixels each; through QPainter::fillRect each one costs a call's worth
// of state checks, so the frame time would follow the rectangle count. Here
// it follows the pixels written.
//
// When the painter paints on a QImage (exports, the timeline's own frame
// buffer), the rectangles go into that image; on another raster device they
// go into a layer drawn with one drawImage(). Either way the pixels are the
// ones QPainter::fillRect would give without antialiasing (same rounding of
// the device rectangle). Vector devices (SVG, PDF) keep QPainter's path.
#include <QImage>
#include <QRect>
#include <QRgb>
#include <QTransform>

class QPainter;

namespace cl::ui {

class SpanRaster {
public:
    // Starts a batch of fills over `area` (logical coordinates; the painter's
    // clip narrows it). False: the device cannot take direct fills, use
    // QPainter for this batch.
    bool begin(QPainter &p, const QRect &area);
    // A rectangle in logical coordinates, as QPainter::fillRect takes it.
    void fill(const QRect &rect, QRgb colour) const { fill(rect, colour, m_clip); }
    // The same, writing only inside `clip` (device pixels within
    // deviceClip()): threads given disjoint clips may fill at the same time.
    void fill(const QRect &rect, QRgb colour, const QRect &clip) const;
    // The device pixels this batch may write.
    QRect deviceClip() const { return m_clip; }
    // Logical y of a device scanline (the inverse of the device transform).
    double logicalY(int deviceY) const { return (deviceY - m_toDevice.dy()) / m_toDevice.m22(); }
    // Draws the layer, when one was used.
    void end(QPainter &p);

private:
    QImage m_layer;       // kept between frames: reallocating megabytes costs page faults
    bool m_usesLayer = false;
    QTransform m_toDevice;
    bool m_integerOffset = false; // a whole-pixel translation: rectangles map exactly
    QPoint m_offset;
    QRect m_clip;          // device pixels that may be written
    QPoint m_origin;       // device pixel of m_bits' first pixel
    uchar *m_bits = nullptr;
    qsizetype m_stride = 0;
};

} // namespace cl::ui
