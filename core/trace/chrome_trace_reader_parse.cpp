// Chrome trace reader: walking the JSON (top level, metadata, the event
// array, one event's fields) and the messages for what is wrong where.
#include "core/trace/chrome_trace_keys.h"
#include "core/trace/chrome_trace_reader_p.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

#if defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace cl::trace::detail {

namespace {
constexpr std::size_t kProgressBytes = 4u << 20;
using Type = JsonScanner::Type;

enum class Field { Ph, Ts, Dur, Pid, Tid, Name, Cat, Scope, Id, Args, Other };

// An event's key, told by its length first: every event has several, so
// this is one of the reader's hottest spots.
Field fieldOf(std::string_view key)
{
    switch (key.size()) {
    case 1:
        return key[0] == 's' ? Field::Scope : Field::Other;
    case 2:
        return key == "ph" ? Field::Ph : key == "ts" ? Field::Ts : key == "id" ? Field::Id : Field::Other;
    case 3:
        return key == "pid"   ? Field::Pid
               : key == "tid" ? Field::Tid
               : key == "dur" ? Field::Dur
               : key == "cat" ? Field::Cat
               : key == "id2" ? Field::Id
                              : Field::Other;
    case 4:
        return key == "name" ? Field::Name : key == "args" ? Field::Args : Field::Other;
    case 7:
        return key == "bind_id" ? Field::Id : Field::Other;
    default:
        return Field::Other;
    }
}

// A key as the exact bytes an event usually spells it with: `"key":`, after
// a comma unless it is the first member (see JsonScanner::expectKey).
struct KeyWord {
    std::uint64_t word = 0;
    std::uint64_t mask = 0;
    unsigned length = 0; // 0: never expected (a key with several spellings)
};

KeyWord keyWord(std::string_view key, bool first)
{
    std::string bytes = first ? std::string() : std::string(",");
    bytes += '"';
    bytes += key;
    bytes += "\":";
    KeyWord k;
    if (key.empty() || bytes.size() > 8)
        return k;
    std::memcpy(&k.word, bytes.data(), bytes.size());
    k.length = unsigned(bytes.size());
    k.mask = k.length == 8 ? ~std::uint64_t(0) : (std::uint64_t(1) << (8 * k.length)) - 1;
    return k;
}

// Indexed by Field, then by first member (1) or not (0).
const std::array<std::array<KeyWord, 2>, std::size_t(Field::Other) + 1> kKeyWords = [] {
    const std::pair<Field, std::string_view> keys[] = {{Field::Ph, "ph"},   {Field::Ts, "ts"},     {Field::Dur, "dur"},
                                                       {Field::Pid, "pid"}, {Field::Tid, "tid"},   {Field::Name, "name"},
                                                       {Field::Cat, "cat"}, {Field::Scope, "s"},   {Field::Args, "args"}};
    std::array<std::array<KeyWord, 2>, std::size_t(Field::Other) + 1> words{};
    for (const auto &[field, key] : keys)
        words[std::size_t(field)] = {keyWord(key, false), keyWord(key, true)};
    return words;
}();

const char *typeName(Type t)
{
    switch (t) {
    case Type::Object:
        return QT_TRANSLATE_NOOP("cl::trace::ChromeTraceReader", "an object");
    case Type::Array:
        return QT_TRANSLATE_NOOP("cl::trace::ChromeTraceReader", "an array");
    case Type::String:
        return QT_TRANSLATE_NOOP("cl::trace::ChromeTraceReader", "a string");
    case Type::Number:
        return QT_TRANSLATE_NOOP("cl::trace::ChromeTraceReader", "a number");
    case Type::True:
    case Type::False:
        return QT_TRANSLATE_NOOP("cl::trace::ChromeTraceReader", "a true/false value");
    case Type::Null:
        return QT_TRANSLATE_NOOP("cl::trace::ChromeTraceReader", "null");
    case Type::End:
    case Type::Invalid:
        break;
    }
    return QT_TRANSLATE_NOOP("cl::trace::ChromeTraceReader", "something that is not JSON");
}
} // namespace

