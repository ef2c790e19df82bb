#pragma once
// The headless sub-commands: list, describe, run. Exit 0 on success, 1 when
// a run failed, 2 on bad input (one line on stderr naming the problem).
#include <QStringList>

namespace cl::runtime {
class ProcessLauncher;
}

namespace cl::app {

inline constexpr int kExitBadInput = 2;

bool isCliCommand(const QString &word);
int runCli(const QStringList &arguments, runtime::ProcessLauncher *launcher);

} // namespace cl::app
