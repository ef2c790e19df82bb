#!/usr/bin/env python3
"""CPython's figures for the operations bench_coro.cpp times, on this machine.

greenlet is not installed here (and not in the standard library), so the
explicit switch is measured as a generator round trip, the closest stdlib
equivalent. Run: python3 tests/benchmarks/coro_bench.py
"""
import asyncio, os, socket, sys, threading, time, tracemalloc


def best(f, repeat=5):
    return min(f() for _ in range(repeat))


def generator_next(n=1_000_000):
    def counter():
        i = 0
        while True:
            yield i
            i += 1
    g = counter()
    t0 = time.perf_counter()
    for _ in range(n):
        next(g)
    return (time.perf_counter() - t0) / n


def task_spawn(n=100_000):
    async def nothing():
        pass

    async def main():
        await asyncio.gather(*(asyncio.ensure_future(nothing()) for _ in range(n)))
    t0 = time.perf_counter()
    asyncio.run(main())
    return (time.perf_counter() - t0) / n


def suspended_memory(n=100_000):
    async def sleeper(ev):
        await ev.wait()

    async def main():
        ev = asyncio.Event()
        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
        tasks = [asyncio.create_task(sleeper(ev)) for _ in range(n)]
        await asyncio.sleep(0)  # every task runs to its await and suspends
        after = tracemalloc.get_traced_memory()[0]
        tracemalloc.stop()
        ev.set()
        await asyncio.gather(*tasks)
        return (after - before) / n
    return asyncio.run(main())


def timer_throughput(tasks=100, times=1000):
    async def sleeper():
        for _ in range(times):
            await asyncio.sleep(0)

    async def main():
        await asyncio.gather(*(sleeper() for _ in range(tasks)))
    t0 = time.perf_counter()
    asyncio.run(main())
    return tasks * times / (time.perf_counter() - t0)


def echo_round_trip(model, n=20_000):
    sock = socket.create_server(('127.0.0.1', 0))
    port = sock.getsockname()[1]

    def echo(conn):
        with conn:
            while data := conn.recv(4096):
                conn.sendall(data)

    child = None
    server = None
    if model == 'thread':
        server = threading.Thread(target=lambda: echo(sock.accept()[0]))
        server.start()
    elif model == 'process':
        child = os.fork()
        if child == 0:
            echo(sock.accept()[0])
            os._exit(0)
    else:
        def run_loop():
            async def handle(reader, writer):
                while data := await reader.read(4096):
                    writer.write(data)
                    await writer.drain()
                writer.close()
                done.set()

            async def main():
                global done
                server = await asyncio.start_server(handle, sock=sock)
                async with server:
                    await done.wait()
            globals()['done'] = asyncio.Event()
            asyncio.run(main())
        server = threading.Thread(target=run_loop)
        server.start()
    c = socket.create_connection(('127.0.0.1', port))
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    msg = bytes(64)
    t0 = time.perf_counter()
    for _ in range(n):
        c.sendall(msg)
        got = b''
        while len(got) < 64:
            got += c.recv(64 - len(got))
    dt = (time.perf_counter() - t0) / n
    c.close()
    if server:
        server.join()
    if child:
        os.waitpid(child, 0)
    sock.close()
    return dt


if __name__ == '__main__':
    print(f'python {sys.version.split()[0]}; greenlet: not installed')
    print(f'generator next():             {best(generator_next) * 1e9:8.1f} ns')
    print(f'asyncio task spawn + run:     {best(task_spawn, 3) * 1e9:8.1f} ns per task')
    print(f'memory per suspended task:    {suspended_memory():8.0f} bytes (tracemalloc)')
    print(f'asyncio.sleep(0) throughput:  {best(lambda: -timer_throughput(), 3) * -1:8.0f} per s')
    for model in ('thread', 'process', 'event-loop'):
        print(f'echo round trip, {model:10s}   {echo_round_trip(model) * 1e6:8.1f} us')
