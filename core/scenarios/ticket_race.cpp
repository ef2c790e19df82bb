#include "core/scenarios/ticket_race.h"
#include "core/runtime/shared_mutex.h"
#include "core/runtime/ticket_store.h"
#include "core/scenarios/manager_host.h"
#include "core/scenarios/race_tasks.h"
#include "core/scenarios/sharing_tasks.h"
#include "core/scenarios/run_context.h"
#include "core/scenarios/ticket_race_pool.h"
#include "core/runtime/pool_board.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>

namespace cl::scenarios {

QString TicketRace::title() const { return tr("Ticket-sale race"); }

QString TicketRace::category() const { return tr("Locks and races"); }

QString TicketRace::description() const
{
    return tr("<p>Several buyers share one ticket count. Each buyer <b>reads</b> the count, "
              "<b>thinks</b> for a while, and, if it saw a ticket, <b>writes back</b> one less.</p>"
              "<p>Without a lock, a buyer that starts while another is still thinking reads the same "
              "count: both sell \"the last ticket\" and the count goes down by one only. "
              "The verdict counts these oversold tickets from what the buyers really wrote.</p>"
              "<p>With the lock on, read–think–write becomes a critical section: buyers wait their turn "
              "(red spans), one holds the lock at a time (blue spans), and the sales are exact.</p>"
              "<p>With <b>pool</b>, the buyers are tasks of a process pool (seed 000 §4.2): a few "
              "\"pool worker\" rows take buyer after buyer. The notes need a Manager's lock there; here "
              "the lock lives in shared memory that every pool worker maps.</p>"
              "<p>With the <b>manager</b> store, the count is <tt>d[\"tickets\"]</tt> of a "
              "<tt>Manager().dict()</tt>, and the lock is the manager's <tt>Lock()</tt>: each read, write, "
              "acquire and release is a round trip to the manager process, whose own row shows every request "
              "it serves.</p>");
}

QString TicketRace::pythonSnippet(const ParameterValues &values) const
{
    // Code, not prose: it stays in English like any Python source would.
    const bool threads = values.choice(QStringLiteral("mode")) == QLatin1String("threads");
    const bool lock = values.isOn(QStringLiteral("lock"));
    const bool manager = values.choice(QStringLiteral("store")) == QLatin1String("manager");
    const bool file = !manager && values.choice(QStringLiteral("store")) != QLatin1String("shm");
    const QString mp = threads ? QStringLiteral("threading") : QStringLiteral("multiprocessing");
    QStringList c;
    c << QStringLiteral("# Ticket-sale race with %1, the count in %2, %3.")
             .arg(threads ? QStringLiteral("threads") : QStringLiteral("processes"),
                  file      ? QStringLiteral("a file")
                  : manager ? QStringLiteral("a manager's dict")
                            : QStringLiteral("shared memory"),
                  lock ? QStringLiteral("with a lock") : QStringLiteral("no lock"))
      << QStringLiteral("# Save it as ticket_race.py and run: python3 ticket_race.py")
      << QStringLiteral("import %1").arg(mp);
    if (threads && manager)
        c << QStringLiteral("import multiprocessing  # for its Manager: the count lives in another process");
    if (!threads)
        c << QStringLiteral("import os");
    c << QStringLiteral("import time") << QString()
      << QStringLiteral("TICKETS = %1").arg(values.integer(QStringLiteral("tickets")))
      << QStringLiteral("BUYERS = %1").arg(values.integer(QStringLiteral("buyers")))
      << QStringLiteral("THINK_MS = %1  # between reading the count and writing it back")
             .arg(values.integer(QStringLiteral("think_ms")))
      << QStringLiteral("STAGGER_MS = %1  # between starting one buyer and the next")
             .arg(values.integer(QStringLiteral("stagger_ms")));
    if (file)
        c << QStringLiteral("PATH = \"tickets.txt\"  # the file is the database, as in the notes");
    if (threads) {
        c << QString();
        if (!file && !manager)
            c << QStringLiteral("tickets_left = TICKETS  # threads share their process's memory: a global is the store");
        if (lock && !manager)
            c << QStringLiteral("lock = threading.Lock()");
        c << QStringLiteral("bought = [0] * BUYERS  # one slot per buyer: no two write the same one");
    }
    c << QString() << QString()
      << QStringLiteral("def say(line):")
      << QStringLiteral("    # One write per line, so lines of different workers never run together.")
      << QStringLiteral("    print(line + \"\\n\", end=\"\", flush=True)")
      << QString() << QString();
    if (file)
        c << QStringLiteral("def read_tickets():") << QStringLiteral("    while True:")
          << QStringLiteral("        with open(PATH) as f:") << QStringLiteral("            text = f.read()")
          << QStringLiteral("        if text:  # another buyer may have just emptied the file to rewrite it")
          << QStringLiteral("            return int(text)") << QString() << QString()
          << QStringLiteral("def write_tickets(n):") << QStringLiteral("    with open(PATH, \"w\") as f:")
          << QStringLiteral("        f.write(str(n))") << QString() << QString();

    // How the buyer reads and writes the count, per store and mode.
    const QString read = file      ? QStringLiteral("read_tickets()")
                         : manager ? QStringLiteral("tickets[\"tickets\"]  # a round trip to the manager")
                         : threads ? QStringLiteral("tickets_left")
                                   : QStringLiteral("tickets.value");
    const QString write = file      ? QStringLiteral("write_tickets(left - 1)")
                          : manager ? QStringLiteral("tickets[\"tickets\"] = left - 1  # another round trip")
                          : threads ? QStringLiteral("tickets_left = left - 1")
                                    : QStringLiteral("tickets.value = left - 1");
    if (threads) {
        c << QStringLiteral("def buyer(i):");
        if (!file && !manager)
            c << QStringLiteral("    global tickets_left");
        c << QStringLiteral("    me = f\"buyer-{i + 1} (TID {threading.get_native_id()})\"");
    } else {
        c << QStringLiteral("def buyer(i, %1%2bought):")
                 .arg(file ? QString() : QStringLiteral("tickets, "), lock ? QStringLiteral("lock, ") : QString())
          << QStringLiteral("    me = f\"buyer-{i + 1} (PID {os.getpid()})\"");
    }
    QString in = QStringLiteral("    ");
    if (lock) {
        c << QStringLiteral("    with lock:  # read, think and write in one critical section");
        in += QStringLiteral("    ");
    }
    c << in + QStringLiteral("left = %1").arg(read)
      << in + QStringLiteral("say(f\"{me}: tickets left: {left} - buying...\")")
      << in + QStringLiteral("time.sleep(THINK_MS / 1000)%1")
                  .arg(lock ? QString() : QStringLiteral("  # others may read the same count meanwhile"))
      << in + QStringLiteral("if left > 0:") << in + QStringLiteral("    ") + write
      << in + QStringLiteral("    bought[i] = 1")
      << in + QStringLiteral("    say(f\"{me}: bought a ticket, wrote {left - 1} back\")")
      << in + QStringLiteral("else:")
      << in + QStringLiteral("    say(f\"{me}: no ticket left (read {left}), nothing bought\")")
      << QString() << QString();

    QString indent;
    if (manager) {
        // The manager is a process of its own: the main guard keeps a
        // spawned or forkserver child from starting another one.
        indent = QStringLiteral("    ");
        c << QStringLiteral("if __name__ == \"__main__\":")
          << QStringLiteral("    manager = multiprocessing.Manager()  # starts the manager's server process")
          << QStringLiteral("    tickets = manager.dict()  # a proxy: the dict lives in the manager")
          << QStringLiteral("    tickets[\"tickets\"] = TICKETS");
        if (lock)
            c << QStringLiteral("    lock = manager.Lock()  # the manager's lock, reached through a proxy too");
        if (threads)
            c << QStringLiteral("    buyers = [threading.Thread(target=buyer, args=(i,)) for i in range(BUYERS)]");
        else
            c << QStringLiteral("    bought = multiprocessing.Array(\"i\", BUYERS, lock=False)  # one slot per buyer")
              << QStringLiteral("    buyers = [multiprocessing.Process(target=buyer, args=(i, tickets, %1bought))")
                     .arg(lock ? QStringLiteral("lock, ") : QString())
              << QStringLiteral("              for i in range(BUYERS)]");
    } else if (threads) {
        if (file)
            c << QStringLiteral("write_tickets(TICKETS)");
        c << QStringLiteral("buyers = [threading.Thread(target=buyer, args=(i,)) for i in range(BUYERS)]");
    } else {
        indent = QStringLiteral("    ");
        c << QStringLiteral("if __name__ == \"__main__\":  # required: spawn and forkserver children import this file");
        if (file)
            c << QStringLiteral("    write_tickets(TICKETS)");
        else
            c << QStringLiteral("    tickets = multiprocessing.Value(\"q\", TICKETS, lock=False)  # the count in shared memory");
        if (lock)
            c << QStringLiteral("    lock = multiprocessing.Lock()");
        c << QStringLiteral("    bought = multiprocessing.Array(\"i\", BUYERS, lock=False)  # one slot per buyer")
          << QStringLiteral("    buyers = [multiprocessing.Process(target=buyer, args=(i, %1%2bought))")
                 .arg(file ? QString() : QStringLiteral("tickets, "), lock ? QStringLiteral("lock, ") : QString())
          << QStringLiteral("              for i in range(BUYERS)]");
    }
    const QString left = file      ? QStringLiteral("read_tickets()")
                         : manager ? QStringLiteral("tickets[\"tickets\"]")
                         : threads ? QStringLiteral("tickets_left")
                                   : QStringLiteral("tickets.value");
    for (const QString &line :
         {QStringLiteral("for b in buyers:"), QStringLiteral("    b.start()"),
          QStringLiteral("    time.sleep(STAGGER_MS / 1000)"), QStringLiteral("for b in buyers:"),
          QStringLiteral("    b.join()"), QStringLiteral("sold = sum(bought)"), QStringLiteral("left = %1").arg(left),
          QStringLiteral("oversold = sold - (TICKETS - left)"), QStringLiteral("if oversold > 0:"),
          QStringLiteral("    print(f\"Oversold: {oversold} tickets. {sold} buyers bought, \""),
          QStringLiteral("          f\"but the count only went from {TICKETS} to {left}.\")"),
          QStringLiteral("else:"), QStringLiteral("    print(f\"No ticket oversold: {sold} sold, {left} left.\")")})
        c << indent + line;
    if (manager)
        c << QStringLiteral("    manager.shutdown()  # ends the manager's process");
    return c.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QList<ParameterSpec> TicketRace::parameters() const
{
    using T = ParameterSpec::Type;
    return {
        {QStringLiteral("tickets"), T::Integer, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Tickets"), "",
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Tickets on sale at the start."), 0, 1000, 10, {}, {}},
        {QStringLiteral("buyers"), T::Integer, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Buyers"), "",
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Buyers, each one worker that tries to buy one ticket."),
         1, 1000, 10, {}, {}},
        {QStringLiteral("think_ms"), T::Integer, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Think time"),
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "ms"),
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters",
                           "Time between reading the count and writing it back (the notes use 2000 ms)."),
         0, 10000, 300, {}, {}},
        {QStringLiteral("stagger_ms"), T::Integer, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Stagger"),
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "ms"),
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters",
                           "Gap between starting one buyer and the next (the notes use 1000 ms)."),
         0, 5000, 100, {}, {}},
        {QStringLiteral("store"), T::Choice, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Ticket store"), "",
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters",
                           "Where the count lives: a text file (as in the notes), shared memory, or a dict in a "
                           "manager's server process (every read and write a round trip to it)."),
         0, 0, 0, {QStringLiteral("file"), QStringLiteral("shm"), QStringLiteral("manager")}, QStringLiteral("file")},
        {QStringLiteral("lock"), T::Choice, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Lock"), "",
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Hold a shared lock from reading to writing."), 0, 0, 0,
         {QStringLiteral("on"), QStringLiteral("off")}, QStringLiteral("off")},
        {QStringLiteral("mode"), T::Choice, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Workers run as"), "",
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters",
                           "Run the buyers as processes, as threads, or as tasks of a process pool."), 0, 0, 0,
         {QStringLiteral("processes"), QStringLiteral("threads"), QStringLiteral("pool")}, QStringLiteral("processes")},
        {QStringLiteral("pool_size"), T::Integer, QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Pool size"), "",
         QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Worker processes when the buyers run in a pool (the notes use 5)."),
         1, 64, 5, {}, {}},
    };
}

