#pragma once

#include <core/publishing/publishplan.h>

#include <QDialog>
#include <QHash>
#include <QImage>
#include <QPointer>

#include <memory>
#include <optional>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

namespace podtrends::core {
class PublishQueue;
class Workspace;
struct PublishConfig;
} // namespace podtrends::core

namespace podtrends::ui {

class PublishStepsWidget;
class Services;

/**
 * Publish one design to Printful and/or Shopify: product type, colours and sizes, prices with
 * margins, targets, a preview of exactly what will be sent, progress per step, and links to the
 * created products at the end. A failed step shows the service's message and Retry, which
 * resumes where it stopped. All network and database work runs off the GUI thread.
 */
class PublishDialog final : public QDialog
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(PublishDialog)
    /** Publishes through the service layer's queue (services->publishing()). */
    PublishDialog(Services *services, qint64 designId, QWidget *parent = nullptr);
    ~PublishDialog() override;

    /** The choice the controls describe (for tests). */
    core::PublishChoice choice() const;
    /** The JSON shown in the preview (for tests). */
    QString previewText() const;

Q_SIGNALS:
    /** The design and catalog are loaded and the controls are filled. */
    void ready();
    /** A publish run ended (ok or not). */
    void finished(bool ok);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    struct Loaded;
    void load();
    void loadCatalog(const QString &productType);
    /** Shows the chosen product's mockup beside the heading (decoded on the pool, then kept). */
    void showThumbnail(const QString &productType);
    void fillOffer();
    /** Says why Printful's catalog is missing, and that the offer is the bundled one when it is. */
    void showCatalogProblem(const QString &error);
    void updatePrices();
    void updatePreview();
    void publish();
    void onFinished(qint64 designId, bool ok, const QString &error, const core::PublishOutcome &outcome);
    void setBusy(bool busy);
    void showLinks(const core::PublishOutcome &outcome);

    core::Workspace *m_workspace;
    qint64 m_designId;
    std::unique_ptr<core::Design> m_design;
    std::unique_ptr<core::PublishConfig> m_config;
    QHash<QString, core::CatalogProduct> m_catalogs;
    QHash<QString, QImage> m_thumbnails; ///< by product type
    QHash<QString, qint64> m_priceOverrides;
    std::optional<core::PublishPlan> m_plan;
    bool m_resuming = false;
    bool m_filling = false;
    QPointer<core::PublishQueue> m_queue; ///< the service layer's, shared with other dialogs
    bool m_publishing = false;            ///< this dialog's design is in the queue

    QLabel *m_thumbnail = nullptr;
    QLabel *m_heading = nullptr;
    QLabel *m_status = nullptr;
    QComboBox *m_type = nullptr;
    QFormLayout *m_offerForm = nullptr;
    QListWidget *m_colours = nullptr;
    QListWidget *m_sizes = nullptr;
    QCheckBox *m_printful = nullptr;
    QCheckBox *m_shopify = nullptr;
    QTableWidget *m_prices = nullptr;
    QPlainTextEdit *m_preview = nullptr;
    PublishStepsWidget *m_steps = nullptr;
    QLabel *m_links = nullptr;
    QPushButton *m_publishButton = nullptr;
    QPushButton *m_retryButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QPushButton *m_closeButton = nullptr;
};

} // namespace podtrends::ui
