#pragma once
// Shared by the libFuzzer targets: one QCoreApplication for the whole run (some parsers use
// QStandardPaths, resources and translations), and the input as Qt types.

#include <QByteArray>
#include <QCoreApplication>
#include <QStandardPaths>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace podtrends::fuzz {

/** Creates the application once; the user's data directory is replaced by a test one. */
inline void ensureApp()
{
    static int argc = 1;
    static char name[] = "podtrends-fuzz";
    static char *argv[] = {name, nullptr};
    static QCoreApplication *app = [] {
        QStandardPaths::setTestModeEnabled(true);
        auto *a = new QCoreApplication(argc, argv);
        return a;
    }();
    Q_UNUSED(app)
}

/** A property of the parser's result that must hold; a finding when it does not (Q_ASSERT is off in release builds). */
inline void check(bool condition, const char *what)
{
    if (!condition) {
        std::fprintf(stderr, "fuzz check failed: %s\n", what);
        std::abort();
    }
}

/** The input without a copy (valid during the call only). */
inline QByteArray bytes(const uint8_t *data, size_t size)
{
    return QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
}

} // namespace podtrends::fuzz
