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

#include <algorithm>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

class QPainter;

namespace cl::ui {

class SpanRaster {
public:
    // Starts a batch of fills over `area` (logical coordinates; the painter's
    // clip narrows it). False: the device cannot take direct fills, use
    // QPainter for this batch.
    // withLayer false: only straight into an image, never through a layer
    // (for a few big rectangles, QPainter beats a layer's extra pass).
    bool begin(QPainter &p, const QRect &area, bool withLayer = true);
    // A rectangle in logical coordinates, as QPainter::fillRect takes it.
    void fill(const QRect &rect, QRgb colour) const { fill(rect, colour, m_clip); }
    // The same, writing only inside `clip` (device pixels within
    // deviceClip()): threads given disjoint clips may fill at the same time.
    // Inline for the usual case (whole-pixel offset, opaque colour): a
    // zoomed-out frame fills a hundred thousand rectangles of a few pixels.
    void fill(const QRect &rect, QRgb colour, const QRect &clip) const
    {
        if (!m_bits)
            return;
        if (!m_translatesOnly || qAlpha(colour) != 255) {
            fillGeneral(rect, colour, clip);
            return;
        }
        const int x0 = std::max(rect.left() + m_offset.x(), clip.left());
        const int x1 = std::min(rect.right() + m_offset.x(), clip.right());
        const int y0 = std::max(rect.top() + m_offset.y(), clip.top());
        const int y1 = std::min(rect.bottom() + m_offset.y(), clip.bottom());
        if (x0 > x1 || y0 > y1)
            return;
        uchar *row = m_bits + qsizetype(y0 - m_origin.y()) * m_stride + qsizetype(x0 - m_origin.x()) * 4;
        for (int y = y0; y <= y1; ++y, row += m_stride)
            fillLine(reinterpret_cast<QRgb *>(row), x1 - x0 + 1, colour);
    }
    // True when this batch maps logical to device pixels by a whole-pixel
    // translation (offset()) and nothing else: callers that map themselves
    // may then use fillDeviceLine().
    bool translatesOnly() const { return m_bits && m_translatesOnly; }
    QPoint offset() const { return m_offset; }
    // Device pixels [x0, x1] of scanline y in an opaque colour, all inside
    // deviceClip(): no checks, for writers that clipped already.
    void fillDeviceLine(int y, int x0, int x1, QRgb colour) const
    {
        fillLine(reinterpret_cast<QRgb *>(m_bits + qsizetype(y - m_origin.y()) * m_stride +
                                          qsizetype(x0 - m_origin.x()) * 4),
                 x1 - x0 + 1, colour);
    }
    // The device pixels this batch may write.
    QRect deviceClip() const { return m_clip; }
    // The device pixels of a logical rectangle, within deviceClip(): what
    // begin() would have made of it as the area.
    QRect deviceClipOf(const QRect &logical) const;
    // Logical y of a device scanline (the inverse of the device transform).
    double logicalY(int deviceY) const { return (deviceY - m_toDevice.dy()) / m_toDevice.m22(); }
    // Device scanlines per logical pixel.
    double scaleY() const { return m_toDevice.m22(); }
    // Draws the layer, when one was used.
    void end(QPainter &p);

private:
    // Any transform SpanRaster takes, any alpha.
    void fillGeneral(const QRect &rect, QRgb colour, const QRect &clip) const;

    // One pixel row of an opaque fill. Compilers at -O2 keep the plain loop
    // scalar, and the lifetime bars under the spans alone are a full screen
    // of pixels per frame: four at a time, the last four overlapping.
    // Zoomed out, most lines are 1 to 8 pixels: those take a fixed number
    // of stores, overlapping, with no loop whose exit the CPU mispredicts.
    static void fillLine(QRgb *line, int width, QRgb colour)
    {
        if (width < 4) {
            // 1, 2 or 3 pixels: first, middle and last.
            line[0] = colour;
            line[(width - 1) / 2] = colour;
            line[width - 1] = colour;
            return;
        }
#if defined(__SSE2__)
        const __m128i four = _mm_set1_epi32(int(colour));
        _mm_storeu_si128(reinterpret_cast<__m128i *>(line + width - 4), four);
        for (int x = 0; x + 4 < width; x += 4)
            _mm_storeu_si128(reinterpret_cast<__m128i *>(line + x), four);
#else
        for (int x = 0; x < width; ++x)
            line[x] = colour;
#endif
    }

    QImage m_layer;       // kept between frames: reallocating megabytes costs page faults
    bool m_usesLayer = false;
    QTransform m_toDevice;
    bool m_integerOffset = false; // a whole-pixel translation: rectangles map exactly
    bool m_translatesOnly = false; // and no scale: the inline path
    QPoint m_offset;
    QRect m_clip;          // device pixels that may be written
    QPoint m_origin;       // device pixel of m_bits' first pixel
    uchar *m_bits = nullptr;
    qsizetype m_stride = 0;
};

} // namespace cl::ui
