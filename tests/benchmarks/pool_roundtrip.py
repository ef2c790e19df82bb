#!/usr/bin/env python3
"""CPython's pool dispatch round trip, to compare with cl_bench's BM_PoolRoundTrip*.

One round trip: submit a task that returns at once, its result comes back,
its done callback runs, and the submitter sees that the callback ran. Pools of
one worker, as in the C++ benchmark. Prints the median over several runs of
the mean time per round trip, in microseconds.

    python3 tests/benchmarks/pool_roundtrip.py [round_trips_per_run] [runs]
"""
import statistics
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from multiprocessing import Pool
from multiprocessing.pool import ThreadPool


def noop(i):
    return i


def time_apply_async(pool, n):
    """multiprocessing.Pool / ThreadPool: apply_async(callback=...)."""
    done = threading.Event()

    def callback(_):
        done.set()

    start = time.perf_counter()
    for i in range(n):
        done.clear()
        pool.apply_async(noop, (i,), callback=callback)
        done.wait()
    return (time.perf_counter() - start) / n * 1e6


def time_submit(executor, n):
    """concurrent.futures: submit() + add_done_callback()."""
    done = threading.Event()

    def callback(_):
        done.set()

    start = time.perf_counter()
    for i in range(n):
        done.clear()
        executor.submit(noop, i).add_done_callback(callback)
        done.wait()
    return (time.perf_counter() - start) / n * 1e6


def measure(name, make, timer, n, runs):
    with make() as pool:
        timer(pool, 200)  # warm-up: workers started and imported
        samples = [timer(pool, n) for _ in range(runs)]
    print(f'{name:44s} median {statistics.median(samples):8.1f} us'
          f'  (runs: {", ".join(f"{s:.1f}" for s in samples)})')


if __name__ == '__main__':
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    print(f'Python {sys.version.split()[0]}, {n} round trips per run, {runs} runs')
    measure('multiprocessing.Pool(1).apply_async', lambda: Pool(1), time_apply_async, n, runs)
    measure('multiprocessing.pool.ThreadPool(1).apply_async', lambda: ThreadPool(1), time_apply_async, n, runs)
    measure('ProcessPoolExecutor(1).submit', lambda: ProcessPoolExecutor(1), time_submit, n, runs)
    measure('ThreadPoolExecutor(1).submit', lambda: ThreadPoolExecutor(1), time_submit, n, runs)
