#include "importer.h"

#include "amazonparser.h"
#include "jsonarraystream.h"
#include "etsyscraper.h"
#include "marketcounts.h"
#include "scraper.h"
#include "scrapeservice.h"
#include "shopifyscraper.h"

#include <core/storage/productwriter.h>
#include <core/storage/sourcerepository.h>

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <optional>
#include <vector>

#include <sys/stat.h>

Q_LOGGING_CATEGORY(lcImport, "podtrends.scraping.import")

namespace podtrends::core {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Importer)
};

const QStringList kSuffixes{QStringLiteral("html"), QStringLiteral("htm"), QStringLiteral("json"), QStringLiteral("csv")};
constexpr qint64 kMaxFileBytes = 64ll * 1024 * 1024;

// The offset of the first byte that does not belong to a well-formed UTF-8 sequence, or -1.
qsizetype firstInvalidUtf8(const QByteArray &bytes)
{
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.constData());
    const qsizetype n = bytes.size();
    for (qsizetype i = 0; i < n;) {
        const unsigned char c = p[i];
        int length = 0;
        char32_t minimum = 0;
        char32_t code = 0;
        if (c < 0x80) {
            ++i;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            length = 2, minimum = 0x80, code = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            length = 3, minimum = 0x800, code = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            length = 4, minimum = 0x10000, code = c & 0x07;
        } else {
            return i;
        }
        if (i + length > n)
            return i;
        for (int k = 1; k < length; ++k) {
            if ((p[i + k] & 0xC0) != 0x80)
                return i;
            code = (code << 6) | (p[i + k] & 0x3F);
        }
        if (code < minimum || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
            return i;
        i += length;
    }
    return -1;
}

// A NUL character (a "\\u0000" in JSON) is dropped from every text before it is stored: it cuts
// the text short for SQLite's functions and for anything the data is exported to. Returns
// whether there was one.
bool dropNul(Product &p)
{
    bool found = false;
    for (QString *text : {&p.externalId, &p.title, &p.description, &p.category, &p.currency, &p.vendor, &p.imageUrl, &p.productUrl}) {
        if (text->contains(QChar(0))) {
            text->remove(QChar(0));
            found = true;
        }
    }
    for (QStringList *list : {&p.tags, &p.keywords}) {
        for (QString &text : *list) {
            if (text.contains(QChar(0))) {
                text.remove(QChar(0));
                found = true;
            }
        }
    }
    return found;
}

bool importable(const QFileInfo &info)
{
    return info.isFile() && kSuffixes.contains(info.suffix().toLower());
}

// A products.json is read and stored this many products (or bytes of JSON) at a time.
constexpr int kStreamBatchProducts = 1000;
constexpr qsizetype kStreamBatchBytes = 4 * 1024 * 1024;

// Elements of a products.json joined into a document ShopifyScraper::parse() reads, with where
// each came from in the file (to name the byte of an error as the whole file's parse did).
struct RawBatch
{
    QByteArray json{"{\"products\":["};
    std::vector<std::pair<qsizetype, qint64>> starts; ///< (offset in json, offset in the file) per element
    int count = 0;

    void add(const QByteArray &element, qint64 fileOffset)
    {
        if (count++ > 0)
            json += ',';
        starts.emplace_back(json.size(), fileOffset);
        json += element;
    }
    qint64 fileOffset(qsizetype offset) const
    {
        auto it = std::upper_bound(starts.cbegin(), starts.cend(), offset,
                                   [](qsizetype value, const auto &start) { return value < start.first; });
        if (it == starts.cbegin())
            return starts.empty() ? 0 : starts.front().second;
        --it;
        return it->second + (offset - it->first);
    }
};

// A batch parsed and made ready for the writer on a parse thread.
struct ParsedBatch
{
    PreparedProducts products;
    int cleaned = 0;
    QString error;
};

