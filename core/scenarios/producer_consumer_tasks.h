#pragma once
// The worker bodies of the producer/consumer lesson. They run in forked
// children or in threads, so no Qt. What they really did is written to
// shared memory, and the main process checks exactly-once from it.
#include "core/runtime/worker_env.h"

#include <atomic>
#include <cstdint>
#include <pthread.h>

namespace cl::scenarios {

// One per item (id = producer * items + i).
struct PcItemRecord {
    std::atomic<std::uint32_t> produced; // 1 once its put() succeeded
    std::atomic<std::uint32_t> consumed; // how many times a consumer finished it
};

// One per consumer.
struct PcConsumerRecord {
    // Robust, held by the consumer for its whole life: once it is gone, for
    // whatever reason, the kernel releases it, so the main process can tell
    // a dead consumer without waiting to reap it (see consumerAlive()).
    pthread_mutex_t life;
    std::atomic<std::uint32_t> started; // life is held from here on
    std::atomic<std::int32_t> strays;    // items got whose id no producer makes
    std::atomic<std::int32_t> sentinels; // None taken (0 or 1: it leaves after its own)
};

struct PcWorkerArgs {
    std::uint64_t queueOffset;
    std::uint64_t itemsOffset;     // PcItemRecord[producers * items]
    std::uint64_t consumersOffset; // PcConsumerRecord[consumers]
    std::int64_t itemsPerProducer;
    std::int64_t totalItems;
    std::int64_t produceMs;
    std::int64_t consumeMs;
};

// Main process: sets up `count` records in place.
void initConsumerRecords(PcConsumerRecord *records, int count);
// Main process: false once the consumer has started and then ended.
bool consumerAlive(PcConsumerRecord &record);

int producerTask(runtime::WorkerEnv &env);
int consumerTask(runtime::WorkerEnv &env);

} // namespace cl::scenarios
