#include "designprovider.h"

#include <QCoreApplication>

namespace podtrends::core {

Result<ArtworkPtr> BuiltinProvider::create(const DesignBrief &brief, const std::atomic_bool *cancel)
{
    if (cancel && cancel->load())
        return Result<ArtworkPtr>::failure(QCoreApplication::translate("DesignGenerator", "Cancelled"));
    DesignBrief b = brief;
    b.provider = name();
    return ArtworkPtr(std::make_shared<VectorArtwork>(std::move(b)));
}

} // namespace podtrends::core