ParsedBatch parseBatch(RawBatch raw, const std::shared_ptr<Database> &db)
{
    ParsedBatch out;
    raw.json += "]}";
    auto page = ShopifyScraper::parse(raw.json, QUrl());
    if (!page) {
        // Named as the whole file's parse named it: Qt's reason and the byte in the file.
        QJsonParseError parseError{};
        (void)QJsonDocument::fromJson(raw.json, &parseError);
        if (parseError.error != QJsonParseError::NoError)
            out.error = Tr::tr("not valid JSON (%1 at byte %2)").arg(parseError.errorString()).arg(raw.fileOffset(parseError.offset));
        else
            out.error = page.errorMessage();
        return out;
    }
    QList<Product> products = std::move(page->products);
    raw = {};
    for (Product &p : products)
        out.cleaned += dropNul(p) ? 1 : 0;
    out.products = PreparedProducts(std::move(products), *db);
    return out;
}

// One products.json file, read a batch at a time and stored in one transaction.
struct StreamedFile
{
    enum class Outcome { Stored, Refused, WriteFailed, Cancelled, NotStreamed } outcome = Outcome::NotStreamed;
    QString error;
    int items = 0;
    int cleaned = 0;
    UpsertStats stats;
    std::optional<Marketplace> marketplace;
};

StreamedFile streamShopifyFile(const QString &path, const std::shared_ptr<Database> &db, ProductWriter &writer,
                               const std::atomic_bool *cancel)
{
    StreamedFile result;
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("html") || suffix == QLatin1String("htm") || suffix == QLatin1String("csv"))
        return result;
    // Everything parseFile() refuses before reading is left to it, with its words.
    struct stat status{};
    if (::stat(QFile::encodeName(path).constData(), &status) != 0 || !S_ISREG(status.st_mode))
        return result;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || file.size() > kMaxFileBytes || file.peek(512).trimmed().startsWith('<'))
        return result;

    JsonArrayStream stream(&file, QByteArrayLiteral("products"), kMaxFileBytes);
    RawBatch raw;
    std::optional<QFuture<ParsedBatch>> pending;
    bool begun = false;
    bool failed = false;
    const auto stop = [&](StreamedFile::Outcome outcome, const QString &error) {
        result.outcome = outcome;
        result.error = error;
        failed = true;
    };
    // Stores a parsed batch (in the file's transaction).
    const auto store = [&](ParsedBatch batch) {
        if (!batch.error.isEmpty())
            return stop(StreamedFile::Outcome::Refused, batch.error);
        if (batch.products.isEmpty())
            return;
        if (!begun) {
            if (Status s = writer.beginGroup(); !s)
                return stop(StreamedFile::Outcome::WriteFailed, s.errorMessage());
            begun = true;
        }
        UpsertOptions options;
        options.onlyChangedSnapshots = true; // a file imported again observes nothing new
        auto stats = writer.upsert(batch.products, options);
        if (!stats)
            return stop(StreamedFile::Outcome::WriteFailed, stats.errorMessage());
        if (!result.marketplace)
            result.marketplace = marketplaceFromKey(batch.products.products().first().marketplace);
        result.items += int(batch.products.size());
        result.cleaned += batch.cleaned;
        result.stats.inserted += stats->inserted;
        result.stats.updated += stats->updated;
        result.stats.snapshots += stats->snapshots;
    };
    // The batch read goes to a parse thread; meanwhile the one before it is stored.
    const auto hand = [&] {
        auto next = QtConcurrent::run(Scraper::parsePool(), [batch = std::exchange(raw, RawBatch()), db]() mutable {
            return parseBatch(std::move(batch), db);
        });
        if (pending)
            store(pending->result());
        pending = std::move(next);
    };

    QByteArray element;
    qint64 offset = 0;
    bool ended = false;
    bool notThisShape = false;
    while (!failed && !ended) {
        if (cancel && cancel->load()) {
            stop(StreamedFile::Outcome::Cancelled, {});
            break;
        }
        switch (stream.next(&element, &offset)) {
        case JsonArrayStream::Next::Element:
            raw.add(element, offset);
            if (raw.count >= kStreamBatchProducts || raw.json.size() >= kStreamBatchBytes)
                hand();
            break;
        case JsonArrayStream::Next::End:
            if (raw.count > 0)
                hand();
            if (!failed && pending)
                store(pending->result());
            pending.reset();
            ended = true;
            break;
        case JsonArrayStream::Next::NotThisShape:
            notThisShape = true; // before the first element: nothing is stored yet
            ended = true;
            break;
        case JsonArrayStream::Next::Invalid: {
            // The first error in the file is named, as the whole-file parse did: one in the
            // records read before this point comes first.
            QString error;
            if (pending)
                error = pending->result().error;
            if (error.isEmpty() && raw.count > 0)
                error = parseBatch(std::exchange(raw, RawBatch()), db).error;
            if (error.isEmpty())
                error = Tr::tr("not valid JSON (%1 at byte %2)").arg(stream.error().errorString()).arg(stream.error().offset);
            stop(StreamedFile::Outcome::Refused, error);
            break;
        }
        case JsonArrayStream::Next::TooLarge:
            stop(StreamedFile::Outcome::Refused, Tr::tr("larger than 64 MB"));
            break;
        case JsonArrayStream::Next::ReadFailed:
            stop(StreamedFile::Outcome::Refused, Tr::tr("cannot read: %1").arg(stream.readError()));
            break;
        }
    }
    if (pending)
        pending->waitForFinished();
    // {"products":[…], "product":{…}} is a single product to ShopifyScraper::parse(), and a second
    // "products" is the one QJsonDocument keeps: such a file is read whole, as before.
    const QByteArrayList after = stream.membersAfter();
    if (!failed && (!ended || notThisShape || after.contains("product") || after.contains("products")))
        stop(StreamedFile::Outcome::NotStreamed, {});
    if (!failed && begun) {
        if (Status s = writer.commitGroup(); !s)
            stop(StreamedFile::Outcome::WriteFailed, s.errorMessage());
        begun = false;
    }
    if (failed) {
        // A file is one transaction: nothing of it stays.
        if (begun)
            writer.rollbackGroup();
        result.items = 0;
        result.cleaned = 0;
        result.stats = UpsertStats();
        return result;
    }
    result.outcome = StreamedFile::Outcome::Stored;
    return result;
}

} // namespace

