#include "ui/trace_file_loader.h"

#include <QTimer>

namespace cl::ui {

TraceFileLoader::TraceFileLoader(QObject *parent) : QObject(parent), m_timer(new QTimer(this))
{
    m_timer->setInterval(50);
    connect(m_timer, &QTimer::timeout, this, &TraceFileLoader::poll);
}

TraceFileLoader::~TraceFileLoader()
{
    cancel();
    if (m_thread.joinable())
        m_thread.join();
}

bool TraceFileLoader::start(const QString &path, quint64 itemLimit)
{
    if (m_thread.joinable())
        return false;
    m_path = path;
    m_store = trace::TraceStore();
    m_store.setItemLimit(itemLimit);
    m_report = trace::TraceLoadReport();
    m_cancel = false;
    m_done = false;
    m_bytesDone = 0;
    m_bytesTotal = 0;
    // The thread owns m_store and m_report until it sets m_done.
    m_thread = std::thread([this] {
        trace::TraceLoadControl control;
        control.cancel = &m_cancel;
        control.progress = [this](std::uint64_t done, std::uint64_t total) {
            m_bytesDone.store(done, std::memory_order_relaxed);
            m_bytesTotal.store(total, std::memory_order_relaxed);
        };
        m_report = trace::loadChromeTrace(m_path, m_store, control);
        m_done.store(true, std::memory_order_release);
    });
    m_timer->start();
    return true;
}

void TraceFileLoader::cancel() { m_cancel.store(true, std::memory_order_relaxed); }

void TraceFileLoader::poll()
{
    if (!m_done.load(std::memory_order_acquire)) {
        if (const quint64 total = m_bytesTotal.load(std::memory_order_relaxed); total > 0)
            Q_EMIT progress(m_bytesDone.load(std::memory_order_relaxed), total);
        return;
    }
    m_timer->stop();
    m_thread.join();
    Q_EMIT finished();
}

} // namespace cl::ui
