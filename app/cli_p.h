#pragma once
// Shared by the sub-commands' translation units; not part of the app's API.
#include <QStringList>

class QCommandLineParser;
class QTextStream;

namespace cl::runtime {
class ProcessLauncher;
}
namespace cl::scenarios {
class ParameterValues;
class Scenario;
}

namespace cl::app::detail {

QTextStream &out();
QTextStream &err();

// Parses a sub-command's arguments (program name first). On --help prints
// the help under `usage` and returns 0; on a parse error prints one line
// and returns kExitBadInput; otherwise returns -1 and the caller goes on.
int parseCommand(QCommandLineParser &parser, const QStringList &arguments, const QString &command,
                 const QString &usage, const QString &footer = {});

// The scenario with this id, or null after one line naming the known ids.
const scenarios::Scenario *scenarioOrError(const QString &id);
// Applies each --set KEY=VALUE in order; false after one line naming the
// first bad one and what it allows.
bool applySets(const scenarios::Scenario &scenario, const QStringList &assignments,
               scenarios::ParameterValues &values);

int runCommand(const QStringList &arguments, runtime::ProcessLauncher *launcher);
int renderCommand(const QStringList &arguments); // cli_render.cpp
int compareCommand(const QStringList &arguments, runtime::ProcessLauncher *launcher);

} // namespace cl::app::detail
