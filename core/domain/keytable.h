#pragma once

#include <QString>
#include <QStringView>

#include <array>
#include <cstddef>
#include <optional>

namespace podtrends::core::detail {

/**
 * The stored/sent spelling of each value of an enum whose values are 0 … N-1: the one place a
 * domain enum meets its strings (database columns, JSON, command-line arguments).
 */
template <typename E, std::size_t N>
class KeyTable final
{
public:
    explicit KeyTable(const std::array<const char *, N> &keys)
    {
        for (std::size_t i = 0; i < N; ++i)
            m_keys[i] = QString::fromLatin1(keys[i]);
    }
    const QString &key(E value) const { return m_keys.at(std::size_t(value)); }
    std::optional<E> find(QStringView key) const
    {
        for (std::size_t i = 0; i < N; ++i)
            if (m_keys[i] == key)
                return E(i);
        return std::nullopt;
    }

private:
    std::array<QString, N> m_keys;
};

} // namespace podtrends::core::detail