QList<Preset> TicketRace::presets() const
{
    return {
        {QT_TRANSLATE_NOOP("cl::scenarios::Presets", "As in the notes"),
         {{QStringLiteral("tickets"), QStringLiteral("10")},
          {QStringLiteral("buyers"), QStringLiteral("10")},
          {QStringLiteral("think_ms"), QStringLiteral("2000")},
          {QStringLiteral("stagger_ms"), QStringLiteral("1000")},
          {QStringLiteral("store"), QStringLiteral("file")},
          {QStringLiteral("lock"), QStringLiteral("off")},
          {QStringLiteral("mode"), QStringLiteral("processes")}}},
        {QT_TRANSLATE_NOOP("cl::scenarios::Presets", "Quick"),
         {{QStringLiteral("tickets"), QStringLiteral("10")},
          {QStringLiteral("buyers"), QStringLiteral("10")},
          {QStringLiteral("think_ms"), QStringLiteral("300")},
          {QStringLiteral("stagger_ms"), QStringLiteral("100")}}},
        {QT_TRANSLATE_NOOP("cl::scenarios::Presets", "Quick, with the lock"),
         {{QStringLiteral("tickets"), QStringLiteral("10")},
          {QStringLiteral("buyers"), QStringLiteral("10")},
          {QStringLiteral("think_ms"), QStringLiteral("150")},
          {QStringLiteral("stagger_ms"), QStringLiteral("50")},
          {QStringLiteral("lock"), QStringLiteral("on")}}},
    };
}

