#include "core/trace/chrome_trace_reader.h"
#include "core/trace/chrome_trace_keys.h"
#include "core/trace/chrome_trace_reader_p.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

namespace cl::trace {

namespace {
// The scanner's messages, for lupdate: the scanner itself has no Qt.
[[maybe_unused]] const char *const kScannerMessages[] = {
    QT_TRANSLATE_NOOP("cl::trace::ChromeTraceReader", "expected a string"),
    QT_TRANSLATE_NOOP("cl::trace::ChromeTraceReader", "the text ends inside a string"),
    QT_TRANSLATE_NOOP("cl::trace::ChromeTraceReader", "a control character inside a string (it must be escaped)"),
    QT_TRANSLATE_NOOP("cl::trace::ChromeTraceReader", "a bad \\u escape in a string"),
    QT_TRANSLATE_NOOP("cl::trace::ChromeTraceReader", "a bad escape in a string"),
    QT_TRANSLATE_NOOP("cl::trace::ChromeTraceReader", "the text ends inside a number"),
    QT_TRANSLATE_NOOP("cl::trace::ChromeTraceReader", "expected a number"),
    QT_TRANSLATE_NOOP("cl::trace::ChromeTraceReader", "a malformed number"),
    QT_TRANSLATE_NOOP("cl::trace::ChromeTraceReader", "the text ends inside a value"),
    QT_TRANSLATE_NOOP("cl::trace::ChromeTraceReader", "expected a value"),
    QT_TRANSLATE_NOOP("cl::trace::ChromeTraceReader", "the text ends where a value should be"),
    QT_TRANSLATE_NOOP("cl::trace::ChromeTraceReader", "the text ends inside an object"),
    QT_TRANSLATE_NOOP("cl::trace::ChromeTraceReader", "the text ends inside an array"),
    QT_TRANSLATE_NOOP("cl::trace::ChromeTraceReader", "expected a key (a string) in an object"),
    QT_TRANSLATE_NOOP("cl::trace::ChromeTraceReader", "expected ':' after a key"),
    QT_TRANSLATE_NOOP("cl::trace::ChromeTraceReader", "expected ',' or '}' after a value in an object"),
    QT_TRANSLATE_NOOP("cl::trace::ChromeTraceReader", "expected ',' or ']' after a value in an array"),
    QT_TRANSLATE_NOOP("cl::trace::ChromeTraceReader", "expected an event (a JSON object)"),
};
} // namespace

std::uint64_t TraceLoadReport::skippedTotal() const
{
    std::uint64_t n = 0;
    for (const auto &[reason, count] : skipped)
        n += count;
    return n;
}

QString TraceLoadReport::skippedText() const
{
    const std::uint64_t total = skippedTotal();
    if (total == 0)
        return {};
    QStringList parts;
    for (const auto &[reason, count] : skipped)
        parts << QStringLiteral("%1 × %2").arg(count).arg(QString::fromStdString(reason));
    return QCoreApplication::translate("cl::trace::ChromeTraceReader", "%n event(s) not shown: %1", nullptr, int(total))
        .arg(parts.join(QStringLiteral(", ")));
}

bool isExporterMetadataKey(std::string_view key)
{
    return key == "dropped_events" || key == "dropped_by_store_limit" || key == "stored_items" ||
           key == "store_item_limit" || key == kTimeOriginKey || key == kEventCountKey || key.substr(0, kCounterIdPrefix.size()) == kCounterIdPrefix;
}

TraceLoadReport readChromeTrace(std::string_view text, const QString &name, TraceStore &store,
                                const TraceLoadControl &control)
{
    detail::ChromeTraceReader reader(text, name, store, control);
    return reader.run();
}

TraceLoadReport loadChromeTrace(const QString &path, TraceStore &store, const TraceLoadControl &control)
{
    TraceLoadReport report;
    const QFileInfo info(path);
    if (!info.exists()) {
        report.error = detail::ChromeTraceReader::tr("%1: no such file").arg(path);
        return report;
    }
    if (info.isDir()) {
        report.error = detail::ChromeTraceReader::tr("%1: is a folder, not a trace file").arg(path);
        return report;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        report.error = detail::ChromeTraceReader::tr("%1: cannot open it: %2").arg(path, file.errorString());
        return report;
    }
    const qint64 size = file.size();
    if (size == 0)
        return readChromeTrace(std::string_view(), path, store, control);
    // Mapped, not read: a 1 GB trace costs page cache, not a copy in memory.
    if (uchar *data = file.map(0, size)) {
        detail::ChromeTraceReader reader(std::string_view(reinterpret_cast<const char *>(data), std::size_t(size)),
                                         path, store, control);
        reader.setReleaseReadPages(true);
        report = reader.run();
        file.unmap(data);
        return report;
    }
    // Not mappable (a pipe, a special file): read it whole.
    const QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError) {
        report.error = detail::ChromeTraceReader::tr("%1: cannot read it: %2").arg(path, file.errorString());
        return report;
    }
    return readChromeTrace(std::string_view(bytes.constData(), std::size_t(bytes.size())), path, store, control);
}

} // namespace cl::trace
