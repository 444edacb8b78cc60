#pragma once

#include <QWidget>

#include <atomic>
#include <memory>

class QComboBox;
class QLabel;
class QListView;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QSpinBox;

namespace podtrends::core {
class Workspace;
struct Design;
}

namespace podtrends::ui {

class DesignListModel;
class EmptyState;
class DesignPreview;
class Services;

/**
 * Designs page: generate variants for a trend (in the background, with progress and cancel),
 * browse them in a gallery filtered by trend and status, preview print files and mockups, and
 * act on one: regenerate, edit the slogan, mark ready, export, delete, publish.
 */
class DesignsPage final : public QWidget
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(DesignsPage)
    explicit DesignsPage(Services *services, QWidget *parent = nullptr);
    ~DesignsPage() override;

    DesignListModel *model() const { return m_model; }
    QListView *gallery() const { return m_gallery; }
    DesignPreview *preview() const { return m_preview; }
    /** The design selected in the gallery, or 0. */
    qint64 selectedDesignId() const;
    void selectDesign(qint64 id);
    bool isGenerating() const { return m_cancel != nullptr; }

public Q_SLOTS:
    /** Generates designs for a trend with the page's variant count and provider (the Trends page's button). */
    void generateForTrend(qint64 trendId);
    /** Reloads trends and designs from the database (in the background). */
    void reload();
    void markSelectedReady();
    void cancelGeneration();

Q_SIGNALS:
    /** Publish was pressed for a design; the publishing dialog takes it from here. */
    void publishRequested(qint64 designId);
    /** A background load or action finished (tests and the status bar listen). */
    void busyChanged(bool busy);
    /** A one-line outcome for the user (also shown on the page). */
    void message(const QString &text);

private:
    void buildUi();
    void applyFilters();
    void updateActions();
    void showSelected();
    void runOnDesign(const QString &what, std::function<QString(qint64)> action);
    void regenerateSelected();
    void editSelectedSlogan();
    void exportSelected();
    void deleteSelected();
    void setBusy(bool busy);
    void showMessage(const QString &text, bool error = false);

    Services *m_services;
    core::Workspace *m_workspace;
    DesignListModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QComboBox *m_trendFilter;
    QComboBox *m_statusFilter;
    QSpinBox *m_variants;
    QComboBox *m_provider;
    QPushButton *m_generate;
    QPushButton *m_cancelButton;
    QProgressBar *m_progress;
    QLabel *m_status;
    QListView *m_gallery;
    DesignPreview *m_preview;
    QPushButton *m_regenerate;
    QPushButton *m_editSlogan;
    QPushButton *m_markReady;
    QPushButton *m_export;
    QPushButton *m_delete;
    QPushButton *m_publish;
    EmptyState *m_empty = nullptr; ///< over the gallery and preview while there is nothing to show
    int m_trendCount = 0;
    std::shared_ptr<std::atomic_bool> m_cancel;
    int m_busy = 0;
    qint64 m_pendingSelection = 0;
};

} // namespace podtrends::ui
