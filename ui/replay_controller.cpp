#include "ui/replay_controller.h"

#include <algorithm>
#include <cmath>

namespace cl::ui {

ReplayController::ReplayController(QObject *parent) : QObject(parent)
{
    m_timer.setInterval(16); // a frame at 60 Hz
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &ReplayController::tick);
}

void ReplayController::setRange(quint64 beginNs, quint64 endNs)
{
    m_begin = beginNs;
    m_end = std::max(beginNs, endNs);
    if (!isEnabled()) {
        reset();
        return;
    }
    if (m_position != 0)
        setPosition(m_position);
}

void ReplayController::setPosition(quint64 timeNs)
{
    if (!isEnabled())
        return;
    const quint64 t = std::clamp(timeNs, m_begin, m_end);
    m_carry = 0.0;
    if (t == m_position)
        return;
    m_position = t;
    Q_EMIT positionChanged(t);
}

void ReplayController::setSpeed(double speed)
{
    const double s = std::clamp(std::isfinite(speed) ? speed : 1.0, kSpeeds.front(), kSpeeds.back());
    if (s == m_speed)
        return;
    m_speed = s;
    Q_EMIT speedChanged(s);
}

void ReplayController::play()
{
    if (!isEnabled() || m_playing)
        return;
    if (m_position == 0 || m_position >= m_end)
        setPosition(m_begin);
    m_playing = true;
    m_clock.start();
    m_timer.start();
    Q_EMIT playingChanged(true);
}

void ReplayController::pause()
{
    if (!m_playing)
        return;
    m_playing = false;
    m_timer.stop();
    Q_EMIT playingChanged(false);
}

void ReplayController::togglePlay()
{
    m_playing ? pause() : play();
}

void ReplayController::reset()
{
    pause();
    m_carry = 0.0;
    if (m_position != 0) {
        m_position = 0;
        Q_EMIT positionChanged(0);
    }
}

void ReplayController::advance(qint64 wallNs)
{
    if (!isEnabled() || wallNs <= 0)
        return;
    const double step = double(wallNs) * m_speed + m_carry;
    const auto whole = quint64(std::floor(step));
    const double carry = step - double(whole);
    const quint64 from = std::max(m_position, m_begin);
    const quint64 to = m_end - from < whole ? m_end : from + whole;
    setPosition(to);
    m_carry = carry;
    if (to >= m_end && m_playing) {
        pause();
        Q_EMIT finished();
    }
}

void ReplayController::tick()
{
    advance(m_clock.nsecsElapsed());
    m_clock.restart();
}

} // namespace cl::ui
