// AmazonParser on fixtures and real captures; AmazonScraper over loopback (API-CONTRACTS.md §5).
#include "scrapetesthelpers.h"

#include <core/scraping/amazonparser.h>
#include <core/scraping/htmldocument.h>
#include <core/scraping/htmlscan.h>
#include <core/scraping/marketcounts.h>
#include <core/storage/sourcerepository.h>

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

using namespace podtrends;
using namespace podtrends::test;

namespace {
QByteArray fixture(const QString &name)
{
    QFile f(fixturesDir() + QStringLiteral("/collection/") + name);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QByteArray realSample(const QString &name)
{
    QFile f(realSamplesDir() + QStringLiteral("/amazon/") + name);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/**
 * The fixture's cards repeated `copies` times with distinct ASINs, as bench_collection builds its
 * synthetic page. Unclosed: each copy stops inside its last card (the bench's original cut), so
 * the next copy's cards nest in that card and its price block.
 */
QByteArray repeatedCards(int copies, bool closed)
{
    const QByteArray page = fixture(QStringLiteral("amazon-search-page1.html"));
    const qsizetype start = page.indexOf("<div role=\"listitem\"");
    const qsizetype end = closed ? page.lastIndexOf("</div>\n\n</div>") + 7 : page.lastIndexOf("</div>\n</div>");
    QByteArray out = page.left(start);
    for (int i = 0; i < copies; ++i) {
        const QByteArray prefix = "B" + QByteArray::number(10000 + i);
        out += page.mid(start, end - start).replace("B0TEST", prefix);
    }
    return out + page.mid(end);
}

/** A card left open around the next one, with content after the nested card. */
const char kNestedCards[] =
    "<html><body><div class='s-main-slot'>\n"
    "<div data-component-type='s-search-result' data-asin='B0OUTER001' class='s-result-item'>\n"
    " <h2 aria-label='Outer Tee'><span>Outer Tee</span></h2>\n"
    " <div data-cy='price-recipe'>\n"
    " <div data-component-type='s-search-result' data-asin='B0INNER001' class='s-result-item AdHolder'>\n"
    "  <span class='puis-label-popover puis-sponsored-label-text'>Sponsored</span>\n"
    "  <h2 aria-label='Inner Tee'><span>Inner Tee</span></h2>\n"
    "  <span class='a-price'><span class='a-offscreen'>$5.00</span></span>\n"
    " </div>\n"
    " <h2><span>Related searches</span></h2>\n"
    " <span class='a-price'><span class='a-offscreen'>$7.00</span></span>\n"
    "<div data-component-type='s-search-result' data-asin='B0NOTITLE1'>\n"
    " <img class='s-image' src='https://example.com/notitle.jpg'>\n"
    " <div data-component-type='s-search-result' data-asin='B0INNER002'><h2><span>Second Inner</span></h2></div>\n"
    "</div>\n"
    "</body></html>";
} // namespace

class TstAmazonScraper final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::shared_ptr<core::Database> m_db;
    const QUrl m_base{QStringLiteral("https://www.amazon.com")};

    core::ScrapeSummary scrape(FakeServer &server, int pages, int productPages = 0)
    {
        core::ScrapeService service(m_db);
        service.setHttpSettings(fastHttp());
        core::ScraperConfig config = core::ScraperConfig::defaults();
        config.amazonBase = server.url();
        service.setScraperConfig(config);
        core::ScrapeTarget t;
        t.marketplace = core::Marketplace::Amazon;
        t.target = QStringLiteral("retro sunset shirt");
        t.maxPages = pages;
        t.productPages = productPages;
        return runToEnd(service, [&] { return service.startTarget(t); });
    }

    qint64 rankOf(const QString &asin)
    {
        QSqlQuery q(m_db->connection());
        q.prepare(QStringLiteral("SELECT rank FROM products WHERE marketplace = 'amazon' AND external_id = ?"));
        q.addBindValue(asin);
        return q.exec() && q.next() ? q.value(0).toLongLong() : -2;
    }

    static int pathCount(const FakeServer &server, const QString &path)
    {
        int n = 0;
        for (const FakeRequest &r : server.requests())
            n += r.url.path() == path ? 1 : 0;
        return n;
    }

private Q_SLOTS:
    void init()
    {
        static int n = 0;
        const QString sub = m_dir.path() + QStringLiteral("/db%1").arg(++n);
        QVERIFY(QDir().mkpath(sub));
        QString skip;
        m_db = openFreshDatabase(QStringLiteral("sqlite"), sub, &skip);
        QVERIFY(m_db);
    }

    void parsesCompleteCardsOnly()
    {
        const core::AmazonParser parser;
        auto page = parser.parseSearch(fixture(QStringLiteral("amazon-search-page1.html")), m_base, QStringLiteral("retro"));
        QVERIFY2(page, qPrintable(page.errorMessage()));
        QCOMPARE(page->cards, 4);            // the empty-ASIN card is not a result
        QCOMPARE(page->products.size(), 3);  // the card without a title is skipped, not half-stored
        QCOMPARE(page->resultCount, 2000);
        const core::Product &first = page->products.at(0);
        QCOMPARE(first.externalId, QStringLiteral("B0TEST0001"));
        QCOMPARE(first.title, QStringLiteral("Retro Sunset Vintage T-Shirt"));
        QCOMPARE(first.price, 19.99);        // not the struck-through list price
        QCOMPARE(first.currency, QStringLiteral("USD"));
        QCOMPARE(first.rating, 4.6);
        QCOMPARE(first.reviewsCount, 1234);
        QVERIFY(first.sponsored);
        QCOMPARE(first.productUrl, QStringLiteral("https://www.amazon.com/dp/B0TEST0001"));
        QCOMPARE(first.imageUrl, QStringLiteral("https://m.media-amazon.com/images/I/B0TEST0001.jpg"));
        QCOMPARE(first.rank, 1);
        QVERIFY(!page->products.at(1).sponsored);
        QCOMPARE(page->products.at(1).title, QStringLiteral("Sunset Beach Graphic Tee & Gift"));
        QCOMPARE(page->products.at(2).price, 0.0);
        QCOMPARE(page->products.at(2).reviewsCount, 1200);
        QCOMPARE(core::rawRecordObject(first.rawData).value(QLatin1String("asin")).toString(), QStringLiteral("B0TEST0001"));
    }

    void detectsTheCaptchaPage()
    {
        const core::AmazonParser parser;
        QVERIFY(parser.isBlocked(fixture(QStringLiteral("amazon-captcha.html"))));
        QVERIFY(!parser.isBlocked(fixture(QStringLiteral("amazon-search-page1.html"))));
    }

    void parsesAProductPageWithBestSellersRank()
    {
        const core::AmazonParser parser;
        auto p = parser.parseProduct(fixture(QStringLiteral("amazon-product-B0TEST0001.html")), m_base);
        QVERIFY2(p, qPrintable(p.errorMessage()));
        QCOMPARE(p->externalId, QStringLiteral("B0TEST0001"));
        QCOMPARE(p->title, QStringLiteral("Retro Sunset Vintage T-Shirt"));
        QCOMPARE(p->price, 19.99);
        QCOMPARE(p->rating, 4.6);
        QCOMPARE(p->reviewsCount, 1234);
        QCOMPARE(p->rank, 1234);
        QCOMPARE(p->category, QStringLiteral("Clothing, Shoes & Jewelry"));
    }

    void selectorsCanBeOverridden()
    {
        const QByteArray json = "{\"search\":{\"card\":\"//div[@data-asin=\\\"B0TEST0002\\\"]\",\"asin\":[\"@data-asin\"],\"title\":[\".//h2\"]}}";
        auto parser = core::AmazonParser::fromSelectorJson(json);
        QVERIFY(parser);
        auto page = parser->parseSearch(fixture(QStringLiteral("amazon-search-page1.html")), m_base);
        QVERIFY(page);
        QCOMPARE(page->products.size(), 1);
        QCOMPARE(page->products.first().externalId, QStringLiteral("B0TEST0002"));
    }

    void parsesEveryRealSample()
    {
        const QString dir = realSamplesDir();
        if (dir.isEmpty())
            QSKIP("real samples are absent");
        const core::AmazonParser parser;
        const QStringList files = QDir(dir + QStringLiteral("/amazon")).entryList({QStringLiteral("*.html")}, QDir::Files);
        QVERIFY(!files.isEmpty());
        for (const QString &name : files) {
            QFile f(dir + QStringLiteral("/amazon/") + name);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray html = f.readAll();
            if (name.startsWith(QLatin1String("captcha"))) {
                QVERIFY2(parser.isBlocked(html), qPrintable(name));
                auto page = parser.parseSearch(html, m_base);
                QVERIFY(page && page->blocked);
            } else if (name.startsWith(QLatin1String("product"))) {
                auto p = parser.parseProduct(html, m_base);
                QVERIFY2(p, qPrintable(name + p.errorMessage()));
                QCOMPARE(p->externalId.size(), 10);
                QVERIFY(!p->title.isEmpty());
                QVERIFY(p->price > 0);
                QVERIFY2(p->rank > 0, qPrintable(name + QStringLiteral(": no Best Sellers Rank")));
            } else {
                auto page = parser.parseSearch(html, m_base);
                QVERIFY2(page, qPrintable(name));
                QVERIFY(!page->blocked);
                QVERIFY2(page->products.size() >= 10, qPrintable(name));
                int priced = 0;
                int rated = 0;
                for (const core::Product &p : page->products) {
                    QCOMPARE(p.externalId.size(), 10);
                    QVERIFY(!p.title.isEmpty());
                    priced += p.price > 0;
                    rated += p.rating > 0 && p.reviewsCount > 0;
                }
                QVERIFY2(priced >= page->products.size() / 2, qPrintable(name));
                QVERIFY2(rated >= page->products.size() / 2, qPrintable(name));
            }
        }
    }

    void builtInSelectorsStream()
    {
        // The built-in selectors must stay inside HtmlScan's subset, or search pages silently
        // fall back to the tree and its cost (see bench_collection).
        const core::AmazonParser parser;
        QCOMPARE(parser.engine(), core::AmazonParser::Engine::Streaming);
    }

    void enginesAgree_data()
    {
        QTest::addColumn<QByteArray>("html");
        for (const char *name : {"amazon-search-page1.html", "amazon-search-page2.html", "amazon-search-empty.html", "amazon-captcha.html",
                                 "amazon-product-B0TEST0001.html"})
            QTest::newRow(name) << fixture(QString::fromLatin1(name));
        QTest::newRow("nested cards") << QByteArray(kNestedCards);
        QTest::newRow("unclosed cards x20") << repeatedCards(20, false);
        QTest::newRow("unclosed cards x200 (libxml2 depth limit)") << repeatedCards(200, false);
        QTest::newRow("closed cards x50") << repeatedCards(50, true);
        QTest::newRow("not html") << QByteArray("just text, no tags");
        QTest::newRow("comment only") << QByteArray("<!-- nothing -->");
        if (realSamplesDir().isEmpty())
            return;
        const QStringList files = QDir(realSamplesDir() + QStringLiteral("/amazon")).entryList({QStringLiteral("*.html")}, QDir::Files);
        for (const QString &name : files)
            QTest::newRow(qPrintable(name)) << realSample(name);
    }

    void enginesAgree()
    {
        QFETCH(QByteArray, html);
        const core::AmazonParser streaming;
        core::AmazonParser tree;
        tree.setEngine(core::AmazonParser::Engine::Tree);
        QCOMPARE(tree.engine(), core::AmazonParser::Engine::Tree);
        const auto a = streaming.parseSearch(html, m_base, QStringLiteral("retro"), 7);
        const auto b = tree.parseSearch(html, m_base, QStringLiteral("retro"), 7);
        QCOMPARE(bool(a), bool(b));
        if (!a) {
            QCOMPARE(a.errorMessage(), b.errorMessage());
            return;
        }
        QCOMPARE(a->cards, b->cards);
        QCOMPARE(a->resultCount, b->resultCount);
        QCOMPARE(a->blocked, b->blocked);
        QCOMPARE(a->noResults, b->noResults);
        QCOMPARE(a->products.size(), b->products.size());
        for (qsizetype i = 0; i < a->products.size(); ++i) {
            const core::Product &x = a->products.at(i);
            const core::Product &y = b->products.at(i);
            QCOMPARE(x.externalId, y.externalId);
            QCOMPARE(x.title, y.title);
            QCOMPARE(x.price, y.price);
            QCOMPARE(x.currency, y.currency);
            QCOMPARE(x.rating, y.rating);
            QCOMPARE(x.reviewsCount, y.reviewsCount);
            QCOMPARE(x.imageUrl, y.imageUrl);
            QCOMPARE(x.productUrl, y.productUrl);
            QCOMPARE(x.sponsored, y.sponsored);
            QCOMPARE(x.vendor, y.vendor);
            QCOMPARE(x.rank, y.rank);
            QCOMPARE(x.keywords, y.keywords);
            QCOMPARE(x.rawData, y.rawData);
        }
    }

    void nestedUnclosedCardsKeepTheirOwnFields_data()
    {
        QTest::addColumn<bool>("tree");
        QTest::newRow("streaming") << false;
        QTest::newRow("tree") << true;
    }

    void nestedUnclosedCardsKeepTheirOwnFields()
    {
        QFETCH(bool, tree);
        core::AmazonParser parser;
        parser.setEngine(tree ? core::AmazonParser::Engine::Tree : core::AmazonParser::Engine::Streaming);
        auto page = parser.parseSearch(QByteArray(kNestedCards), m_base);
        QVERIFY(page);
        QCOMPARE(page->cards, 4);
        // A card ends where a card nested in it begins: the outer card neither borrows the inner
        // card's price and sponsored label nor gets what follows it; a card without a title of its
        // own is skipped instead of taking the nested card's.
        QCOMPARE(page->products.size(), 3);
        const core::Product &outer = page->products.at(0);
        QCOMPARE(outer.externalId, QStringLiteral("B0OUTER001"));
        QCOMPARE(outer.title, QStringLiteral("Outer Tee"));
        QCOMPARE(outer.price, 0.0);
        QVERIFY(!outer.sponsored);
        const core::Product &inner = page->products.at(1);
        QCOMPARE(inner.externalId, QStringLiteral("B0INNER001"));
        QCOMPARE(inner.title, QStringLiteral("Inner Tee"));
        QCOMPARE(inner.price, 5.0);
        QVERIFY(inner.sponsored);
        QCOMPARE(page->products.at(2).externalId, QStringLiteral("B0INNER002"));
        QCOMPARE(page->products.at(2).title, QStringLiteral("Second Inner"));
        QCOMPARE(page->products.at(2).rank, 4);

        // The benchmark's repeated fixture: 4 cards a copy, the untitled fourth one skipped.
        auto repeated = parser.parseSearch(repeatedCards(20, false), m_base);
        QVERIFY(repeated);
        QCOMPARE(repeated->cards, 80);
        QCOMPARE(repeated->products.size(), 60);
        for (const core::Product &p : std::as_const(repeated->products)) {
            QVERIFY2(p.title != QLatin1String("Related searches"), qPrintable(p.externalId));
            // Each copy's second card: not sponsored, its own title and price.
            if (p.externalId.endsWith(QLatin1String("0002"))) {
                QVERIFY(!p.sponsored);
                QCOMPARE(p.title, QStringLiteral("Sunset Beach Graphic Tee & Gift"));
                QCOMPARE(p.price, 24.5);
            }
        }
    }

    void blockedOnlyWithoutResultCards_data()
    {
        QTest::addColumn<bool>("tree");
        QTest::newRow("streaming") << false;
        QTest::newRow("tree") << true;
    }

    void blockedOnlyWithoutResultCards()
    {
        QFETCH(bool, tree);
        core::AmazonParser parser;
        parser.setEngine(tree ? core::AmazonParser::Engine::Tree : core::AmazonParser::Engine::Streaming);
        // The robot check is looked for after the cards, and still found on a captcha page.
        auto captcha = parser.parseSearch(fixture(QStringLiteral("amazon-captcha.html")), m_base);
        QVERIFY(captcha);
        QVERIFY(captcha->blocked);
        QCOMPARE(captcha->products.size(), 0);
        QVERIFY(parser.isBlocked(fixture(QStringLiteral("amazon-captcha.html"))));
        // Markers anywhere on a page without cards, here after other content.
        const QByteArray late = "<html><body><div>Hello</div><p>Some text</p><div><p>Sorry, we just need to make sure you're not a robot.</p></div></body></html>";
        QVERIFY(parser.isBlocked(late));
        // A results page whose product is titled like a captcha page is still a results page.
        QByteArray page = fixture(QStringLiteral("amazon-search-page1.html"));
        page.replace("Retro Sunset Vintage T-Shirt</span>", "Prove You're Not A Robot Tee - Enter the characters you see below</span>");
        page.replace("<body>", "<body><!-- api-services-support@amazon.com -->");
        auto results = parser.parseSearch(page, m_base);
        QVERIFY(results);
        QVERIFY(!results->blocked);
        QCOMPARE(results->products.size(), 3);
        QVERIFY(!parser.isBlocked(page));
    }

    void scanMatchesXPath()
    {
        // HtmlScan's subset against libxml2's XPath on the same pages, expression by expression.
        QList<QPair<QString, QByteArray>> pages;
        for (const char *name : {"amazon-search-page1.html", "amazon-search-page2.html", "amazon-search-empty.html", "amazon-captcha.html",
                                 "amazon-product-B0TEST0001.html"})
            pages.append({QString::fromLatin1(name), fixture(QString::fromLatin1(name))});
        pages.append({QStringLiteral("nested"), QByteArray(kNestedCards)});
        pages.append({QStringLiteral("unclosed x30"), repeatedCards(30, false)});
        pages.append({QStringLiteral("entities, CDATA, comments"),
                      QByteArray("<!-- before --><html><head><title>T &amp; U</title><style>p{}</style><script>var a='<b>';</script></head>"
                                 "<body><p>one<!--c-->two<b>bold</b>three</p><input checked name=x><div class=' a  b '>A&nbsp;B</div>"
                                 "<span>  </span><span>x</span><?pi stuff?><div>tail</div></body></html><!-- after -->")});
        for (const QString &name : QDir(realSamplesDir() + QStringLiteral("/amazon")).entryList({QStringLiteral("*.html")}, QDir::Files))
            if (!realSamplesDir().isEmpty())
                pages.append({name, realSample(name)});

        const QStringList document = {
            QStringLiteral("//title"), QStringLiteral("//h2//span[normalize-space(.) != '']"), QStringLiteral("//*[contains(text(), 'result')]"),
            QStringLiteral("//*[contains(text(), 'two')]"), QStringLiteral("//comment()[contains(., 'amazon')]"), QStringLiteral("//comment()"),
            QStringLiteral("//span[starts-with(normalize-space(.), '1-')]"), QStringLiteral("//a[@href]/@href"),
            QStringLiteral("//div[@data-asin = '']/@data-component-type"), QStringLiteral("//div[@data-asin != '']/@data-asin"),
            QStringLiteral("//*[@data-component-type='s-result-info-bar']//span"),
            QStringLiteral("//span[not(ancestor::a)][contains(@class, 'a-offscreen')]"), QStringLiteral("//i/span[contains(@class, 'a-icon-alt')]"),
            QStringLiteral("//*[text()]"), QStringLiteral("//p[text()]"), QStringLiteral("//h2[@aria-label = 'Retro Sunset Vintage T-Shirt']"),
            QStringLiteral("//span[concat(@class, '-x') = 'a-offscreen-x']"), QStringLiteral("//span[string(.) = 'Sponsored']"),
            QStringLiteral("//*[@class and not(@id)]/@class"), QStringLiteral("//div[@data-cy = 'price-recipe']/span/span"),
            QStringLiteral("//body/*"), QStringLiteral("//html"), QStringLiteral("//script"), QStringLiteral("//style"), QStringLiteral("//span[true()]"),
            QStringLiteral("//span[false()]"), QStringLiteral("//a[contains(@href, 'customerReviews') or contains(@href, '/dp/')]/@href"),
            QStringLiteral("//input/@checked"), QStringLiteral("//div[contains(concat(' ', normalize-space(@class), ' '), ' b ')]"),
            QStringLiteral("//div[contains(concat(' ', normalize-space(@class), ' '), ' a  b ')]"), QStringLiteral("//span[normalize-space() = '']"),
            QStringLiteral("//span[. = 'x']"), QStringLiteral("//*[ancestor::*][@id]/@id"), QStringLiteral("//tr/td"),
            QStringLiteral("//*[@id='productTitle']"), QStringLiteral("//*[@id='acrPopover']/@title"), QStringLiteral("//*[@id='SalesRank']"),
        };
        const QString card = QStringLiteral("//div[@data-component-type='s-search-result'][normalize-space(@data-asin) != '']");
        const QStringList record = {
            QStringLiteral("."), QStringLiteral("@data-asin"), QStringLiteral("./@class"), QStringLiteral("self::div/@data-asin"),
            QStringLiteral("self::*[contains(@class, 'AdHolder')]"), QStringLiteral("self::*[contains(., 'Sponsored')]"), QStringLiteral("./div"),
            QStringLiteral("div/a/@href"), QStringLiteral(".//a/@href"), QStringLiteral(".//span/.."), QStringLiteral(".//*[contains(text(), 'out of')]"),
            QStringLiteral(".//span[normalize-space(text()) != '']"), QStringLiteral(".//i[contains(@class, 'a-icon-star')]/span/.."),
            QStringLiteral(".//span[contains(@class, 'a-price-whole')]/.."), QStringLiteral(".//h2//span[normalize-space(.) != '']"),
            QStringLiteral(".//h2/@aria-label"), QStringLiteral(".//h2"), QStringLiteral(".//span[normalize-space(.) = 'Sponsored']"),
            QStringLiteral(".//*[contains(@class, 'puis-sponsored-label-text')]"),
            QStringLiteral(".//span[contains(concat(' ', normalize-space(@class), ' '), ' a-price ') and not(contains(@class, 'a-text-price'))]"
                           "/span[contains(concat(' ', normalize-space(@class), ' '), ' a-offscreen ')]"),
            QStringLiteral(".//h2[contains(@class, 'a-size-mini')]/span[contains(@class, 'a-size-base-plus') or contains(@class, 'a-size-medium')][not(ancestor::a)]"),
            QStringLiteral(".//a[contains(@href, 'customerReviews')]"), QStringLiteral(".//img[contains(concat(' ', normalize-space(@class), ' '), ' s-image ')]/@src"),
        };

        for (const auto &[name, html] : std::as_const(pages)) {
            for (const auto mode : {core::HtmlScan::Mode::FirstText, core::HtmlScan::Mode::Exists}) {
                core::HtmlScan scan;
                QVERIFY2(scan.setRecords(card), qPrintable(scan.errorString()));
                for (const QString &e : document)
                    QVERIFY2(scan.addDocumentQuery({e}, mode) >= 0, qPrintable(scan.errorString()));
                for (const QString &e : record)
                    QVERIFY2(scan.addRecordQuery({e}, mode) >= 0, qPrintable(scan.errorString()));
                const core::HtmlScan::Result streamed = scan.run(html);
                auto doc = core::HtmlDocument::parse(html);
                QCOMPARE(streamed.empty, !doc);
                if (!doc)
                    continue;
                auto expect = [&](const QString &e, core::HtmlDocument::Node context) {
                    return mode == core::HtmlScan::Mode::Exists ? core::HtmlScan::Answer{{}, doc->exists({e}, context)}
                                                                : core::HtmlScan::Answer{doc->firstText(e, context), !doc->firstText(e, context).isEmpty()};
                };
                for (int q = 0; q < document.size(); ++q) {
                    const core::HtmlScan::Answer want = expect(document.at(q), {});
                    const core::HtmlScan::Answer got = streamed.document.at(q);
                    QVERIFY2(got.text == want.text && got.found == want.found,
                             qPrintable(QStringLiteral("%1: %2: got '%3' (%4), XPath gives '%5' (%6)")
                                            .arg(name, document.at(q), got.text.left(80)).arg(got.found).arg(want.text.left(80)).arg(want.found)));
                }
                const QList<core::HtmlDocument::Node> cards = doc->select(card);
                QCOMPARE(streamed.records, cards.size());
                doc->splitNestedRecords(cards);
                for (int r = 0; r < cards.size(); ++r) {
                    for (int q = 0; q < record.size(); ++q) {
                        const core::HtmlScan::Answer want = expect(record.at(q), cards.at(r));
                        const core::HtmlScan::Answer got = streamed.answer(r, q);
                        QVERIFY2(got.text == want.text && got.found == want.found,
                                 qPrintable(QStringLiteral("%1: card %2: %3: got '%4' (%5), XPath gives '%6' (%7)")
                                                .arg(name)
                                                .arg(r)
                                                .arg(record.at(q), got.text.left(80))
                                                .arg(got.found)
                                                .arg(want.text.left(80))
                                                .arg(want.found)));
                    }
                }
            }
        }
    }

    void scanRejectsWhatItCannotStream()
    {
        core::HtmlScan scan;
        for (const char *e : {"//div[1]", "(//div)[1]", "//div | //span", "//div/following-sibling::div", "//tr[th[contains(., 'x')]]/td",
                              "/html/body", "//div[position() = 1]", "//span[contains(., 'x')]/span", "//*[@class and contains(., 'x')]", "//@class",
                              "//div/..", "count(//div)", "//svg:path", "//div[@a < 'b']"})
            QVERIFY2(scan.addDocumentQuery({QString::fromLatin1(e)}, core::HtmlScan::Mode::FirstText) < 0, e);
        QVERIFY(!scan.errorString().isEmpty());
        QVERIFY(scan.addRecordQuery({QStringLiteral("..")}, core::HtmlScan::Mode::Exists) < 0);
        QVERIFY(scan.addRecordQuery({QStringLiteral("//div")}, core::HtmlScan::Mode::Exists) < 0); // record queries are relative
        QVERIFY(!scan.setRecords(QStringLiteral(".//div")));
        QVERIFY(!scan.setRecords(QStringLiteral("//div[contains(., 'x')]")));

        // Selectors outside the subset still work, through the tree.
        const QByteArray json = "{\"search\":{\"card\":\"(//div[@data-component-type='s-search-result'])[position() > 1]\","
                                "\"asin\":[\"@data-asin\"],\"title\":[\".//h2\"]}}";
        auto parser = core::AmazonParser::fromSelectorJson(json);
        QVERIFY(parser);
        QCOMPARE(parser->engine(), core::AmazonParser::Engine::Tree);
        auto page = parser->parseSearch(fixture(QStringLiteral("amazon-search-page1.html")), m_base);
        QVERIFY(page);
        QCOMPARE(page->cards, 4);
        QCOMPARE(page->products.first().externalId, QStringLiteral("B0TEST0002"));
    }

    void scrapesPagesIntoTheDatabase()
    {
        FakeServer server([](const FakeRequest &r) {
            if (r.url.path() != QLatin1String("/s"))
                return FakeResponse::html("", 404);
            return FakeResponse::html(fixture(r.query(QStringLiteral("page")) == QLatin1String("2") ? QStringLiteral("amazon-search-page2.html")
                                                                                                     : QStringLiteral("amazon-search-page1.html")));
        });
        const auto s = scrape(server, 2);
        QCOMPARE(s.status, core::ScrapeStatus::Ok);
        QCOMPARE(s.items, 5);
        QCOMPARE(s.pages, 2);
        QCOMPARE(server.requests().first().query(QStringLiteral("k")), QStringLiteral("retro sunset shirt"));
        QCOMPARE(countRows(m_db, QStringLiteral("SELECT COUNT(*) FROM products WHERE marketplace = 'amazon'")), 5);
        auto count = core::marketcounts::latest(m_db, QStringLiteral("amazon"), QStringLiteral("retro sunset shirt"));
        QVERIFY(count && count->has_value());
        QCOMPARE(**count, 2000);
    }

    void captchaWith503StopsAsBlocked()
    {
        FakeServer server([](const FakeRequest &r) {
            if (r.query(QStringLiteral("page")) == QLatin1String("2"))
                return FakeResponse::html(fixture(QStringLiteral("amazon-captcha.html")), 503);
            return FakeResponse::html(fixture(QStringLiteral("amazon-search-page1.html")));
        });
        const auto s = scrape(server, 3);
        QCOMPARE(s.status, core::ScrapeStatus::Blocked);
        QVERIFY2(s.message.contains(QLatin1String("robot check")), qPrintable(s.message));
        QCOMPARE(countRows(m_db, QStringLiteral("SELECT COUNT(*) FROM products")), 3); // page 1 kept
        QCOMPARE(server.requests().size(), 2); // a 503 is not retried
        auto markets = core::SourceRepository(m_db).marketplaces();
        QVERIFY(markets && !markets->isEmpty());
        QCOMPARE(markets->first().status, core::ScrapeStatus::Blocked);
    }

    void captchaWith200StopsAsBlocked()
    {
        FakeServer server([](const FakeRequest &) { return FakeResponse::html(fixture(QStringLiteral("amazon-captcha.html"))); });
        const auto s = scrape(server, 1);
        QCOMPARE(s.status, core::ScrapeStatus::Blocked);
        QCOMPARE(s.items, 0);
    }

    void zeroResultsEndOkWithAMessage()
    {
        FakeServer server([](const FakeRequest &) { return FakeResponse::html(fixture(QStringLiteral("amazon-search-empty.html"))); });
        const auto s = scrape(server, 2);
        QCOMPARE(s.status, core::ScrapeStatus::Ok);
        QCOMPARE(s.items, 0);
        QVERIFY(s.message.contains(QLatin1String("no results")));
    }

    void wrongContentTypeIsAnError()
    {
        FakeServer server([](const FakeRequest &) { return FakeResponse::json(R"({"not":"html"})"); });
        const auto s = scrape(server, 1);
        QCOMPARE(s.status, core::ScrapeStatus::Error);
        QVERIFY(s.message.contains(QLatin1String("instead of a web page")));
    }

    // Optional product pages (/dp/ASIN) for Best Sellers Rank: the first N results are held until
    // their page is read, so each product is still stored once with one snapshot.
    void productPagesAddBestSellersRankAndStoreEachProductOnce()
    {
        FakeServer server([](const FakeRequest &r) {
            if (r.url.path() == QLatin1String("/s"))
                return FakeResponse::html(fixture(QStringLiteral("amazon-search-page1.html")));
            if (r.url.path() == QLatin1String("/dp/B0TEST0001"))
                return FakeResponse::html(fixture(QStringLiteral("amazon-product-B0TEST0001.html")));
            return FakeResponse::html("<html><body>Not found</body></html>", 404);
        });
        const auto s = scrape(server, 1, 2);
        QCOMPARE(s.status, core::ScrapeStatus::Ok);
        QCOMPARE(s.items, 3);
        QCOMPARE(pathCount(server, QStringLiteral("/s")), 1);
        QCOMPARE(pathCount(server, QStringLiteral("/dp/B0TEST0001")), 1);
        QCOMPARE(pathCount(server, QStringLiteral("/dp/B0TEST0002")), 1); // 404: that product keeps its search position
        QCOMPARE(server.requests().size(), 3);                            // only the first two results' pages
        QCOMPARE(rankOf(QStringLiteral("B0TEST0001")), 1234);            // the product page's Best Sellers Rank
        QCOMPARE(rankOf(QStringLiteral("B0TEST0002")), 2);               // its search position
        QCOMPARE(countRows(m_db, QStringLiteral("SELECT COUNT(*) FROM products")), 3);
        QCOMPARE(countRows(m_db, QStringLiteral("SELECT COUNT(*) FROM product_snapshots")), 3);
        QSqlQuery q(m_db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT raw_data FROM products WHERE external_id = 'B0TEST0001'")) && q.next());
        const QJsonObject raw = QJsonDocument::fromJson(q.value(0).toByteArray()).object();
        QCOMPARE(raw.value(QStringLiteral("search_position")).toInt(), 1);
        QVERIFY(raw.value(QStringLiteral("best_sellers_rank")).toString().contains(QLatin1String("1,234")));
    }

    void robotCheckOnAProductPageStopsAsBlockedAndKeepsEveryProduct()
    {
        FakeServer server([](const FakeRequest &r) {
            if (r.url.path() == QLatin1String("/s"))
                return FakeResponse::html(fixture(QStringLiteral("amazon-search-page1.html")));
            return FakeResponse::html(fixture(QStringLiteral("amazon-captcha.html")), 503);
        });
        const auto s = scrape(server, 1, 2);
        QCOMPARE(s.status, core::ScrapeStatus::Blocked);
        QVERIFY2(s.message.contains(QLatin1String("robot check")), qPrintable(s.message));
        QCOMPARE(s.items, 3);
        QCOMPARE(countRows(m_db, QStringLiteral("SELECT COUNT(*) FROM products")), 3);
        QCOMPARE(server.requests().size(), 2); // the search page and one product page: a 503 is not retried
    }

    void withoutProductPagesOnlySearchPagesAreRead()
    {
        FakeServer server([](const FakeRequest &r) {
            if (r.url.path() == QLatin1String("/s"))
                return FakeResponse::html(fixture(QStringLiteral("amazon-search-page1.html")));
            return FakeResponse::html("", 404);
        });
        const auto s = scrape(server, 1, 0);
        QCOMPARE(s.status, core::ScrapeStatus::Ok);
        QCOMPARE(s.items, 3);
        QCOMPARE(server.requests().size(), 1);
    }
};

QTEST_GUILESS_MAIN(TstAmazonScraper)
#include "tst_amazonscraper.moc"
