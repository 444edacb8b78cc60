#pragma once

#include "fakeserver.h"

#include <core/scraping/scrapeservice.h>
#include <core/storage/productqueries.h>
#include <core/storage/productwriter.h>
#include <support/testenv.h>

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace podtrends::test {

/** Fast policy for loopback fakes: short backoff, no default rate limit. */
inline core::HttpSettings fastHttp(double requestsPerSecond = 0)
{
    core::HttpSettings s;
    s.baseBackoffMs = 10;
    s.maxBackoffMs = 50;
    s.maxRetries = 3;
    s.transferTimeoutMs = 5000;
    s.requestsPerSecond = requestsPerSecond;
    return s;
}

/** Runs one target to the end on `service`; returns the summary. */
inline core::ScrapeSummary runToEnd(core::ScrapeService &service, const std::function<qint64()> &start, int timeoutMs = 30000)
{
    QSignalSpy spy(&service, &core::ScrapeService::runFinished);
    const qint64 runId = start();
    if (runId == 0)
        return {};
    if (!spy.wait(timeoutMs) && spy.isEmpty())
        return {};
    return spy.first().first().value<core::ScrapeSummary>();
}

inline qint64 countRows(const std::shared_ptr<core::Database> &db, const QString &sql)
{
    QSqlQuery q(db->connection());
    if (!q.exec(sql) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

} // namespace podtrends::test
