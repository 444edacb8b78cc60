#include "json.h"

namespace podtrends::core::json {

QString toText(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QString toText(const QJsonArray &array)
{
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

static QJsonDocument parse(const QVariant &v)
{
    if (v.isNull())
        return {};
    const QByteArray bytes = v.typeId() == QMetaType::QByteArray ? v.toByteArray() : v.toString().toUtf8();
    return QJsonDocument::fromJson(bytes);
}

QJsonObject objectFrom(const QVariant &columnValue)
{
    return parse(columnValue).object();
}

QJsonArray arrayFrom(const QVariant &columnValue)
{
    return parse(columnValue).array();
}

QJsonArray fromStringList(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

QByteArray compactStringArray(const QStringList &list)
{
    QByteArray out;
    out.reserve(2 + list.size() * 16);
    out += '[';
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (i > 0)
            out += ',';
        out += '"';
        const QByteArray utf8 = list.at(i).toUtf8();
        for (const char c : utf8) {
            const auto u = static_cast<unsigned char>(c);
            if (c == '"' || c == '\\') {
                out += '\\';
                out += c;
            } else if (u >= 0x20) {
                out += c;
            } else {
                // RFC 8259 §7: control characters are escaped, with the short forms where they exist.
                static const char shortForms[] = "btn\0fr"; // 0x08 … 0x0d; \0 marks 0x0b (no short form)
                out += '\\';
                if (u >= 0x08 && u <= 0x0d && shortForms[u - 0x08] != '\0') {
                    out += shortForms[u - 0x08];
                } else {
                    static const char hex[] = "0123456789abcdef";
                    out += "u00";
                    out += hex[u >> 4];
                    out += hex[u & 0xf];
                }
            }
        }
        out += '"';
    }
    out += ']';
    return out;
}

QStringList toStringList(const QJsonArray &array)
{
    QStringList out;
    out.reserve(array.size());
    for (const QJsonValue &v : array)
        out << v.toString();
    return out;
}

QJsonValue fromDateTime(const QDateTime &dt)
{
    if (!dt.isValid())
        return QJsonValue::Null;
    return dt.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime dateTimeFrom(const QVariant &columnValue)
{
    if (columnValue.isNull())
        return {};
    if (columnValue.typeId() == QMetaType::QDateTime)
        return columnValue.toDateTime().toUTC();
    QString text = columnValue.toString();
    if (text.isEmpty())
        return {};
    // PostgreSQL text form uses a space separator and "+00" offsets.
    if (text.size() > 10 && text.at(10) == QLatin1Char(' '))
        text[10] = QLatin1Char('T');
    QDateTime dt = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!dt.isValid())
        dt = QDateTime::fromString(text, Qt::ISODate);
    if (dt.isValid() && dt.timeSpec() == Qt::LocalTime)
        dt.setTimeSpec(Qt::UTC); // we only ever write UTC
    return dt.toUTC();
}

} // namespace podtrends::core::json
