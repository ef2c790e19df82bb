#include "core/scenarios/ticket_race.h"
#include "core/runtime/shared_mutex.h"
#include "core/runtime/ticket_store.h"
#include "core/scenarios/race_tasks.h"
#include "core/scenarios/run_context.h"
#include "core/scenarios/ticket_race_pool.h"
#include "core/runtime/pool_board.h"

#include <QDir>
#include <QTemporaryDir>
#include <algorithm>

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
              "the lock lives in shared memory that every pool worker maps.</p>");
}

QString TicketRace::pythonSnippet() const
{
    return QStringLiteral(
        "import multiprocessing, time\n"
        "\n"
        "def buyer(lock):\n"
        "    with lock:                      # lock=off: drop this line\n"
        "        with open('tickets.txt') as f:\n"
        "            left = int(f.read())\n"
        "        print('tickets left:', left, '- buying...')\n"
        "        time.sleep(think_ms / 1000)\n"
        "        if left > 0:\n"
        "            with open('tickets.txt', 'w') as f:\n"
        "                f.write(str(left - 1))\n"
        "\n"
        "if __name__ == '__main__':\n"
        "    lock = multiprocessing.Lock()\n"
        "    buyers = [multiprocessing.Process(target=buyer, args=(lock,))\n"
        "              for _ in range(n_buyers)]\n"
        "    for b in buyers:\n"
        "        b.start()\n"
        "        time.sleep(stagger_ms / 1000)\n"
        "    for b in buyers:\n"
        "        b.join()\n");
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
                           "Where the count lives: a text file (as in the notes) or shared memory."),
         0, 0, 0, {QStringLiteral("file"), QStringLiteral("shm")}, QStringLiteral("file")},
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
                                         values.integer(QStringLiteral("pool_size")) + 1)); // + pool result handler
    l.ringCapacity = 1024;
    l.objectsBytes = 64 * 1024 + std::size_t(values.integer(QStringLiteral("buyers"))) * sizeof(BuyerResult) +
                     runtime::PoolBoard::bytesFor(std::uint32_t(values.integer(QStringLiteral("buyers"))));
    return l;
}

Outcome TicketRace::run(RunContext &context, const ParameterValues &values) const
{
    Outcome out;
    const qint64 tickets = values.integer(QStringLiteral("tickets"));
    const int buyers = int(values.integer(QStringLiteral("buyers")));
    const bool useLock = values.isOn(QStringLiteral("lock"));
    const bool useFile = values.choice(QStringLiteral("store")) == QLatin1String("file");
    const bool asThreads = values.choice(QStringLiteral("mode")) == QLatin1String("threads");
    auto &arena = context.arena();

    QTemporaryDir dir(QDir::tempPath() + QStringLiteral("/concurrency-lab-XXXXXX"));
    const std::string path = QDir(dir.path()).filePath(QStringLiteral("tickets.txt")).toStdString();
    TicketBuyerArgs args{};
    args.storeOffset = runtime::TicketStore::create(arena, useFile, path, tickets);
    args.lockOffset = useLock ? runtime::SharedMutex::create(arena) : 0;
    args.resultsOffset = arena.allocateObject(sizeof(BuyerResult) * std::size_t(buyers), alignof(BuyerResult));
    args.thinkMs = values.integer(QStringLiteral("think_ms"));
    if (args.storeOffset == 0 || args.resultsOffset == 0 || (useLock && args.lockOffset == 0)) {
        out.error = tr("could not set up the ticket store in %1").arg(dir.path());
        return out;
    }
    runtime::TicketStore store(arena, args.storeOffset);
    context.writer().counter(trace::counter_id::TicketsLeft, tickets);
    context.writer().nameObject(trace::counter_id::TicketsLeft, "tickets left");
    if (useLock)
        context.writer().nameObject(runtime::SharedMutex(arena, args.lockOffset).objectId(), "ticket lock");

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
    context.waitAll();
    if (!context.error().isEmpty() && out.error.isEmpty())
        out.error = context.error();

    // The verdict comes from what the buyers did and what the store holds now.
    const auto *results = arena.object<BuyerResult>(args.resultsOffset);
    qint64 sold = 0;
    for (int i = 0; i < buyers; ++i)
        sold += results[i].bought;
    const qint64 left = store.read();
    const qint64 oversold = sold - (tickets - left);
    out.metrics = {
        {QStringLiteral("tickets"), tickets, tr("tickets at start")},
        {QStringLiteral("buyers"), buyers, tr("buyers")},
        {QStringLiteral("sold"), sold, tr("sold")},
        {QStringLiteral("tickets_left"), left, tr("tickets left")},
        {QStringLiteral("oversold"), oversold, tr("oversold")},
    };
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
