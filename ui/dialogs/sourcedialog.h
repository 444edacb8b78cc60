#pragma once

#include <core/domain/source.h>

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace podtrends::ui {

/**
 * Add or edit a source: marketplace, Shopify store URL or search keywords, a name, how often
 * (default every 6 hours), pages per run and whether it is enabled. OK stays disabled until
 * the input is valid; Etsy sources can test the API key from here.
 */
class SourceDialog final : public QDialog
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(SourceDialog)
    explicit SourceDialog(QWidget *parent = nullptr);

    /** Fills the fields from an existing source (edit mode). */
    void setSource(const core::Source &source);
    /** The source as entered, with the store URL normalized (https:// added, path dropped). */
    core::Source source() const;

    /** Why `source` cannot be saved, in one translated line; empty when it can. */
    static QString validationError(const core::Source &source);
    /** "mystore.com/collections/x" → "https://mystore.com"; empty when it is not a usable store address. */
    static QString normalizedStoreUrl(const QString &text);

    /** The current validation message shown under the fields (empty when valid). */
    QString errorText() const;
    bool isAcceptable() const;

public Q_SLOTS:
    /** Shows the outcome of an Etsy API key test. */
    void showKeyTestResult(bool ok, const QString &message);

Q_SIGNALS:
    /** The user asked to test the Etsy API key (the page runs it through ScrapeService). */
    void keyTestRequested();

private:
    void updateForMarketplace();
    void validate();

    core::Source m_original;
    QComboBox *m_marketplace;
    QLabel *m_targetLabel;
    QLineEdit *m_target;
    QLineEdit *m_label;
    QSpinBox *m_intervalHours;
    QSpinBox *m_maxPages;
    QCheckBox *m_enabled;
    QPushButton *m_testKey;
    QLabel *m_keyResult;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
};

} // namespace podtrends::ui
