#include "core/scenarios/parameter.h"

namespace cl::scenarios {

QString ParameterSpec::translatedLabel() const
{
    return QCoreApplication::translate("cl::scenarios::Parameters", label);
}

QString ParameterSpec::translatedUnit() const
{
    return *unit ? QCoreApplication::translate("cl::scenarios::Parameters", unit) : QString();
}

QString ParameterSpec::translatedHelp() const
{
    return QCoreApplication::translate("cl::scenarios::Parameters", help);
}

QString ParameterSpec::allowedText() const
{
    if (type == Type::Choice)
        return Parameters::tr("one of: %1").arg(choices.join(QStringLiteral(", ")));
    const QString unitText = translatedUnit();
    if (unitText.isEmpty())
        return Parameters::tr("a whole number from %1 to %2").arg(minimum).arg(maximum);
    return Parameters::tr("a whole number from %1 to %2 (%3)").arg(minimum).arg(maximum).arg(unitText);
}

QString choiceLabel(const QString &choice)
{
    static const struct {
        const char *id;
        const char *label;
    } labels[] = {
        {"on", QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "on")},
        {"off", QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "off")},
        {"file", QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "file")},
        {"shm", QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "shared memory")},
        {"processes", QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "processes")},
        {"threads", QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "threads")},
        {"mutex", QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "mutex (Lock)")},
        {"rlock", QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "recursive lock (RLock)")},
        {"none", QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "none")},
        {"serial", QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "serial")},
        {"gil-threads", QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "threads with the GIL")},
        {"cpu", QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "CPU-bound")},
        {"io", QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "I/O-bound")},
        {"plain", QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "plain (Queue)")},
        {"joinable", QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "joinable (JoinableQueue)")},
        {"sentinel", QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "a None per consumer")},
        {"daemon", QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "daemon consumers")},
        {"pool", QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "pool")},
        {"process-per-task", QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "one process per task")},
        {"map", QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "map()")},
        {"apply", QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "apply()")},
        {"apply_async", QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "apply_async()")},
        {"sleep", QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "sleep")},
        {"fork", QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "fork (a copy of the app)")},
        {"spawn", QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "spawn (a fresh worker program)")},
        {"forkserver", QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "fork server")},
        {"latency", QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "start latency")},
        {"isolation", QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "isolation (a global)")},
        {"inherited-lock", QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "a lock inherited locked")},
        {"double-flush", QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "a buffered write flushed twice")},
        {"zombie", QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "zombie")},
        {"orphan", QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "orphan")},
        {"manager", QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "manager (server process)")},
        {"value", QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Value (shared memory)")},
        {"array", QT_TRANSLATE_NOOP("cl::scenarios::Parameters", "Array (shared memory)")},
    };
    for (const auto &l : labels)
        if (choice == QLatin1String(l.id))
            return QCoreApplication::translate("cl::scenarios::Parameters", l.label);
    return choice;
}

ParameterValues ParameterValues::defaults(const QList<ParameterSpec> &specs)
{
    ParameterValues v;
    for (const auto &s : specs) {
        if (s.type == ParameterSpec::Type::Integer)
            v.set(s.key, s.defaultInteger);
        else
            v.set(s.key, s.defaultChoice);
    }
    return v;
}

QJsonObject ParameterValues::toJson() const
{
    QJsonObject o;
    for (auto it = m_values.begin(); it != m_values.end(); ++it) {
        if (it.value().typeId() == QMetaType::QString)
            o.insert(it.key(), it.value().toString());
        else
            o.insert(it.key(), it.value().toLongLong());
    }
    return o;
}

QString ParameterValues::toDisplayString() const
{
    QStringList parts;
    for (auto it = m_values.begin(); it != m_values.end(); ++it)
        parts << it.key() + QLatin1Char('=') + it.value().toString();
    return parts.join(QStringLiteral(", "));
}

const ParameterSpec *Parameters::find(const QList<ParameterSpec> &specs, const QString &key)
{
    for (const auto &s : specs)
        if (s.key == key)
            return &s;
    return nullptr;
}

std::optional<QString> Parameters::parseValue(const ParameterSpec &spec, const QString &text, QVariant *out)
{
    const QString trimmed = text.trimmed();
    if (spec.type == ParameterSpec::Type::Choice) {
        if (!spec.choices.contains(trimmed))
            return tr("parameter \"%1\" must be %2; got \"%3\"").arg(spec.key, spec.allowedText(), text);
        *out = trimmed;
        return std::nullopt;
    }
    bool ok = false;
    const qint64 v = trimmed.toLongLong(&ok);
    if (!ok)
        return tr("parameter \"%1\" must be %2; got \"%3\"").arg(spec.key, spec.allowedText(), text);
    if (v < spec.minimum || v > spec.maximum)
        return tr("parameter \"%1\" is out of range: %2 given, allowed is %3")
            .arg(spec.key)
            .arg(v)
            .arg(spec.allowedText());
    *out = v;
    return std::nullopt;
}

std::optional<QString> Parameters::applyAssignment(const QString &scenarioId, const QList<ParameterSpec> &specs,
                                                   const QString &assignment, ParameterValues &values)
{
    const qsizetype eq = assignment.indexOf(QLatin1Char('='));
    if (eq <= 0)
        return tr("expected key=value, got \"%1\"").arg(assignment);
    const QString key = assignment.left(eq).trimmed();
    const ParameterSpec *spec = find(specs, key);
    if (!spec) {
        QStringList keys;
        for (const auto &s : specs)
            keys << s.key;
        return tr("unknown parameter \"%1\" for %2; allowed: %3").arg(key, scenarioId, keys.join(QStringLiteral(", ")));
    }
    QVariant v;
    if (auto error = parseValue(*spec, assignment.mid(eq + 1), &v))
        return error;
    values.set(key, v);
    return std::nullopt;
}

} // namespace cl::scenarios