record::SharedArena::Layout TicketRace::layout(const ParameterValues &values) const
{
    record::SharedArena::Layout l;
    // A buyer writes a few dozen events; every buyer can be alive at once.
    l.ringCount = std::uint32_t(std::max(values.integer(QStringLiteral("buyers")),
                                         values.integer(QStringLiteral("pool_size")) + 1)) // + pool result handler
                  + 1; // + a manager's server
    // The manager records a few events per request, four requests per buyer.
    l.ringCapacity = values.choice(QStringLiteral("store")) == QLatin1String("manager") ? 8192 : 1024;
    l.objectsBytes = 64 * 1024 + std::size_t(values.integer(QStringLiteral("buyers"))) * sizeof(BuyerResult) +
                     runtime::PoolBoard::bytesFor(std::uint32_t(values.integer(QStringLiteral("buyers"))));
    return l;
}

int TicketRace::plannedProcesses(const ParameterValues &values) const
{
    // Every buyer is one process, and all of them may be alive at once.
    const QString mode = values.choice(QStringLiteral("mode"));
    const int manager = values.choice(QStringLiteral("store")) == QLatin1String("manager") ? 1 : 0;
    if (mode == QLatin1String("processes"))
        return int(values.integer(QStringLiteral("buyers"))) + manager;
    if (mode == QLatin1String("pool"))
        return int(values.integer(QStringLiteral("pool_size"))) + 1 + manager; // + the pool's result handler
    return manager;
}

