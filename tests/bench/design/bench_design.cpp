// Design generation benchmark (issue 5): one trend → N variants with print files and 5 mockups
// each, built-in provider. Prints the split between rendering and encoding, the PNG compression
// trade-off, and the end-to-end wall time of DesignGenerator.
//   bench_design [--variants N] [--compression C] [--sweep]
#include <core/design/artwork.h>
#include <core/design/designgenerator.h>
#include <core/design/designresources.h>
#include <core/design/mockuprenderer.h>
#include <core/design/pngwriter.h>
#include <core/design/printfiles.h>
#include <core/design/promptbuilder.h>
#include <core/storage/database.h>

#include <QBuffer>
#include <QDir>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QImageWriter>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>

#include <cstdio>
#include <ctime>

using namespace podtrends::core;

static qint64 encodePng(const QImage &img, int compression, qint64 *bytes)
{
    QElapsedTimer t;
    t.start();
    QBuffer buf;
    buf.open(QIODevice::WriteOnly);
    QImageWriter w(&buf, "png");
    if (compression >= 0)
        w.setCompression(compression);
    w.write(img);
    *bytes = buf.size();
    return t.elapsed();
}

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const QStringList args = app.arguments();
    int variants = 3;
    int compression = -2; // -2: the generator's default
    if (int i = int(args.indexOf(QStringLiteral("--variants"))); i > 0)
        variants = args.value(i + 1).toInt();
    if (int i = int(args.indexOf(QStringLiteral("--compression"))); i > 0)
        compression = args.value(i + 1).toInt();
    std::printf("machine: %d logical cores (QThread::idealThreadCount)\n", QThread::idealThreadCount());

    Trend trend;
    trend.id = 1;
    trend.niche = QStringLiteral("retro camping");
    trend.stylePatterns.styles = EvidenceCounts({{QStringLiteral("retro"), 12}});
    const QList<DesignBrief> briefs = PromptBuilder(2026).build(trend, {QStringLiteral("Retro Camping Shirt Mountain Sunset Tee")}, variants, 7);
    designresources::ensureLoaded();

    // 1. Split for one variant on one thread: rendering vs encoding.
    VectorArtwork art(briefs.first());
    QElapsedTimer t;
    t.start();
    QList<QImage> prints;
    for (const PrintFileSpec &s : printfiles::standardSpecs())
        if (!s.sharesFileWith)
            prints << art.render(s.pixels);
    const qint64 renderPrints = t.elapsed();
    t.restart();
    QList<QImage> mockups;
    for (const MockupSpec &m : mockuprenderer::standardSet(art.brief()))
        mockups << mockuprenderer::render(art, m);
    const qint64 renderMockups = t.elapsed();
    qint64 bytes = 0;
    qint64 encodePrints = 0;
    for (const QImage &img : std::as_const(prints))
    {
        t.restart();
        bytes += pngwriter::encode(img, 300, compression == -2 ? 1 : compression).size();
        encodePrints += t.elapsed();
    }
    t.restart();
    for (const QImage &img : std::as_const(mockups)) {
        QBuffer buf;
        buf.open(QIODevice::WriteOnly);
        QImageWriter w(&buf, "jpeg");
        w.setQuality(88);
        w.write(img);
    }
    const qint64 encodeMockups = t.elapsed();
    std::printf("one variant, one thread: render print canvases %lld ms, encode PNGs %lld ms, render 5 mockups %lld ms, encode JPEGs %lld ms\n",
                renderPrints, encodePrints, renderMockups, encodeMockups);

    if (args.contains(QStringLiteral("--sweep"))) {
        const QImage &front = prints.first();
        for (int c : {-1, 0, 1, 5, 10, 11, 20, 50, 100}) {
            const qint64 ms = encodePng(front, c, &bytes);
            std::printf("  t-shirt front 4500x5400 PNG, Qt QImageWriter setCompression(%d): %lld ms, %.1f MB\n", c, ms, bytes / 1e6);
        }
        for (int level : {1, 3, 6}) {
            t.restart();
            const qint64 size = pngwriter::encode(front, 300, level).size();
            std::printf("  t-shirt front 4500x5400 PNG, pngwriter zlib level %d: %lld ms, %.1f MB\n", level, t.elapsed(), size / 1e6);
        }
    }

    // 2. End to end: DesignGenerator with the variants in parallel (print files + mockups on disk).
    QTemporaryDir dir;
    auto config = DatabaseConfig::parse(dir.filePath(QStringLiteral("bench.sqlite")));
    auto db = Database::open(*config);
    if (!db) {
        std::fprintf(stderr, "%s\n", qPrintable(db.errorMessage()));
        return 1;
    }
    QSqlQuery q((*db)->connection());
    q.exec(QStringLiteral("INSERT INTO trends (niche, category, style_patterns, created_at, updated_at) VALUES "
                          "('retro camping', 'apparel', '{\"retro\":12}', '2026-11-25T10:00:00Z', '2026-11-25T10:00:00Z')"));
    DesignGenerator generator(*db);
    GenerateRequest request;
    request.trendId = 1;
    request.variants = variants;
    request.seed = 7;
    request.outputRoot = dir.filePath(QStringLiteral("designs"));
    t.restart();
    const std::clock_t cpu0 = std::clock();
    auto report = generator.generate(request);
    const qint64 wall = t.elapsed();
    const double cpuMs = double(std::clock() - cpu0) * 1000.0 / CLOCKS_PER_SEC;
    if (!report) {
        std::fprintf(stderr, "%s\n", qPrintable(report.errorMessage()));
        return 1;
    }
    qint64 total = 0;
    int files = 0;
    for (const QFileInfo &fi : QDir(request.outputRoot).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot))
        for (const QFileInfo &f : QDir(fi.absoluteFilePath()).entryInfoList(QDir::Files)) {
            total += f.size();
            ++files;
        }
    std::printf("end to end: %d variants, %d files (%.1f MB) in %lld ms wall, %.0f ms CPU (all threads; /2 = wall on 2 idle cores)\n",
                int(report->designs.size()), files, total / 1e6, wall, cpuMs);
    return 0;
}
