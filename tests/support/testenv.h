#pragma once

#include <core/storage/database.h>

#include <QString>
#include <QTest>

#include <memory>

namespace podtrends::test {

/** ../shared/real-samples beside the repository, or empty when it is absent. */
QString realSamplesDir();
/** tests/fixtures in the source tree. */
QString fixturesDir();

/** The admin URL of the throwaway PostgreSQL server started by test.sh (POD_TEST_PG_URL), or empty. */
QString postgresAdminUrl();

/**
 * Adds the data rows "sqlite" and "postgres" (a QString column named "dialect") so that a
 * repository test runs once on each engine.
 */
void addDialectRows();

/**
 * A new, empty, migrated database of the given dialect: a file in `dir` for SQLite, a freshly
 * created database on the test server for PostgreSQL. Returns null with *skipReason set when the
 * PostgreSQL half cannot run (test.sh is not the runner).
 */
std::shared_ptr<core::Database> openFreshDatabase(const QString &dialect, const QString &dir, QString *skipReason);

/** A fresh PostgreSQL database URL on the test server (for tests that start processes). */
QString createPostgresDatabase(QString *skipReason);

} // namespace podtrends::test

/** In a data-driven test function: opens the row's database into `var` or skips. */
#define PT_OPEN_DATABASE(var, tempDir)                                                                  \
    QFETCH(QString, dialect);                                                                          \
    QString pt_skip_reason_;                                                                           \
    auto var = ::podtrends::test::openFreshDatabase(dialect, (tempDir).path(), &pt_skip_reason_);      \
    if (!var) {                                                                                        \
        if (!pt_skip_reason_.isEmpty())                                                                \
            QSKIP(qPrintable(pt_skip_reason_));                                                        \
        QFAIL("could not open the test database");                                                     \
    }