QStringList Importer::collectFiles(const QStringList &paths)
{
    QStringList files;
    for (const QString &path : paths) {
        const QFileInfo info(path);
        if (info.isDir()) {
            QDirIterator it(path, QDir::Files | QDir::Readable | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
            QStringList found;
            while (it.hasNext()) {
                it.next();
                if (importable(it.fileInfo()))
                    found << it.filePath();
            }
            found.sort();
            files << found;
        } else {
            files << path; // named explicitly: try it, and say why when it can't be read
        }
    }
    return files;
}

QList<QStringList> Importer::parseCsv(const QString &text, QString *error)
{
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    bool any = false;
    int line = 1;
    int quoteLine = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('\n'))
            ++line;
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                    field += c;
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field += c;
            }
            continue;
        }
        if (c == QLatin1Char('"')) {
            quoted = true;
            quoteLine = line;
            any = true;
        } else if (c == QLatin1Char(',')) {
            row << field;
            field.clear();
            any = true;
        } else if (c == QLatin1Char('\n') || c == QLatin1Char('\r')) {
            if (c == QLatin1Char('\r') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('\n')) {
                ++i;
                ++line;
            }
            if (any || !field.isEmpty()) {
                row << field;
                rows << row;
            }
            row.clear();
            field.clear();
            any = false;
        } else {
            field += c;
            any = true;
        }
    }
    if (quoted) {
        if (error)
            *error = Tr::tr("a quoted field that starts on line %1 is never closed, so the rows after it cannot be told apart").arg(quoteLine);
        return {};
    }
    if (any || !field.isEmpty()) {
        row << field;
        rows << row;
    }
    return rows;
}

