#pragma once
#include <QObject>

namespace cl::app {

// Turns SIGINT/SIGTERM (Ctrl+C in a terminal, a session ending) into a
// normal quit, so a running scenario is stopped and every worker reaped
// instead of the process dying mid-run.
void quitOnTerminationSignals(QObject *context);

} // namespace cl::app
