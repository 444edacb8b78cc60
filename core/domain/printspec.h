#pragma once

#include <core/domain/productkind.h>

#include <QJsonObject>
#include <QList>
#include <QSize>
#include <QSizeF>
#include <QString>
#include <QStringList>

#include <optional>

namespace podtrends::core {

/** A check a print file must pass. Stored as its key ("size", "dpi", "transparency"). */
enum class PrintCheck : quint8 { Size, Dpi, Transparency };

const QString &toKey(PrintCheck check);
std::optional<PrintCheck> printCheckFromKey(QStringView key);

/** The outcome of one check, with the sentence a seller reads when it failed (may be empty). */
struct PrintCheckResult
{
    PrintCheck check = PrintCheck::Size;
    bool passed = false;
    QString message;

    friend bool operator==(const PrintCheckResult &, const PrintCheckResult &) = default;
};

/** One print-ready file of a design: the product it is for, where it goes, its pixels and checks. */
struct PrintFile
{
    ProductKind product = ProductKind::TShirt;
    QString placement;                ///< "front", "wrap", "full"
    QString file;                     ///< its path
    QSize pixels;
    int dpi = 0;
    bool transparentBackground = false;
    QList<PrintCheckResult> checks;

    bool passed() const;
    /** The print area in inches (pixels / DPI); empty without a DPI. */
    QSizeF printAreaInches() const;
    /** Each failed check in words: "the T-shirt print file does not have the pixel size it needs". */
    QStringList failures() const;

    friend bool operator==(const PrintFile &, const PrintFile &) = default;
};

/**
 * A design's print files and their checks (designs.print_specifications): the one schema the
 * generator writes and readiness, the design service, the publisher and the preview read.
 */
struct PrintSpecification
{
    QList<PrintFile> files;
    QString colorSpace = QStringLiteral("sRGB");

    bool isEmpty() const { return files.isEmpty(); }
    /** True when there are files and every check of every file passed. */
    bool checksPassed() const;
    /** The file for a product, or null. */
    const PrintFile *fileFor(ProductKind product) const;
    /** The path of a product's file, or empty. */
    QString pathFor(ProductKind product) const;
    /** Every file's path once, in order (the hoodie shares the T-shirt's). */
    QStringList paths() const;
    /** The pixel size of the main (T-shirt front) file, else the first file's; invalid when none. */
    QSize mainSize() const;
    /** Every failed check in words. */
    QStringList failures() const;

    /**
     * {"products": [{"product", "placement", "file", "width_px", "height_px", "dpi",
     * "print_area_in": {"width", "height"}, "transparent_background", "color_space",
     * "checks": {"size": bool, "dpi": bool, "transparency": bool}, "check_messages": {check: sentence}
     * (only the checks that have one), "passed"}], "color_space", "checks_passed"}.
     */
    QJsonObject toJson() const;
    /**
     * Reads that shape, and the seed's shape keyed by product ({"tshirt": {"placement",
     * "pixels": {"width", "height"} or [w, h], "dpi", "checks": {name: bool} or
     * [{"name", "passed", "message"}]}}). Entries of unknown products are skipped.
     */
    static PrintSpecification fromJson(const QJsonObject &object);

    friend bool operator==(const PrintSpecification &, const PrintSpecification &) = default;
};

} // namespace podtrends::core
