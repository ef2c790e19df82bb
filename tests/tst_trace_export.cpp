// The timeline as PNG, SVG and PDF: each rendered back and checked against
// the PNG (SVG through QSvgRenderer), text that stays text in SVG, one PDF
// page that fits the picture with a CJK font embedded for Chinese labels,
// the visible range on the axis, and the summary CSV.
#include "trace_builder.h"
#include "core/scenarios/run_summary_csv.h"
#include "core/trace/trace_store.h"
#include "ui/trace_export.h"

#include <QFile>
#include <QPainter>
#include <QRegularExpression>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>

using namespace cl;
using cl::tests::ev;
using cl::tests::kMs;
using trace::EventKind;
using trace::SpanState;

namespace {
constexpr std::uint64_t kT0 = 1'000'000'000'000ull;

void fill(trace::TraceStore &store)
{
    store.addString(1, "main");
    store.addString(2, "买票者-1");
    store.addString(3, "buyer-2");
    store.addString(4, "票锁");
    const auto wait = std::uint8_t(SpanState::LockWait);
    const auto hold = std::uint8_t(SpanState::LockHold);
    const auto run = std::uint8_t(SpanState::Running);
    store.addEvents({
        ev(EventKind::WorkerStart, 10, 10, kT0, 0, 1, 1),
        ev(EventKind::WorkerStart, 11, 11, kT0, 0, 2, 10),
        ev(EventKind::WorkerStart, 12, 12, kT0, 0, 3, 10),
        ev(EventKind::ObjectName, 10, 10, kT0, 0, 40, 4),
        ev(EventKind::SpanBegin, 11, 11, kT0, run),
        ev(EventKind::SpanEnd, 11, 11, kT0 + 40 * kMs, run),
        ev(EventKind::SpanBegin, 11, 11, kT0 + 40 * kMs, hold, 40),
        ev(EventKind::SpanEnd, 11, 11, kT0 + 80 * kMs, hold, 40),
        ev(EventKind::SpanBegin, 12, 12, kT0 + 10 * kMs, wait, 40),
        ev(EventKind::SpanEnd, 12, 12, kT0 + 80 * kMs, wait, 40),
        ev(EventKind::SpanBegin, 12, 12, kT0 + 80 * kMs, hold, 40),
        ev(EventKind::SpanEnd, 12, 12, kT0 + 100 * kMs, hold, 40),
        ev(EventKind::WorkerExit, 11, 11, kT0 + 90 * kMs, 0, 0, 0),
        ev(EventKind::WorkerExit, 12, 12, kT0 + 100 * kMs, 0, 0, 0),
        ev(EventKind::WorkerExit, 10, 10, kT0 + 100 * kMs, 0, 0, 0),
    });
    store.metadata()["title"] = "售票 Ticket race";
    store.metadata()["params"] = "buyers=2, lock=on";
    store.metadata()["verdict"] = "Sold 2, 0 oversold";
    store.metadata()["problem"] = "0";
    store.metadata()["recorded_at"] = "2026-11-28T09:30:00Z";
    store.metadata()["run_end_ns"] = std::to_string(kT0 + 100 * kMs);
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Mean difference per channel (0..255) after both are scaled down: the same
// picture drawn by two engines differs in anti-aliasing, not in layout.
double meanDifference(const QImage &a, const QImage &b)
{
    const QSize small(a.width() / 4, a.height() / 4);
    const QImage x = a.convertToFormat(QImage::Format_RGB32).scaled(small, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    const QImage y = b.convertToFormat(QImage::Format_RGB32).scaled(small, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    double sum = 0;
    for (int j = 0; j < small.height(); ++j)
        for (int i = 0; i < small.width(); ++i) {
            const QColor p = x.pixelColor(i, j), q = y.pixelColor(i, j);
            sum += std::abs(p.red() - q.red()) + std::abs(p.green() - q.green()) + std::abs(p.blue() - q.blue());
        }
    return sum / (3.0 * small.width() * small.height());
}

int countDistinctColours(const QImage &image)
{
    QSet<QRgb> colours;
    for (int j = 0; j < image.height(); j += 3)
        for (int i = 0; i < image.width(); i += 3)
            colours.insert(image.pixel(i, j));
    return int(colours.size());
}
} // namespace

class TestTraceExport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void formatFromSuffix_data();
    void formatFromSuffix();
    void svgMatchesThePng();
    void pdfIsOnePageThatFits();
    void visibleRange();
    void unwritablePath_data();
    void unwritablePath();
    void summaryCsv();

private:
    QTemporaryDir m_dir;
};

void TestTraceExport::formatFromSuffix_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("format");
    QTest::newRow("png") << QStringLiteral("a.png") << int(ui::TraceFileFormat::Png);
    QTest::newRow("SVG upper case") << QStringLiteral("a.SVG") << int(ui::TraceFileFormat::Svg);
    QTest::newRow("pdf") << QStringLiteral("/x/y.pdf") << int(ui::TraceFileFormat::Pdf);
    QTest::newRow("none") << QStringLiteral("picture") << int(ui::TraceFileFormat::Png);
}

void TestTraceExport::formatFromSuffix()
{
    QFETCH(QString, path);
    QFETCH(int, format);
    QCOMPARE(int(ui::traceFileFormatFor(path)), format);
}

void TestTraceExport::svgMatchesThePng()
{
    trace::TraceStore store;
    fill(store);
    ui::TraceImageOptions options;
    const QImage png = ui::renderTraceImage(store, options);
    QVERIFY(!png.isNull());
    const QString path = m_dir.filePath(QStringLiteral("t.svg"));
    QString error;
    QVERIFY2(ui::saveTraceSvg(store, options, path, &error), qPrintable(error));

    // Text stays text, the Chinese included.
    const QString svg = QString::fromUtf8(readAll(path));
    QVERIFY(svg.contains(QStringLiteral("<text")));
    QVERIFY(svg.contains(QStringLiteral("售票 Ticket race")));
    QVERIFY(svg.contains(QStringLiteral("Sold 2, 0 oversold")));
    QVERIFY(svg.contains(QStringLiteral("买票者"))); // runs of one font each: "买票者" and "-1"
    QVERIFY(svg.contains(QStringLiteral("票锁")));

    QSvgRenderer renderer(path);
    QVERIFY(renderer.isValid());
    QCOMPARE(renderer.viewBoxF().size().toSize(), png.size());
    QImage back(png.size(), QImage::Format_RGB32);
    back.fill(Qt::white);
    {
        QPainter p(&back);
        renderer.render(&p);
    }
    QVERIFY(countDistinctColours(back) > 8); // drawn, not blank
    const double diff = meanDifference(png, back);
    QVERIFY2(diff < 6.0, qPrintable(QStringLiteral("SVG and PNG differ by %1 per channel").arg(diff)));
}

void TestTraceExport::pdfIsOnePageThatFits()
{
    trace::TraceStore store;
    fill(store);
    ui::TraceImageOptions options;
    const QImage png = ui::renderTraceImage(store, options);
    const QString path = m_dir.filePath(QStringLiteral("t.pdf"));
    QString error;
    QVERIFY2(ui::saveTracePdf(store, options, path, &error), qPrintable(error));
    const QByteArray pdf = readAll(path);
    QVERIFY(pdf.startsWith("%PDF-"));
    QVERIFY(pdf.trimmed().endsWith("%%EOF"));
    // One page object, whose media box is the picture at 96 px to the inch.
    QCOMPARE(pdf.count("/Type /Page\n") + pdf.count("/Type /Page\r") + pdf.count("/Type /Page ") +
                 pdf.count("/Type /Page/"),
             qsizetype(1));
    const QRegularExpression box(QStringLiteral("/MediaBox \\[\\s*0\\s+0\\s+([0-9.]+)\\s+([0-9.]+)\\s*\\]"));
    const auto m = box.match(QString::fromLatin1(pdf));
    QVERIFY(m.hasMatch());
    QVERIFY(std::abs(m.captured(1).toDouble() - png.width() * 72.0 / 96.0) < 1.5);
    QVERIFY(std::abs(m.captured(2).toDouble() - png.height() * 72.0 / 96.0) < 1.5);
    // The Chinese labels are drawn with a CJK font, embedded in the file.
    QVERIFY2(pdf.contains("CJK") || pdf.contains("WenQuanYi") || pdf.contains("Droid"),
             "no CJK font embedded in the PDF");
}

void TestTraceExport::visibleRange()
{
    trace::TraceStore store;
    fill(store);
    ui::TraceImageOptions options;
    options.rangeBegin = kT0 + 20 * kMs;
    options.rangeEnd = kT0 + 60 * kMs;
    ui::TraceImageReport report;
    const QImage image = ui::renderTraceImage(store, options, &report);
    QVERIFY(!image.isNull());
    QCOMPARE(report.axisBegin, options.rangeBegin);
    QCOMPARE(report.axisEnd, options.rangeEnd);
    QVERIFY2(report.infoLine.contains(QStringLiteral("20")) && report.infoLine.contains(QStringLiteral("60")),
             qPrintable(report.infoLine));
    ui::TraceImageReport whole;
    ui::renderTraceImage(store, {}, &whole);
    QCOMPARE(whole.axisBegin, kT0);
    QCOMPARE(whole.axisEnd, kT0 + 100 * kMs);
}

void TestTraceExport::unwritablePath_data()
{
    QTest::addColumn<int>("format");
    QTest::newRow("png") << int(ui::TraceFileFormat::Png);
    QTest::newRow("svg") << int(ui::TraceFileFormat::Svg);
    QTest::newRow("pdf") << int(ui::TraceFileFormat::Pdf);
}

void TestTraceExport::unwritablePath()
{
    QFETCH(int, format);
    trace::TraceStore store;
    fill(store);
    QString error;
    QVERIFY(!ui::saveTraceFile(store, {}, ui::TraceFileFormat(format), m_dir.filePath(QStringLiteral("no/dir/x")),
                               &error));
    QVERIFY(!error.isEmpty());
}

void TestTraceExport::summaryCsv()
{
    scenarios::RunResult r;
    r.scenarioId = QStringLiteral("ticket-race");
    r.params.set(QStringLiteral("buyers"), qint64(3));
    r.params.set(QStringLiteral("lock"), QStringLiteral("off"));
    r.wallMs = 12.5;
    r.outcome.verdict = QStringLiteral("Oversold: 2 tickets, \"bad\"");
    r.outcome.metrics = {{QStringLiteral("sold"), 5, QStringLiteral("Sold")},
                         {QStringLiteral("oversold"), 2, QStringLiteral("Oversold")}};
    r.valid = true;
    const QString csv = scenarios::runSummaryCsv(r);
    const QStringList lines = csv.split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    QVERIFY(lines[0].startsWith(QStringLiteral("scenario,params,wall_ms,")));
    QVERIFY(lines[0].endsWith(QStringLiteral("metric:sold,metric:oversold")));
    QVERIFY(lines[1].startsWith(QStringLiteral("ticket-race,\"buyers=3, lock=off\",12.500,")));
    QVERIFY(lines[1].contains(QStringLiteral("\"Oversold: 2 tickets, \"\"bad\"\"\"")));
    QVERIFY(lines[1].endsWith(QStringLiteral(",5,2")));
    QCOMPARE(scenarios::csvField(QStringLiteral("=1+1")), QStringLiteral("\"=1+1\""));
    QCOMPARE(scenarios::csvField(QStringLiteral("plain")), QStringLiteral("plain"));
}

QTEST_MAIN(TestTraceExport)
#include "tst_trace_export.moc"