ChromeTraceReader::ChromeTraceReader(std::string_view text, const QString &name, TraceStore &store,
                                     const TraceLoadControl &control)
    : m_text(text), m_name(name), m_store(store), m_control(control), m_scan(text.data(), text.data() + text.size())
{
}

QString ChromeTraceReader::where() const
{
    if (m_eventIndex > 0)
        return tr("in event %1 of \"traceEvents\"").arg(m_eventIndex);
    if (m_inMetadata)
        return tr("in \"metadata\"");
    return tr("at the top level");
}

bool ChromeTraceReader::scannerFailed(const QString &where)
{
    const QString what = QCoreApplication::translate("cl::trace::ChromeTraceReader", m_scan.error());
    if (m_scan.truncated())
        m_report.error = tr("%1: the file ends too early, at byte %2 %3 (%4): it is truncated, or was still being "
                            "written")
                             .arg(m_name)
                             .arg(m_scan.errorOffset())
                             .arg(where, what);
    else
        m_report.error = tr("%1: invalid JSON at byte %2 %3: %4").arg(m_name).arg(m_scan.errorOffset()).arg(where, what);
    return false;
}

void ChromeTraceReader::checkProgress(std::size_t at)
{
    if (at < m_nextProgress)
        return;
    m_nextProgress = at + kProgressBytes;
    if (m_releaseReadPages && at > kProgressBytes)
        releaseReadPages(at - kProgressBytes);
    if (m_control.progress)
        m_control.progress(at, m_text.size());
    if (m_control.cancel && m_control.cancel->load(std::memory_order_relaxed))
        m_report.cancelled = true;
}

void ChromeTraceReader::releaseReadPages(std::size_t upTo)
{
#if defined(__linux__)
    // Only whole pages of a mapping that starts on a page: the reader keeps
    // no view into text it has passed (names and values are copied), and a
    // page read again would only come back from the page cache.
    static const auto page = std::size_t(sysconf(_SC_PAGESIZE));
    const auto base = reinterpret_cast<std::uintptr_t>(m_text.data());
    if (page == 0 || base % page != 0)
        return;
    const std::size_t end = upTo / page * page;
    if (end <= m_released)
        return;
    madvise(const_cast<char *>(m_text.data()) + m_released, end - m_released, MADV_DONTNEED);
    m_released = end;
#else
    (void)upTo;
#endif
}

void ChromeTraceReader::populateAhead(std::size_t at)
{
#if defined(__linux__)
    // The parser would otherwise spend a tenth of its time in page faults
    // on the mapping, while the mapper waits for it: mapped here, the pages
    // are ready when it gets there. A window of a few megabytes, so the
    // pages mapped ahead add little to the resident size.
    constexpr std::size_t kAhead = 8u << 20;
    constexpr std::size_t kStep = 2u << 20;
    static const auto page = std::size_t(sysconf(_SC_PAGESIZE));
    const auto base = reinterpret_cast<std::uintptr_t>(m_text.data());
    if (!m_releaseReadPages || page == 0 || base % page != 0)
        return;
    const std::size_t want = std::min(m_text.size(), at + kAhead);
    if (want < m_populated + kStep && want < m_text.size())
        return;
    const std::size_t from = std::max(m_populated, at) / page * page;
    if (want <= from)
        return;
#if defined(MADV_POPULATE_READ)
    if (madvise(const_cast<char *>(m_text.data()) + from, want - from, MADV_POPULATE_READ) != 0)
#endif
    {
        // An older kernel: a read per page faults it in all the same.
        for (std::size_t k = from; k < want; k += page)
            (void)*static_cast<const volatile char *>(m_text.data() + k);
    }
    m_populated = want;
#else
    (void)at;
#endif
}

