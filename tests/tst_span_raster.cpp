// The timeline fills span, lifetime and tick rectangles straight into image
// pixels (SpanRaster) and merges neighbouring folded runs that look alike.
// Both are speed-ups only: the pictures must be the very pixels QPainter's
// own fillRect gives for every rectangle of an unmerged draw list, on a
// premultiplied or RGB32 image (written in place), a pixmap (through a
// layer), a straight-alpha image (QPainter's path), high-DPI (scaled), and at
// every zoom level.
#include "synthetic_trace.h"
#include "ui/timeline_draw_list.h"
#include "ui/timeline_painter.h"

#include <QImage>
#include <QPainter>
#include <QPixmap>
#include <QTest>

using namespace cl;

namespace {
struct Scene {
    trace::TraceStore store;
    ui::TimelineLayout layout;
};

Scene &scene(int rowHeight)
{
    static std::map<int, std::unique_ptr<Scene>> scenes;
    auto &s = scenes[rowHeight];
    if (!s) {
        s = std::make_unique<Scene>();
        tests::fillSyntheticTrace(s->store, {.spans = 60'000, .rows = 24, .printEvery = 40});
        ui::TimelineLayoutOptions options;
        options.rowHeight = rowHeight;
        options.labelWidth = 120;
        s->layout = ui::TimelineLayout::build(s->store, options);
    }
    return *s;
}

// The whole frame (bands, grid, labels, spans, ticks, arrows) at 1/zoom of the run.
// format -1: a QPixmap, which the painter reaches through a layer.
// threads: for building the rows and for writing their pixels (0: as the
// frame's size decides).
QImage paint(const Scene &s, std::uint64_t zoom, int format, qreal dpr, bool directFills, bool merge, int threads = 1)
{
    constexpr int kWidth = 640;
    constexpr int kHeight = 360;
    constexpr int kAxis = 24;
    QFont font;
    font.setPixelSize(11);
    ui::TimelineStyle style = ui::defaultTimelineStyle(font);
    style.directFills = directFills;
    style.threads = threads;
    const ui::TimelinePainter painter(style);
    const std::uint64_t whole = s.store.endTime() - s.store.beginTime();
    const std::uint64_t span = whole / zoom;
    const std::uint64_t begin = s.store.beginTime() + (whole - span) / 3;
    const ui::TimeAxis axis(begin, begin + span, kWidth - 120 - 8, 120);
    ui::DrawListOptions options;
    options.yOrigin = kAxis;
    options.lastRow = (kHeight - kAxis) / s.layout.rowHeight() + 1;
    options.mergeRuns = merge;
    options.threads = threads;
    const ui::DrawList list = ui::buildDrawList(s.store, s.layout, axis, options);
    ui::TimelineFrame frame;
    frame.axisRect = QRectF(120, 0, axis.width(), kAxis);
    frame.labelRect = QRectF(0, kAxis, 120, kHeight - kAxis);
    frame.rowsRect = QRectF(120, kAxis, kWidth - 120, kHeight - kAxis);
    frame.origin = s.store.beginTime();
    frame.store = &s.store;

    if (format < 0) {
        QPixmap pixmap(QSize(kWidth, kHeight) * dpr);
        pixmap.setDevicePixelRatio(dpr);
        pixmap.fill(Qt::white);
        QPainter p(&pixmap);
        painter.paintFrame(p, s.layout, list, axis, frame);
        p.end();
        return pixmap.toImage();
    }
    QImage image(QSize(kWidth, kHeight) * dpr, QImage::Format(format));
    image.setDevicePixelRatio(dpr);
    image.fill(Qt::white);
    QPainter p(&image);
    painter.paintFrame(p, s.layout, list, axis, frame);
    return image;
}

// The first differing pixel, for a readable failure.
QString firstDifference(const QImage &a, const QImage &b)
{
    if (a.size() != b.size())
        return QStringLiteral("sizes differ");
    for (int y = 0; y < a.height(); ++y)
        for (int x = 0; x < a.width(); ++x)
            if (a.pixel(x, y) != b.pixel(x, y))
                return QStringLiteral("pixel (%1, %2): %3 vs %4")
                    .arg(x)
                    .arg(y)
                    .arg(a.pixel(x, y), 8, 16, QLatin1Char('0'))
                    .arg(b.pixel(x, y), 8, 16, QLatin1Char('0'));
    return {};
}
} // namespace

class TstSpanRaster : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void samePixelsAsQPainter_data();
    void samePixelsAsQPainter();
    void threadsPaintTheSamePixels_data();
    void threadsPaintTheSamePixels();
};

void TstSpanRaster::samePixelsAsQPainter_data()
{
    QTest::addColumn<int>("rowHeight");
    QTest::addColumn<qulonglong>("zoom");
    QTest::addColumn<int>("format");
    QTest::addColumn<qreal>("dpr");
    const std::pair<const char *, int> formats[] = {{"premultiplied", int(QImage::Format_ARGB32_Premultiplied)},
                                                    {"rgb32", int(QImage::Format_RGB32)},
                                                    {"straight-alpha", int(QImage::Format_ARGB32)},
                                                    {"pixmap", -1}};
    for (int rowHeight : {22, 5})
        for (qulonglong zoom : {1ull, 8ull, 64ull, 512ull})
            for (const auto &[name, format] : formats)
                for (qreal dpr : {1.0, 2.0})
                    QTest::addRow("rows %dpx, 1/%llu, %s, dpr %g", rowHeight, zoom, name, dpr)
                        << rowHeight << zoom << format << dpr;
}

void TstSpanRaster::samePixelsAsQPainter()
{
    QFETCH(int, rowHeight);
    QFETCH(qulonglong, zoom);
    QFETCH(int, format);
    QFETCH(qreal, dpr);
    const Scene &s = scene(rowHeight);
    const int f = format;
    const QImage reference = paint(s, zoom, f, dpr, false, false);
    // Not a blank picture: the spans are there to compare.
    QVERIFY(reference.pixel(QPoint(300, 40) * dpr) != qRgb(255, 255, 255) ||
            reference.pixel(QPoint(400, 60) * dpr) != qRgb(255, 255, 255));
    const QImage direct = paint(s, zoom, f, dpr, true, false);
    QVERIFY2(direct == reference, qPrintable(firstDifference(direct, reference)));
    const QImage merged = paint(s, zoom, f, dpr, true, true);
    QVERIFY2(merged == reference, qPrintable(firstDifference(merged, reference)));
}

void TstSpanRaster::threadsPaintTheSamePixels_data()
{
    QTest::addColumn<int>("rowHeight");
    QTest::addColumn<qulonglong>("zoom");
    QTest::addColumn<int>("format");
    QTest::addColumn<qreal>("dpr");
    QTest::addColumn<int>("threads");
    const std::pair<const char *, int> formats[] = {{"premultiplied", int(QImage::Format_ARGB32_Premultiplied)},
                                                    {"pixmap", -1}};
    for (int rowHeight : {22, 5})
        for (qulonglong zoom : {1ull, 8ull, 64ull})
            for (const auto &[name, format] : formats)
                for (qreal dpr : {1.0, 2.0})
                    for (int threads : {2, 3})
                        QTest::addRow("rows %dpx, 1/%llu, %s, dpr %g, %d threads", rowHeight, zoom, name, dpr, threads)
                            << rowHeight << zoom << format << dpr << threads;
}

void TstSpanRaster::threadsPaintTheSamePixels()
{
    // Rows built by several threads, and bands of scanlines written by
    // several: the picture must be the one-thread picture, pixel for pixel,
    // including where a lifetime or tick reaches across a band's edge.
    QFETCH(int, rowHeight);
    QFETCH(qulonglong, zoom);
    QFETCH(int, format);
    QFETCH(qreal, dpr);
    QFETCH(int, threads);
    const Scene &s = scene(rowHeight);
    const QImage one = paint(s, zoom, format, dpr, true, true, 1);
    const QImage several = paint(s, zoom, format, dpr, true, true, threads);
    QVERIFY2(several == one, qPrintable(firstDifference(several, one)));
}

QTEST_MAIN(TstSpanRaster)
#include "tst_span_raster.moc"
