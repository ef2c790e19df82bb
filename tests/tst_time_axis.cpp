// The time <-> pixel mapping every view shares: round trips, zoom keeping the
// time under the cursor, pan, clamps, and the axis labels users read.
#include "ui/time_axis.h"

#include <QTest>

#include <cstdint>

using cl::ui::TimeAxis;

Q_DECLARE_METATYPE(std::uint64_t)

namespace {
constexpr std::uint64_t kMs = 1000000ull;
constexpr std::uint64_t kSec = 1000000000ull;
// Monotonic times on a machine up for ~58 days: well past 2^53 ns would be
// 104 days, so also test one that is.
constexpr std::uint64_t kBoot = 5000000ull * kSec;
constexpr std::uint64_t kHuge = 20000000ull * kSec;
} // namespace

class TstTimeAxis : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void mapping_data();
    void mapping();
    void zoomAround_data();
    void zoomAround();
    void pan_data();
    void pan();
    void clampsMinSpan();
    void precisionAtHugeTimes();
    void limits();
    void fitAndGeometry();
    void tickStep_data();
    void tickStep();
    void tickLabels();
    void formatDuration_data();
    void formatDuration();
};

void TstTimeAxis::mapping_data()
{
    QTest::addColumn<std::uint64_t>("begin");
    QTest::addColumn<std::uint64_t>("end");
    QTest::addColumn<double>("width");
    QTest::addColumn<double>("left");
    QTest::addColumn<std::uint64_t>("time");
    QTest::addColumn<double>("x");

    QTest::newRow("begin maps to left") << kBoot << kBoot + kSec << 1000.0 << 180.0 << kBoot << 180.0;
    QTest::newRow("end maps to right") << kBoot << kBoot + kSec << 1000.0 << 180.0 << kBoot + kSec << 1180.0;
    QTest::newRow("middle") << kBoot << kBoot + 10 * kMs << 500.0 << 0.0 << kBoot + 5 * kMs << 250.0;
    QTest::newRow("before the range is left of it") << kBoot << kBoot + kSec << 1000.0 << 0.0 << kBoot - kSec / 2 << -500.0;
    QTest::newRow("huge absolute times keep ns precision") << kHuge << kHuge + 1000 << 1000.0 << 0.0 << kHuge + 1 << 1.0;
    QTest::newRow("zero origin") << std::uint64_t(0) << 4 * kMs << 400.0 << 10.0 << kMs << 110.0;
}

void TstTimeAxis::mapping()
{
    QFETCH(std::uint64_t, begin);
    QFETCH(std::uint64_t, end);
    QFETCH(double, width);
    QFETCH(double, left);
    QFETCH(std::uint64_t, time);
    QFETCH(double, x);
    const TimeAxis axis(begin, end, width, left);
    QCOMPARE(axis.begin(), begin);
    QCOMPARE(axis.end(), end);
    QVERIFY(qAbs(axis.xOf(time) - x) < 1e-6);
    // timeAt inverts xOf to within one pixel's worth of time.
    const auto back = axis.timeAt(x);
    const auto diff = back > time ? back - time : time - back;
    QVERIFY2(double(diff) <= axis.nsPerPixel(), qPrintable(QString::number(diff)));
}

void TstTimeAxis::zoomAround_data()
{
    QTest::addColumn<double>("x");
    QTest::addColumn<double>("factor");
    QTest::addColumn<std::uint64_t>("expectedSpan");

    QTest::newRow("in x2 at the centre") << 500.0 << 2.0 << 50 * kMs;
    QTest::newRow("in x2 at the left edge") << 0.0 << 2.0 << 50 * kMs;
    QTest::newRow("in x10 near the right") << 900.0 << 10.0 << 10 * kMs;
    QTest::newRow("out x2") << 250.0 << 0.5 << 200 * kMs;
    QTest::newRow("in beyond 1 us clamps") << 300.0 << 1e9 << TimeAxis::kMinSpanNs;
}

void TstTimeAxis::zoomAround()
{
    QFETCH(double, x);
    QFETCH(double, factor);
    QFETCH(std::uint64_t, expectedSpan);
    TimeAxis axis(kBoot, kBoot + 100 * kMs, 1000.0, 0.0);
    const std::uint64_t anchor = axis.timeAt(x);
    axis.zoomAround(x, factor);
    QCOMPARE(axis.span(), expectedSpan);
    // The time under the cursor stays under the cursor.
    QVERIFY2(qAbs(axis.xOf(anchor) - x) < 0.01, qPrintable(QString::number(axis.xOf(anchor))));
}

void TstTimeAxis::pan_data()
{
    QTest::addColumn<double>("dx");
    QTest::addColumn<std::uint64_t>("expectedBegin");

    // 1000 px for 100 ms: 100 us per pixel.
    QTest::newRow("drag right shows earlier") << 100.0 << kBoot - 10 * kMs;
    QTest::newRow("drag left shows later") << -250.0 << kBoot + 25 * kMs;
    QTest::newRow("no move") << 0.0 << kBoot;
}

void TstTimeAxis::pan()
{
    QFETCH(double, dx);
    QFETCH(std::uint64_t, expectedBegin);
    TimeAxis axis(kBoot, kBoot + 100 * kMs, 1000.0, 50.0);
    axis.pan(dx);
    QCOMPARE(axis.begin(), expectedBegin);
    QCOMPARE(axis.span(), 100 * kMs);
}

