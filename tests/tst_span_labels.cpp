// The name of a span's object (a pool task, a lock) is drawn inside the span
// when the span is wide enough to read it, and not at all when it is not.
#include "trace_builder.h"
#include "ui/state_palette.h"
#include "ui/timeline_painter.h"

#include <QImage>
#include <QPainter>
#include <QTest>

using namespace cl;
using trace::EventKind;
using trace::SpanState;

namespace {
constexpr std::uint64_t kT0 = 5000000000000ull;
using cl::tests::kMs;
constexpr std::uint32_t kTask = 17;
constexpr std::uint32_t kLock = 42;

trace::Event ev(EventKind kind, std::int32_t pid, std::uint64_t t, std::uint8_t arg = 0, std::uint32_t object = 0,
                std::int64_t value = 0)
{
    return cl::tests::ev(kind, pid, pid, t, arg, object, value);
}

// A pool worker runs "task 17", a buyer holds "ticket lock", a third worker
// runs something unnamed; each span lasts 1..9 ms.
void fill(trace::TraceStore &store)
{
    store.addString(1, "pool worker 1");
    store.addString(2, "buyer-1");
    store.addString(3, "worker-3");
    store.addString(4, "task 17");
    store.addString(5, "ticket lock");
    store.addEvents({
        ev(EventKind::ObjectName, 0, kT0, 0, kTask, 4),
        ev(EventKind::ObjectName, 0, kT0, 0, kLock, 5),
        ev(EventKind::WorkerStart, 101, kT0, 0, 1, 100),
        ev(EventKind::WorkerStart, 102, kT0, 0, 2, 100),
        ev(EventKind::WorkerStart, 103, kT0, 0, 3, 100),
        ev(EventKind::SpanBegin, 101, kT0 + 1 * kMs, std::uint8_t(SpanState::Running), kTask),
        ev(EventKind::SpanBegin, 102, kT0 + 1 * kMs, std::uint8_t(SpanState::LockHold), kLock),
        ev(EventKind::SpanBegin, 103, kT0 + 1 * kMs, std::uint8_t(SpanState::Running), 0),
        ev(EventKind::SpanEnd, 101, kT0 + 9 * kMs, std::uint8_t(SpanState::Running), kTask),
        ev(EventKind::SpanEnd, 102, kT0 + 9 * kMs, std::uint8_t(SpanState::LockHold), kLock),
        ev(EventKind::SpanEnd, 103, kT0 + 9 * kMs, std::uint8_t(SpanState::Running), 0),
        ev(EventKind::WorkerExit, 101, kT0 + 10 * kMs),
        ev(EventKind::WorkerExit, 102, kT0 + 10 * kMs),
        ev(EventKind::WorkerExit, 103, kT0 + 10 * kMs),
    });
}
} // namespace

class TestSpanLabels : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void labelsOnlyWhereTheyFit_data()
    {
        QTest::addColumn<qint64>("visibleMs"); // the 8 ms spans share 600 px with this much time
        QTest::addColumn<QStringList>("labels");
        const QStringList all{QStringLiteral("task 17"), QStringLiteral("ticket lock"), ui::stateDisplayName(SpanState::Running)};
        QTest::newRow("zoomed in: 480 px") << qint64(10) << all;
        QTest::newRow("100 px") << qint64(48) << all;
        QTest::newRow("24 px: too narrow") << qint64(200) << QStringList{};
        QTest::newRow("zoomed out: under a pixel") << qint64(10000) << QStringList{};
    }

    void labelsOnlyWhereTheyFit()
    {
        QFETCH(qint64, visibleMs);
        QFETCH(QStringList, labels);
        trace::TraceStore store;
        fill(store);
        const auto layout = ui::TimelineLayout::build(store);
        const double width = 600.0;
        const ui::TimeAxis axis(kT0, kT0 + std::uint64_t(visibleMs) * kMs, width, layout.labelWidth());
        const auto list = ui::buildDrawList(store, layout, axis);
        const ui::TimelinePainter painter;
        const auto found = painter.spanLabels(list, &store);
        QStringList texts;
        for (const auto &l : found) {
            texts << l.text;
            // Inside its own span.
            const QRectF span = list.spans[l.span].rect;
            QVERIFY(span.contains(l.rect.center()));
            QVERIFY(l.rect.right() <= span.right());
        }
        texts.sort();
        labels.sort();
        QCOMPARE(texts, labels);
        // Without the store there are no names to show, only states.
        for (const auto &l : painter.spanLabels(list, nullptr))
            QVERIFY(l.text != QLatin1String("task 17") && l.text != QLatin1String("ticket lock"));
    }

    void labelIsPainted()
    {
        trace::TraceStore store;
        fill(store);
        const auto layout = ui::TimelineLayout::build(store);
        const ui::TimeAxis axis(kT0, kT0 + 10 * kMs, 600.0, layout.labelWidth());
        const auto list = ui::buildDrawList(store, layout, axis);
        const ui::TimelinePainter painter;
        QImage image(int(axis.right()) + 10, layout.contentHeight() + 10, QImage::Format_RGB32);
        image.fill(painter.style().background);
        {
            QPainter p(&image);
            painter.paintRows(p, list, &store);
        }
        // Text pixels (not the span's own colour) inside the label, none to
        // the right of it in the same span.
        const auto labels = painter.spanLabels(list, &store);
        QVERIFY(!labels.empty());
        for (const auto &l : labels) {
            const QColor fill = ui::stateColor(list.spans[l.span].state);
            const auto differs = [&](const QRectF &r) {
                int n = 0;
                for (int y = int(r.top()) + 2; y < int(r.bottom()) - 2; ++y)
                    for (int x = int(r.left()) + 1; x < int(r.right()) - 1; ++x)
                        n += QColor::fromRgb(image.pixel(x, y)) != fill;
                return n;
            };
            const QRectF span = list.spans[l.span].rect;
            const double textWidth = QFontMetricsF(painter.style().smallFont).horizontalAdvance(l.text);
            QVERIFY2(differs(QRectF(l.rect.left(), span.top(), textWidth, span.height())) > 10, qPrintable(l.text));
            const QRectF beyond(l.rect.left() + textWidth + 4.0, span.top(), span.right() - 8.0 - (l.rect.left() + textWidth + 4.0),
                                span.height());
            QCOMPARE(differs(beyond), 0);
        }
    }
};

QTEST_MAIN(TestSpanLabels)
#include "tst_span_labels.moc"
