#pragma once
// Splitting one frame's work (building rows, writing span pixels) between
// the machine's cores. A zoomed-out frame of hundreds of rows holds about a
// hundred thousand rectangles; rows are independent, and so are disjoint
// bands of scanlines, so the work divides without locks. Small frames stay
// on the calling thread: handing work over costs more than they do.
#include <cstddef>
#include <functional>
#include <latch>

class QThreadPool;

namespace cl::ui {

// How many parts a frame of `work` items is split into: `requested` when it
// is not 0, else one for small frames and up to four (as many as there are
// cores) for big ones.
int frameThreads(std::size_t work, int requested = 0);

// The threads frames share, kept between frames: starting threads for each
// one would cost a good part of a small frame.
QThreadPool &framePool();
// Queues job on the pool; false when no thread is free for it now.
bool startFrameJob(QThreadPool &pool, std::function<void()> job);

// job(0) .. job(n - 1), job(0) on the calling thread; returns when all are
// done. A part no pool thread is free for runs here instead.
template<typename Job>
void runParts(int n, Job &&job)
{
    if (n <= 1) {
        if (n == 1)
            job(0);
        return;
    }
    std::latch done(n - 1);
    // Waits even when a part on this thread throws: the parts on the pool
    // hold references to this frame's data.
    struct WaitForParts {
        std::latch &parts;
        ~WaitForParts() { parts.wait(); }
    } waitForParts{done};
    QThreadPool &pool = framePool();
    for (int k = 1; k < n; ++k) {
        if (!startFrameJob(pool, [&job, &done, k] {
                job(k);
                done.count_down();
            })) {
            try {
                job(k);
            } catch (...) {
                // This part and the ones not handed out will not count.
                done.count_down(n - k);
                throw;
            }
            done.count_down();
        }
    }
    job(0);
}

} // namespace cl::ui
