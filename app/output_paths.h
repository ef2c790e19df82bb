#pragma once
// Checks the files a run is asked to write (--summary, --trace, --png)
// before the run starts, so a typo costs nothing instead of a long run whose
// results are then lost.
#include <QList>
#include <QString>

namespace cl::app {

struct OutputPath {
    QString option; // without dashes: "summary"
    QString path;
};

// One line naming the option, the path and the problem; empty when every
// path can be written and no two outputs share a file.
QString checkOutputPaths(const QList<OutputPath> &outputs);

} // namespace cl::app
