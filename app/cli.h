#pragma once
// The headless sub-commands: list, describe, run. Exit 0 on success, 1 when
// a run failed, 2 on bad input (one line on stderr naming the problem),
// 128 + N when signal N (SIGINT, SIGTERM) interrupted a run.
#include <QStringList>

namespace cl::runtime {
class ProcessLauncher;
}

namespace cl::app {

inline constexpr int kExitBadInput = 2;

bool isCliCommand(const QString &word);
int runCli(const QStringList &arguments, runtime::ProcessLauncher *launcher);

// "<app>: <message>" on stderr; returns kExitBadInput.
int printBadInput(const QString &message);
// The whole program's --help: the window, the commands and their options.
QString usageText();

} // namespace cl::app
