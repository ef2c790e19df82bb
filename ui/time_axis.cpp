#include "ui/time_axis.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <limits>

namespace cl::ui {

namespace {
// Wider than any trace (146 years) and far from llround's limits.
constexpr double kMaxSpan = 4.6e18;

double signedDiff(std::uint64_t a, std::uint64_t b)
{
    return a >= b ? double(a - b) : -double(b - a);
}

// Units are SI symbols, but the number/unit order and spacing are a
// translator's call, so the whole pattern goes through translate().
QString withUnit(double value, int decimals, std::uint64_t unitNs)
{
    const QString number = QString::number(value, 'f', decimals);
    switch (unitNs) {
    case 1:
        return QCoreApplication::translate("cl::ui::TimeAxis", "%1 ns").arg(number);
    case 1000:
        return QCoreApplication::translate("cl::ui::TimeAxis", "%1 µs").arg(number);
    case 1000000:
        return QCoreApplication::translate("cl::ui::TimeAxis", "%1 ms").arg(number);
    default:
        return QCoreApplication::translate("cl::ui::TimeAxis", "%1 s").arg(number);
    }
}

std::uint64_t unitFor(std::uint64_t ns)
{
    if (ns >= 1000000000ull)
        return 1000000000ull;
    if (ns >= 1000000ull)
        return 1000000ull;
    if (ns >= 1000ull)
        return 1000ull;
    return 1;
}
} // namespace

TimeAxis::TimeAxis(std::uint64_t begin, std::uint64_t end, double width, double left)
{
    setGeometry(left, width);
    setRange(begin, end);
}

double TimeAxis::xOf(std::uint64_t timeNs) const
{
    // Subtract in integers first: absolute monotonic times exceed the 53-bit
    // mantissa after a few months of uptime, offsets never do.
    return m_left + signedDiff(timeNs, m_begin) * m_width / double(span());
}

std::uint64_t TimeAxis::timeAt(double x) const
{
    const double offset = (x - m_left) * double(span()) / m_width;
    if (offset >= 0.0) {
        const double room = double(std::numeric_limits<std::uint64_t>::max() - m_begin);
        return offset >= room ? std::numeric_limits<std::uint64_t>::max() : m_begin + std::uint64_t(std::llround(offset));
    }
    const double back = -offset;
    return back >= double(m_begin) ? 0 : m_begin - std::uint64_t(std::llround(back));
}

void TimeAxis::setGeometry(double left, double width)
{
    m_left = left;
    m_width = std::max(1.0, width);
}

void TimeAxis::setRange(std::uint64_t begin, std::uint64_t end)
{
    if (end < begin)
        std::swap(begin, end);
    applyRange(signedDiff(begin, m_begin), double(end - begin));
    // Integers in, integers out when nothing had to be clamped, so a range
    // shared between views round-trips exactly.
    if (end - begin >= kMinSpanNs && (!hasLimits() || (begin >= m_limitLo && end <= m_limitHi))) {
        m_begin = begin;
        m_end = end;
    }
}

void TimeAxis::setLimits(std::uint64_t lo, std::uint64_t hi)
{
    m_limitLo = lo;
    m_limitHi = hi < lo ? lo : hi;
    if (hasLimits() && m_limitHi - m_limitLo < kMinSpanNs)
        m_limitHi = m_limitLo + kMinSpanNs;
    applyRange(0.0, double(span()));
}

void TimeAxis::zoomAround(double x, double factor)
{
    if (!(factor > 0.0) || !std::isfinite(factor))
        return;
    const double fraction = std::clamp((x - m_left) / m_width, 0.0, 1.0);
    const double newSpan = std::max(double(kMinSpanNs), double(span()) / factor);
    applyRange(fraction * (double(span()) - newSpan), newSpan);
}

void TimeAxis::pan(double dxPixels)
{
    applyRange(-dxPixels * nsPerPixel(), double(span()));
}

void TimeAxis::applyRange(double beginOffset, double span)
{
    // Offsets from the current begin, never absolute times, stay exact in a
    // double: absolute ns pass 2^53 after ~104 days of uptime.
    const double lo = signedDiff(hasLimits() ? m_limitLo : 0, m_begin);
    const double hi = signedDiff(hasLimits() ? m_limitHi : std::numeric_limits<std::uint64_t>::max(), m_begin);
    span = std::clamp(span, double(kMinSpanNs), std::min(kMaxSpan, hi - lo));
    beginOffset = std::max(lo, std::min(beginOffset, hi - span));
    beginOffset = std::clamp(beginOffset, -kMaxSpan, kMaxSpan); // keeps llround defined
    const auto offset = std::llround(beginOffset);
    m_begin = offset >= 0 ? m_begin + std::uint64_t(offset) : m_begin - std::uint64_t(-offset);
    const auto width = std::uint64_t(std::llround(span));
    const std::uint64_t room = std::numeric_limits<std::uint64_t>::max() - m_begin;
    m_end = m_begin + std::min(width, room);
    if (m_end - m_begin < kMinSpanNs)
        m_begin = m_end - kMinSpanNs;
}

std::uint64_t niceTickStep(const TimeAxis &axis, double minSpacingPx)
{
    const double minStep = std::max(1.0, axis.nsPerPixel() * std::max(1.0, minSpacingPx));
    std::uint64_t magnitude = 1;
    while (double(magnitude) * 10.0 <= minStep && magnitude < 1000000000000000000ull)
        magnitude *= 10;
    for (std::uint64_t m : {1ull, 2ull, 5ull, 10ull}) {
        if (double(magnitude * m) >= minStep)
            return magnitude * m;
    }
    return magnitude * 10;
}

std::vector<AxisTick> axisTicks(const TimeAxis &axis, std::uint64_t origin, double minSpacingPx)
{
    std::vector<AxisTick> ticks;
    const std::uint64_t step = niceTickStep(axis, minSpacingPx);
    // Ticks sit at origin + k*step; k may be negative when the view starts
    // before the trace.
    const std::int64_t first = axis.begin() >= origin
                                   ? std::int64_t((axis.begin() - origin + step - 1) / step)
                                   : -std::int64_t((origin - axis.begin()) / step);
    // One unit for the whole axis, picked by the largest offset shown, so the
    // labels read "0.5 s, 1 s, 1.5 s" rather than "500 ms, 1 s".
    const std::uint64_t farthest = std::max(axis.end() > origin ? axis.end() - origin : 0,
                                            axis.begin() < origin ? origin - axis.begin() : 0);
    const std::uint64_t unit = unitFor(std::max(farthest, step));
    for (std::int64_t k = first;; ++k) {
        const std::int64_t offset = k * std::int64_t(step);
        if (offset < 0 && std::uint64_t(-offset) > origin)
            continue;
        const std::uint64_t t = offset >= 0 ? origin + std::uint64_t(offset) : origin - std::uint64_t(-offset);
        if (t > axis.end())
            break;
        ticks.push_back(AxisTick{t, axis.xOf(t), formatOffset(offset, step, unit)});
        if (ticks.size() > 1000) // a pathological width; never loop unbounded
            break;
    }
    return ticks;
}

QString formatDuration(std::uint64_t ns)
{
    const std::uint64_t unit = unitFor(ns);
    const double value = double(ns) / double(unit);
    const int decimals = unit == 1 ? 0 : value >= 100.0 ? 0 : value >= 10.0 ? 1 : 2;
    return withUnit(value, decimals, unit);
}

QString formatInstant(std::int64_t offsetNs)
{
    const std::uint64_t magnitude = offsetNs < 0 ? std::uint64_t(-offsetNs) : std::uint64_t(offsetNs);
    const std::uint64_t unit = std::max<std::uint64_t>(1000, unitFor(magnitude));
    return formatOffset(offsetNs, 1000, unit);
}

QString formatOffset(std::int64_t ns, std::uint64_t stepNs, std::uint64_t unit)
{
    if (ns == 0)
        return QStringLiteral("0");
    if (unit == 0)
        unit = unitFor(stepNs);
    // Enough decimals that consecutive ticks differ: a 250 µs step in ms needs 2.
    int decimals = 0;
    for (std::uint64_t s = unit; decimals < 9 && s > 1 && stepNs % s != 0; s /= 10)
        ++decimals;
    return withUnit(double(ns) / double(unit), decimals, unit);
}

} // namespace cl::ui
