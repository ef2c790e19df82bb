#include "core/trace/json_scanner.h"

#include <charconv>
#include <cstring>

namespace cl::trace {

namespace {
void appendUtf8(std::string &out, std::uint32_t cp)
{
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xc0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
        out += char(0xe0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3f));
        out += char(0x80 | (cp & 0x3f));
    } else {
        out += char(0xf0 | (cp >> 18));
        out += char(0x80 | ((cp >> 12) & 0x3f));
        out += char(0x80 | ((cp >> 6) & 0x3f));
        out += char(0x80 | (cp & 0x3f));
    }
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}
} // namespace

void JsonScanner::fail(const char *what)
{
    if (m_failed)
        return;
    m_failed = true;
    m_error = what;
    m_errorOffset = offset();
    if (m_pos >= m_end)
        m_truncated = true;
    m_pos = m_end; // nothing more is read after an error
}

bool JsonScanner::stringSlow(std::string_view &out, std::string &scratch)
{
    skipWhitespace();
    if (m_pos >= m_end || *m_pos != '"') {
        fail("expected a string");
        return false;
    }
    const char *start = ++m_pos;
    const char *p = findStop(start, m_end);
    if (p < m_end && *p == '"') {
        out = std::string_view(start, std::size_t(p - start));
        m_pos = p + 1;
        return true;
    }
    m_pos = p;
    if (p >= m_end) {
        fail("the text ends inside a string");
        return false;
    }
    if (*p != '\\') {
        fail("a control character inside a string (it must be escaped)");
        return false;
    }
    if (!decodeString(start, scratch))
        return false;
    out = scratch;
    return true;
}

bool JsonScanner::decodeString(const char *start, std::string &scratch)
{
    scratch.assign(start, m_pos);
    while (m_pos < m_end) {
        const char c = *m_pos;
        if (c == '"') {
            ++m_pos;
            return true;
        }
        if (static_cast<unsigned char>(c) < 0x20) {
            fail("a control character inside a string (it must be escaped)");
            return false;
        }
        if (c != '\\') {
            scratch += c;
            ++m_pos;
            continue;
        }
        if (++m_pos >= m_end)
            break;
        const char e = *m_pos++;
        switch (e) {
        case '"':
        case '\\':
        case '/':
            scratch += e;
            break;
        case 'b':
            scratch += '\b';
            break;
        case 'f':
            scratch += '\f';
            break;
        case 'n':
            scratch += '\n';
            break;
        case 'r':
            scratch += '\r';
            break;
        case 't':
            scratch += '\t';
            break;
        case 'u': {
            auto hex4 = [this](std::uint32_t &v) {
                if (m_end - m_pos < 4)
                    return false;
                v = 0;
                for (int i = 0; i < 4; ++i) {
                    const int h = hexValue(m_pos[i]);
                    if (h < 0)
                        return false;
                    v = v * 16 + std::uint32_t(h);
                }
                m_pos += 4;
                return true;
            };
            std::uint32_t cp = 0;
            if (!hex4(cp)) {
                fail(m_end - m_pos < 4 ? "the text ends inside a string" : "a bad \\u escape in a string");
                return false;
            }
            if (cp >= 0xd800 && cp < 0xdc00 && m_end - m_pos >= 6 && m_pos[0] == '\\' && m_pos[1] == 'u') {
                const char *save = m_pos;
                m_pos += 2;
                std::uint32_t low = 0;
                if (hex4(low) && low >= 0xdc00 && low < 0xe000)
                    cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
                else
                    m_pos = save;
            }
            if (cp >= 0xd800 && cp < 0xe000)
                cp = 0xfffd; // a lone surrogate: what QString makes of it too
            appendUtf8(scratch, cp);
            break;
        }
        default:
            --m_pos;
            fail("a bad escape in a string");
            return false;
        }
    }
    fail("the text ends inside a string");
    return false;
}

bool JsonScanner::numberSlow(double &out, bool *integral)
{
    skipWhitespace();
    const char *start = m_pos;
    const char *p = m_pos;
    if (p < m_end && *p == '-')
        ++p;
    if (p >= m_end || *p < '0' || *p > '9') {
        fail(p >= m_end ? "the text ends inside a number" : "expected a number");
        return false;
    }
    bool whole = true;
    while (p < m_end) {
        const char c = *p;
        if (c >= '0' && c <= '9') {
            ++p;
        } else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
            whole = false;
            ++p;
        } else {
            break;
        }
    }
    const auto [ptr, ec] = std::from_chars(start, p, out);
    if (ptr != p || (ec != std::errc() && ec != std::errc::result_out_of_range)) {
        fail("a malformed number");
        return false;
    }
    if (p >= m_end) {
        // A number is never the end of a trace: the file was cut here.
        m_pos = p;
        fail("the text ends inside a number");
        return false;
    }
    m_pos = p;
    if (integral)
        *integral = whole;
    return true;
}

