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

// The same rows but for a second thread in the third process: its row
// becomes a header, with the two threads under it.
Scene &threadedScene(int rowHeight)
{
    static std::map<int, std::unique_ptr<Scene>> scenes;
    auto &s = scenes[rowHeight];
    if (!s) {
        s = std::make_unique<Scene>();
        constexpr std::uint64_t kT0 = 1'000'000'000'000ull;
        tests::fillSyntheticTrace(s->store, {.spans = 60'000, .rows = 24, .t0 = kT0, .printEvery = 40});
        using trace::EventKind;
        s->store.addEvents({tests::ev(EventKind::WorkerStart, 10002, 10777, kT0),
                            tests::ev(EventKind::SpanBegin, 10002, 10777, kT0 + 1000, std::uint8_t(trace::SpanState::Running)),
                            tests::ev(EventKind::SpanEnd, 10002, 10777, kT0 + 900'000'000, std::uint8_t(trace::SpanState::Running))});
        ui::TimelineLayoutOptions options;
        options.rowHeight = rowHeight;
        options.labelWidth = 120;
        s->layout = ui::TimelineLayout::build(s->store, options);
    }
    return *s;
}

ui::TimelinePainter framePainter(bool directFills, int threads)
{
    QFont font;
    font.setPixelSize(11);
    ui::TimelineStyle style = ui::defaultTimelineStyle(font);
    style.directFills = directFills;
    style.threads = threads;
    return ui::TimelinePainter(style);
}

// One frame through a given painter, which keeps what it may between
// frames (the label column). scroll: rows scrolled off the top.
QImage paintWith(const ui::TimelinePainter &painter, const Scene &s, const ui::TimelineLayout &layout,
                 std::uint64_t zoom, int format, qreal dpr, bool merge, int threads, QColor under, int scroll = 0)
{
    constexpr int kWidth = 640;
    constexpr int kHeight = 360;
    constexpr int kAxis = 24;
    const std::uint64_t whole = s.store.endTime() - s.store.beginTime();
    const std::uint64_t span = whole / zoom;
    const std::uint64_t begin = s.store.beginTime() + (whole - span) / 3;
    const ui::TimeAxis axis(begin, begin + span, kWidth - 120 - 8, 120);
    ui::DrawListOptions options;
    options.firstRow = scroll;
    options.yOrigin = kAxis - scroll * layout.rowHeight();
    options.lastRow = scroll + (kHeight - kAxis) / layout.rowHeight() + 1;
    options.mergeRuns = merge;
    options.threads = threads;
    const ui::DrawList list = ui::buildDrawList(s.store, layout, axis, options);
    ui::TimelineFrame frame;
    frame.axisRect = QRectF(120, 0, axis.width(), kAxis);
    frame.labelRect = QRectF(0, kAxis, 120, kHeight - kAxis);
    frame.rowsRect = QRectF(120, kAxis, kWidth - 120, kHeight - kAxis);
    frame.origin = s.store.beginTime();
    frame.store = &s.store;

    if (format < 0) {
        QPixmap pixmap(QSize(kWidth, kHeight) * dpr);
        pixmap.setDevicePixelRatio(dpr);
        pixmap.fill(under);
        QPainter p(&pixmap);
        painter.paintFrame(p, layout, list, axis, frame);
        p.end();
        return pixmap.toImage();
    }
    QImage image(QSize(kWidth, kHeight) * dpr, QImage::Format(format));
    image.setDevicePixelRatio(dpr);
    image.fill(under);
    QPainter p(&image);
    painter.paintFrame(p, layout, list, axis, frame);
    return image;
}

// The whole frame (bands, grid, labels, spans, ticks, arrows) at 1/zoom of
// the run, by a painter of its own.
// format -1: a QPixmap, which the painter reaches through a layer.
// threads: for building the rows and for writing their pixels (0: as the
// frame's size decides).
// under: the colour the image holds before the frame is painted.
QImage paint(const Scene &s, std::uint64_t zoom, int format, qreal dpr, bool directFills, bool merge, int threads = 1,
             QColor under = Qt::white)
{
    return paintWith(framePainter(directFills, threads), s, s.layout, zoom, format, dpr, merge, threads, under);
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
    void frameCoversItsArea_data();
    void frameCoversItsArea();
    void labelColumnKeptBetweenFrames_data();
    void labelColumnKeptBetweenFrames();
    void tickRunsAreTheirTriangles_data();
    void tickRunsAreTheirTriangles();
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

void TstSpanRaster::frameCoversItsArea_data()
{
    QTest::addColumn<int>("rowHeight");
    QTest::addColumn<qulonglong>("zoom");
    QTest::addColumn<bool>("directFills");
    QTest::addColumn<qreal>("dpr");
    QTest::addColumn<int>("threads");
    for (int rowHeight : {22, 5})
        for (qulonglong zoom : {1ull, 64ull})
            for (bool direct : {true, false})
                for (qreal dpr : {1.0, 2.0})
                    for (int threads : {1, 2})
                        QTest::addRow("rows %dpx, 1/%llu, %s, dpr %g, %d threads", rowHeight, zoom,
                                      direct ? "direct" : "QPainter", dpr, threads)
                            << rowHeight << zoom << direct << dpr << threads;
}

void TstSpanRaster::frameCoversItsArea()
{
    // The view does not clear what the frame paints: every pixel of the
    // axis, the label column and the rows must come out the same whatever
    // the image held before (the rows that end above the bottom included).
    QFETCH(int, rowHeight);
    QFETCH(qulonglong, zoom);
    QFETCH(bool, directFills);
    QFETCH(qreal, dpr);
    QFETCH(int, threads);
    const Scene &s = scene(rowHeight);
    const int format = int(QImage::Format_ARGB32_Premultiplied);
    const QImage overWhite = paint(s, zoom, format, dpr, directFills, true, threads, Qt::white);
    const QImage overMagenta = paint(s, zoom, format, dpr, directFills, true, threads, Qt::magenta);
    // paint()'s frame: the axis right of the 120 px label column, ending 8 px
    // short of the edge; the label column and rows below the 24 px axis.
    const QRect axisArea = QRect(120, 0, 640 - 120 - 8, 24);
    const QRect rowsArea = QRect(0, 24, 640, 360 - 24);
    int checked = 0;
    for (const QRect &logical : {axisArea, rowsArea}) {
        const QRect device(logical.topLeft() * dpr, logical.size() * dpr);
        for (int y = device.top(); y <= device.bottom(); ++y)
            for (int x = device.left(); x <= device.right(); ++x) {
                if (overWhite.pixel(x, y) != overMagenta.pixel(x, y))
                    QFAIL(qPrintable(QStringLiteral("pixel (%1, %2) shows what was under the frame").arg(x).arg(y)));
                ++checked;
            }
    }
    QVERIFY(checked > 200000);
    // Outside the frame the image is the caller's.
    QCOMPARE(overMagenta.pixel(QPoint(2, 2)), QColor(Qt::magenta).rgb());
}

void TstSpanRaster::labelColumnKeptBetweenFrames_data()
{
    QTest::addColumn<int>("rowHeight");
    QTest::addColumn<qreal>("dpr");
    QTest::addColumn<QString>("change");
    for (int rowHeight : {22, 5})
        for (qreal dpr : {1.0, 2.0})
            for (const char *change : {"pan and zoom", "scroll", "other rows", "pixmap"})
                QTest::addRow("rows %dpx, dpr %g, %s", rowHeight, dpr, change)
                    << rowHeight << dpr << QString::fromLatin1(change);
}

void TstSpanRaster::labelColumnKeptBetweenFrames()
{
    // A painter keeps its frame's label column and gives it back while the
    // rows it names stay put: the next frame, painted over magenta so that
    // a pixel it failed to give back shows, must be what a new painter
    // paints. Then the first frame again, after the change. (Over magenta
    // each time: the frame leaves the corners beside its axis alone.)
    QFETCH(int, rowHeight);
    QFETCH(qreal, dpr);
    QFETCH(QString, change);
    const Scene &s = scene(rowHeight);
    const int format = int(QImage::Format_ARGB32_Premultiplied);
    const ui::TimelinePainter kept = framePainter(true, 1);
    const QImage first = paintWith(kept, s, s.layout, 1, format, dpr, true, 1, Qt::magenta);

    const Scene &next = change == QLatin1String("other rows") ? threadedScene(rowHeight) : s;
    const std::uint64_t zoom = change == QLatin1String("pan and zoom") ? 8 : 1;
    const int scroll = change == QLatin1String("scroll") ? 2 : 0;
    const int nextFormat = change == QLatin1String("pixmap") ? -1 : format;
    QVERIFY(next.layout.row(3) == s.layout.row(3) || change == QLatin1String("other rows"));
    QVERIFY(!(next.layout.row(3) == s.layout.row(3)) || change != QLatin1String("other rows"));
    const QImage second = paintWith(kept, next, next.layout, zoom, nextFormat, dpr, true, 1, Qt::magenta, scroll);
    const QImage fresh =
        paintWith(framePainter(true, 1), next, next.layout, zoom, nextFormat, dpr, true, 1, Qt::magenta, scroll);
    QCOMPARE(firstDifference(second, fresh), QString());

    const QImage again = paintWith(kept, s, s.layout, 1, format, dpr, true, 1, Qt::magenta);
    QCOMPARE(firstDifference(again, first), QString());
}

void TstSpanRaster::tickRunsAreTheirTriangles_data()
{
    // Ticks as (x, xEnd) pairs: a lone tick, runs, overlapping neighbours.
    QTest::addColumn<QList<QPointF>>("ticks");
    QTest::addColumn<bool>("directFills");
    const QList<QList<QPointF>> sets = {
        {{40.0, 40.0}},
        {{40.0, 46.0}},
        {{40.2, 52.6}, {60.0, 60.0}},
        {{40.0, 40.0}, {44.0, 44.0}, {48.0, 55.5}},
        {{30.0, 90.0}, {93.0, 93.0}}};
    for (int k = 0; k < int(sets.size()); ++k)
        for (bool direct : {true, false})
            QTest::addRow("set %d, %s", k, direct ? "direct" : "QPainter") << sets[k] << direct;
}

void TstSpanRaster::tickRunsAreTheirTriangles()
{
    // A run of ticks paints as if a tick stood at every pixel from its
    // first to its last: the union of those triangles, nothing more.
    QFETCH(QList<QPointF>, ticks);
    QFETCH(bool, directFills);
    ui::DrawList list;
    list.firstRow = 0;
    list.lastRow = 2;
    list.rowHeight = 22.0;
    list.yOrigin = 10.0;
    list.rowOrdered = true;
    list.plot = QRectF(20, 10, 100, 44);
    for (int row : {0, 1})
        for (const QPointF &t : ticks) {
            ui::DrawTick tick;
            tick.x = t.x() + row;
            tick.xEnd = t.y() + row;
            tick.top = list.rowTop(row) + 1.0;
            tick.bottom = list.rowTop(row) + 21.0;
            tick.row = row;
            list.ticks.push_back(tick);
        }
    ui::TimelineStyle style = ui::defaultTimelineStyle();
    style.directFills = directFills;
    const ui::TimelinePainter painter(style);
    QImage image(140, 70, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    {
        QPainter p(&image);
        painter.paintRows(p, list);
    }
    QImage expected(image.size(), image.format());
    expected.fill(Qt::white);
    {
        QPainter p(&expected);
        for (const ui::DrawTick &t : list.ticks) {
            const int y = qRound(t.top);
            for (int x = qRound(t.x); x <= qRound(t.xEnd); ++x)
                for (int k = 0; k < 4; ++k)
                    p.fillRect(QRect(x - 3 + k, y + k, 7 - 2 * k, 1), style.tick);
        }
    }
    QVERIFY2(image == expected, qPrintable(firstDifference(image, expected)));
}

QTEST_MAIN(TstSpanRaster)
#include "tst_span_raster.moc"
