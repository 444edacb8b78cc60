#pragma once

#include <core/domain/product.h>
#include <core/storage/database.h>

#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>

namespace podtrends::core {

class AmazonParser;
struct ScrapeSummary;

/**
 * Offline imports: saved Amazon search and product pages (.html/.htm), Shopify products.json
 * files, Etsy API JSON, and Etsy's shop listing CSV export. Folders import recursively. The
 * products get the same normalization as scraping and one snapshot each.
 */
class Importer final
{
public:
    /** One file's parse. */
    struct FileResult
    {
        QString path;
        QString kind;            ///< "amazon-search", "amazon-product", "shopify-json", "etsy-json", "etsy-csv", or empty
        QList<Product> products;
        qint64 resultCount = -1;
        QString error;           ///< why the file was not imported (one line)
    };

    /** Files under the given files/folders (recursive), sorted, that look importable by extension. */
    static QStringList collectFiles(const QStringList &paths);
    /** Reads and parses one file (no database). */
    static FileResult parseFile(const QString &path, const AmazonParser &parser);
    /** parseFile()'s HTML path: a saved Amazon search or product page → kind, products and resultCount, or error. */
    static void parseSavedPage(const QByteArray &html, const AmazonParser &parser, FileResult *result);
    /** Etsy's shop "Download Data" CSV (TITLE, DESCRIPTION, PRICE, CURRENCY_CODE, TAGS, IMAGE1, SKU, …). */
    static QList<Product> parseEtsyCsv(const QByteArray &csv, const QString &shopName, QString *error);
    /**
     * RFC 4180 CSV rows (quoted fields, doubled quotes, newlines inside quotes). A quoted field
     * that never closes would swallow every row after it: then no rows, and `error` names its line.
     */
    static QList<QStringList> parseCsv(const QString &text, QString *error = nullptr);

    /**
     * Imports everything (blocking: call on a pool thread). Each file is stored in its own
     * transaction, so a bad file never leaves half its products behind and never stops the others.
     * `progress(done, total, items)` is called after each file; `cancel` stops between files.
     */
    static ScrapeSummary run(const std::shared_ptr<Database> &db, const QStringList &paths, const std::atomic_bool *cancel,
                             const std::function<void(int, int, int)> &progress);
};

} // namespace podtrends::core
