#include "core/scenarios/pipe_lesson.h"
#include "core/record/clock.h"
#include "core/runtime/pipe.h"
#include "core/scenarios/run_context.h"
#include "core/scenarios/sharing_tasks.h"
#include "core/trace/messages.h"

#include <QStringList>
#include <algorithm>
#include <cstring>
#include <new>
#include <unistd.h>
#include <vector>

namespace cl::scenarios {

QString PipeLesson::title() const { return tr("Pipe conversation (parent ↔ child)"); }

QString PipeLesson::category() const { return tr("Sharing data"); }

QString PipeLesson::description() const
{
    return tr("<p>The parent and one child process talk over <tt>multiprocessing.Pipe()</tt>: the parent sends "
              "\"message 1\", \"message 2\", …; the child <b>receives</b> each one, takes <i>reply time</i> to "
              "answer, and sends a reply back. The parent waits for each reply before it sends the next.</p>"
              "<p>A <tt>recv()</tt> with nothing to read blocks: that wait is the grey \"sleep / I/O\" span on the "
              "pipe. Every message is an arrow from the sender to the receiver, so the conversation reads as a "
              "zig-zag between the two rows.</p>"
              "<p><b>Duplex on</b>: one pipe whose two ends both send and receive (a socket pair). <b>Duplex "
              "off</b>: <tt>Pipe(duplex=False)</tt> gives a reading end and a writing end only, so a conversation "
              "needs two pipes, one each way (two real <tt>pipe(2)</tt>s).</p>"
              "<p>The verdict checks that the child received every message once and in order, and gives the "
              "median round trip the parent measured.</p>");
}

QString PipeLesson::pythonSnippet(const ParameterValues &values) const
{
    // Code, not prose: it stays in English like any Python source would.
    const bool duplex = values.isOn(QStringLiteral("duplex"));
    QStringList c;
    c << QStringLiteral("# Pipe conversation, parent <-> child, %1.")
             .arg(duplex ? QStringLiteral("over one duplex pipe") : QStringLiteral("over two one-way pipes"))
      << QStringLiteral("# Save it as pipe_talk.py and run: python3 pipe_talk.py")
      << QStringLiteral("import multiprocessing") << QStringLiteral("import os") << QStringLiteral("import statistics")
      << QStringLiteral("import time") << QString()
      << QStringLiteral("MESSAGES = %1").arg(values.integer(QStringLiteral("messages")))
      << QStringLiteral("REPLY_MS = %1  # the child's time to answer").arg(values.integer(QStringLiteral("reply_ms")))
      << QString() << QString() << QStringLiteral("def say(line):")
      << QStringLiteral("    print(line + \"\\n\", end=\"\", flush=True)") << QString() << QString()
      << QStringLiteral("def child(inbox, outbox):")
      << QStringLiteral("    me = f\"child (PID {os.getpid()})\"")
      << QStringLiteral("    for i in range(1, MESSAGES + 1):")
      << QStringLiteral("        message = inbox.recv()  # blocks until the parent sends")
      << QStringLiteral("        say(f'{me}: received \"{message}\"')")
      << QStringLiteral("        time.sleep(REPLY_MS / 1000)")
      << QStringLiteral("        outbox.send(f\"reply {i}\")") << QString() << QString()
      << QStringLiteral("if __name__ == \"__main__\":");
    if (duplex)
        c << QStringLiteral("    parent_end, child_end = multiprocessing.Pipe()  # duplex: both ends send and receive")
          << QStringLiteral("    p = multiprocessing.Process(target=child, args=(child_end, child_end))")
          << QStringLiteral("    inbox = outbox = parent_end");
    else
        c << QStringLiteral("    # duplex=False gives (reader, writer): one pipe each way")
          << QStringLiteral("    child_reads, parent_writes = multiprocessing.Pipe(duplex=False)")
          << QStringLiteral("    parent_reads, child_writes = multiprocessing.Pipe(duplex=False)")
          << QStringLiteral("    p = multiprocessing.Process(target=child, args=(child_reads, child_writes))")
          << QStringLiteral("    inbox, outbox = parent_reads, parent_writes");
    c << QStringLiteral("    p.start()") << QStringLiteral("    me = f\"main (PID {os.getpid()})\"")
      << QStringLiteral("    round_trips = []") << QStringLiteral("    for i in range(1, MESSAGES + 1):")
      << QStringLiteral("        sent = time.perf_counter()") << QStringLiteral("        outbox.send(f\"message {i}\")")
      << QStringLiteral("        reply = inbox.recv()  # blocks until the child answers")
      << QStringLiteral("        round_trips.append((time.perf_counter() - sent) * 1e6)")
      << QStringLiteral("        say(f'{me}: received \"{reply}\" - round trip {round_trips[-1]:.0f} us')")
      << QStringLiteral("    p.join()")
      << QStringLiteral("    print(f\"Sent {MESSAGES}, got {len(round_trips)} replies in order; \"")
      << QStringLiteral("          f\"median round trip {statistics.median(round_trips):.0f} us.\")");
    return c.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QList<ParameterSpec> PipeLesson::parameters() const
{
    using T = ParameterSpec::Type;
    return {
        {QStringLiteral("messages"), T::Integer, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Messages"), "",
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Messages the parent sends; the child answers each."), 1,
         10000, 5, {}, {}},
        {QStringLiteral("reply_ms"), T::Integer, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Reply time"),
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "ms"),
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters",
                           "How long the child takes to answer a message (the notes sleep 1000 ms)."),
         0, 10000, 200, {}, {}},
        {QStringLiteral("duplex"), T::Choice, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Duplex"), "",
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters",
                           "On: one pipe, both ends send and receive. Off: one-way pipes, one each way."),
         0, 0, 0, {QStringLiteral("on"), QStringLiteral("off")}, QStringLiteral("on")},
    };
}