bool JsonScanner::literal(std::string_view word)
{
    if (std::size_t(m_end - m_pos) < word.size()) {
        if (std::memcmp(m_pos, word.data(), std::size_t(m_end - m_pos)) == 0) {
            m_pos = m_end;
            fail("the text ends inside a value");
        } else {
            fail("expected a value");
        }
        return false;
    }
    if (std::memcmp(m_pos, word.data(), word.size()) != 0) {
        fail("expected a value");
        return false;
    }
    m_pos += word.size();
    return true;
}

bool JsonScanner::skipValue()
{
    // Iterative: the depth of nesting costs a byte of `open`, not a stack frame.
    std::string open; // '}' or ']' per container entered
    std::string scratch;
    for (;;) {
        const Type t = peek();
        switch (t) {
        case Type::End:
            fail(m_failed ? m_error : "the text ends where a value should be");
            return false;
        case Type::Object:
        case Type::Array: {
            ++m_pos;
            const bool object = t == Type::Object;
            const char close = object ? '}' : ']';
            if (consume(close))
                break; // empty: a complete value
            open += close;
            if (object) {
                std::string_view key;
                if (peek() != Type::String) {
                    fail(m_pos >= m_end ? "the text ends inside an object" : "expected a key (a string) in an object");
                    return false;
                }
                if (!string(key, scratch))
                    return false;
                if (!consume(':')) {
                    fail(m_pos >= m_end ? "the text ends inside an object" : "expected ':' after a key");
                    return false;
                }
            }
            continue; // the first member's value
        }
        case Type::String: {
            std::string_view s;
            if (!string(s, scratch))
                return false;
            break;
        }
        case Type::Number: {
            double d;
            if (!number(d))
                return false;
            break;
        }
        case Type::True:
            if (!literal("true"))
                return false;
            break;
        case Type::False:
            if (!literal("false"))
                return false;
            break;
        case Type::Null:
            if (!literal("null"))
                return false;
            break;
        case Type::Invalid:
            fail("expected a value");
            return false;
        }
        // After a complete value: close what ends here, or go on to the next member.
        for (;;) {
            if (open.empty())
                return true;
            skipWhitespace();
            if (m_pos >= m_end) {
                fail(open.back() == '}' ? "the text ends inside an object" : "the text ends inside an array");
                return false;
            }
            const char c = *m_pos;
            if (c == open.back()) {
                ++m_pos;
                open.pop_back();
                continue;
            }
            if (c != ',') {
                fail(open.back() == '}' ? "expected ',' or '}' after a value in an object"
                                        : "expected ',' or ']' after a value in an array");
                return false;
            }
            ++m_pos;
            if (open.back() == '}') {
                std::string_view key;
                if (peek() != Type::String) {
                    fail(m_pos >= m_end ? "the text ends inside an object" : "expected a key (a string) in an object");
                    return false;
                }
                if (!string(key, scratch))
                    return false;
                if (!consume(':')) {
                    fail(m_pos >= m_end ? "the text ends inside an object" : "expected ':' after a key");
                    return false;
                }
            }
            break;
        }
    }
}

bool JsonScanner::rawValue(std::string_view &out)
{
    skipWhitespace();
    const char *start = m_pos;
    if (!skipValue())
        return false;
    out = std::string_view(start, std::size_t(m_pos - start));
    return true;
}

bool JsonScanner::nextMemberSlow(bool first, std::string_view &key, std::string &scratch)
{
    skipWhitespace();
    if (m_pos >= m_end) {
        fail("the text ends inside an object");
        return false;
    }
    if (*m_pos == '}') {
        ++m_pos;
        return false;
    }
    if (!first) {
        if (*m_pos != ',') {
            fail("expected ',' or '}' after a value in an object");
            return false;
        }
        ++m_pos;
        skipWhitespace();
    }
    if (m_pos >= m_end) {
        fail("the text ends inside an object");
        return false;
    }
    if (*m_pos != '"') {
        fail("expected a key (a string) in an object");
        return false;
    }
    if (!string(key, scratch))
        return false;
    if (!consume(':')) {
        fail(m_pos >= m_end ? "the text ends inside an object" : "expected ':' after a key");
        return false;
    }
    return true;
}

bool JsonScanner::nextElement(bool first)
{
    skipWhitespace();
    if (m_pos >= m_end) {
        fail("the text ends inside an array");
        return false;
    }
    if (*m_pos == ']') {
        ++m_pos;
        return false;
    }
    if (!first) {
        if (*m_pos != ',') {
            fail("expected ',' or ']' after a value in an array");
            return false;
        }
        ++m_pos;
    }
    return true;
}

} // namespace cl::trace
