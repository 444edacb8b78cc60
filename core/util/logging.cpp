#include "logging.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>

#include <cstdio>

namespace podtrends::core {

namespace {

struct LogState
{
    QMutex mutex;
    QFile jsonFile;
    QtMessageHandler previous = nullptr;
    int stderrMinimum = 0;
};

LogState &state()
{
    static LogState s;
    return s;
}

const char *levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg: return "debug";
    case QtInfoMsg: return "info";
    case QtWarningMsg: return "warning";
    case QtCriticalMsg: return "critical";
    case QtFatalMsg: return "fatal";
    }
    return "info";
}

int severity(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg: return 0;
    case QtInfoMsg: return 1;
    case QtWarningMsg: return 2;
    case QtCriticalMsg: return 3;
    case QtFatalMsg: return 4;
    }
    return 1;
}

void handler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QString clean = redact(message);
    const QString category = QString::fromLatin1(context.category ? context.category : "default");
    LogState &s = state();
    QMutexLocker lock(&s.mutex);
    const QByteArray line = QByteArray(levelName(type)) + ' ' + category.toUtf8() + ": " + clean.toUtf8() + '\n';
    if (severity(type) >= s.stderrMinimum)
        std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    if (s.jsonFile.isOpen()) {
        QJsonObject o;
        o.insert(QStringLiteral("time"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
        o.insert(QStringLiteral("level"), QString::fromLatin1(levelName(type)));
        o.insert(QStringLiteral("category"), category);
        o.insert(QStringLiteral("message"), clean);
        s.jsonFile.write(QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n');
        s.jsonFile.flush();
    }
    if (type == QtFatalMsg)
        std::abort();
}

} // namespace

void setStderrMinimum(QtMsgType minimum)
{
    LogState &s = state();
    QMutexLocker lock(&s.mutex);
    s.stderrMinimum = severity(minimum);
}

bool installLogging(const QString &jsonLogPath, QString *error, QtMsgType stderrMinimum)
{
    LogState &s = state();
    {
        QMutexLocker lock(&s.mutex);
        s.stderrMinimum = severity(stderrMinimum);
        if (!jsonLogPath.isEmpty()) {
            s.jsonFile.setFileName(jsonLogPath);
            if (!s.jsonFile.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text)) {
                if (error)
                    *error = s.jsonFile.errorString();
                return false;
            }
        }
    }
    s.previous = qInstallMessageHandler(handler);
    return true;
}

} // namespace podtrends::core
