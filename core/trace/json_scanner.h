#pragma once
// A small pull tokenizer over JSON text in memory (a mapped file): the
// Chrome trace reader walks millions of events with it without building a
// document. Strings without escapes come back as views into the text; the
// rest are decoded into a scratch buffer. Nothing recurses, so a hostile
// nesting depth cannot overflow the stack. Errors stop the scan and keep the
// byte offset and what was expected there.
//
// The common tokens (a key, a plain string, a short decimal number) take an
// inline fast path; anything else, errors included, goes to the full
// out-of-line code, which starts over from the same place.
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace cl::trace {

class JsonScanner {
public:
    enum class Type { End, Object, Array, String, Number, True, False, Null, Invalid };

    JsonScanner(const char *begin, const char *end) : m_begin(begin), m_pos(begin), m_end(end) {}

    // Skips whitespace and says what the next value is, without consuming it.
    Type peek()
    {
        skipWhitespace();
        if (m_failed || m_pos >= m_end)
            return Type::End;
        return typeOf(*m_pos);
    }
    // Consumes one of the single characters { } [ ] : , after whitespace.
    bool consume(char c)
    {
        skipWhitespace();
        if (m_pos < m_end && *m_pos == c) {
            ++m_pos;
            return true;
        }
        return false;
    }
    bool atEnd() { return peek() == Type::End; }

    // Reads a string value; `scratch` holds it when it had escapes.
    bool string(std::string_view &out, std::string &scratch)
    {
        skipWhitespace();
        if (m_pos < m_end && *m_pos == '"') {
            const char *start = m_pos + 1;
            const char *p = findStop(start, m_end);
            if (p < m_end && *p == '"') {
                out = std::string_view(start, std::size_t(p - start));
                m_pos = p + 1;
                return true;
            }
        }
        return stringSlow(out, scratch);
    }
    // Reads a number as a double; `integral` says it had no fraction or exponent.
    bool number(double &out, bool *integral = nullptr)
    {
        skipWhitespace();
        if (const char *p = plainNumber(out, integral)) {
            m_pos = p;
            return true;
        }
        return numberSlow(out, integral);
    }
    // Skips any one value (nested containers included).
    bool skipValue();
    // The text of one value as it stands in the file (for metadata).
    bool rawValue(std::string_view &out);

    // The member the caller expects next, given as its exact bytes (`,"ts":`,
    // or `"ph":` first) packed little-endian into a word with a mask of its
    // length: true and past them when the text holds exactly those bytes
    // here. Any other spelling (whitespace, escapes, another key) is left
    // for nextMember(). Events of one trace repeat their keys in one order,
    // so a reader that remembers it skips finding and telling each key.
    bool expectKey(std::uint64_t word, std::uint64_t mask, unsigned length)
    {
        if constexpr (std::endian::native != std::endian::little)
            return false;
        if (m_end - m_pos < 8)
            return false;
        std::uint64_t x;
        std::memcpy(&x, m_pos, 8);
        if ((x & mask) != word)
            return false;
        m_pos += length;
        return true;
    }

    // Inside an object: after '{' or a value, reads `,` or `}`. Returns
    // false at '}' (the object ended) and true when a key follows; on
    // error it returns false with failed() set.
    bool nextMember(bool first, std::string_view &key, std::string &scratch)
    {
        skipWhitespace();
        if (m_pos < m_end && *m_pos == '}') {
            ++m_pos;
            return false;
        }
        if (m_pos < m_end && (first || *m_pos == ',')) {
            const char *q = skipSpace(m_pos + (first ? 0 : 1));
            if (q < m_end && *q == '"') {
                const char *p = findStop(q + 1, m_end);
                if (p < m_end && *p == '"') {
                    const char *colon = skipSpace(p + 1);
                    if (colon < m_end && *colon == ':') {
                        key = std::string_view(q + 1, std::size_t(p - q - 1));
                        m_pos = colon + 1;
                        return true;
                    }
                }
            }
        }
        return nextMemberSlow(first, key, scratch);
    }
    // Inside an array: true when a value follows, false at ']' or on error.
    bool nextElement(bool first);

    bool failed() const { return m_failed; }
    bool truncated() const { return m_truncated; }
    const char *error() const { return m_error; }
    std::size_t errorOffset() const { return m_errorOffset; }
    std::size_t offset() const { return std::size_t(m_pos - m_begin); }
    std::size_t size() const { return std::size_t(m_end - m_begin); }
    char currentChar() const { return m_pos < m_end ? *m_pos : '\0'; }
    void fail(const char *what);

private:
    static bool isSpace(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }
    const char *skipSpace(const char *p) const
    {
        // Every byte that is not whitespace and can follow it is above ' ':
        // one comparison tells the common case (no whitespace) apart.
        while (p < m_end && static_cast<unsigned char>(*p) <= ' ' && isSpace(*p))
            ++p;
        return p;
    }
    // Inline: called between every two tokens, and most often there is none.
    void skipWhitespace() { m_pos = skipSpace(m_pos); }

    static Type typeOf(char c)
    {
        switch (c) {
        case '{':
            return Type::Object;
        case '[':
            return Type::Array;
        case '"':
            return Type::String;
        case 't':
            return Type::True;
        case 'f':
            return Type::False;
        case 'n':
            return Type::Null;
        default:
            return (c == '-' || (c >= '0' && c <= '9')) ? Type::Number : Type::Invalid;
        }
    }

    // The first byte from p that ends a plain string: a quote, a backslash
    // or a control character; end if none. Eight bytes at a time: the lowest
    // byte these bit tricks flag is exact (a false flag only ever sits above
    // a true one), and only the lowest is used.
    static const char *findStop(const char *p, const char *end)
    {
        if constexpr (std::endian::native == std::endian::little) {
            constexpr std::uint64_t ones = 0x0101010101010101ull;
            constexpr std::uint64_t high = 0x8080808080808080ull;
            while (end - p >= 8) {
                std::uint64_t x;
                std::memcpy(&x, p, 8);
                const std::uint64_t quote = x ^ (ones * '"');
                const std::uint64_t slash = x ^ (ones * '\\');
                const std::uint64_t flags =
                    (((quote - ones) & ~quote) | ((slash - ones) & ~slash) | ((x - ones * 0x20) & ~x)) & high;
                if (flags)
                    return p + std::countr_zero(flags) / 8;
                p += 8;
            }
        }
        while (p < end && *p != '"' && *p != '\\' && static_cast<unsigned char>(*p) >= 0x20)
            ++p;
        return p;
    }

    // Appends the digits from p to `value` (value * 10 + digit each) and
    // returns where they end. Eight at a time where eight bytes remain:
    // timestamps have ten or more digits, and a byte-by-byte loop was a
    // tenth of a load's time.
    const char *digits(const char *p, std::uint64_t &value) const
    {
        if constexpr (std::endian::native == std::endian::little) {
            constexpr std::uint64_t zeros = 0x3030303030303030ull;
            constexpr std::uint64_t tops = 0xf0f0f0f0f0f0f0f0ull;
            constexpr std::uint64_t low7 = 0x7f7f7f7f7f7f7f7full;
            static constexpr std::uint64_t kPowers[] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000};
            while (m_end - p >= 8) {
                std::uint64_t x;
                std::memcpy(&x, p, 8);
                // Non-zero in each byte that is not '0'..'9'; a carry from a
                // byte of 0xfa or more only reaches bytes above it.
                const std::uint64_t odd = ((x & tops) ^ zeros) | (((x + 0x0606060606060606ull) & tops) ^ zeros);
                const std::uint64_t flags = (((odd & low7) + low7) | odd) & ~low7;
                const unsigned n = flags ? unsigned(std::countr_zero(flags)) / 8 : 8;
                if (n == 0)
                    return p;
                // The digits as the top n bytes, zeros (leading zeros) below.
                std::uint64_t d = x - zeros;
                d = n == 8 ? d : d << (8 * (8 - n));
                d = d * 10 + (d >> 8);
                d = (((d & 0x000000ff000000ffull) * (100 + (1000000ull << 32))) +
                     (((d >> 16) & 0x000000ff000000ffull) * (1 + (10000ull << 32)))) >>
                    32;
                value = value * kPowers[n] + (d & 0xffffffffull);
                p += n;
                if (n < 8)
                    return p;
            }
        }
        while (p < m_end && static_cast<unsigned char>(*p - '0') < 10)
            value = value * 10 + std::uint64_t(*p++ - '0');
        return p;
    }

    // The common number ("1234.567", "-42", followed by more text): where it
    // ends, or null for anything else (an exponent, more than 15 digits, an
    // error), which the full parser then reads. Its digits and the power of
    // ten are exact doubles and one division rounds correctly, so the value
    // is the one from_chars gives.
    const char *plainNumber(double &out, bool *integral) const
    {
        static constexpr double kPowersOfTen[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                                  1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
        const char *p = m_pos;
        const bool negative = p < m_end && *p == '-';
        p += negative;
        std::uint64_t value = 0;
        const char *first = p;
        p = digits(p, value);
        const auto whole = std::size_t(p - first);
        std::size_t fraction = 0;
        const bool point = p < m_end && *p == '.';
        if (point) {
            const char *f = ++p;
            p = digits(p, value);
            fraction = std::size_t(p - f);
        }
        // Past the end: a number never ends a trace; the full parser says so.
        // Over 15 digits the value may have wrapped: it is not used then.
        if (whole == 0 || (point && fraction == 0) || whole + fraction > 15 || p >= m_end)
            return nullptr;
        if (*p == 'e' || *p == 'E' || *p == '+' || *p == '-' || *p == '.')
            return nullptr;
        // No division for an integer (pids, tids, counter values): its latency shows.
        const double v = fraction == 0 ? double(value) : double(value) / kPowersOfTen[fraction];
        out = negative ? -v : v;
        if (integral)
            *integral = !point;
        return p;
    }

    bool stringSlow(std::string_view &out, std::string &scratch);
    bool numberSlow(double &out, bool *integral);
    bool nextMemberSlow(bool first, std::string_view &key, std::string &scratch);
    bool decodeString(const char *start, std::string &scratch);
    bool literal(std::string_view word);

    const char *m_begin;
    const char *m_pos;
    const char *m_end;
    bool m_failed = false;
    bool m_truncated = false;
    const char *m_error = "";
    std::size_t m_errorOffset = 0;
};

} // namespace cl::trace
