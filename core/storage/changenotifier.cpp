#include "changenotifier.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSqlDriver>
#include <QSqlError>
#include <QThread>
#include <QTimer>

Q_LOGGING_CATEGORY(lcChanges, "podtrends.storage.changes")

namespace podtrends::core {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ChangeNotifier)
};

} // namespace

ChangeNotifier::ChangeNotifier(std::shared_ptr<Database> db, QObject *parent)
    : QObject(parent)
    , m_db(std::move(db))
{
}

ChangeNotifier::~ChangeNotifier()
{
    if (m_thread) {
        // The inner notifier lives on m_thread and is deleted there when the thread finishes.
        m_thread->quit();
        m_thread->wait();
        delete m_thread;
    } else if (m_db && m_db->isPostgres() && thread() == QThread::currentThread()) {
        QSqlDatabase conn = m_db->connection();
        if (conn.isOpen() && conn.driver())
            conn.driver()->unsubscribeFromNotification(QString::fromLatin1(Channel));
    }
}

QStringList ChangeNotifier::watchedTables()
{
    return {QStringLiteral("products"), QStringLiteral("trends"), QStringLiteral("designs"), QStringLiteral("sources"),
            QStringLiteral("marketplaces"), QStringLiteral("jobs"), QStringLiteral("api_keys")};
}

Status ChangeNotifier::installTriggers(Database &db)
{
    if (!db.isPostgres())
        return {};
    QSqlDatabase conn = db.connection();
    QSqlQuery existing(conn);
    if (!existing.exec(QStringLiteral("SELECT COUNT(*) FROM pg_trigger WHERE tgname LIKE 'podtrends_notify_%' AND NOT tgisinternal")))
        return Status::failure(describeSqlError(existing), 1);
    existing.next();
    if (existing.value(0).toInt() >= watchedTables().size())
        return {};
    Transaction tx(conn);
    // One installer at a time across processes; the others find the triggers there afterwards.
    if (Status s = execSql(conn, QStringLiteral("SELECT pg_advisory_xact_lock(720418)")); !s)
        return s;
    if (Status s = execSql(conn, QStringLiteral(
            "CREATE OR REPLACE FUNCTION podtrends_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN PERFORM pg_notify('podtrends_changes', TG_TABLE_NAME); RETURN NULL; END $$")); !s)
        return s;
    for (const QString &table : watchedTables()) {
        QSqlQuery has(conn);
        has.prepare(QStringLiteral("SELECT 1 FROM pg_trigger WHERE tgname = ?"));
        has.addBindValue(QString(QStringLiteral("podtrends_notify_") + table));
        if (Status s = exec(has); !s)
            return s;
        if (has.next())
            continue;
        if (Status s = execSql(conn, QStringLiteral("CREATE TRIGGER podtrends_notify_%1 AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %1 "
                                                    "FOR EACH STATEMENT EXECUTE FUNCTION podtrends_notify_change()").arg(table)); !s)
            return s;
    }
    return tx.commit();
}

Status ChangeNotifier::start(int pollMs)
{
    if (m_db->isPostgres()) {
        if (Status s = installTriggers(*m_db); !s)
            return Status::failure(Tr::tr("Cannot watch the database for changes: %1").arg(s.errorMessage()), 1);
        QSqlDatabase conn = m_db->connection();
        QSqlDriver *driver = conn.driver();
        if (!driver->subscribeToNotification(QString::fromLatin1(Channel)))
            return Status::failure(Tr::tr("Cannot watch the database for changes: %1").arg(driver->lastError().text()), 1);
        connect(driver, &QSqlDriver::notification, this,
                [this](const QString &name, QSqlDriver::NotificationSource, const QVariant &payload) {
                    if (name == QLatin1String(Channel))
                        Q_EMIT changed(payload.toString());
                });
        return {};
    }
    QSqlQuery q(m_db->connection());
    if (q.exec(QStringLiteral("PRAGMA data_version")) && q.next())
        m_dataVersion = q.value(0).toLongLong();
    m_timer = new QTimer(this);
    m_timer->setInterval(pollMs);
    connect(m_timer, &QTimer::timeout, this, &ChangeNotifier::poll);
    m_timer->start();
    return {};
}

void ChangeNotifier::poll()
{
    QSqlQuery q(m_db->connection());
    if (!q.exec(QStringLiteral("PRAGMA data_version")) || !q.next())
        return;
    const qint64 version = q.value(0).toLongLong();
    if (version != m_dataVersion) {
        m_dataVersion = version;
        Q_EMIT changed(QString());
    }
}

ChangeNotifier *ChangeNotifier::startInThread(std::shared_ptr<Database> db, QObject *parent, int pollMs)
{
    auto *outer = new ChangeNotifier(db, parent);
    outer->m_thread = new QThread;
    outer->m_thread->setObjectName(QStringLiteral("change-notifier"));
    auto *inner = new ChangeNotifier(db);
    inner->moveToThread(outer->m_thread);
    outer->m_inner = inner;
    connect(outer->m_thread, &QThread::finished, inner, &QObject::deleteLater);
    connect(inner, &ChangeNotifier::changed, outer, &ChangeNotifier::changed, Qt::QueuedConnection);
    connect(outer->m_thread, &QThread::started, inner, [inner, pollMs] {
        if (Status s = inner->start(pollMs); !s)
            qCWarning(lcChanges).noquote() << s.errorMessage();
    });
    outer->m_thread->start();
    return outer;
}

} // namespace podtrends::core
