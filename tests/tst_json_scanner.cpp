// The JSON tokenizer's fast paths (plain strings a word at a time, short
// decimal numbers without from_chars, keys) must give exactly what the full
// code gives: the same views, the same doubles bit for bit, the same errors.
#include "core/trace/json_scanner.h"

#include <QTest>

#include <charconv>
#include <cstring>
#include <random>
#include <string>

using cl::trace::JsonScanner;

namespace {

// What the scanner reads from `text` as one number, followed by a comma,
// and by more text when padded (digits are read eight at a time where eight
// bytes remain, one at a time near the end).
bool scanNumber(const std::string &text, double &out, bool &integral, std::string &error, bool padded = true)
{
    const std::string json = text + (padded ? ",\"and more text\"" : ",");
    JsonScanner scan(json.data(), json.data() + json.size());
    const bool ok = scan.number(out, &integral);
    error = scan.error();
    return ok;
}

bool sameDouble(double a, double b)
{
    return std::memcmp(&a, &b, sizeof a) == 0; // -0.0 and 0.0 differ
}

} // namespace

class TestJsonScanner : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void numbers_data();
    void numbers();
    void numbersAgreeWithFromChars();
    void strings_data();
    void strings();
    void stopAtEveryPosition();
    void members();
};

void TestJsonScanner::numbers_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<bool>("integral");
    QTest::newRow("zero") << QByteArray("0") << true << true;
    QTest::newRow("negative zero") << QByteArray("-0") << true << true;
    QTest::newRow("integer") << QByteArray("1000") << true << true;
    QTest::newRow("microseconds") << QByteArray("7310000.731") << true << false;
    QTest::newRow("fraction") << QByteArray("-12.500") << true << false;
    QTest::newRow("15 digits") << QByteArray("123456789.012345") << true << false;
    QTest::newRow("16 digits: the full parser") << QByteArray("1234567890.123456") << true << false;
    QTest::newRow("beyond 2^53") << QByteArray("9007199254740993") << true << true;
    QTest::newRow("exponent") << QByteArray("2.5e-3") << true << false;
    QTest::newRow("exponent, capital, plus") << QByteArray("1E+5") << true << false;
    QTest::newRow("eight digits, then a point") << QByteArray("12345678.9") << true << false;
    QTest::newRow("leading zeros") << QByteArray("00000000012") << true << true;
    QTest::newRow("many fraction digits") << QByteArray("0.10000000000000000555") << true << false;
    // Not JSON, but from_chars reads it, and the scanner always has: kept lenient.
    QTest::newRow("point without digits") << QByteArray("1.") << true << false;
    QTest::newRow("two points") << QByteArray("1.2.3") << false << false;
    QTest::newRow("minus alone") << QByteArray("-") << false << false;
    QTest::newRow("minus inside") << QByteArray("1-2") << false << false;
}

void TestJsonScanner::numbers()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, valid);
    QFETCH(bool, integral);
    const std::string s = text.toStdString();
    double value = 42;
    bool whole = !integral;
    std::string error;
    double unpadded = 0;
    bool unpaddedWhole = false;
    std::string unpaddedError;
    QCOMPARE(scanNumber(s, unpadded, unpaddedWhole, unpaddedError, false), valid);
    QCOMPARE(scanNumber(s, value, whole, error), valid);
    if (!valid) {
        QVERIFY2(!error.empty(), "a refused number says why");
        return;
    }
    double expected = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), expected);
    QVERIFY(ec == std::errc() && ptr == s.data() + s.size());
    QVERIFY2(sameDouble(value, expected), qPrintable(QStringLiteral("%1 read as %2, from_chars %3")
                                                         .arg(QString::fromStdString(s))
                                                         .arg(value, 0, 'g', 17)
                                                         .arg(expected, 0, 'g', 17)));
    QCOMPARE(whole, integral);
    QVERIFY(sameDouble(unpadded, expected));
    QCOMPARE(unpaddedWhole, integral);
}

void TestJsonScanner::numbersAgreeWithFromChars()
{
    // Many decimals of the shapes the fast path takes (and a few it does
    // not): every one must be the double from_chars makes of it.
    std::mt19937_64 random(7);
    for (int i = 0; i < 200000; ++i) {
        std::string s;
        if (random() % 4 == 0)
            s += '-';
        const int whole = 1 + int(random() % 12);
        for (int d = 0; d < whole; ++d)
            s += char('0' + random() % 10);
        if (random() % 3 != 0) {
            s += '.';
            const int fraction = 1 + int(random() % 9);
            for (int d = 0; d < fraction; ++d)
                s += char('0' + random() % 10);
        }
        double value = 0, expected = 0;
        bool integral = false;
        std::string error;
        QVERIFY2(scanNumber(s, value, integral, error, i % 2 == 0), s.c_str());
        std::from_chars(s.data(), s.data() + s.size(), expected);
        if (!sameDouble(value, expected))
            QFAIL(qPrintable(QStringLiteral("%1 read as %2, from_chars %3")
                                 .arg(QString::fromStdString(s))
                                 .arg(value, 0, 'g', 17)
                                 .arg(expected, 0, 'g', 17)));
    }
}

