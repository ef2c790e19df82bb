// The start-methods lesson's Python, one program per demo. Code, not prose:
// it stays in English like any Python source would.
#include "core/scenarios/start_methods.h"

namespace cl::scenarios {

QString StartMethods::pythonSnippet(const ParameterValues &values) const
{
    const QString method = values.choice(QStringLiteral("method"));
    const QString demo = values.choice(QStringLiteral("demo"));
    QStringList c;
    c << QStringLiteral("# Start methods: %1 with \"%2\".").arg(demo, method)
      << QStringLiteral("# Save it as start_methods.py and run: python3 start_methods.py")
      << QStringLiteral("import multiprocessing") << QStringLiteral("import os");
    if (demo == QLatin1String("inherited-lock"))
        c << QStringLiteral("import threading");
    c << QStringLiteral("import time") << QString()
      << QStringLiteral("METHOD = \"%1\"").arg(method)
      << QStringLiteral("CHILDREN = %1").arg(values.integer(QStringLiteral("children")));
    if (demo == QLatin1String("inherited-lock"))
        c << QStringLiteral("TIMEOUT_MS = %1").arg(values.integer(QStringLiteral("timeout_ms")));
    if (demo == QLatin1String("isolation"))
        c << QStringLiteral("value = 0  # a global of this module");
    if (demo == QLatin1String("inherited-lock"))
        c << QStringLiteral("lock = threading.Lock()  # a lock of this process, not a multiprocessing.Lock");
    if (demo == QLatin1String("double-flush"))
        c << QStringLiteral("PATH = \"demo.txt\"") << QStringLiteral("out = None  # the parent's file, set in main");
    c << QString() << QString()
      << QStringLiteral("def child(name, asked_at, started):")
      << QStringLiteral("    # The first instruction of the task: how long did starting take?")
      << QStringLiteral("    started.put((time.monotonic_ns() - asked_at) // 1000)");
    if (demo == QLatin1String("isolation")) {
        c << QStringLiteral("    global value")
          << QStringLiteral("    print(f\"{name} (PID {os.getpid()}): value = {value}\", flush=True)")
          << QStringLiteral("    value += 123  # changes this process's copy only")
          << QStringLiteral("    print(f\"{name}: value = {value}\", flush=True)");
    } else if (demo == QLatin1String("inherited-lock")) {
        c << QStringLiteral("    t0 = time.monotonic()")
          << QStringLiteral("    got = lock.acquire(timeout=TIMEOUT_MS / 1000)")
          << QStringLiteral("    waited = round((time.monotonic() - t0) * 1000)")
          << QStringLiteral("    if got:")
          << QStringLiteral("        print(f\"{name}: lock.acquire() succeeded after {waited} ms\", flush=True)")
          << QStringLiteral("        lock.release()")
          << QStringLiteral("    else:")
          << QStringLiteral("        print(f\"{name}: lock.acquire() timed out after {waited} ms\", flush=True)");
    } else if (demo == QLatin1String("double-flush")) {
        c << QStringLiteral("    # A forked child has a copy of the parent's file object, buffer included;")
          << QStringLiteral("    # a spawned one imported this module afresh: out is None there.")
          << QStringLiteral("    f = out if out is not None else open(PATH, \"a\")")
          << QStringLiteral("    f.write(f\"{name}: written by PID {os.getpid()}\\n\")")
          << QStringLiteral("    f.flush()");
    }
    c << QString() << QString()
      << QStringLiteral("if __name__ == \"__main__\":  # spawn and forkserver children import this file")
      << QStringLiteral("    ctx = multiprocessing.get_context(METHOD)")
      << QStringLiteral("    started = ctx.Queue()");
    if (demo == QLatin1String("isolation"))
        c << QStringLiteral("    value = 1  # set by the parent only");
    if (demo == QLatin1String("inherited-lock"))
        c << QStringLiteral("    lock.acquire()  # held by the parent's thread while the children start");
    if (demo == QLatin1String("double-flush"))
        c << QStringLiteral("    open(PATH, \"w\").close()")
          << QStringLiteral("    out = open(PATH, \"a\")")
          << QStringLiteral("    out.write(\"parent: written before the children started\\n\")  # still buffered");
    c << QStringLiteral("    children = []")
      << QStringLiteral("    for i in range(CHILDREN):")
      << QStringLiteral("        p = ctx.Process(target=child, args=(f\"child-{i + 1}\", time.monotonic_ns(), started))")
      << QStringLiteral("        p.start()")
      << QStringLiteral("        children.append(p)")
      << QStringLiteral("    latencies = sorted(started.get() for _ in children)")
      << QStringLiteral("    for p in children:")
      << QStringLiteral("        p.join()")
      << QStringLiteral("    print(f\"{METHOD}: started in {latencies[(len(latencies) - 1) // 2]} us (median), \"")
      << QStringLiteral("          f\"at most {latencies[-1]} us\")");
    if (demo == QLatin1String("isolation"))
        c << QStringLiteral("    print(f\"parent: value = {value}\")  # still 1");
    if (demo == QLatin1String("inherited-lock"))
        c << QStringLiteral("    lock.release()");
    if (demo == QLatin1String("double-flush"))
        c << QStringLiteral("    out.close()  # the parent's buffer reaches the file only now")
          << QStringLiteral("    with open(PATH) as f:")
          << QStringLiteral("        lines = f.read().splitlines()")
          << QStringLiteral("    print(f\"{len(lines)} lines in {PATH}:\")")
          << QStringLiteral("    for line in lines:")
          << QStringLiteral("        print(line)");
    return c.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace cl::scenarios