QList<Product> Importer::parseEtsyCsv(const QByteArray &csv, const QString &shopName, QString *error)
{
    // Text that is not UTF-8 (or has NUL bytes, as a UTF-16 export does) is refused with its line
    // instead of stored with replacement characters.
    const auto lineOf = [&csv](qsizetype byte) { return int(csv.left(byte).count('\n')) + 1; };
    if (const qsizetype nul = csv.indexOf('\0'); nul >= 0) {
        *error = Tr::tr("line %1 holds a NUL byte: save the export as UTF-8 text and import it again").arg(lineOf(nul));
        return {};
    }
    if (const qsizetype bad = firstInvalidUtf8(csv); bad >= 0) {
        *error = Tr::tr("line %1 is not UTF-8 text: save the export as UTF-8 and import it again").arg(lineOf(bad));
        return {};
    }
    QString text = QString::fromUtf8(csv);
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    QString csvError;
    const QList<QStringList> rows = parseCsv(text, &csvError);
    if (!csvError.isEmpty()) {
        *error = csvError;
        return {};
    }
    if (rows.isEmpty()) {
        *error = Tr::tr("the CSV file is empty");
        return {};
    }
    QHash<QString, int> column;
    for (int i = 0; i < rows.first().size(); ++i)
        column.insert(rows.first().at(i).trimmed().toUpper(), i);
    if (!column.contains(QStringLiteral("TITLE")) || !column.contains(QStringLiteral("PRICE"))) {
        *error = Tr::tr("not an Etsy listings export (no TITLE and PRICE columns)");
        return {};
    }
    QList<Product> out;
    for (qsizetype r = 1; r < rows.size(); ++r) {
        const QStringList &row = rows.at(r);
        auto cell = [&](const char *name) {
            const int i = column.value(QString::fromLatin1(name), -1);
            return i >= 0 && i < row.size() ? row.at(i).trimmed() : QString();
        };
        Product p;
        p.marketplace = toKey(Marketplace::Etsy);
        p.title = cell("TITLE");
        bool priceOk = false;
        p.price = cell("PRICE").toDouble(&priceOk);
        if (p.title.isEmpty() || !priceOk)
            continue; // an incomplete row is skipped, never stored half-filled
        const QString sku = cell("SKU");
        const QByteArray identity = (shopName + QLatin1Char('\n') + (sku.isEmpty() ? p.title : sku)).toUtf8();
        p.externalId = QStringLiteral("csv-") + QString::fromLatin1(QCryptographicHash::hash(identity, QCryptographicHash::Sha1).toHex().left(16));
        p.description = cell("DESCRIPTION");
        p.currency = cell("CURRENCY_CODE");
        for (const QString &t : cell("TAGS").split(QLatin1Char(','), Qt::SkipEmptyParts))
            if (const QString s = t.trimmed(); !s.isEmpty())
                p.tags << s;
        p.imageUrl = cell("IMAGE1");
        p.vendor = shopName;
        QJsonObject raw;
        for (auto it = column.cbegin(); it != column.cend(); ++it)
            if (it.value() < row.size() && !row.at(it.value()).isEmpty())
                raw.insert(it.key(), row.at(it.value()));
        p.rawData = rawRecord(raw);
        out << p;
    }
    return out;
}

void Importer::parseSavedPage(const QByteArray &data, const AmazonParser &parser, FileResult *result)
{
    const QUrl base(QStringLiteral("https://www.amazon.com"));
    if (parser.looksLikeProductPage(data)) {
        result->kind = QStringLiteral("amazon-product");
        auto product = parser.parseProduct(data, base);
        if (!product)
            result->error = product.errorMessage();
        else
            result->products << *product;
        return;
    }
    result->kind = QStringLiteral("amazon-search");
    auto page = parser.parseSearch(data, base);
    if (!page)
        result->error = page.errorMessage();
    else if (page->blocked)
        result->error = Tr::tr("a saved robot check (captcha) page, not search results");
    else if (page->cards == 0)
        result->error = Tr::tr("no Amazon search results or product found in the page");
    else {
        result->products = page->products;
        result->resultCount = page->resultCount;
    }
}