QList<Preset> PipeLesson::presets() const
{
    return {
        {QT_TRANSLATE_NOOP("cl::scenarios::Presets", "As in the notes"),
         {{QStringLiteral("messages"), QStringLiteral("1")},
          {QStringLiteral("reply_ms"), QStringLiteral("1000")},
          {QStringLiteral("duplex"), QStringLiteral("on")}}},
        {QT_TRANSLATE_NOOP("cl::scenarios::Presets", "Quick"),
         {{QStringLiteral("messages"), QStringLiteral("8")}, {QStringLiteral("reply_ms"), QStringLiteral("50")}}},
    };
}

record::SharedArena::Layout PipeLesson::layout(const ParameterValues &values) const
{
    record::SharedArena::Layout l;
    l.ringCount = 2;
    const qint64 events = values.integer(QStringLiteral("messages")) * 8 + 256;
    std::uint32_t capacity = 1024;
    while (capacity < events && capacity < (1u << 20))
        capacity <<= 1;
    l.ringCapacity = capacity;
    l.objectsBytes = 64 * 1024;
    return l;
}

Outcome PipeLesson::run(RunContext &context, const ParameterValues &values) const
{
    Outcome out;
    const qint64 messages = values.integer(QStringLiteral("messages"));
    const bool duplex = values.isOn(QStringLiteral("duplex"));
    auto &arena = context.arena();
    record::Writer &w = context.writer();

    // The pipes exist before the child does, as multiprocessing.Pipe() before Process().
    runtime::PipeFds down, up;
    if (!runtime::createPipeFds(duplex, down) || (!duplex && !runtime::createPipeFds(false, up))) {
        out.error = tr("could not create the pipe: %1").arg(QString::fromLocal8Bit(strerror(errno)));
        return out;
    }
    PipeChildArgs args{};
    args.resultOffset = arena.allocateObject(sizeof(PipeChildResult), alignof(PipeChildResult));
    if (args.resultOffset == 0) {
        out.error = tr("could not set up the pipe lesson in shared memory");
        return out;
    }
    auto *result = new (arena.object<PipeChildResult>(args.resultOffset)) PipeChildResult{};
    args.messages = messages;
    args.replyMs = values.integer(QStringLiteral("reply_ms"));
    args.duplex = duplex ? 1 : 0;
    args.toChildObject = arena.newObjectId();
    args.toParentObject = duplex ? args.toChildObject : arena.newObjectId();
    w.nameObject(args.toChildObject, duplex ? "pipe" : "pipe → child");
    if (!duplex)
        w.nameObject(args.toParentObject, "pipe → parent");

    // The parent's ends; the child's are handed over by number, then closed here
    // so that the child's death reads as EOF on the parent's end.
    runtime::Connection inbox, outbox;
    int childFds[2];
    if (duplex) {
        inbox = runtime::Connection(down.aRead, down.aWrite, args.toChildObject, &arena);
        childFds[0] = down.bRead;
    } else {
        outbox = runtime::Connection(-1, down.bWrite, args.toChildObject, &arena);
        inbox = runtime::Connection(up.aRead, -1, args.toParentObject, &arena);
        childFds[0] = down.aRead;
        childFds[1] = up.bWrite;
    }
    const int childCount = duplex ? 1 : 2;
    runtime::FdHandOff handOff;
    bool ok = handOff.open("pipe");
    if (ok) {
        args.handOff = handOff.name();
        ok = context.spawn(false, "pipe.child", "child", 0, args);
    }
    if (ok) {
        const std::int32_t childPid = context.workers().back().pid;
        runtime::IoResult given = runtime::IoResult::TimedOut;
        for (int attempt = 0; attempt < 1000 && given == runtime::IoResult::TimedOut; ++attempt) {
            const auto ws = context.workers();
            if (ws.empty() || ws.back().ended)
                break;
            given = handOff.give(childFds, childCount, runtime::IoWatch{&arena, nullptr, 20});
            context.reapFor(0);
        }
        ok = given == runtime::IoResult::Ok;
        if (!ok && !context.stopRequested())
            out.error = tr("the child process (pid %1) did not take its end of the pipe").arg(childPid);
    } else if (context.error().isEmpty()) {
        out.error = tr("could not start the child: %1").arg(QString::fromLocal8Bit(strerror(errno)));
    }
    for (int i = 0; i < childCount; ++i)
        ::close(childFds[i]);

    runtime::Connection &send = duplex ? inbox : outbox;
    std::vector<qint64> roundTrips;
    qint64 sent = 0, repliesInOrder = 0;
    runtime::PipeStatus failure = runtime::PipeStatus::Ok;
    std::string reply;
    for (qint64 i = 1; ok && i <= messages; ++i) {
        const std::uint64_t t0 = record::monotonicNs();
        if ((failure = send.send(w, "message " + std::to_string(i))) != runtime::PipeStatus::Ok)
            break;
        ++sent;
        if ((failure = inbox.recv(w, reply)) != runtime::PipeStatus::Ok)
            break;
        const qint64 us = qint64(record::monotonicNs() - t0) / 1000;
        roundTrips.push_back(us);
        repliesInOrder += reply == "reply " + std::to_string(i);
        w.printMessage(std::int64_t(trace::MessageId::PipeReplyReceived),
                       reply + trace::kMessageArgSeparator + std::to_string(us));
    }
    inbox.close();
    outbox.close();
    context.waitAll();
    if (!context.error().isEmpty() && out.error.isEmpty())
        out.error = context.error();
    if (out.error.isEmpty() && failure != runtime::PipeStatus::Ok && failure != runtime::PipeStatus::Stopped)
        out.error = tr("the conversation broke off after %1 message(s): %2")
                        .arg(sent)
                        .arg(QString::fromLatin1(runtime::pipeStatusText(failure)));

    const qint64 received = result->received.load();
    const qint64 outOfOrder = result->outOfOrder.load();
    qint64 p50 = 0;
    if (!roundTrips.empty()) {
        std::sort(roundTrips.begin(), roundTrips.end());
        p50 = roundTrips[roundTrips.size() / 2];
    }
    out.metrics = {
        {QStringLiteral("sent"), sent, tr("messages sent")},
        {QStringLiteral("received"), received, tr("messages received by the child")},
        {QStringLiteral("replies"), qint64(roundTrips.size()), tr("replies received by the parent")},
        {QStringLiteral("out_of_order"), outOfOrder + (qint64(roundTrips.size()) - repliesInOrder),
         tr("out of order")},
        {QStringLiteral("round_trip_us_p50"), p50, tr("median round trip (µs)")},
    };
    out.problem = received != sent || outOfOrder > 0 || repliesInOrder != qint64(roundTrips.size());
    if (!out.problem && sent == messages)
        out.verdict = tr("Every message arrived once and in order: %1 sent, %1 received, %2 replies; median round "
                         "trip %3 ms (of which %4 ms is the child's reply time).")
                          .arg(sent)
                          .arg(roundTrips.size())
                          .arg(double(p50) / 1000.0, 0, 'f', 3)
                          .arg(args.replyMs);
    else
        out.verdict = tr("%1 of %2 messages sent, %3 received by the child, %4 replies in order.")
                          .arg(sent)
                          .arg(messages)
                          .arg(received)
                          .arg(repliesInOrder);
    return out;
}

} // namespace cl::scenarios
