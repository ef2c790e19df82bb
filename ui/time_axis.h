#pragma once
// Maps trace time (absolute CLOCK_MONOTONIC ns) to pixels and back for the
// visible range. A value type, so the timeline, the charts under it and the
// exporters can each hold a copy and stay in step through visibleRangeChanged.
#include <QString>

#include <cstdint>
#include <vector>

namespace cl::ui {

class TimeAxis {
public:
    // Below a microsecond the events' own clock-read cost (~24 ns) dominates
    // and the picture stops meaning anything.
    static constexpr std::uint64_t kMinSpanNs = 1000;

    TimeAxis() = default;
    TimeAxis(std::uint64_t begin, std::uint64_t end, double width, double left = 0.0);

    std::uint64_t begin() const { return m_begin; }
    std::uint64_t end() const { return m_end; }
    std::uint64_t span() const { return m_end - m_begin; }
    double left() const { return m_left; }
    double width() const { return m_width; }
    double right() const { return m_left + m_width; }
    double nsPerPixel() const { return double(span()) / m_width; }

    // x for a time; times outside the range map outside [left, right].
    double xOf(std::uint64_t timeNs) const;
    // Width in pixels of a duration.
    double widthOf(std::uint64_t durationNs) const { return double(durationNs) / nsPerPixel(); }
    // Time under a pixel, saturated to [0, UINT64_MAX].
    std::uint64_t timeAt(double x) const;

    void setGeometry(double left, double width);
    // Sets [begin, end), widened to kMinSpanNs and kept inside the limits.
    void setRange(std::uint64_t begin, std::uint64_t end);
    void fit(std::uint64_t begin, std::uint64_t end) { setRange(begin, end); }
    // factor > 1 zooms in; the time under x stays under x.
    void zoomAround(double x, double factor);
    // Positive dx drags the content right, i.e. shows earlier times.
    void pan(double dxPixels);

    // Optional bounds for pan and zoom-out (both 0: unbounded). A range wider
    // than the limits is shrunk to them.
    void setLimits(std::uint64_t lo, std::uint64_t hi);
    std::uint64_t limitLo() const { return m_limitLo; }
    std::uint64_t limitHi() const { return m_limitHi; }
    bool hasLimits() const { return m_limitHi > m_limitLo; }

    bool operator==(const TimeAxis &o) const = default;

private:
    void applyRange(double beginOffset, double span);

    std::uint64_t m_begin = 0;
    std::uint64_t m_end = kMinSpanNs;
    double m_width = 100.0;
    double m_left = 0.0;
    std::uint64_t m_limitLo = 0;
    std::uint64_t m_limitHi = 0;
};

struct AxisTick {
    std::uint64_t time = 0; // absolute ns
    double x = 0.0;
    QString label;          // relative to the origin given to axisTicks()
};

// A 1-2-5 step (in ns) so that ticks are at least minSpacingPx apart.
std::uint64_t niceTickStep(const TimeAxis &axis, double minSpacingPx);
// Ticks at multiples of the nice step, counted from origin (the trace begin),
// labelled "0", "5 ms", "1.25 s"... with as many decimals as the step needs.
std::vector<AxisTick> axisTicks(const TimeAxis &axis, std::uint64_t origin, double minSpacingPx = 80.0);

// "850 ns", "12.3 µs", "4.56 ms", "1.234 s": three significant digits, for
// durations in tooltips, legends and summaries.
QString formatDuration(std::uint64_t ns);
// A moment as an offset from the trace begin, to the microsecond, in the
// largest unit that keeps it readable: "0.250 ms", "1.234567 s".
QString formatInstant(std::int64_t offsetNs);
// An offset from the trace begin in unitNs (1, 1000, 1e6 or 1e9; 0: picked
// from the step) with as many decimals as consecutive steps need to differ.
QString formatOffset(std::int64_t ns, std::uint64_t stepNs, std::uint64_t unitNs = 0);

} // namespace cl::ui
