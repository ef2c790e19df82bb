#pragma once
#include <QObject>
#include <functional>

namespace cl::app {

// Calls `handler` with the signal number, on `context`'s thread from its
// event loop, when SIGINT or SIGTERM arrives: the signal handler itself only
// writes a byte to a socket (async-signal-safe). Each handler is one-shot
// (SA_RESETHAND), so if stopping ever hangs a second Ctrl+C still ends the
// process the ordinary way. Call once per process.
void onTerminationSignal(QObject *context, std::function<void(int)> handler);

// The first SIGINT/SIGTERM seen so far, or 0; safe to read at any time.
int terminationSignalReceived();

// Turns SIGINT/SIGTERM (Ctrl+C in a terminal, a session ending) into a
// normal quit, so a running scenario is stopped and every worker reaped
// instead of the process dying mid-run.
void quitOnTerminationSignals(QObject *context);

} // namespace cl::app
