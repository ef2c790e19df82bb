#include "ui/frame_threads.h"

#include <QThread>
#include <QThreadPool>

#include <algorithm>

namespace cl::ui {

int frameThreads(std::size_t work, int requested)
{
    if (requested > 0)
        return requested;
    constexpr std::size_t kItemsPerPart = 16'000;
    if (work < 2 * kItemsPerPart)
        return 1;
    const auto cores = std::size_t(std::max(1, QThread::idealThreadCount()));
    return int(std::min({cores, std::size_t(4), work / kItemsPerPart}));
}

QThreadPool &framePool()
{
    static QThreadPool pool;
    static const bool sized = [] {
        // The calling thread takes one part itself.
        pool.setMaxThreadCount(std::max(1, std::min(3, QThread::idealThreadCount() - 1)));
        return true;
    }();
    (void)sized;
    return pool;
}

bool startFrameJob(QThreadPool &pool, std::function<void()> job)
{
    return pool.tryStart(std::move(job));
}

} // namespace cl::ui
