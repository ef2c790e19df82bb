#include "core/scenarios/scenario.h"

#include <QCoreApplication>

namespace cl::scenarios {

QString presetName(const Preset &preset)
{
    return QCoreApplication::translate("cl::scenarios::Presets", preset.name);
}

} // namespace cl::scenarios
