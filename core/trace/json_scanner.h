#pragma once
// A small pull tokenizer over JSON text in memory (a mapped file): the
// Chrome trace reader walks millions of events with it without building a
// document. Strings without escapes come back as views into the text; the
// rest are decoded into a scratch buffer. Nothing recurses, so a hostile
// nesting depth cannot overflow the stack. Errors stop the scan and keep the
// byte offset and what was expected there.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace cl::trace {

class JsonScanner {
public:
    enum class Type { End, Object, Array, String, Number, True, False, Null, Invalid };

    JsonScanner(const char *begin, const char *end) : m_begin(begin), m_pos(begin), m_end(end) {}

    // Skips whitespace and says what the next value is, without consuming it.
    Type peek();
    // Consumes one of the single characters { } [ ] : , after whitespace.
    bool consume(char c);
    bool atEnd() { return peek() == Type::End; }

    // Reads a string value; `scratch` holds it when it had escapes.
    bool string(std::string_view &out, std::string &scratch);
    // Reads a number as a double; `integral` says it had no fraction or exponent.
    bool number(double &out, bool *integral = nullptr);
    // Skips any one value (nested containers included).
    bool skipValue();
    // The text of one value as it stands in the file (for metadata).
    bool rawValue(std::string_view &out);

    // Inside an object: after '{' or a value, reads `,` or `}`. Returns
    // false at '}' (the object ended) and true when a key follows; on
    // error it returns false with failed() set.
    bool nextMember(bool first, std::string_view &key, std::string &scratch);
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
    void skipWhitespace();
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
