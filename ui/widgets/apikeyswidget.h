#pragma once

#include <core/secrets/secretstore.h>

#include <QWidget>

namespace podtrends::ui {

/** Enter, replace or clear the API keys and tokens kept in the system keychain. */
class ApiKeysWidget final : public QWidget
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(ApiKeysWidget)
    explicit ApiKeysWidget(QWidget *parent = nullptr);
};

} // namespace podtrends::ui
