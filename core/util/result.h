#pragma once

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace podtrends::core {

/** A failure with a one-line, user-readable message. */
struct Error
{
    QString message;
    int code = 0; ///< optional machine code (HTTP status, exit code, …)
};

/** Either a value or an Error; the project's light-weight std::expected. */
template<typename T>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_data(std::move(value)) {}
    Result(Error error) : m_data(std::move(error)) {}

    static Result failure(QString message, int code = 0) { return Error{std::move(message), code}; }

    bool ok() const { return std::holds_alternative<T>(m_data); }
    explicit operator bool() const { return ok(); }
    const T &value() const & { return std::get<T>(m_data); }
    T &value() & { return std::get<T>(m_data); }
    T &&value() && { return std::get<T>(std::move(m_data)); }
    const T *operator->() const { return &std::get<T>(m_data); }
    const T &operator*() const { return std::get<T>(m_data); }
    const Error &error() const { return std::get<Error>(m_data); }
    QString errorMessage() const { return ok() ? QString() : error().message; }

private:
    std::variant<T, Error> m_data;
};

/** Result for operations that only succeed or fail. */
class [[nodiscard]] Status
{
public:
    Status() = default;
    Status(Error error) : m_error(std::move(error)) {}
    static Status success() { return {}; }
    static Status failure(QString message, int code = 0) { return Error{std::move(message), code}; }
    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return *m_error; }
    QString errorMessage() const { return m_error ? m_error->message : QString(); }

private:
    std::optional<Error> m_error;
};

} // namespace podtrends::core