Importer::FileResult Importer::parseFile(const QString &path, const AmazonParser &parser)
{
    FileResult result;
    result.path = path;
    // Only regular files: a FIFO would block the open (and a device such as /dev/zero reports
    // size 0 and never ends), so neither is opened. The read stops past the limit all the same.
    struct stat status{};
    if (::stat(QFile::encodeName(path).constData(), &status) == 0 && !S_ISREG(status.st_mode) && !S_ISDIR(status.st_mode)) {
        result.error = Tr::tr("not a regular file (a pipe, socket or device); only saved files are imported");
        return result;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        result.error = Tr::tr("cannot open: %1").arg(file.errorString());
        return result;
    }
    const QByteArray data = file.read(kMaxFileBytes + 1);
    if (file.size() > kMaxFileBytes || data.size() > kMaxFileBytes) {
        result.error = Tr::tr("larger than 64 MB");
        return result;
    }
    const QString suffix = QFileInfo(path).suffix().toLower();
    const QByteArray head = data.left(512).trimmed();
    if (suffix == QLatin1String("html") || suffix == QLatin1String("htm") || head.startsWith('<')) {
        parseSavedPage(data, parser, &result);
        return result;
    }
    if (suffix == QLatin1String("csv")) {
        result.kind = QStringLiteral("etsy-csv");
        result.products = parseEtsyCsv(data, QFileInfo(path).completeBaseName(), &result.error);
        return result;
    }
    // JSON: Shopify products.json / single product, or Etsy API listings.
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(data, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        result.error = Tr::tr("not valid JSON (%1 at byte %2)").arg(parseError.errorString()).arg(parseError.offset);
        return result;
    }
    const QJsonObject root = doc.object();
    if (root.contains(QLatin1String("products")) || root.contains(QLatin1String("product"))) {
        result.kind = QStringLiteral("shopify-json");
        auto page = ShopifyScraper::parse(data, QUrl());
        if (!page)
            result.error = page.errorMessage();
        else
            result.products = page->products;
        return result;
    }
    if (root.contains(QLatin1String("results")) || root.contains(QLatin1String("listing_id"))
        || (doc.isArray() && doc.array().first().toObject().contains(QLatin1String("listing_id")))) {
        result.kind = QStringLiteral("etsy-json");
        auto page = EtsyScraper::parse(data);
        if (!page)
            result.error = page.errorMessage();
        else {
            result.products = page->products;
            result.resultCount = page->count;
        }
        return result;
    }
    result.error = Tr::tr("not a products.json, Etsy API answer, saved Amazon page or Etsy CSV export");
    return result;
}

