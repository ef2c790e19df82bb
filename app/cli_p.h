#pragma once
// Shared by the sub-commands' translation units; not part of the app's API.
#include <QStringList>

class QCommandLineParser;
class QTextStream;

namespace cl::runtime {
class ProcessLauncher;
}

namespace cl::app::detail {

QTextStream &out();
QTextStream &err();

// Parses a sub-command's arguments (program name first). On --help prints
// the help under `usage` and returns 0; on a parse error prints one line
// and returns kExitBadInput; otherwise returns -1 and the caller goes on.
int parseCommand(QCommandLineParser &parser, const QStringList &arguments, const QString &command,
                 const QString &usage, const QString &footer = {});

int runCommand(const QStringList &arguments, runtime::ProcessLauncher *launcher);
int renderCommand(const QStringList &arguments); // cli_render.cpp
int compareCommand(const QStringList &arguments, runtime::ProcessLauncher *launcher);

} // namespace cl::app::detail
