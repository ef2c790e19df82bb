#pragma once
// Loads a trace file on a thread of its own, so the window stays responsive
// and a large file can be cancelled. The store is filled off the GUI thread
// and handed over only once complete; progress and the end are signalled on
// the thread that owns the loader.
#include "core/trace/chrome_trace_reader.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <thread>

class QTimer;

namespace cl::ui {

class TraceFileLoader : public QObject {
    Q_OBJECT
public:
    explicit TraceFileLoader(QObject *parent = nullptr);
    ~TraceFileLoader() override; // cancels and waits

    // False while another load is running.
    bool start(const QString &path, quint64 itemLimit);
    void cancel();
    bool isLoading() const { return m_thread.joinable(); }
    QString path() const { return m_path; }
    // After finished(): the result. takeStore() leaves the loader empty.
    const trace::TraceLoadReport &report() const { return m_report; }
    trace::TraceStore takeStore() { return std::move(m_store); }

Q_SIGNALS:
    void progress(quint64 done, quint64 total);
    void finished();

private:
    void poll();

    QString m_path;
    trace::TraceStore m_store;
    trace::TraceLoadReport m_report;
    std::thread m_thread;
    std::atomic<bool> m_cancel{false};
    std::atomic<bool> m_done{false};
    std::atomic<quint64> m_bytesDone{0};
    std::atomic<quint64> m_bytesTotal{0};
    QTimer *m_timer = nullptr;
};

} // namespace cl::ui
