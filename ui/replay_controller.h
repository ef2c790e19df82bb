#pragma once
// Replay of a finished run: a playhead that moves through the run at a
// chosen speed (0.25x to 8x real time) or is put somewhere by hand. Views
// follow positionChanged: the timeline draws it, the console greys what was
// not printed yet, the counters show their value at it.
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <array>

namespace cl::ui {

class ReplayController : public QObject {
    Q_OBJECT
public:
    static constexpr std::array<double, 6> kSpeeds{0.25, 0.5, 1.0, 2.0, 4.0, 8.0};

    explicit ReplayController(QObject *parent = nullptr);

    // The run's extent (absolute ns). An empty range disables replay.
    void setRange(quint64 beginNs, quint64 endNs);
    quint64 rangeBegin() const { return m_begin; }
    quint64 rangeEnd() const { return m_end; }
    bool isEnabled() const { return m_end > m_begin; }

    quint64 position() const { return m_position; }
    double speed() const { return m_speed; }
    bool isPlaying() const { return m_playing; }

    // Moves by wallNs of real time at the current speed; what the timer
    // calls, and tests call directly so they need no clock.
    void advance(qint64 wallNs);

public Q_SLOTS:
    void setPosition(quint64 timeNs); // clamped to the range
    // Clamped to [0.25, 8].
    void setSpeed(double speed);
    // From the start again when at the end.
    void play();
    void pause();
    void togglePlay();
    // Back to no replay: position 0, paused.
    void reset();

Q_SIGNALS:
    void positionChanged(quint64 timeNs);
    void speedChanged(double speed);
    void playingChanged(bool playing);
    void finished(); // reached the end while playing

private:
    void tick();

    QTimer m_timer;
    QElapsedTimer m_clock;
    quint64 m_begin = 0;
    quint64 m_end = 0;
    quint64 m_position = 0;
    double m_speed = 1.0;
    double m_carry = 0.0; // sub-nanosecond remainder between ticks
    bool m_playing = false;
};

} // namespace cl::ui
