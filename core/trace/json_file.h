#pragma once
// Writes a JSON document atomically (QSaveFile): a failed export never leaves
// half a file where a good one was.
#include <QJsonObject>
#include <QString>

namespace cl::trace {

bool writeJsonFile(const QJsonObject &object, const QString &path, bool compact, QString *error);

} // namespace cl::trace
