#include "app/output_paths.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QTemporaryFile>

namespace cl::app {

namespace {
class OutputPaths {
    Q_DECLARE_TR_FUNCTIONS(cl::app::OutputPaths)
public:
    static QString check(const OutputPath &o)
    {
        const QString option = QStringLiteral("--") + o.option;
        if (o.path.isEmpty())
            return tr("%1: the file name is empty; give the path of a file to write").arg(option);
        const QFileInfo info(o.path);
        if (info.isDir())
            return tr("%1 \"%2\": is a directory; give the path of a file to write").arg(option, o.path);
        const QDir parent = info.absoluteDir();
        if (!parent.exists())
            return tr("%1 \"%2\": the directory \"%3\" does not exist; create it first or choose another path")
                .arg(option, o.path, parent.path());
        // A device or a socket would be replaced by the atomic rename of a
        // JSON export, so only regular files are overwritten.
        if (info.exists() && !info.isFile())
            return tr("%1 \"%2\": is not a regular file; give the path of a file to write").arg(option, o.path);
        if (info.exists() && !info.isWritable())
            return tr("%1 \"%2\": the file is not writable; choose another path").arg(option, o.path);
        // Exports write a temporary file next to the target and rename it,
        // so the directory itself must take a new file: try one.
        QTemporaryFile probe(parent.filePath(QStringLiteral(".concurrency-lab-probe-XXXXXX")));
        if (!probe.open())
            return tr("%1 \"%2\": cannot create files in \"%3\"; choose a writable directory")
                .arg(option, o.path, parent.path());
        return {};
    }
};

// Same file even when spelled differently (./a.json, a.json, a symlinked directory).
QString fileKey(const QString &path)
{
    const QFileInfo info(path);
    const QString canonical = info.canonicalFilePath(); // only for files that exist
    if (!canonical.isEmpty())
        return canonical;
    return QDir(info.absoluteDir().canonicalPath()).filePath(info.fileName());
}
} // namespace

QString checkOutputPaths(const QList<OutputPath> &outputs)
{
    for (const OutputPath &o : outputs)
        if (const QString problem = OutputPaths::check(o); !problem.isEmpty())
            return problem;
    QHash<QString, QString> owner; // file -> option that writes it
    for (const OutputPath &o : outputs) {
        const QString key = fileKey(o.path);
        if (owner.contains(key))
            return OutputPaths::tr("--%1 and --%2 both name \"%3\"; give each output its own file")
                .arg(owner.value(key), o.option, o.path);
        owner.insert(key, o.option);
    }
    return {};
}

} // namespace cl::app
