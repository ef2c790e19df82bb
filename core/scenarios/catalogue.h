#pragma once
#include "core/scenarios/scenario.h"

#include <QList>

namespace cl::scenarios {

// Every scenario the product offers, in the order the browser shows them.
const QList<const Scenario *> &catalogue();
const Scenario *findScenario(const QString &id);

} // namespace cl::scenarios
