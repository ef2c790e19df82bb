#pragma once
// Lines that workers print are recorded as a message id plus arguments, so
// the console can show them in the user's language. Message texts live on the
// Qt side (core/scenarios/message_text.cpp). No Qt here: children use it.
#include <cstdint>

namespace cl::trace {

enum class MessageId : std::int64_t {
    Plain = 0,            // the string is the whole line
    TicketsLeftBuying,    // %1 = tickets read
    BoughtTicket,         // %1 = count written back
    SoldOut,              // %1 = tickets read
    CounterDone,          // %1 = increments done, %2 = value seen last
    StoppedEarly,         // no arguments
    ContentionDone,       // %1 = acquisitions, %2 = ms waited, %3 = ms held
    LockNotOwned,         // no arguments
    ItemPut,              // %1 = item id
    ItemConsumed,         // %1 = item id, %2 = producer number
    SentinelTaken,        // no arguments
    QueueJoined,          // no arguments
    EndingDaemons,        // no arguments
    PuttingSentinels,     // %1 = how many
    PoolCallbackRan,      // %1 = task, %2 = its result, %3 = pid, %4 = tid of the callback
    LogFileCounted,       // %1 = file name, %2 = lines, %3 = distinct IPs
    ParentChanged,        // %1 = old PPID, %2 = new PPID (read from /proc)
    ValueSeen,            // %1 = name of the global, %2 = value
    LockAcquireTimedOut,  // %1 = ms waited
    LockAcquired,         // %1 = ms waited
    ChildThreads,         // %1 = threads in this process, %2 = its PID, %3 = its PPID
    PipeReceived,         // %1 = the message
    PipeReplyReceived,    // %1 = the reply, %2 = round trip in µs
    UpdatesDone,          // %1 = updates made, %2 = ns per update
    ManagerUnreachable,   // %1 = why (English, from the runtime)
};

inline constexpr char kMessageArgSeparator = '\x1f';

} // namespace cl::trace
