#pragma once
// Test helper: TMPDIR pointed at a directory of the test's own, to see what
// a run left behind in the temporary directory.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtGlobal>

namespace cl::tests {

// Points TMPDIR (and so QDir::tempPath()) at `path`, or at a fresh directory
// of its own, for as long as it lives.
class ScopedTmpDir {
public:
    explicit ScopedTmpDir(const QString &path = QString())
        : m_had(qEnvironmentVariableIsSet("TMPDIR")), m_old(qgetenv("TMPDIR"))
    {
        m_path = path.isEmpty() ? m_own.path() : path;
        qputenv("TMPDIR", QFile::encodeName(m_path));
    }
    ~ScopedTmpDir()
    {
        if (m_had)
            qputenv("TMPDIR", m_old);
        else
            qunsetenv("TMPDIR");
    }
    QString path() const { return m_path; }
    QStringList leftovers() const
    {
        return QDir(m_path).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
    }

private:
    QTemporaryDir m_own; // made before TMPDIR changes
    bool m_had;
    QByteArray m_old;
    QString m_path;
};

} // namespace cl::tests
