#pragma once
// A comparison as columns (one definition for the GUI table, the CLI's
// table, the CSV and the picture) and as the summary JSON.
#include "core/scenarios/compare.h"

#include <QJsonObject>

namespace cl::scenarios {

struct CompareColumn {
    QString key;      // CSV header and JSON key: "wall_ms", "metric:cpu_ms"
    QString title;    // translated, short: "Wall time (ms)"
    QString tooltip;  // translated: how the figure is computed
    bool numeric = true;
};

class CompareReport {
    Q_DECLARE_TR_FUNCTIONS(cl::scenarios::CompareReport)
public:
    // The varied value first, then the compared figures, then the lesson's
    // own metrics. GIL wait and queue maximum only when a run has them.
    static QList<CompareColumn> columns(const CompareSet &set);
    // The figure as a number (invalid QVariant: none, e.g. no CPU samples).
    static QVariant value(const CompareSet &set, const CompareRun &run, const QString &key);
    // The figure as shown: "812.4", "1.97×", "49%", "—".
    static QString text(const CompareSet &set, const CompareRun &run, const QString &key);

    // {"scenario", "vary", "values", "params", "runs": [run summary + figures],
    //  "speedup": [...], "stopped"}.
    static QJsonObject summaryJson(const CompareSet &set);
    static QString csv(const CompareSet &set);
    // Fixed-width columns for a terminal.
    static QString textTable(const CompareSet &set);
    // "mode: serial, threads, processes · jobs=4, work_ms=200, ..."
    static QString subtitle(const CompareSet &set);
    // The definitions of the figures, one per line (help texts, tooltips).
    static QString definitions();
};

} // namespace cl::scenarios
