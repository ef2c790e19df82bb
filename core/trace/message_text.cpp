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
    QT_TRANSLATE_NOOP("cl::trace::Messages", "done: task %1 returned %2 — callback in PID %3, TID %4"),
    QT_TRANSLATE_NOOP("cl::trace::Messages", "%1: %2 lines, %3 distinct IPs"),
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
