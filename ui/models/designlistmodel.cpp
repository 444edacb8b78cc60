#include "designlistmodel.h"

#include <ui/widgets/imagecache.h>

#include <QJsonArray>

namespace podtrends::ui {

DesignListModel::DesignListModel(QObject *parent)
    : QAbstractListModel(parent)
{
    connect(ImageCache::instance(), &ImageCache::imageReady, this, &DesignListModel::onImageReady);
}

int DesignListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_designs.size());
}

QString DesignListModel::thumbnailPath(const core::Design &d)
{
    if (!d.mockupUrls.isEmpty())
        return d.mockupUrls.first();
    return d.imageUrl;
}

QVariant DesignListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const core::Design &d = m_designs.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return d.title.isEmpty() ? tr("Design %1").arg(d.id) : d.title;
    case Qt::ToolTipRole:
        return tr("%1\nStatus: %2 · style: %3").arg(d.title, core::displayName(d.status), core::designstyle::displayName(d.designMetadata.brief.style));
    case Qt::DecorationRole: {
        const QImage img = ImageCache::instance()->request(thumbnailPath(d), m_thumbSize, d.updatedAt);
        return img.isNull() ? QVariant() : QVariant(img);
    }
    case IdRole:
        return d.id;
    case StatusRole:
        return core::toKey(d.status);
    case TrendIdRole:
        return d.trendId;
    case StyleRole:
        return d.designMetadata.brief.style;
    case ThumbnailPathRole:
        return thumbnailPath(d);
    case WarningRole:
        return d.designMetadata.safety.warning;
    default:
        return {};
    }
}

QHash<int, QByteArray> DesignListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(IdRole, "designId");
    names.insert(StatusRole, "status");
    names.insert(TrendIdRole, "trendId");
    names.insert(StyleRole, "style");
    names.insert(ThumbnailPathRole, "thumbnailPath");
    names.insert(WarningRole, "warning");
    return names;
}

void DesignListModel::setDesigns(const QList<core::Design> &designs)
{
    beginResetModel();
    m_designs = designs;
    endResetModel();
}

void DesignListModel::updateDesign(const core::Design &design)
{
    const int row = rowForId(design.id);
    if (row < 0) {
        beginInsertRows({}, 0, 0);
        m_designs.prepend(design);
        endInsertRows();
        return;
    }
    m_designs[row] = design;
    Q_EMIT dataChanged(index(row), index(row));
}

void DesignListModel::removeDesign(qint64 id)
{
    const int row = rowForId(id);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_designs.removeAt(row);
    endRemoveRows();
}

const core::Design *DesignListModel::designAt(int row) const
{
    return row >= 0 && row < m_designs.size() ? &m_designs.at(row) : nullptr;
}

int DesignListModel::rowForId(qint64 id) const
{
    for (int i = 0; i < m_designs.size(); ++i)
        if (m_designs.at(i).id == id)
            return i;
    return -1;
}

void DesignListModel::onImageReady(const QString &path)
{
    for (int i = 0; i < m_designs.size(); ++i)
        if (thumbnailPath(m_designs.at(i)) == path)
            Q_EMIT dataChanged(index(i), index(i), {Qt::DecorationRole});
}

} // namespace podtrends::ui
