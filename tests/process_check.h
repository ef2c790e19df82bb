#pragma once
// Test helper: the live children of a process, read from /proc, to check
// that nothing is left behind.
#include <QDir>
#include <QFile>
#include <QList>
#include <sys/types.h>
#include <unistd.h>

namespace cl::tests {

inline QList<pid_t> childrenOf(pid_t pid)
{
    QList<pid_t> out;
    const QString taskDir = QStringLiteral("/proc/%1/task").arg(pid);
    const QStringList tasks = QDir(taskDir).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &tid : tasks) {
        QFile f(taskDir + QLatin1Char('/') + tid + QStringLiteral("/children"));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QList<QByteArray> parts = f.readAll().simplified().split(' ');
        for (const QByteArray &p : parts)
            if (!p.isEmpty())
                out << pid_t(p.toInt());
    }
    return out;
}

} // namespace cl::tests
