#!/usr/bin/env python3
"""CPython's pipe and manager round trips, measured the way cl_bench's
BM_PipeRoundTrip and BM_ManagerRoundTrip measure ours:

- pipe: the parent sends a short string over multiprocessing.Pipe() (duplex,
  or two Pipe(duplex=False)), a child sends it back, the parent receives it.
- manager: one read d["count"] (and one write d["count"] = i) through a
  Manager().dict() proxy, each a round trip to the manager process.
- Value: v.value += 1 on a multiprocessing.Value with its lock and without.

    python3 tests/benchmarks/sharing_latency.py [--round-trips N] [--repetitions R]

Prints the median time per round trip (or per update) over R repetitions of
N each. See docs/benchmarks.md ("Pipes and managers").
"""
import argparse
import multiprocessing
import platform
import statistics
import time


def echo(inbox, outbox):
    while True:
        m = inbox.recv()
        if m == "bye":
            return
        outbox.send(m)


def pipe_round_trip(duplex, n):
    if duplex:
        a, b = multiprocessing.Pipe()
        p = multiprocessing.Process(target=echo, args=(b, b))
        out, back = a, a
    else:
        child_in, out = multiprocessing.Pipe(duplex=False)
        back, child_out = multiprocessing.Pipe(duplex=False)
        p = multiprocessing.Process(target=echo, args=(child_in, child_out))
    p.start()
    out.send("warm-up")
    back.recv()
    start = time.perf_counter_ns()
    for _ in range(n):
        out.send("message")
        back.recv()
    elapsed = time.perf_counter_ns() - start
    out.send("bye")
    p.join()
    return elapsed / n


def manager_round_trip(d, write, n):
    start = time.perf_counter_ns()
    if write:
        for i in range(n):
            d["count"] = i
    else:
        for _ in range(n):
            d["count"]
    return (time.perf_counter_ns() - start) / n


def value_increment(lock, n):
    v = multiprocessing.Value("i", 0, lock=lock)
    start = time.perf_counter_ns()
    if lock:
        for _ in range(n):
            with v.get_lock():
                v.value += 1
    else:
        for _ in range(n):
            v.value += 1
    return (time.perf_counter_ns() - start) / n


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--round-trips", type=int, default=20000)
    parser.add_argument("--repetitions", type=int, default=5)
    args = parser.parse_args()
    n, reps = args.round_trips, args.repetitions
    print(f"CPython {platform.python_version()}, start method {multiprocessing.get_start_method()}, "
          f"{reps} x {n}")
    for duplex in (True, False):
        times = [pipe_round_trip(duplex, n) for _ in range(reps)]
        print(f"Pipe(duplex={duplex}) round trip: {statistics.median(times) / 1000:.1f} us")
    with multiprocessing.Manager() as manager:
        d = manager.dict()
        d["count"] = 0
        for write in (False, True):
            times = [manager_round_trip(d, write, n) for _ in range(reps)]
            what = 'd["count"] = i' if write else 'd["count"]'
            print(f"Manager().dict() {what}: {statistics.median(times) / 1000:.1f} us")
    for lock in (False, True):
        times = [value_increment(lock, n * 10) for _ in range(reps)]
        print(f"Value(lock={lock}) v.value += 1: {statistics.median(times):.0f} ns")


if __name__ == "__main__":
    main()
