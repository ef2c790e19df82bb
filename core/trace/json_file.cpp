#include "core/trace/json_file.h"

#include <QJsonDocument>
#include <QSaveFile>

namespace cl::trace {

bool writeJsonFile(const QJsonObject &object, const QString &path, bool compact, QString *error)
{
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly)) {
        file.write(QJsonDocument(object).toJson(compact ? QJsonDocument::Compact : QJsonDocument::Indented));
        if (file.commit())
            return true;
    }
    if (error)
        *error = file.errorString();
    return false;
}

} // namespace cl::trace