TraceLoadReport ChromeTraceReader::run()
{
    m_store.clear();
    m_report.bytes = m_text.size();
    m_chunk.reserve(1u << 16);
    // A UTF-8 byte order mark is not JSON, but editors write it.
    if (m_text.substr(0, 3) == "\xef\xbb\xbf")
        m_scan = JsonScanner(m_text.data() + 3, m_text.data() + m_text.size());
    m_origin = 1'000'000'000; // not 0: the store reads a begin of 0 as "nothing yet"

    bool ok = false;
    switch (m_scan.peek()) {
    case Type::End:
        m_report.error = tr("%1: the file is empty; a Chrome trace is a JSON object with a \"traceEvents\" array, "
                            "or an array of events")
                             .arg(m_name);
        return m_report;
    case Type::Object:
        ok = readTopObject();
        break;
    case Type::Array:
        ok = readEventArray(true);
        break;
    case Type::Invalid:
        m_report.error = tr("%1: not a JSON file (byte %2 cannot start a JSON value); a Chrome trace is JSON text")
                             .arg(m_name)
                             .arg(m_scan.offset());
        return m_report;
    default:
        m_report.error = tr("%1: not a Chrome trace: the file holds %2, but a trace is a JSON object with a "
                            "\"traceEvents\" array, or an array of events")
                             .arg(m_name, tr(typeName(m_scan.peek())));
        return m_report;
    }
    if (m_report.cancelled) {
        m_report.error = tr("%1: loading was cancelled").arg(m_name);
        return m_report;
    }
    if (!ok)
        return m_report;
    m_eventIndex = 0;
    if (!m_scan.atEnd()) {
        m_report.error =
            tr("%1: unexpected text after the end of the trace, at byte %2").arg(m_name).arg(m_scan.offset());
        return m_report;
    }
    finish();
    m_report.ok = true;
    if (m_control.progress)
        m_control.progress(m_text.size(), m_text.size());
    return m_report;
}

bool ChromeTraceReader::readTopObject()
{
    m_scan.consume('{');
    bool first = true;
    bool sawEvents = false;
    QStringList keys;
    std::string_view key;
    while (m_scan.nextMember(first, key, m_keyScratch)) {
        first = false;
        if (key == "traceEvents") {
            const Type t = m_scan.peek();
            if (t != Type::Array) {
                if (t == Type::End)
                    break; // truncated: reported below
                m_report.error = tr("%1: \"traceEvents\" is %2, not an array of events (byte %3)")
                                     .arg(m_name, tr(typeName(t)))
                                     .arg(m_scan.offset());
                return false;
            }
            sawEvents = true;
            if (!readEventArray(false))
                return false;
        } else if (key == "metadata" || key == "otherData") {
            if (m_scan.peek() != Type::Object) {
                if (!m_scan.skipValue())
                    break;
                continue;
            }
            m_inMetadata = true;
            if (!readMetadata())
                return false;
            m_inMetadata = false;
        } else {
            if (keys.size() < 8)
                keys << QString::fromUtf8(key.data(), qsizetype(key.size()));
            const bool section = key == "samples" || key == "stackFrames" || key == "systemTraceEvents";
            const std::string name(key);
            if (!m_scan.skipValue())
                break;
            if (section)
                skip(tr("section \"%1\" (not shown)").arg(QString::fromStdString(name)).toStdString());
        }
        if (m_report.cancelled)
            return false;
    }
    if (m_scan.failed())
        return scannerFailed(where());
    if (!sawEvents) {
        m_report.error = keys.isEmpty()
                             ? tr("%1: not a Chrome trace: the JSON object has no \"traceEvents\" array").arg(m_name)
                             : tr("%1: not a Chrome trace: the JSON object has no \"traceEvents\" array (its keys: %2)")
                                   .arg(m_name, keys.join(QStringLiteral(", ")));
        return false;
    }
    return true;
}

