#include "ui/state_palette.h"

#include <QCoreApplication>

namespace cl::ui {

namespace {
using trace::SpanState;

// Based on the Okabe-Ito set, which stays distinguishable under the common
// colour-vision deficiencies; where the set had no slot left, the extra hue
// differs in lightness too (grey sleep, brown zombie).
const std::array<StateStyle, std::size_t(SpanState::Count)> kStyles = {{
    {QColor(0x2f, 0xa8, 0x6a), QColor(Qt::white), QT_TRANSLATE_NOOP("cl::ui::StatePalette", "running"),
     QT_TRANSLATE_NOOP("cl::ui::StatePalette", "Alive and computing, or ready to run.")},
    {QColor(0xe0, 0x4f, 0x1b), QColor(Qt::white), QT_TRANSLATE_NOOP("cl::ui::StatePalette", "waiting for lock"),
     QT_TRANSLATE_NOOP("cl::ui::StatePalette", "Blocked in acquire() while another worker holds the lock.")},
    {QColor(0x2c, 0x5d, 0xc9), QColor(Qt::white), QT_TRANSLATE_NOOP("cl::ui::StatePalette", "holding lock"),
     QT_TRANSLATE_NOOP("cl::ui::StatePalette", "Inside the critical section: the lock is held.")},
    {QColor(0xc5, 0x5a, 0xa3), QColor(Qt::white), QT_TRANSLATE_NOOP("cl::ui::StatePalette", "queue full"),
     QT_TRANSLATE_NOOP("cl::ui::StatePalette", "Blocked in put(): the bounded queue is full.")},
    {QColor(0x4f, 0xb3, 0xe8), QColor(0x10, 0x20, 0x30), QT_TRANSLATE_NOOP("cl::ui::StatePalette", "queue empty"),
     QT_TRANSLATE_NOOP("cl::ui::StatePalette", "Blocked in get(): the queue is empty.")},
    {QColor(0xa9, 0xad, 0xb3), QColor(0x20, 0x20, 0x20), QT_TRANSLATE_NOOP("cl::ui::StatePalette", "sleep / I/O"),
     QT_TRANSLATE_NOOP("cl::ui::StatePalette", "Sleeping or waiting for I/O; the CPU is free for others.")},
    {QColor(0xf2, 0xc2, 0x1b), QColor(0x30, 0x28, 0x00), QT_TRANSLATE_NOOP("cl::ui::StatePalette", "starting"),
     QT_TRANSLATE_NOOP("cl::ui::StatePalette", "Being created: fork, spawn or fork-server latency.")},
    {QColor(0xf0, 0x9a, 0x2a), QColor(0x30, 0x18, 0x00), QT_TRANSLATE_NOOP("cl::ui::StatePalette", "waiting for GIL"),
     QT_TRANSLATE_NOOP("cl::ui::StatePalette", "A modelled Python thread waiting for the global interpreter lock.")},
    {QColor(0x6b, 0x4a, 0x3a), QColor(Qt::white), QT_TRANSLATE_NOOP("cl::ui::StatePalette", "zombie"),
     QT_TRANSLATE_NOOP("cl::ui::StatePalette", "Exited, but the parent has not reaped it yet (state Z).")},
    {QColor(0xe8, 0xe4, 0xd8), QColor(0x30, 0x30, 0x30), QT_TRANSLATE_NOOP("cl::ui::StatePalette", "suspended"),
     QT_TRANSLATE_NOOP("cl::ui::StatePalette", "A coroutine that is not running: ready to run, switched away from, "
                                               "or awaiting another coroutine. Its thread runs another one.")},
}};

// Dark, saturated hues that read as text on white and stay apart from each
// other; past the table, golden-angle hue steps keep neighbours distinct.
constexpr QRgb kWorkerColors[] = {
    0x1f77b4, 0xd62728, 0x2ca02c, 0x9467bd, 0xe07b00, 0x17becf,
    0x8c564b, 0xe377c2, 0x6b8e23, 0x3f51b5, 0xb8860b, 0x7f7f7f,
};
} // namespace

const std::array<SpanState, std::size_t(SpanState::Count)> &allSpanStates()
{
    static const std::array<SpanState, std::size_t(SpanState::Count)> states = {
        SpanState::Running,        SpanState::LockWait, SpanState::LockHold,
        SpanState::QueueFullWait,  SpanState::QueueEmptyWait, SpanState::Sleep,
        SpanState::Starting,       SpanState::GilWait,  SpanState::Zombie,
        SpanState::Suspended,
    };
    return states;
}

const std::array<StateStyle, std::size_t(SpanState::Count)> &statePalette()
{
    return kStyles;
}

const StateStyle &stateStyle(SpanState state)
{
    const auto i = std::size_t(state);
    return kStyles[i < kStyles.size() ? i : 0];
}

QColor stateColor(SpanState state)
{
    return stateStyle(state).fill;
}

QString stateDisplayName(SpanState state)
{
    return QCoreApplication::translate("cl::ui::StatePalette", stateStyle(state).name);
}

QString stateDescription(SpanState state)
{
    return QCoreApplication::translate("cl::ui::StatePalette", stateStyle(state).description);
}

QColor workerColor(int index)
{
    if (index < 0)
        index = -index;
    constexpr int n = int(std::size(kWorkerColors));
    if (index < n)
        return QColor::fromRgb(kWorkerColors[index]);
    const int hue = int((index - n) * 137.508) % 360;
    return QColor::fromHsv(hue, 200, 170);
}

} // namespace cl::ui
