#!/usr/bin/env python3
"""CPython's queue put -> get latency, measured the way cl_bench's
BM_QueuePutGet* measures ours: A puts into one queue, B gets the item and puts
it into a second queue, A gets it back. One round trip is two put -> get hops.

    python3 tests/benchmarks/queue_latency.py [--round-trips N] [--repetitions R]

Prints the median time per hop over R repetitions of N round trips each, for
multiprocessing.Queue and JoinableQueue between two processes and queue.Queue
between two threads, at maxsize 1 and 64. See docs/benchmarks.md ("Queues").
"""
import argparse
import multiprocessing
import platform
import queue
import statistics
import threading
import time


def echo(there, back):
    while True:
        item = there.get()
        if item is None:
            return
        back.put(item)


def ping_pong(there, back, round_trips):
    there.put(-1)          # warm-up: the feeder thread and the pipe are ready
    back.get()
    start = time.perf_counter_ns()
    for i in range(round_trips):
        there.put(i)
        back.get()
    elapsed = time.perf_counter_ns() - start
    there.put(None)
    return elapsed / (2 * round_trips)


def measure(kind, maxsize, round_trips):
    if kind == 'threads':
        there, back = queue.Queue(maxsize), queue.Queue(maxsize)
        worker = threading.Thread(target=echo, args=(there, back))
    else:
        make = multiprocessing.JoinableQueue if kind == 'processes-joinable' else multiprocessing.Queue
        there, back = make(maxsize), make(maxsize)
        worker = multiprocessing.Process(target=echo, args=(there, back))
    worker.start()
    hop = ping_pong(there, back, round_trips)
    worker.join()
    return hop


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--round-trips', type=int, default=20000)
    parser.add_argument('--repetitions', type=int, default=5)
    args = parser.parse_args()
    print(f'CPython {platform.python_version()}, start method '
          f'{multiprocessing.get_start_method()}, {args.repetitions} x {args.round_trips} round trips')
    print(f'{"queue":<42} {"maxsize":>7} {"median hop":>12} {"min":>10} {"max":>10}')
    for kind, name in (('processes', 'multiprocessing.Queue, 2 processes'),
                       ('processes-joinable', 'multiprocessing.JoinableQueue, 2 processes'),
                       ('threads', 'queue.Queue, 2 threads')):
        for maxsize in (1, 64):
            hops = [measure(kind, maxsize, args.round_trips) for _ in range(args.repetitions)]
            print(f'{name:<42} {maxsize:>7} {statistics.median(hops) / 1000:>9.2f} us'
                  f' {min(hops) / 1000:>7.2f} us {max(hops) / 1000:>7.2f} us')


if __name__ == '__main__':
    main()