bool ChromeTraceReader::nextElement(bool bare, bool &first)
{
    // The array form may lack its closing bracket (a tracer that was
    // killed writes it so): accept an end right after a whole event.
    if (bare && !first && m_scan.peek() == Type::End)
        return false;
    if (!m_scan.nextElement(first))
        return false;
    if (bare && m_scan.peek() == Type::End && !first)
        return false; // "...}," and the end of the file
    first = false;
    ++m_eventIndex;
    return true;
}

void ChromeTraceReader::mapElement(EventFields &f, bool isEvent)
{
    if (isEvent)
        mapEvent(f);
    else
        skip(tr("not an event object").toStdString());
}

bool ChromeTraceReader::readEventArray(bool bare)
{
    m_scan.consume('[');
    if (useTwoThreads())
        return readEventArrayTwoThreads(bare);
    return readEventsOneThread(bare);
}

bool ChromeTraceReader::readEventsOneThread(bool bare)
{
    bool first = true;
    while (nextElement(bare, first)) {
        const Element e = readEvent(m_fields);
        if (e == Element::Failed)
            return false;
        mapElement(m_fields, e == Element::Event);
        checkProgress(m_scan.offset());
        if (m_report.cancelled)
            return false;
    }
    if (m_scan.failed())
        return scannerFailed(where());
    m_report.events = m_eventIndex;
    m_eventIndex = 0;
    return true;
}

bool ChromeTraceReader::readWorkerId(std::int32_t &out, bool &has)
{
    const Type t = m_scan.peek();
    if (t == Type::Number) {
        double v;
        bool integral = false;
        if (!m_scan.number(v, &integral))
            return false;
        if (integral && v >= std::numeric_limits<std::int32_t>::min() && v <= std::numeric_limits<std::int32_t>::max()) {
            out = std::int32_t(v);
            has = true;
            return true;
        }
        // Odd ids (fractions, beyond 32 bits) still name one track each.
        auto [it, inserted] = m_syntheticIds.try_emplace(std::to_string(v), m_nextSyntheticId);
        if (inserted)
            ++m_nextSyntheticId;
        out = it->second;
        has = true;
        return true;
    }
    if (t == Type::String) {
        std::string_view s;
        if (!m_scan.string(s, m_keyScratch))
            return false;
        std::int32_t v = 0;
        const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        if (ec == std::errc() && ptr == s.data() + s.size() && !s.empty()) {
            out = v;
        } else if (auto it = m_syntheticIds.find(s); it != m_syntheticIds.end()) {
            out = it->second;
        } else {
            out = m_nextSyntheticId++;
            m_syntheticIds.emplace(s, out);
        }
        has = true;
        return true;
    }
    return m_scan.skipValue(); // null or something odd: as if absent
}

bool ChromeTraceReader::readId(EventFields &f)
{
    const Type t = m_scan.peek();
    if (t == Type::String) {
        if (!m_scan.string(f.id, f.idS))
            return false;
    } else {
        std::string_view raw;
        if (!m_scan.rawValue(raw))
            return false;
        f.id = raw;
    }
    f.hasId = true;
    return true;
}

bool ChromeTraceReader::readArgs(EventFields &f)
{
    if (m_scan.peek() != Type::Object)
        return m_scan.skipValue();
    m_scan.consume('{');
    bool first = true;
    std::string_view key;
    while (m_scan.nextMember(first, key, m_keyScratch)) {
        first = false;
        const Type t = m_scan.peek();
        if (t == Type::String && key == "name") {
            if (!m_scan.string(f.argName, f.argNameS))
                return false;
        } else if (t == Type::String && key == "object") {
            if (!m_scan.string(f.argObject, f.argObjectS))
                return false;
        } else if (t == Type::String && key == "kind") {
            if (!m_scan.string(f.argKind, f.argKindS))
                return false;
        } else if (t == Type::Number) {
            if (f.numberCount == f.numbers.size())
                f.numbers.emplace_back();
            auto &slot = f.numbers[f.numberCount];
            slot.first.assign(key); // before number(): key may live in the scratch
            if (!m_scan.number(slot.second))
                return false;
            ++f.numberCount;
            if (key == "ppid")
                f.ppid = slot.second;
        } else if (!m_scan.skipValue()) {
            return false;
        }
    }
    return !m_scan.failed();
}

