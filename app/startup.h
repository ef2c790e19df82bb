#pragma once
// What happens before the window exists: --help, --version and bad options
// are answered with a QCoreApplication only, and a missing display is
// reported in one line, so none of them needs (or aborts for lack of) a
// display.
#include <QString>

#include <optional>

namespace cl::app {

inline constexpr int kExitNoDisplay = 1;

// Parses the GUI invocation (no headless command). Returns the exit status
// when the process should end here (help, version, bad input, no display),
// or nullopt when the window should open; then *fileToOpen is the trace
// file named on the command line (absolute), or empty.
std::optional<int> handleGuiCommandLine(int &argc, char **argv, QString *fileToOpen = nullptr);

// While on, a fatal error from Qt's platform plugin (a display that is set
// but cannot be reached) ends the process with one line and kExitNoDisplay
// instead of an abort.
void guardPlatformStartup(bool on);

} // namespace cl::app
