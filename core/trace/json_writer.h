#pragma once
// A streaming JSON writer: values go out as they are written, through a small
// buffer, so a trace of millions of events never exists as a document in
// memory. The caller keeps the structure right (keys inside objects, every
// begin closed); the writer places commas and colons and escapes strings.
#include <QByteArray>
#include <QString>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

class QIODevice;

namespace cl::trace {

class JsonWriter {
public:
    explicit JsonWriter(QIODevice *device);
    ~JsonWriter();
    JsonWriter(const JsonWriter &) = delete;
    JsonWriter &operator=(const JsonWriter &) = delete;

    void beginObject();
    void endObject();
    void beginArray();
    void endArray();
    // A key inside an object; the next call writes its value.
    void key(std::string_view name);

    void string(std::string_view utf8);
    void string(const char *utf8) { string(std::string_view(utf8)); }
    void string(const QString &text);
    void integer(std::int64_t value);
    void number(double value); // shortest text that reads back as the same double
    void boolean(bool value);
    // A value already in JSON form, e.g. a string quoted once by quoted().
    void raw(std::string_view json);

    // Writes what is buffered; false once any write to the device failed.
    bool flush();
    bool ok() const { return m_ok; }

    // `text` as a JSON string literal, quotes included. Invalid UTF-8 is
    // replaced as QString::fromUtf8 would, so the file is always valid JSON.
    static std::string quoted(std::string_view utf8);

private:
    void beforeValue();
    // Room for `bytes` more at the end of the buffer, flushing first if needed.
    char *reserve(std::size_t bytes);
    void put(char c);
    void put(std::string_view text);
    void putEscaped(std::string_view utf8); // utf8 must be valid
    void putString(std::string_view utf8);

    QIODevice *m_device;
    std::vector<char> m_buffer;
    std::size_t m_used = 0;
    std::vector<char> m_first; // per open container: nothing written in it yet
    bool m_afterKey = false;
    bool m_ok = true;
};

} // namespace cl::trace
