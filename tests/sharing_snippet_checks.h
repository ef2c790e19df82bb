#pragma once
// The Python snippets of the "sharing data" lessons (pipe,
// shared-vs-manager), for tst_python_snippets: rows, what the code must
// contain for given parameters, and what it must print when run.
#include "core/scenarios/scenario.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>

namespace cl::tests {

inline void addSharingSnippetRows()
{
    for (const char *duplex : {"on", "off"})
        QTest::addRow("pipe duplex=%s", duplex)
            << QStringLiteral("pipe") << QStringLiteral("messages=4,reply_ms=5,duplex=%1").arg(QLatin1String(duplex));
    for (const char *store : {"value", "array", "manager"})
        for (const char *lock : {"on", "off"})
            QTest::addRow("shared-vs-manager %s lock=%s", store, lock)
                << QStringLiteral("shared-vs-manager")
                << QStringLiteral("workers=3,updates=300,store=%1,lock=%2").arg(QLatin1String(store), QLatin1String(lock));
}

inline bool isSharingLesson(const scenarios::Scenario &s)
{
    return s.id() == QLatin1String("pipe") || s.id() == QLatin1String("shared-vs-manager");
}

// QVERIFY inside: the caller returns right after.
inline void sharingSnippetFollows(const scenarios::Scenario &s, const scenarios::ParameterValues &v, const QString &code)
{
    if (s.id() == QLatin1String("pipe")) {
        const bool duplex = v.isOn(QStringLiteral("duplex"));
        QCOMPARE(code.contains(QStringLiteral("multiprocessing.Pipe()")), duplex);
        QCOMPARE(code.count(QStringLiteral("multiprocessing.Pipe(duplex=False)")), duplex ? 0 : 2);
        QVERIFY(code.contains(QStringLiteral("MESSAGES = 4\n")));
        QVERIFY(code.contains(QStringLiteral("REPLY_MS = 5 ")));
        scenarios::ParameterValues other = v;
        other.set(QStringLiteral("duplex"), duplex ? QStringLiteral("off") : QStringLiteral("on"));
        QVERIFY(s.pythonSnippet(other) != code);
        return;
    }
    const QString store = v.choice(QStringLiteral("store"));
    const bool lock = v.isOn(QStringLiteral("lock"));
    QCOMPARE(code.contains(QStringLiteral("multiprocessing.Value(")), store == QLatin1String("value"));
    QCOMPARE(code.contains(QStringLiteral("multiprocessing.Array(")), store == QLatin1String("array"));
    QCOMPARE(code.contains(QStringLiteral("manager.Value(")), store == QLatin1String("manager"));
    QCOMPARE(code.contains(QStringLiteral("with lock:")), lock);
    if (store != QLatin1String("manager"))
        QCOMPARE(code.contains(QStringLiteral("lock=True")), lock);
    QVERIFY(code.contains(QStringLiteral("WORKERS = 3\n")));
    QVERIFY(code.contains(QStringLiteral("UPDATES = 300\n")));
    scenarios::ParameterValues other = v;
    other.set(QStringLiteral("lock"), lock ? QStringLiteral("off") : QStringLiteral("on"));
    QVERIFY(s.pythonSnippet(other) != code);
}

inline void checkSharingOutput(const scenarios::Scenario &s, const scenarios::ParameterValues &v,
                               const QStringList &lines)
{
    if (s.id() == QLatin1String("pipe")) {
        const int messages = int(v.integer(QStringLiteral("messages")));
        const QRegularExpression child(QStringLiteral("^child \\(PID \\d+\\): received \"message (\\d+)\"$"));
        const QRegularExpression parent(QStringLiteral("^main \\(PID \\d+\\): received \"reply (\\d+)\" - round trip \\d+ us$"));
        int nextMessage = 1, nextReply = 1;
        for (int i = 0; i < lines.size() - 1; ++i) {
            if (const auto m = child.match(lines[i]); m.hasMatch())
                QCOMPARE(m.captured(1).toInt(), nextMessage++);
            else if (const auto r = parent.match(lines[i]); r.hasMatch())
                QCOMPARE(r.captured(1).toInt(), nextReply++);
            else
                QFAIL(qPrintable(lines[i]));
        }
        QCOMPARE(nextMessage, messages + 1);
        QCOMPARE(nextReply, messages + 1);
        QVERIFY2(lines.last().startsWith(QStringLiteral("Sent %1, got %1 replies in order; median round trip ").arg(messages)),
                 qPrintable(lines.last()));
        return;
    }
    const int workers = int(v.integer(QStringLiteral("workers")));
    const qint64 updates = v.integer(QStringLiteral("updates"));
    const QRegularExpression done(QStringLiteral("^worker-(\\d+) \\(PID (\\d+)\\): done: (\\d+) updates, \\d+ ns each$"));
    QSet<QString> names, pids;
    for (int i = 0; i < lines.size() - 1; ++i) {
        const auto m = done.match(lines[i]);
        QVERIFY2(m.hasMatch(), qPrintable(lines[i]));
        names << m.captured(1);
        pids << m.captured(2);
        QCOMPARE(m.captured(3).toLongLong(), updates);
    }
    QCOMPARE(lines.size(), workers + 1);
    QCOMPARE(names.size(), workers);
    QCOMPARE(pids.size(), workers);
    const QRegularExpression verdict(QStringLiteral("^(Lost updates: \\d+\\. Expected \\d+, but the value ended at \\d+\\.|"
                                                    "Exact: the value ended at (\\d+), as expected\\.)$"));
    const auto m = verdict.match(lines.last());
    QVERIFY2(m.hasMatch(), qPrintable(lines.last()));
    if (v.isOn(QStringLiteral("lock")))
        QCOMPARE(m.captured(2).toLongLong(), workers * updates);
}

} // namespace cl::tests
