// The Python of the echo-server lesson: the chosen server model on an
// ephemeral port of 127.0.0.1, clients as threads, and a check of every byte.
// Standard library only; it runs with python3 as written and ends by itself.
#include "core/scenarios/echo_server.h"

namespace cl::scenarios {

QString EchoServerLesson::pythonSnippet(const ParameterValues &values) const
{
    const QString model = values.choice(QStringLiteral("model"));
    QString py = QStringLiteral("import os, selectors, socket, threading\n"
                                "\n"
                                "CLIENTS, MESSAGES, BYTES = %1, %2, %3\n"
                                "\n"
                                "def echo(conn):\n"
                                "    with conn:\n"
                                "        while data := conn.recv(65536):\n"
                                "            conn.sendall(data)\n"
                                "\n")
                     .arg(values.integer(QStringLiteral("clients")))
                     .arg(values.integer(QStringLiteral("messages")))
                     .arg(values.integer(QStringLiteral("bytes")));
    if (model == QLatin1String("thread-per-connection")) {
        py += QStringLiteral("def serve(sock):\n"
                             "    for _ in range(CLIENTS):\n"
                             "        conn, _ = sock.accept()\n"
                             "        threading.Thread(target=echo, args=(conn,)).start()  # a thread per connection\n");
    } else if (model == QLatin1String("process-per-connection")) {
        py += QStringLiteral("def serve(sock):\n"
                             "    children = []\n"
                             "    for _ in range(CLIENTS):\n"
                             "        conn, _ = sock.accept()\n"
                             "        pid = os.fork()             # a process per connection; it inherits conn\n"
                             "        if pid == 0:\n"
                             "            sock.close()\n"
                             "            echo(conn)\n"
                             "            os._exit(0)\n"
                             "        conn.close()\n"
                             "        children.append(pid)\n"
                             "    for pid in children:\n"
                             "        os.waitpid(pid, 0)          # reap every child: no zombies\n");
    } else {
        py += QStringLiteral("def serve(sock):\n"
                             "    sel = selectors.DefaultSelector()  # epoll on Linux: one thread for all\n"
                             "    sel.register(sock, selectors.EVENT_READ)\n"
                             "    accepted = closed = 0\n"
                             "    while closed < CLIENTS:\n"
                             "        for key, _ in sel.select():\n"
                             "            if key.fileobj is sock:\n"
                             "                conn, _ = sock.accept()\n"
                             "                conn.setblocking(False)\n"
                             "                sel.register(conn, selectors.EVENT_READ)\n"
                             "                accepted += 1\n"
                             "                if accepted == CLIENTS:\n"
                             "                    sel.unregister(sock)\n"
                             "                continue\n"
                             "            data = key.fileobj.recv(65536)\n"
                             "            if data:\n"
                             "                key.fileobj.setblocking(True)  # small echoes: send it all now\n"
                             "                key.fileobj.sendall(data)\n"
                             "                key.fileobj.setblocking(False)\n"
                             "            else:\n"
                             "                sel.unregister(key.fileobj)\n"
                             "                key.fileobj.close()\n"
                             "                closed += 1\n");
    }
    py += QStringLiteral("\n"
                         "results = []\n"
                         "\n"
                         "def client(port, n):\n"
                         "    good = 0\n"
                         "    with socket.create_connection(('127.0.0.1', port)) as c:\n"
                         "        for m in range(MESSAGES):\n"
                         "            msg = bytes((n * 131 + m * 31 + i * 7) & 0xff for i in range(BYTES))\n"
                         "            c.sendall(msg)\n"
                         "            got = b''\n"
                         "            while len(got) < BYTES and (part := c.recv(BYTES - len(got))):\n"
                         "                got += part\n"
                         "            good += sum(a == b for a, b in zip(got, msg))\n"
                         "    results.append(good)\n"
                         "\n"
                         "if __name__ == '__main__':\n"
                         "    sock = socket.create_server(('127.0.0.1', 0))   # port 0: the kernel picks a free one\n"
                         "    port = sock.getsockname()[1]\n");
    if (model == QLatin1String("process-per-connection")) {
        // The server forks: it must not be the process whose threads hold the
        // client sockets, or every child would keep copies of them open.
        py += QStringLiteral("    server = os.fork()            # the server is a process of its own\n"
                             "    if server == 0:\n"
                             "        serve(sock)\n"
                             "        os._exit(0)\n"
                             "    sock.close()\n");
    }
    py += QStringLiteral("    clients = [threading.Thread(target=client, args=(port, n)) for n in range(CLIENTS)]\n"
                         "    for c in clients:\n"
                         "        c.start()\n");
    py += model == QLatin1String("process-per-connection") ? QStringLiteral("    os.waitpid(server, 0)\n")
                                                            : QStringLiteral("    serve(sock)\n"
                                                                             "    sock.close()\n");
    py += QStringLiteral("    for c in clients:\n"
                         "        c.join()\n"
                         "    echoed = sum(results)\n"
                         "    print(f'{echoed} bytes echoed, {CLIENTS * MESSAGES * BYTES - echoed} wrong')\n");
    return py;
}

} // namespace cl::scenarios
