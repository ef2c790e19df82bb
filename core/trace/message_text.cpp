#include "core/trace/message_text.h"
#include "core/trace/messages.h"

#include <QCoreApplication>

namespace cl::trace {

namespace {
const char *const kTexts[] = {
    nullptr,
    QT_TRANSLATE_NOOP("cl::trace::Messages", "tickets left: %1 — buying…"),
    QT_TRANSLATE_NOOP("cl::trace::Messages", "bought a ticket, wrote %1 back"),
    QT_TRANSLATE_NOOP("cl::trace::Messages", "no ticket left (read %1), nothing bought"),
    QT_TRANSLATE_NOOP("cl::trace::Messages", "done: %1 increments, last wrote %2"),
    QT_TRANSLATE_NOOP("cl::trace::Messages", "stopped before finishing"),
    QT_TRANSLATE_NOOP("cl::trace::Messages", "done: took the lock %1 times, waited %2 ms, held it %3 ms"),
    QT_TRANSLATE_NOOP("cl::trace::Messages", "error: released a lock it does not hold"),
    QT_TRANSLATE_NOOP("cl::trace::Messages", "put item %1"),
    QT_TRANSLATE_NOOP("cl::trace::Messages", "consumed item %1 (from producer-%2)"),
    QT_TRANSLATE_NOOP("cl::trace::Messages", "got None: no more items, leaving"),
    QT_TRANSLATE_NOOP("cl::trace::Messages", "q.join() returned: every item is marked done"),
    QT_TRANSLATE_NOOP("cl::trace::Messages", "ending the daemon consumers"),
    QT_TRANSLATE_NOOP("cl::trace::Messages", "producers done: putting %1 × None, one per consumer"),
    QT_TRANSLATE_NOOP("cl::trace::Messages", "done: task %1 returned %2 — callback in PID %3, TID %4"),
    QT_TRANSLATE_NOOP("cl::trace::Messages", "%1: %2 lines, %3 distinct IPs"),
    QT_TRANSLATE_NOOP("cl::trace::Messages", "re-parented (seen in /proc): PPID %1 → %2"),
    QT_TRANSLATE_NOOP("cl::trace::Messages", "%1 = %2"),
    QT_TRANSLATE_NOOP("cl::trace::Messages", "lock.acquire() timed out after %1 ms: the lock is held in this process"),
    QT_TRANSLATE_NOOP("cl::trace::Messages", "lock.acquire() succeeded after %1 ms"),
    QT_TRANSLATE_NOOP("cl::trace::Messages", "%1 threads in this process (PID %2, PPID %3)"),
    QT_TRANSLATE_NOOP("cl::trace::Messages", "received \"%1\""),
    QT_TRANSLATE_NOOP("cl::trace::Messages", "received \"%1\" — round trip %2 µs"),
    QT_TRANSLATE_NOOP("cl::trace::Messages", "done: %1 updates, %2 ns each"),
    QT_TRANSLATE_NOOP("cl::trace::Messages", "cannot reach the manager: %1"),
};
} // namespace

QString printedLineText(const TraceStore &store, const PrintedLine &line)
{
    const std::string_view raw = store.string(line.stringId);
    const QString text = QString::fromUtf8(raw.data(), qsizetype(raw.size()));
    const auto id = std::size_t(line.messageId);
    if (id == 0 || id >= std::size(kTexts))
        return text;
    QString out = QCoreApplication::translate("cl::trace::Messages", kTexts[id]);
    if (!text.isEmpty()) {
        const QStringList args = text.split(QLatin1Char(kMessageArgSeparator));
        for (const QString &a : args)
            out = out.arg(a);
    }
    return out;
}

} // namespace cl::trace
