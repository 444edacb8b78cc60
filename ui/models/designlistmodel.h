#pragma once

#include <core/domain/design.h>

#include <QAbstractListModel>
#include <QSize>

namespace podtrends::ui {

/**
 * The designs shown in the gallery: title, status and a thumbnail (its first mockup, decoded off
 * the GUI thread by ImageCache). Rows are set in bulk from a background load.
 */
class DesignListModel final : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        StatusRole,
        TrendIdRole,
        StyleRole,
        ThumbnailPathRole,
        WarningRole,
    };

    Q_DISABLE_COPY_MOVE(DesignListModel)
    explicit DesignListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setDesigns(const QList<core::Design> &designs);
    /** Replaces one design (after an action); appends it when it is new. */
    void updateDesign(const core::Design &design);
    void removeDesign(qint64 id);
    const core::Design *designAt(int row) const;
    int rowForId(qint64 id) const;
    void setThumbnailSize(QSize size) { m_thumbSize = size; }
    QSize thumbnailSize() const { return m_thumbSize; }

    /** The path the gallery shows for a design (the t-shirt mockup, else the print file). */
    static QString thumbnailPath(const core::Design &design);

private:
    void onImageReady(const QString &path);

    QList<core::Design> m_designs;
    QSize m_thumbSize{220, 220};
};

} // namespace podtrends::ui
