// A frame's work split into parts (ui/frame_threads.h): every part runs
// exactly once, the call returns only when all are done, big frames get
// more than one part and small ones one, and a part that throws on the
// calling thread still waits for the parts on the pool before the error
// goes on.
#include "ui/frame_threads.h"

#include <QTest>
#include <QThread>

#include <atomic>
#include <stdexcept>
#include <thread>
#include <vector>

using namespace cl;

class TstFrameThreads : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void everyPartRunsOnce_data();
    void everyPartRunsOnce();
    void partsFollowTheWork_data();
    void partsFollowTheWork();
    void aThrowingPartWaitsForTheOthers();
};

void TstFrameThreads::everyPartRunsOnce_data()
{
    QTest::addColumn<int>("parts");
    for (int n : {0, 1, 2, 3, 8})
        QTest::addRow("%d parts", n) << n;
}

void TstFrameThreads::everyPartRunsOnce()
{
    QFETCH(int, parts);
    for (int round = 0; round < 50; ++round) {
        std::vector<std::atomic<int>> runs(std::size_t(std::max(parts, 1)));
        std::vector<std::thread::id> where(runs.size());
        ui::runParts(parts, [&](int k) {
            // Long enough for the pool to take its parts.
            QThread::usleep(200);
            where[std::size_t(k)] = std::this_thread::get_id();
            runs[std::size_t(k)].fetch_add(1);
        });
        for (int k = 0; k < parts; ++k)
            QCOMPARE(runs[std::size_t(k)].load(), 1);
        if (parts > 0)
            QCOMPARE(where[0], std::this_thread::get_id()); // part 0 is the caller's
    }
}

void TstFrameThreads::partsFollowTheWork_data()
{
    QTest::addColumn<qulonglong>("work");
    QTest::addColumn<int>("requested");
    QTest::addColumn<int>("fewest");
    QTest::addColumn<int>("most");
    const int cores = std::max(1, QThread::idealThreadCount());
    QTest::addRow("a small frame") << 1000ull << 0 << 1 << 1;
    QTest::addRow("a big frame") << 100'000ull << 0 << std::min(cores, 4) << std::min(cores, 4);
    QTest::addRow("asked for three") << 10ull << 3 << 3 << 3;
    QTest::addRow("asked for one") << 10'000'000ull << 1 << 1 << 1;
}

void TstFrameThreads::partsFollowTheWork()
{
    QFETCH(qulonglong, work);
    QFETCH(int, requested);
    QFETCH(int, fewest);
    QFETCH(int, most);
    const int parts = ui::frameThreads(std::size_t(work), requested);
    QVERIFY2(parts >= fewest && parts <= most, qPrintable(QString::number(parts)));
}

void TstFrameThreads::aThrowingPartWaitsForTheOthers()
{
    std::atomic<int> finished{0};
    bool thrown = false;
    try {
        ui::runParts(3, [&](int k) {
            if (k == 0)
                throw std::runtime_error("part 0");
            QThread::msleep(30);
            finished.fetch_add(1);
        });
    } catch (const std::runtime_error &) {
        thrown = true;
    }
    QVERIFY(thrown);
    // Both other parts had finished when the error reached us.
    QCOMPARE(finished.load(), 2);
}

QTEST_GUILESS_MAIN(TstFrameThreads)
#include "tst_frame_threads.moc"
