// HtmlScan's public face: the selectors go to the compiler (htmlscancompiler.cpp), each page to a
// streaming runner (htmlscanrunner.cpp).
#include "htmlscan.h"

#include "htmlscan_p.h"

namespace podtrends::core {

struct HtmlScan::Private : scan::Program
{
};

HtmlScan::HtmlScan()
    : d(std::make_unique<Private>())
{
}

HtmlScan::~HtmlScan() = default;

bool HtmlScan::setRecords(const QString &xpath)
{
    return d->setRecords(xpath);
}

int HtmlScan::addRecordQuery(const QStringList &xpaths, Mode mode)
{
    return d->addQuery(xpaths, mode, true);
}

int HtmlScan::addDocumentQuery(const QStringList &xpaths, Mode mode)
{
    return d->addQuery(xpaths, mode, false);
}

QString HtmlScan::errorString() const
{
    return d->error;
}

HtmlScan::Result HtmlScan::run(const QByteArray &html) const
{
    return scan::run(*d, html);
}

} // namespace podtrends::core