void TstTimeAxis::clampsMinSpan()
{
    TimeAxis axis(kBoot, kBoot + 10, 800.0);
    QCOMPARE(axis.span(), TimeAxis::kMinSpanNs);
    axis.setRange(kBoot + 50, kBoot); // reversed input is tolerated
    QCOMPARE(axis.begin(), kBoot);
    QCOMPARE(axis.span(), TimeAxis::kMinSpanNs);
    // Panning before time zero stops at zero instead of wrapping around.
    TimeAxis early(kMs, 2 * kMs, 100.0);
    early.pan(1e6);
    QCOMPARE(early.begin(), std::uint64_t(0));
    QCOMPARE(early.span(), kMs);
}

void TstTimeAxis::precisionAtHugeTimes()
{
    // Past 2^53 ns of uptime a double cannot hold an absolute time to the
    // nanosecond; zooming and panning must still be exact to the pixel.
    TimeAxis axis(kHuge + 7, kHuge + 7 + 10000, 1000.0);
    const std::uint64_t anchor = axis.timeAt(333.0);
    axis.zoomAround(333.0, 10.0);
    QCOMPARE(axis.span(), TimeAxis::kMinSpanNs);
    QVERIFY2(qAbs(axis.xOf(anchor) - 333.0) <= 0.5, qPrintable(QString::number(axis.xOf(anchor))));
    const std::uint64_t before = axis.begin();
    axis.pan(-100.0); // 1 ns per pixel: exactly 100 ns later
    QCOMPARE(axis.begin(), before + 100);
}

void TstTimeAxis::limits()
{
    TimeAxis axis(kBoot, kBoot + 10 * kMs, 1000.0);
    axis.setLimits(kBoot, kBoot + 20 * kMs);
    axis.zoomAround(500.0, 0.01); // way out: stops at the limits
    QCOMPARE(axis.begin(), kBoot);
    QCOMPARE(axis.end(), kBoot + 20 * kMs);
    axis.zoomAround(0.0, 4.0);
    QCOMPARE(axis.span(), 5 * kMs);
    axis.pan(-1e6); // far right: pinned to the upper limit
    QCOMPARE(axis.end(), kBoot + 20 * kMs);
    QCOMPARE(axis.span(), 5 * kMs);
    axis.setLimits(0, 0);
    QVERIFY(!axis.hasLimits());
}

void TstTimeAxis::fitAndGeometry()
{
    TimeAxis axis;
    axis.setGeometry(180.0, 620.0);
    axis.fit(kBoot + kMs, kBoot + 3 * kMs);
    QCOMPARE(axis.begin(), kBoot + kMs);
    QCOMPARE(axis.end(), kBoot + 3 * kMs);
    QCOMPARE(axis.left(), 180.0);
    QCOMPARE(axis.right(), 800.0);
    QVERIFY(qAbs(axis.widthOf(kMs) - 310.0) < 1e-9);
}

void TstTimeAxis::tickStep_data()
{
    QTest::addColumn<std::uint64_t>("span");
    QTest::addColumn<double>("width");
    QTest::addColumn<std::uint64_t>("step");

    QTest::newRow("1 s on 1000 px, 80 px apart") << kSec << 1000.0 << 100 * kMs;
    QTest::newRow("10 ms on 600 px") << 10 * kMs << 600.0 << 2 * kMs;
    QTest::newRow("3 s on 1200 px") << 3 * kSec << 1200.0 << 200 * kMs;
    QTest::newRow("5 us on 1000 px") << std::uint64_t(5000) << 1000.0 << std::uint64_t(500);
}

void TstTimeAxis::tickStep()
{
    QFETCH(std::uint64_t, span);
    QFETCH(double, width);
    QFETCH(std::uint64_t, step);
    const TimeAxis axis(kBoot, kBoot + span, width);
    QCOMPARE(cl::ui::niceTickStep(axis, 80.0), step);
}

void TstTimeAxis::tickLabels()
{
    // Labels count from the trace begin, not from the view begin.
    const TimeAxis axis(kBoot + 250 * kMs, kBoot + 1750 * kMs, 600.0, 100.0);
    const auto ticks = cl::ui::axisTicks(axis, kBoot, 150.0);
    QVERIFY(ticks.size() >= 3);
    QCOMPARE(ticks.front().time, kBoot + 500 * kMs);
    QCOMPARE(ticks.front().label, QStringLiteral("0.5 s"));
    QCOMPARE(ticks[1].label, QStringLiteral("1.0 s"));
    QCOMPARE(ticks.back().label, QStringLiteral("1.5 s"));
    for (const auto &t : ticks)
        QVERIFY(t.x >= axis.left() && t.x <= axis.right());

    const TimeAxis small(kBoot, kBoot + 10 * kMs, 600.0);
    const auto msTicks = cl::ui::axisTicks(small, kBoot, 80.0);
    QCOMPARE(msTicks.front().label, QStringLiteral("0"));
    QCOMPARE(msTicks[1].label, QStringLiteral("2 ms"));
}

void TstTimeAxis::formatDuration_data()
{
    QTest::addColumn<std::uint64_t>("ns");
    QTest::addColumn<QString>("text");
    QTest::newRow("ns") << std::uint64_t(850) << QStringLiteral("850 ns");
    QTest::newRow("us") << std::uint64_t(12345) << QStringLiteral("12.3 µs");
    QTest::newRow("ms") << std::uint64_t(4560000) << QStringLiteral("4.56 ms");
    QTest::newRow("s") << std::uint64_t(1234000000) << QStringLiteral("1.23 s");
    QTest::newRow("hundreds") << std::uint64_t(250 * kMs) << QStringLiteral("250 ms");
}

void TstTimeAxis::formatDuration()
{
    QFETCH(std::uint64_t, ns);
    QFETCH(QString, text);
    QCOMPARE(cl::ui::formatDuration(ns), text);
}

QTEST_MAIN(TstTimeAxis)
#include "tst_time_axis.moc"
