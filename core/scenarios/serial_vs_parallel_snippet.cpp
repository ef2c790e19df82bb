// The Python a learner of the notes would write for serial-vs-parallel,
// generated for the chosen mode, workload and sizes. It runs as written with
// python3 and prints the same three figures as the verdict.
#include "core/scenarios/serial_vs_parallel.h"

namespace cl::scenarios {

QString SerialVsParallel::pythonSnippet(const ParameterValues &values) const
{
    const QString mode = values.choice(QStringLiteral("mode"));
    const bool io = values.choice(QStringLiteral("workload")) == QLatin1String("io");
    const bool processes = mode == QLatin1String("processes");
    const bool serial = mode == QLatin1String("serial");
    const QString n = QString::number(values.integer(QStringLiteral("jobs")));
    const QString ms = QString::number(values.integer(QStringLiteral("work_ms")));

    QString py;
    py += processes ? QStringLiteral("import multiprocessing, os, time\n")
         : serial   ? QStringLiteral("import time\n")
                    : QStringLiteral("import sys, threading, time\n");
    py += QStringLiteral("\nJOBS, WORK_MS = %1, %2\n\n").arg(n, ms);
    if (io) {
        py += QStringLiteral("def job():\n"
                             "    time.sleep(WORK_MS / 1000)     # I/O-bound: waits; CPython releases the GIL\n");
    } else {
        py += QStringLiteral("def job():\n"
                             "    # CPU-bound: compute until this thread has used WORK_MS of CPU time\n"
                             "    end, n = time.thread_time() + WORK_MS / 1000, 0\n"
                             "    while time.thread_time() < end:\n"
                             "        n += 1\n");
    }
    py += QStringLiteral("\nif __name__ == '__main__':\n");
    if (mode == QLatin1String("gil-threads")) {
        py += QStringLiteral("    sys.setswitchinterval(%1 / 1000)  # switch_ms\n")
                  .arg(values.integer(QStringLiteral("switch_ms")));
    } else if (mode == QLatin1String("threads")) {
        py += QStringLiteral("    # The GIL of a default CPython build lets one thread compute at a time\n"
                             "    # (see gil-threads); a free-threaded build (python3.13t) runs them in\n"
                             "    # parallel, as this mode does.\n");
    }
    py += processes ? QStringLiteral("    t0, c0 = time.perf_counter(), os.times()\n")
                    : QStringLiteral("    t0, c0 = time.perf_counter(), time.process_time()\n");
    if (serial) {
        py += QStringLiteral("    for _ in range(JOBS):\n"
                             "        job()\n");
    } else {
        py += processes ? QStringLiteral("    workers = [multiprocessing.Process(target=job) for _ in range(JOBS)]\n")
                        : QStringLiteral("    workers = [threading.Thread(target=job) for _ in range(JOBS)]\n");
        py += QStringLiteral("    for w in workers:\n"
                             "        w.start()\n"
                             "    for w in workers:\n"
                             "        w.join()\n");
    }
    py += QStringLiteral("    wall = time.perf_counter() - t0\n");
    if (processes) {
        // Each clock's difference first: summed first, float rounding can
        // leave -0.0 for children that barely used the CPU ("cpu -0 ms").
        py += QStringLiteral("    c1 = os.times()                 # the joined children's CPU time\n"
                             "    cpu = (c1.children_user - c0.children_user) + (c1.children_system - c0.children_system)\n");
    } else {
        py += QStringLiteral("    cpu = time.process_time() - c0  # every thread of this process\n");
    }
    py += QStringLiteral("    print(f'wall {wall * 1000:.0f} ms, cpu {cpu * 1000:.0f} ms, '\n"
                         "          f'cores busy {100 * cpu / wall:.0f}%')\n");
    return py;
}

} // namespace cl::scenarios