void TestJsonScanner::strings_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QByteArray>("expected"); // the value, or the error
    QTest::addColumn<bool>("valid");
    QTest::newRow("empty") << QByteArray(R"("",)") << QByteArray("") << true;
    QTest::newRow("short") << QByteArray(R"("ph",)") << QByteArray("ph") << true;
    QTest::newRow("longer than a word") << QByteArray(R"("took the lock 123456",)") << QByteArray("took the lock 123456")
                                        << true;
    QTest::newRow("utf-8 bytes above 0x7f") << QByteArray("\"\xe5\x94\xae\xe7\xa5\xa8 lock\",")
                                            << QByteArray("\xe5\x94\xae\xe7\xa5\xa8 lock") << true;
    QTest::newRow("escapes after a word") << QByteArray(R"("abcdefghij\"k\u00e9",)")
                                          << QByteArray("abcdefghij\"k\xc3\xa9") << true;
    QTest::newRow("control character") << QByteArray("\"abcdefghij\x01\",")
                                       << QByteArray("a control character inside a string (it must be escaped)")
                                       << false;
    QTest::newRow("ends inside") << QByteArray("\"abcdefghijklmnop") << QByteArray("the text ends inside a string")
                                 << false;
}

void TestJsonScanner::strings()
{
    QFETCH(QByteArray, json);
    QFETCH(QByteArray, expected);
    QFETCH(bool, valid);
    JsonScanner scan(json.constData(), json.constData() + json.size());
    std::string_view out;
    std::string scratch;
    QCOMPARE(scan.string(out, scratch), valid);
    if (valid)
        QCOMPARE(QByteArray(out.data(), qsizetype(out.size())), expected);
    else
        QCOMPARE(QByteArray(scan.error()), expected);
}

void TestJsonScanner::stopAtEveryPosition()
{
    // A quote, a backslash or a control character at each place in and
    // around the 8-byte words: the string ends, or is decoded, or refused
    // exactly there.
    for (int at = 0; at < 20; ++at) {
        const std::string head(std::size_t(at), 'x');
        const std::string plain = '"' + head + "\",";
        JsonScanner a(plain.data(), plain.data() + plain.size());
        std::string_view out;
        std::string scratch;
        QVERIFY(a.string(out, scratch));
        QCOMPARE(std::string(out), head);
        QCOMPARE(a.offset(), std::size_t(at) + 2);

        const std::string escaped = '"' + head + "\\ny\",";
        JsonScanner b(escaped.data(), escaped.data() + escaped.size());
        QVERIFY(b.string(out, scratch));
        QCOMPARE(std::string(out), head + "\ny");

        const std::string control = '"' + head + "\ty\",";
        JsonScanner c(control.data(), control.data() + control.size());
        QVERIFY(!c.string(out, scratch));
        QCOMPARE(c.errorOffset(), std::size_t(at) + 1);
    }
}

void TestJsonScanner::members()
{
    const std::string json = R"({ "ph" : "X","a\"b":1 ,
        "name":"n"} x)";
    JsonScanner scan(json.data(), json.data() + json.size());
    QVERIFY(scan.consume('{'));
    std::string_view key, value;
    std::string scratch, valueScratch;
    QVERIFY(scan.nextMember(true, key, scratch));
    QCOMPARE(std::string(key), std::string("ph"));
    QVERIFY(scan.string(value, valueScratch));
    QVERIFY(scan.nextMember(false, key, scratch));
    QCOMPARE(std::string(key), std::string("a\"b"));
    double n = 0;
    QVERIFY(scan.number(n));
    QVERIFY(scan.nextMember(false, key, scratch));
    QCOMPARE(std::string(key), std::string("name"));
    QVERIFY(scan.skipValue());
    QVERIFY(!scan.nextMember(false, key, scratch));
    QVERIFY(!scan.failed());

    const std::string bad = R"({"a":1 "b":2})";
    JsonScanner broken(bad.data(), bad.data() + bad.size());
    QVERIFY(broken.consume('{'));
    QVERIFY(broken.nextMember(true, key, scratch));
    QVERIFY(broken.number(n));
    QVERIFY(!broken.nextMember(false, key, scratch));
    QVERIFY(broken.failed());
    QCOMPARE(QByteArray(broken.error()), QByteArray("expected ',' or '}' after a value in an object"));
}

QTEST_GUILESS_MAIN(TestJsonScanner)
#include "tst_json_scanner.moc"
