// A keychain that answers slowly or never: it owns the Secret Service name
// (org.freedesktop.secrets) and KWallet's (org.kde.kwalletd5/6) on the session bus it is given,
// and answers every method call with an error after --delay-ms, or never (--delay-ms -1).
// Prints "ready" once it owns the names. Used by tst_keychainui.
#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusVirtualObject>
#include <QTimer>

#include <cstdio>

namespace {

class SlowKeychain final : public QDBusVirtualObject
{
public:
    explicit SlowKeychain(int delayMs)
        : m_delayMs(delayMs)
    {
    }

    QString introspect(const QString &) const override { return {}; }

    bool handleMessage(const QDBusMessage &message, const QDBusConnection &connection) override
    {
        ++m_calls;
        if (m_delayMs < 0)
            return true; // swallowed: the caller waits for a reply that never comes
        message.setDelayedReply(true);
        QDBusConnection bus = connection;
        QTimer::singleShot(m_delayMs, this, [message, bus]() mutable {
            bus.send(message.createErrorReply(QStringLiteral("org.freedesktop.DBus.Error.NotSupported"),
                                              QStringLiteral("this keychain only answers late")));
        });
        return true;
    }

private:
    int m_delayMs;
    int m_calls = 0;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int delayMs = 2000;
    const QStringList args = app.arguments();
    const int at = int(args.indexOf(QStringLiteral("--delay-ms")));
    if (at >= 0 && at + 1 < args.size())
        delayMs = args.at(at + 1).toInt();
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        std::fprintf(stderr, "fake keychain: no session bus\n");
        return 1;
    }
    SlowKeychain object(delayMs);
    if (!bus.registerVirtualObject(QStringLiteral("/"), &object, QDBusConnection::SubPath)) {
        std::fprintf(stderr, "fake keychain: could not register the object\n");
        return 1;
    }
    for (const char *name : {"org.freedesktop.secrets", "org.kde.kwalletd5", "org.kde.kwalletd6"}) {
        if (!bus.registerService(QString::fromLatin1(name))) {
            std::fprintf(stderr, "fake keychain: could not own %s\n", name);
            return 1;
        }
    }
    std::printf("ready\n");
    std::fflush(stdout);
    return app.exec();
}
