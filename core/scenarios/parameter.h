#pragma once
// A scenario's parameters: the schema (name, type, unit, range, default,
// help) and validated values. One place turns user text into values and
// bad text into one clear message, for the CLI and the form alike.
#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <optional>

namespace cl::scenarios {

struct ParameterSpec {
    enum class Type { Integer, Choice };
    QString key;
    Type type = Type::Integer;
    const char *label = "";  // QT_TRANSLATE_NOOP("cl::scenarios::Parameters", ...)
    const char *unit = "";   // "ms", "" ...
    const char *help = "";
    qint64 minimum = 0;
    qint64 maximum = 0;
    qint64 defaultInteger = 0;
    QStringList choices;     // identifiers, shown translated by choiceLabel()
    QString defaultChoice;

    QString translatedLabel() const;
    QString translatedUnit() const;
    QString translatedHelp() const;
    // "a whole number from 1 to 1000" / "one of: on, off"
    QString allowedText() const;
};

QString choiceLabel(const QString &choice);

class ParameterValues {
public:
    static ParameterValues defaults(const QList<ParameterSpec> &specs);

    qint64 integer(const QString &key) const { return m_values.value(key).toLongLong(); }
    QString choice(const QString &key) const { return m_values.value(key).toString(); }
    bool isOn(const QString &key) const { return choice(key) == QLatin1String("on"); }
    QVariant value(const QString &key) const { return m_values.value(key); }
    void set(const QString &key, const QVariant &v) { m_values.insert(key, v); }
    const QMap<QString, QVariant> &all() const { return m_values; }

    QJsonObject toJson() const;
    QString toDisplayString() const; // "tickets=10, buyers=10, ..."
    bool operator==(const ParameterValues &o) const { return m_values == o.m_values; }

private:
    QMap<QString, QVariant> m_values;
};

class Parameters {
    Q_DECLARE_TR_FUNCTIONS(cl::scenarios::Parameters)
public:
    // Checks `text` against `spec`; on success stores the value. Returns the
    // error message otherwise (naming the key and what is allowed).
    static std::optional<QString> parseValue(const ParameterSpec &spec, const QString &text, QVariant *out);
    // "key=value" for scenario `scenarioId`.
    static std::optional<QString> applyAssignment(const QString &scenarioId, const QList<ParameterSpec> &specs,
                                                  const QString &assignment, ParameterValues &values);
    // Points into `specs`: keep that list alive while using the result.
    static const ParameterSpec *find(const QList<ParameterSpec> &specs, const QString &key);
};

} // namespace cl::scenarios
