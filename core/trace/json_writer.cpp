#include "core/trace/json_writer.h"

#include <QIODevice>

#include <charconv>
#include <cmath>
#include <cstring>

namespace cl::trace {

namespace {
constexpr std::size_t kFlushBytes = 64 * 1024;

bool isAscii(std::string_view s)
{
    for (const char c : s)
        if (static_cast<unsigned char>(c) >= 0x80)
            return false;
    return true;
}
// Writes `utf8` as a quoted JSON string at `out`, which has room for
// 6 * size + 2 bytes; returns the bytes written.
std::size_t escapeInto(char *out, std::string_view utf8)
{
    static constexpr char kHex[] = "0123456789abcdef";
    char *const start = out;
    *out++ = '"';
    for (const char c : utf8) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x20 && u != '"' && u != '\\') [[likely]] {
            *out++ = c;
            continue;
        }
        *out++ = '\\';
        switch (u) {
        case '"':
        case '\\':
            *out++ = c;
            break;
        case '\b':
            *out++ = 'b';
            break;
        case '\f':
            *out++ = 'f';
            break;
        case '\n':
            *out++ = 'n';
            break;
        case '\r':
            *out++ = 'r';
            break;
        case '\t':
            *out++ = 't';
            break;
        default:
            *out++ = 'u';
            *out++ = '0';
            *out++ = '0';
            *out++ = kHex[u >> 4];
            *out++ = kHex[u & 0xf];
        }
    }
    *out++ = '"';
    return std::size_t(out - start);
}

// Invalid UTF-8 repaired as QString::fromUtf8 does, so the file stays valid JSON.
QByteArray repairedUtf8(std::string_view utf8)
{
    return QString::fromUtf8(utf8.data(), qsizetype(utf8.size())).toUtf8();
}
} // namespace

JsonWriter::JsonWriter(QIODevice *device) : m_device(device), m_buffer(kFlushBytes + 256) {}

JsonWriter::~JsonWriter() { flush(); }

char *JsonWriter::reserve(std::size_t bytes)
{
    if (m_used + bytes > m_buffer.size()) {
        flush();
        if (bytes > m_buffer.size())
            m_buffer.resize(bytes);
    }
    return m_buffer.data() + m_used;
}

void JsonWriter::put(char c)
{
    *reserve(1) = c;
    ++m_used;
}

void JsonWriter::put(std::string_view text)
{
    std::memcpy(reserve(text.size()), text.data(), text.size());
    m_used += text.size();
}

void JsonWriter::putEscaped(std::string_view utf8)
{
    // Worst case: every byte becomes \u00XX. One reservation, then no checks.
    char *out = reserve(utf8.size() * 6 + 2);
    m_used += escapeInto(out, utf8);
}

void JsonWriter::putString(std::string_view utf8)
{
    if (isAscii(utf8)) {
        putEscaped(utf8);
    } else {
        // Rare (names, printed lines).
        const QByteArray clean = repairedUtf8(utf8);
        putEscaped(std::string_view(clean.constData(), std::size_t(clean.size())));
    }
}

void JsonWriter::beforeValue()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (!m_first.empty()) {
        if (!m_first.back())
            put(',');
        m_first.back() = false;
    }
}

bool JsonWriter::flush()
{
    if (m_used > 0) {
        if (m_ok && m_device->write(m_buffer.data(), qint64(m_used)) != qint64(m_used))
            m_ok = false;
        m_used = 0;
    }
    return m_ok;
}

void JsonWriter::beginObject()
{
    beforeValue();
    put('{');
    m_first.push_back(true);
}

void JsonWriter::endObject()
{
    put('}');
    m_first.pop_back();
}

void JsonWriter::beginArray()
{
    beforeValue();
    put('[');
    m_first.push_back(true);
}

void JsonWriter::endArray()
{
    put(']');
    m_first.pop_back();
}

void JsonWriter::key(std::string_view name)
{
    beforeValue();
    putString(name);
    put(':');
    m_afterKey = true;
}

std::string JsonWriter::quoted(std::string_view utf8)
{
    QByteArray clean;
    if (!isAscii(utf8)) {
        clean = repairedUtf8(utf8);
        utf8 = std::string_view(clean.constData(), std::size_t(clean.size()));
    }
    std::string out(utf8.size() * 6 + 2, '\0');
    out.resize(escapeInto(out.data(), utf8));
    return out;
}

void JsonWriter::string(std::string_view utf8)
{
    beforeValue();
    putString(utf8);
}

void JsonWriter::string(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    beforeValue();
    putEscaped(std::string_view(utf8.constData(), std::size_t(utf8.size())));
}

void JsonWriter::integer(std::int64_t value)
{
    beforeValue();
    char *out = reserve(24);
    m_used += std::size_t(std::to_chars(out, out + 24, value).ptr - out);
}

void JsonWriter::number(double value)
{
    beforeValue();
    if (!std::isfinite(value)) {
        put("null"); // what QJsonDocument writes for them
        return;
    }
    char *out = reserve(32);
    m_used += std::size_t(std::to_chars(out, out + 32, value).ptr - out);
}

void JsonWriter::boolean(bool value)
{
    beforeValue();
    put(value ? std::string_view("true") : std::string_view("false"));
}

void JsonWriter::raw(std::string_view json)
{
    beforeValue();
    put(json);
}

} // namespace cl::trace
