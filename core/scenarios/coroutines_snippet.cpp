// The Python a learner of the notes would write for each coroutine demo. Only
// the standard library: greenlet is not part of it, so the switch demo does
// the same explicit switches with generators and shows the greenlet code in
// a comment. Each prints the lines the console shows.
#include "core/scenarios/coroutines.h"

namespace cl::scenarios {

QString CoroutinesLesson::pythonSnippet(const ParameterValues &values) const
{
    const QString demo = values.choice(QStringLiteral("demo"));
    if (demo == QLatin1String("switch")) {
        return QStringLiteral(
            "# With greenlet (pip install greenlet), as in the notes:\n"
            "#   def func1(): print(1); gr2.switch(); print(2); gr2.switch()\n"
            "#   def func2(): print(3); gr1.switch(); print(4)\n"
            "#   gr1, gr2 = greenlet(func1), greenlet(func2); gr1.switch()\n"
            "# The standard library has no greenlet; generators make the same\n"
            "# explicit switches: each yield names the greenlet to switch to.\n"
            "def func1():\n"
            "    print(1)\n"
            "    yield 'gr2'        # gr2.switch()\n"
            "    print(2)\n"
            "    yield 'gr2'        # gr2.switch()\n"
            "\n"
            "def func2():\n"
            "    print(3)\n"
            "    yield 'gr1'        # gr1.switch()\n"
            "    print(4)\n"
            "\n"
            "greenlets = {'gr1': func1(), 'gr2': func2()}\n"
            "current = 'gr1'        # gr1.switch()\n"
            "while current:\n"
            "    try:\n"
            "        current = next(greenlets[current])\n"
            "    except StopIteration:\n"
            "        current = None # an ended greenlet returns to main\n");
    }
    if (demo == QLatin1String("generator")) {
        return QStringLiteral("ITEMS = %1\n"
                              "\n"
                              "def consumer(name):\n"
                              "    print(f'{name} is ready to eat')\n"
                              "    while True:\n"
                              "        baozi = yield   # wait here until the producer sends\n"
                              "        print(f'{name} eats baozi {baozi}')\n"
                              "\n"
                              "c1, c2 = consumer('c1'), consumer('c2')\n"
                              "next(c1)                # run each to its first yield\n"
                              "next(c2)\n"
                              "for n in range(1, ITEMS + 1):\n"
                              "    c1.send(n)\n"
                              "    c2.send(n)\n")
            .arg(values.integer(QStringLiteral("items")));
    }
    if (demo == QLatin1String("event-loop")) {
        const double first = double(values.integer(QStringLiteral("first_sleep_ms"))) / 1000.0;
        return QStringLiteral("import asyncio\n"
                              "\n"
                              "async def func1():\n"
                              "    print(1)\n"
                              "    await asyncio.sleep(%1)   # the loop runs func2 meanwhile\n"
                              "    print(2)\n"
                              "\n"
                              "async def func2():\n"
                              "    print(3)\n"
                              "    await asyncio.sleep(%2)\n"
                              "    print(4)\n"
                              "\n"
                              "async def main():\n"
                              "    await asyncio.gather(func1(), func2())\n"
                              "\n"
                              "asyncio.run(main())\n")
            .arg(first)
            .arg(2 * first);
    }
    const QString taskS = QString::number(double(values.integer(QStringLiteral("task_ms"))) / 1000.0);
    if (demo == QLatin1String("sync-vs-async")) {
        return QStringLiteral("import asyncio, time\n"
                              "\n"
                              "TASKS, WAIT = %1, %2\n"
                              "\n"
                              "async def task(i):\n"
                              "    await asyncio.sleep(WAIT)\n"
                              "    print(f'task {i} done')\n"
                              "\n"
                              "async def synchronous():\n"
                              "    for i in range(1, TASKS + 1):\n"
                              "        await task(i)          # one after another\n"
                              "\n"
                              "async def asynchronous():\n"
                              "    await asyncio.gather(*(task(i) for i in range(1, TASKS + 1)))\n"
                              "\n"
                              "t0 = time.perf_counter()\n"
                              "asyncio.run(synchronous())\n"
                              "t1 = time.perf_counter()\n"
                              "asyncio.run(asynchronous())\n"
                              "t2 = time.perf_counter()\n"
                              "print(f'one after another {(t1 - t0) * 1000:.0f} ms, together {(t2 - t1) * 1000:.0f} ms')\n")
            .arg(values.integer(QStringLiteral("tasks")))
            .arg(taskS);
    }
    return QStringLiteral("import asyncio, time\n"
                          "\n"
                          "COUNT, WAIT = %1, %2\n"
                          "done = 0\n"
                          "\n"
                          "async def coro():\n"
                          "    global done\n"
                          "    await asyncio.sleep(WAIT)\n"
                          "    done += 1\n"
                          "\n"
                          "async def main():\n"
                          "    await asyncio.gather(*(coro() for _ in range(COUNT)))\n"
                          "\n"
                          "t0 = time.perf_counter()\n"
                          "asyncio.run(main())\n"
                          "print(f'{done} of {COUNT} coroutines done')\n"
                          "print(f'{(time.perf_counter() - t0) * 1000:.0f} ms')\n")
        .arg(values.integer(QStringLiteral("count")))
        .arg(taskS);
}

} // namespace cl::scenarios