namespace {
// The manager's side of store=manager: d = manager.dict(); d["tickets"] = N;
// and lock = manager.Lock() when the lock is on.
QString startTicketManager(ManagerHost &manager, TicketBuyerArgs &args, qint64 tickets, bool useLock)
{
    const QString error = manager.start();
    if (!error.isEmpty() || manager.pid() == 0)
        return error;
    args.managerOffset = manager.stateOffset();
    args.dictHandle = manager.create(runtime::ManagerOp::CreateDict, 0, "tickets dict (manager)", args.dictObject);
    if (useLock)
        args.lockHandle = manager.create(runtime::ManagerOp::CreateLock, 0, "ticket lock (manager)", args.lockObject);
    runtime::DictProxy d(manager.connection(), args.dictHandle, args.dictObject);
    if (args.dictHandle == 0 || (useLock && args.lockHandle == 0) ||
        d.set(manager.writer(), "tickets", tickets) != runtime::ManagerStatus::Ok)
        return ManagerHost::tr("could not set up the tickets in the manager process (pid %1)").arg(manager.pid());
    return {};
}
} // namespace

Outcome TicketRace::run(RunContext &context, const ParameterValues &values) const
{
    Outcome out;
    const qint64 tickets = values.integer(QStringLiteral("tickets"));
    const int buyers = int(values.integer(QStringLiteral("buyers")));
    const bool useLock = values.isOn(QStringLiteral("lock"));
    const bool useFile = values.choice(QStringLiteral("store")) == QLatin1String("file");
    const bool useManager = values.choice(QStringLiteral("store")) == QLatin1String("manager");
    const bool asThreads = values.choice(QStringLiteral("mode")) == QLatin1String("threads");
    auto &arena = context.arena();
    ManagerHost manager(context);

    // The file lives in a directory of its own that goes away with this
    // scope, whether the run ends, is stopped or fails: run() returns only
    // after every buyer has ended, so nobody writes to it any more.
    std::optional<QTemporaryDir> dir;
    QString pathText;
    QByteArray path;
    if (useFile) {
        dir.emplace(QDir::tempPath() + QStringLiteral("/concurrency-lab-XXXXXX"));
        if (!dir->isValid()) {
            out.error = tr("could not create a directory for the ticket file in %1: %2")
                            .arg(QDir::tempPath(), dir->errorString());
            return out;
        }
        pathText = dir->filePath(QStringLiteral("tickets.txt"));
        path = QFile::encodeName(pathText);
        if (std::size_t(path.size()) > runtime::TicketStore::kMaxPathBytes) {
            out.error = tr("the ticket file path is %1 bytes long, more than the %2 allowed: %3; set TMPDIR to a "
                           "shorter directory")
                            .arg(QString::number(path.size()),
                                 QString::number(runtime::TicketStore::kMaxPathBytes), pathText);
            return out;
        }
    }
    TicketBuyerArgs args{};
    const std::string_view pathBytes(path.constData(), std::size_t(path.size()));
    args.storeOffset = runtime::TicketStore::create(arena, useFile, pathBytes, tickets);
    const int storeError = errno;
    args.lockOffset = useLock && !useManager ? runtime::SharedMutex::create(arena) : 0;
    args.resultsOffset = arena.allocateObject(sizeof(BuyerResult) * std::size_t(buyers), alignof(BuyerResult));
    args.thinkMs = values.integer(QStringLiteral("think_ms"));
    if (args.storeOffset == 0) {
        out.error = useFile ? tr("could not set up the ticket file %1: %2")
                                  .arg(pathText, QString::fromLocal8Bit(strerror(storeError)))
                            : tr("could not set up the ticket store in shared memory");
        return out;
    }
    if (args.resultsOffset == 0 || (useLock && !useManager && args.lockOffset == 0)) {
        out.error = tr("could not set up the ticket store in shared memory");
        return out;
    }
    runtime::TicketStore store(arena, args.storeOffset);
    context.writer().counter(trace::counter_id::TicketsLeft, tickets);
    context.writer().nameObject(trace::counter_id::TicketsLeft, "tickets left");
    if (useLock && !useManager)
        context.writer().nameObject(runtime::SharedMutex(arena, args.lockOffset).objectId(), "ticket lock");
    if (useManager) {
        out.error = startTicketManager(manager, args, tickets, useLock);
        if (!out.error.isEmpty() || context.stopRequested()) {
            const QString ended = manager.finish();
            context.waitAll();
            if (out.error.isEmpty())
                out.error = ended;
            return out;
        }
    }

    const qint64 stagger = values.integer(QStringLiteral("stagger_ms"));
    const bool inPool = values.choice(QStringLiteral("mode")) == QLatin1String("pool");
    if (inPool)
        out.error = runTicketBuyersInPool(context, args, buyers, int(values.integer(QStringLiteral("pool_size"))), stagger);
    for (int i = 0; !inPool && i < buyers; ++i) {
        if (!context.spawn(asThreads, "ticket-race.buyer", "buyer-" + std::to_string(i + 1), i, args))
            break;
        if (stagger > 0 && i + 1 < buyers && !context.sleepMs(stagger))
            break;
    }
    std::int64_t managerLeft = 0;
    runtime::ManagerStatus leftStatus = runtime::ManagerStatus::Ok;
    QString managerError;
    if (useManager) {
        manager.waitForWorkers();
        runtime::DictProxy d(manager.connection(), args.dictHandle, args.dictObject);
        leftStatus = manager.diedEarly() ? runtime::ManagerStatus::Gone
                                         : d.get(context.writer(), "tickets", managerLeft);
        managerError = manager.finish();
    }
    context.waitAll();
    if (!context.error().isEmpty() && out.error.isEmpty())
        out.error = context.error();

    // The verdict comes from what the buyers did and what the store holds now.
    const auto *results = arena.object<BuyerResult>(args.resultsOffset);
    qint64 sold = 0;
    int readFailures = 0, writeFailures = 0, readError = 0, writeError = 0;
    for (int i = 0; i < buyers; ++i) {
        sold += results[i].bought;
        if (results[i].readError != 0 && readFailures++ == 0)
            readError = results[i].readError;
        if (results[i].writeError != 0 && writeFailures++ == 0)
            writeError = results[i].writeError;
    }
    std::int64_t left = managerLeft;
    int leftError = 0;
    const bool leftKnown = useManager ? leftStatus == runtime::ManagerStatus::Ok : store.read(left, &leftError);

    QStringList errors;
    if (!context.error().isEmpty())
        errors << context.error();
    if (!managerError.isEmpty())
        errors << managerError;
    else if (useManager && !leftKnown && !context.stopRequested())
        errors << tr("could not read the final count from the manager: %1")
                      .arg(QString::fromLatin1(runtime::managerStatusText(leftStatus)));
    const auto why = [](int error) { return QString::fromLocal8Bit(strerror(error)); };
    if (writeFailures > 0)
        errors << tr("%n buyer(s) could not write the lowered count back to %1 (%2); no ticket was counted as "
                     "sold for them", nullptr, writeFailures)
                      .arg(pathText, why(writeError));
    if (readFailures > 0)
        errors << tr("%n buyer(s) could not read the ticket count from %1 (%2) and bought nothing", nullptr,
                     readFailures)
                      .arg(pathText, why(readError));
    if (!leftKnown && !useManager)
        errors << tr("could not read the final ticket count from %1 (%2), so overselling was not checked")
                      .arg(pathText, why(leftError));
    out.error = errors.join(QStringLiteral("; "));

    out.metrics = {
        {QStringLiteral("tickets"), tickets, tr("tickets at start")},
        {QStringLiteral("buyers"), buyers, tr("buyers")},
        {QStringLiteral("sold"), sold, tr("sold")},
    };
    if (!leftKnown) {
        out.verdict = tr("%1 tickets sold; the tickets left could not be read, so overselling was not checked.")
                          .arg(sold);
        return out;
    }
    const qint64 oversold = sold - (tickets - left);
    out.metrics.append({QStringLiteral("tickets_left"), left, tr("tickets left")});
    out.metrics.append({QStringLiteral("oversold"), oversold, tr("oversold")});
    out.problem = oversold > 0;
    if (oversold > 0)
        out.verdict = tr("Oversold: %1 tickets. %2 buyers bought, but the count only went from %3 to %4.")
                          .arg(oversold)
                          .arg(sold)
                          .arg(tickets)
                          .arg(left);
    else
        out.verdict = tr("No ticket oversold: %1 sold, %2 left.").arg(sold).arg(left);
    return out;
}

} // namespace cl::scenarios
