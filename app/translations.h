#pragma once
#include <QCoreApplication>

namespace cl::app {

// Loads the user's language (Simplified Chinese ships with the app) for our
// strings and Qt's own.
void installTranslations(QCoreApplication &app);

} // namespace cl::app
