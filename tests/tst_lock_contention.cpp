// The lock-contention lesson on real processes and threads: holds never
// overlap, the lock changes hands, the RLock's re-entry keeps one hold per
// turn, no lock means no waits; the metrics come from the workers' own
// totals; Stop and a worker killed while holding the lock leave nothing
// behind. The Python snippet runs as written.
#include "core/runtime/fork_server.h"
#include "core/scenarios/catalogue.h"
#include "core/scenarios/lock_contention.h"
#include "core/scenarios/race_tasks.h"
#include "core/scenarios/run_session.h"
#include "process_check.h"

#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <algorithm>
#include <csignal>
#include <set>

using namespace cl;
using scenarios::ParameterValues;
using trace::SpanState;

class TestLockContention : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<runtime::ForkServerClient> m_server;
    const scenarios::Scenario *m_lesson = nullptr;

    ParameterValues values(const QStringList &assignments) const
    {
        ParameterValues v = m_lesson->defaults();
        for (const QString &a : assignments) {
            const auto error = scenarios::Parameters::applyAssignment(m_lesson->id(), m_lesson->parameters(), a, v);
            if (error)
                qFatal("bad assignment in test: %s", qPrintable(*error));
        }
        return v;
    }

    void verifyNothingLeft()
    {
        QVERIFY(tests::childrenOf(m_server->serverPid()).isEmpty());
        QCOMPARE(tests::childrenOf(getpid()), QList<pid_t>{m_server->serverPid()});
    }

    static std::vector<trace::Span> allSpans(const trace::TraceStore &store, SpanState state, pid_t except = 0)
    {
        std::vector<trace::Span> out;
        for (const auto &w : store.workers())
            for (const auto &s : w.spans)
                if (w.pid != except && s.state == state)
                    out.push_back(s);
        std::sort(out.begin(), out.end(), [](const auto &a, const auto &b) { return a.begin < b.begin; });
        return out;
    }

    // Index of a worker whose hold span is open right now, or -1.
    static int currentHolder(const trace::TraceStore &store)
    {
        for (std::size_t i = 0; i < store.workers().size(); ++i)
            for (const trace::OpenSpan &o : store.workers()[i].open)
                if (o.state == SpanState::LockHold)
                    return int(i);
        return -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = runtime::ForkServerClient::start();
        QVERIFY(m_server);
        m_lesson = scenarios::findScenario(QStringLiteral("lock-contention"));
        QVERIFY(m_lesson);
    }

    void schemaAndPresets()
    {
        QCOMPARE(m_lesson->category(), QStringLiteral("Locks and races"));
        const auto presets = m_lesson->presets();
        QCOMPARE(presets.size(), 2);
        for (const auto &preset : presets) {
            ParameterValues v = m_lesson->defaults();
            for (const auto &kv : preset.values)
                QVERIFY2(!scenarios::Parameters::applyAssignment(m_lesson->id(), m_lesson->parameters(),
                                                                 kv.first + QLatin1Char('=') + kv.second, v),
                         qPrintable(kv.first));
        }
        QCOMPARE(m_lesson->plannedProcesses(values({QStringLiteral("workers=7")})), 7);
        QCOMPARE(m_lesson->plannedProcesses(values({QStringLiteral("workers=7"), QStringLiteral("mode=threads")})), 0);
    }

    void run_data()
    {
        QTest::addColumn<QString>("lock");
        QTest::addColumn<QString>("mode");
        for (const char *lock : {"mutex", "rlock", "none"})
            for (const char *mode : {"processes", "threads"})
                QTest::addRow("%s %s", lock, mode) << QString::fromLatin1(lock) << QString::fromLatin1(mode);
    }

    void run()
    {
        QFETCH(QString, lock);
        QFETCH(QString, mode);
        const int workers = 3;
        const int iterations = 4;
        const int holdMs = 5;
        const ParameterValues v = values({QStringLiteral("workers=%1").arg(workers),
                                          QStringLiteral("iterations=%1").arg(iterations),
                                          QStringLiteral("hold_ms=%1").arg(holdMs), QStringLiteral("outside_ms=2"),
                                          QStringLiteral("lock=") + lock, QStringLiteral("mode=") + mode});
        scenarios::RunSession session(m_server.get());
        const scenarios::RunResult &r = session.runBlocking(*m_lesson, v);
        QVERIFY2(r.valid && r.outcome.error.isEmpty(), qPrintable(r.outcome.error));
        QCOMPARE(r.droppedEvents, quint64(0));
        for (const char *key : {"wall_ms", "wait_ms_total", "hold_ms_total", "handovers", "max_wait_ms"})
            QVERIFY2(r.outcome.metric(QLatin1String(key)) >= 0, key);
        QCOMPARE(r.outcome.metric(QStringLiteral("acquisitions")), qint64(workers * iterations));
        // Every turn slept its hold time inside: the workers' totals cannot be less.
        QVERIFY(r.outcome.metric(QStringLiteral("hold_ms_total")) >= qint64(workers * iterations * holdMs));
        QVERIFY(!r.outcome.verdict.isEmpty());

        const trace::TraceStore &store = session.store();
        const auto holds = allSpans(store, SpanState::LockHold);
        if (lock == QLatin1String("none")) {
            QVERIFY(holds.empty());
            QVERIFY(allSpans(store, SpanState::LockWait).empty());
            QVERIFY(store.flows().empty());
            QCOMPARE(r.outcome.metric(QStringLiteral("wait_ms_total")), qint64(0));
            QCOMPARE(r.outcome.metric(QStringLiteral("max_wait_ms")), qint64(0));
            QCOMPARE(r.outcome.metric(QStringLiteral("handovers")), qint64(0));
        } else {
            // One hold per turn (the RLock's re-entry does not split it), and
            // never two at once, from any two workers.
            QCOMPARE(int(holds.size()), workers * iterations);
            for (std::size_t i = 1; i < holds.size(); ++i)
                QVERIFY2(holds[i].begin >= holds[i - 1].end,
                         qPrintable(QStringLiteral("hold %1 begins %2 ns before hold %3 ends")
                                        .arg(i).arg(holds[i - 1].end - holds[i].begin).arg(i - 1)));
            // Each worker held it, so it changed hands at least workers - 1 times.
            QVERIFY(r.outcome.metric(QStringLiteral("handovers")) >= workers - 1);
            QVERIFY(r.outcome.metric(QStringLiteral("max_wait_ms")) <= r.outcome.metric(QStringLiteral("wait_ms_total")));
            for (const auto &f : store.flows()) {
                QVERIFY(f.fromWorker >= 0 && f.toWorker >= 0);
                QVERIFY(f.inTime >= f.outTime);
            }
            if (!allSpans(store, SpanState::LockWait).empty())
                QVERIFY(!store.flows().empty());
        }

        QCOMPARE(int(r.workers.size()), workers);
        std::set<int> pids;
        for (const auto &w : r.workers) {
            QCOMPARE(w.exitValue, qint64(0));
            pids.insert(w.pid);
        }
        QCOMPARE(int(pids.size()), mode == QLatin1String("threads") ? 1 : workers);
        verifyNothingLeft();
    }

    void stopMidRun_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::newRow("processes") << QStringLiteral("processes");
        QTest::newRow("threads") << QStringLiteral("threads");
    }

    void stopMidRun()
    {
        QFETCH(QString, mode);
        const ParameterValues v = values({QStringLiteral("workers=3"), QStringLiteral("iterations=1000"),
                                          QStringLiteral("hold_ms=20"), QStringLiteral("lock=rlock"),
                                          QStringLiteral("mode=") + mode});
        scenarios::RunSession session(m_server.get());
        QSignalSpy finished(&session, &scenarios::RunSession::finished);
        QVERIFY(session.start(*m_lesson, v));
        QTRY_VERIFY_WITH_TIMEOUT(allSpans(session.store(), SpanState::LockHold).size() >= 2, 10000);
        session.stop();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 5000);
        QVERIFY(session.result().stopped);
        for (const auto &w : session.result().workers)
            QVERIFY2(w.exitValue == -SIGKILL || w.exitValue == scenarios::kStoppedExitCode,
                     qPrintable(QString::number(w.exitValue)));
        verifyNothingLeft();
    }

    void workerKilledWhileHolding_data()
    {
        QTest::addColumn<QString>("lock");
        QTest::newRow("mutex") << QStringLiteral("mutex");
        QTest::newRow("rlock") << QStringLiteral("rlock");
    }

    void workerKilledWhileHolding()
    {
        QFETCH(QString, lock);
        const ParameterValues v = values({QStringLiteral("workers=3"), QStringLiteral("iterations=2"),
                                          QStringLiteral("hold_ms=150"), QStringLiteral("outside_ms=0"),
                                          QStringLiteral("lock=") + lock, QStringLiteral("mode=processes")});
        scenarios::RunSession session(m_server.get());
        QSignalSpy finished(&session, &scenarios::RunSession::finished);
        QVERIFY(session.start(*m_lesson, v));
        QTRY_VERIFY_WITH_TIMEOUT(currentHolder(session.store()) >= 0, 10000);
        const pid_t holder = session.store().workers()[std::size_t(currentHolder(session.store()))].pid;
        QCOMPARE(::kill(holder, SIGKILL), 0);
        // The robust lock passes to the others, who finish their turns.
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        const auto &r = session.result();
        QVERIFY(!r.stopped);
        int killed = 0, done = 0;
        for (const auto &w : r.workers) {
            killed += w.pid == holder && w.exitValue == -SIGKILL;
            done += w.pid != holder && w.exitValue == 0;
        }
        QCOMPARE(killed, 1);
        QCOMPARE(done, 2);
        // The others' holds never overlap. (The killed worker's hold is closed
        // when it is reaped, a little after the kernel freed the lock at its
        // death, so it is left out.)
        const auto holds = allSpans(session.store(), SpanState::LockHold, holder);
        for (std::size_t i = 1; i < holds.size(); ++i)
            QVERIFY(holds[i].begin >= holds[i - 1].end);
        QVERIFY(r.outcome.metric(QStringLiteral("acquisitions")) >= 4);
        verifyNothingLeft();
    }

    void pythonSnippetRuns()
    {
        const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
        if (python.isEmpty())
            QSKIP("python3 is not installed");
        QCOMPARE(m_lesson->pythonSnippet(m_lesson->defaults()), scenarios::LockContention::snippetFor(m_lesson->defaults()));
        // Every lock with every mode, all at once: the interpreter's start-up
        // is most of the time each takes.
        std::vector<std::unique_ptr<QProcess>> runs;
        QStringList names;
        for (const char *lock : {"mutex", "rlock", "none"}) {
            for (const char *mode : {"processes", "threads"}) {
                const ParameterValues v = values({QStringLiteral("workers=3"), QStringLiteral("iterations=2"),
                                                  QStringLiteral("hold_ms=5"), QStringLiteral("outside_ms=1"),
                                                  QStringLiteral("lock=%1").arg(QLatin1String(lock)),
                                                  QStringLiteral("mode=%1").arg(QLatin1String(mode))});
                const QString snippet = scenarios::LockContention::snippetFor(v);
                QVERIFY(snippet.contains(QStringLiteral("LOCK, MODE = '%1', '%2'").arg(QLatin1String(lock), QLatin1String(mode))));
                runs.push_back(std::make_unique<QProcess>());
                runs.back()->start(python, {QStringLiteral("-c"), snippet});
                names << QStringLiteral("%1 %2").arg(QLatin1String(lock), QLatin1String(mode));
            }
        }
        for (std::size_t i = 0; i < runs.size(); ++i) {
            QProcess &p = *runs[i];
            const QString name = names[qsizetype(i)];
            QVERIFY2(p.waitForFinished(60000), qPrintable(name));
            QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0,
                     qPrintable(name + QStringLiteral(": ") + QString::fromUtf8(p.readAllStandardError())));
            const QString out = QString::fromUtf8(p.readAllStandardOutput());
            QVERIFY2(out.startsWith(QLatin1String("wall ")) && out.contains(QLatin1String("held 0.03 s")),
                     qPrintable(name + QStringLiteral(": ") + out));
        }
    }
};

QTEST_GUILESS_MAIN(TestLockContention)
#include "tst_lock_contention.moc"