ChromeTraceReader::Element ChromeTraceReader::readEvent(EventFields &f)
{
    const auto failed = [&] {
        scannerFailed(where());
        return Element::Failed;
    };
    f.reset();
    const Type type = m_scan.peek();
    if (type != Type::Object) {
        if (type == Type::End || type == Type::Invalid) {
            m_scan.fail(type == Type::End ? "the text ends where a value should be"
                                          : "expected an event (a JSON object)");
            return failed();
        }
        if (!m_scan.skipValue())
            return failed();
        return Element::NotObject;
    }
    m_scan.consume('{');
    bool first = true;
    std::string_view key;
    const auto text = [&](std::string_view &out, std::string &scratch, const char *field) {
        if (m_scan.peek() == Type::String)
            return m_scan.string(out, scratch);
        f.badField = field;
        return m_scan.skipValue();
    };
    const auto num = [&](double &out, bool &has, const char *field) {
        if (m_scan.peek() == Type::Number) {
            has = true;
            return m_scan.number(out);
        }
        if (m_scan.peek() != Type::Null)
            f.badField = field;
        return m_scan.skipValue();
    };
    std::size_t member = 0;
    for (;; ++member) {
        Field field = Field::Other;
        const KeyWord *expected = member < m_keyOrderSize ? &kKeyWords[m_keyOrder[member]][first ? 1 : 0] : nullptr;
        if (expected && expected->length > 0 && m_scan.expectKey(expected->word, expected->mask, expected->length)) {
            field = Field(m_keyOrder[member]);
        } else {
            if (!m_scan.nextMember(first, key, m_keyScratch))
                break;
            field = fieldOf(key);
            if (member < m_keyOrder.size()) {
                // Remembered for the next event; an id has several
                // spellings, so it is never expected.
                m_keyOrder[member] = std::uint8_t(field == Field::Id ? Field::Other : field);
                m_keyOrderSize = std::max(m_keyOrderSize, member + 1);
            }
        }
        first = false;
        bool ok = true;
        switch (field) {
        case Field::Ph:
            ok = text(f.ph, f.phS, "ph");
            break;
        case Field::Ts:
            ok = num(f.ts, f.hasTs, "ts");
            break;
        case Field::Dur:
            ok = num(f.dur, f.hasDur, "dur");
            break;
        case Field::Pid:
            ok = readWorkerId(f.pid, f.hasPid);
            break;
        case Field::Tid:
            ok = readWorkerId(f.tid, f.hasTid);
            break;
        case Field::Name:
            ok = text(f.name, f.nameS, "name");
            break;
        case Field::Cat:
            ok = text(f.cat, f.catS, "cat");
            break;
        case Field::Scope:
            ok = text(f.scope, f.scopeS, "s");
            break;
        case Field::Id:
            ok = readId(f);
            break;
        case Field::Args:
            ok = readArgs(f);
            break;
        case Field::Other:
            ok = m_scan.skipValue();
            break;
        }
        if (!ok)
            return failed();
    }
    if (m_scan.failed())
        return failed();
    return Element::Event;
}

bool ChromeTraceReader::readMetadata()
{
    m_scan.consume('{');
    bool first = true;
    std::string_view key;
    std::string keyText;
    std::string valueScratch;
    while (m_scan.nextMember(first, key, m_keyScratch)) {
        first = false;
        keyText.assign(key);
        std::string_view value;
        if (m_scan.peek() == Type::String) {
            if (!m_scan.string(value, valueScratch))
                break;
        } else if (!m_scan.rawValue(value)) {
            break;
        }
        setMetadata(keyText, std::string(value));
    }
    if (m_scan.failed())
        return scannerFailed(where());
    return true;
}

} // namespace cl::trace::detail