ScrapeSummary Importer::run(const std::shared_ptr<Database> &db, const QStringList &paths, const std::atomic_bool *cancel,
                            const std::function<void(int, int, int)> &progress)
{
    ScrapeSummary summary;
    summary.kind = JobKind::Import;
    summary.target = paths.join(QStringLiteral(", "));
    summary.startedAt = QDateTime::currentDateTimeUtc();
    const QStringList files = collectFiles(paths);
    const AmazonParser parser;
    ProductWriter writer(db);
    QStringList problems;
    QSet<Marketplace> marketplaces;
    int done = 0;
    int cleaned = 0;
    QString writeFailure;
    for (const QString &path : files) {
        if (cancel && cancel->load()) {
            summary.status = ScrapeStatus::Cancelled;
            break;
        }
        // A products.json is read and stored a batch at a time (its memory does not grow with
        // the file); every other file is read whole.
        StreamedFile streamed = streamShopifyFile(path, db, writer, cancel);
        if (streamed.outcome == StreamedFile::Outcome::Cancelled) {
            summary.status = ScrapeStatus::Cancelled;
            break;
        }
        if (streamed.outcome != StreamedFile::Outcome::NotStreamed) {
            ++done;
            if (streamed.outcome == StreamedFile::Outcome::WriteFailed) {
                writeFailure = Tr::tr("The import stopped at %1 because the database could not store it: %2")
                                   .arg(QFileInfo(path).fileName(), streamed.error);
                qCWarning(lcImport) << "write failed" << path << streamed.error;
                break;
            }
            if (streamed.outcome == StreamedFile::Outcome::Refused || streamed.items == 0) {
                ++summary.skipped;
                problems << QStringLiteral("%1: %2").arg(QFileInfo(path).fileName(), streamed.error.isEmpty() ? Tr::tr("no products") : streamed.error);
                qCInfo(lcImport) << "skipped" << path << streamed.error;
            } else {
                ++summary.pages;
                summary.items += streamed.items;
                summary.inserted += streamed.stats.inserted;
                summary.updated += streamed.stats.updated;
                summary.snapshots += streamed.stats.snapshots;
                cleaned += streamed.cleaned;
                if (streamed.marketplace)
                    marketplaces.insert(*streamed.marketplace);
                writer.limitWal(); // between files: the log of a long import stays near the limit
            }
            if (progress)
                progress(done, int(files.size()), summary.items);
            continue;
        }
        FileResult file = parseFile(path, parser);
        ++done;
        if (!file.error.isEmpty() || file.products.isEmpty()) {
            ++summary.skipped;
            problems << QStringLiteral("%1: %2").arg(QFileInfo(path).fileName(), file.error.isEmpty() ? Tr::tr("no products") : file.error);
            qCInfo(lcImport) << "skipped" << path << file.error;
        } else {
            for (Product &p : file.products)
                cleaned += dropNul(p) ? 1 : 0;
            UpsertOptions options;
            options.resultCount = file.resultCount;
            options.onlyChangedSnapshots = true; // a file imported again observes nothing new
            auto stats = writer.upsert(file.products, options);
            if (!stats) {
                // The database refused the write (a full disk, a file-size limit, a lost server):
                // the files after it would fail the same way, and the run must not end "ok".
                writeFailure = Tr::tr("The import stopped at %1 because the database could not store it: %2")
                                   .arg(QFileInfo(path).fileName(), stats.errorMessage());
                qCWarning(lcImport) << "write failed" << path << stats.errorMessage();
                break;
            } else {
                ++summary.pages;
                summary.items += int(file.products.size());
                summary.inserted += stats->inserted;
                summary.updated += stats->updated;
                summary.snapshots += stats->snapshots;
                if (const auto m = marketplaceFromKey(file.products.first().marketplace))
                    marketplaces.insert(*m);
            }
            writer.limitWal(); // between files: the log of a long import stays near the limit
        }
        if (progress)
            progress(done, int(files.size()), summary.items);
    }
    if (!writeFailure.isEmpty()) {
        summary.status = ScrapeStatus::Error;
        summary.message = writeFailure;
    } else if (summary.status != ScrapeStatus::Cancelled) {
        summary.badInput = summary.pages == 0;
        if (files.isEmpty()) {
            summary.status = ScrapeStatus::Error;
            summary.message = Tr::tr("No importable files found (.html, .json, .csv)");
        } else if (summary.pages == 0) {
            summary.status = ScrapeStatus::Error;
            summary.message = problems.value(0);
        } else {
            summary.status = ScrapeStatus::Ok;
            if (!problems.isEmpty())
                summary.message = Tr::tr("%n file(s) skipped; first: %1", nullptr, int(problems.size())).arg(problems.first());
            if (cleaned > 0)
                summary.message += (summary.message.isEmpty() ? QString() : QStringLiteral(" "))
                                   + Tr::tr("NUL characters were removed from %n product(s).", nullptr, cleaned);
        }
    }
    if (marketplaces.size() == 1)
        summary.marketplace = *marketplaces.cbegin();
    summary.finishedAt = QDateTime::currentDateTimeUtc();
    // An import is its marketplaces' latest collection: it shows under "Last scrape per
    // marketplace" like a scrape does.
    if (summary.pages > 0) {
        SourceRepository sources(db);
        for (Marketplace m : std::as_const(marketplaces))
            if (Status s = sources.setMarketplaceStatus(m, ScrapeStatus::Ok, {}, summary.finishedAt); !s)
                qCWarning(lcImport) << "cannot record the import for" << toKey(m) << s.errorMessage();
    }
    return summary;
}

} // namespace podtrends::core
