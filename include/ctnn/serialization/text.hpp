// ctnn/serialization/text.hpp: the text format's visitors: a writer and a reader of the walk's
// items as labelled lines of hexadecimal floats.
#pragma once

#include <charconv>
#include <cmath>
#include <cstddef>
#include <limits>
#include <string_view>
#include <system_error>
#include <type_traits>

#include <ctnn/serialization/walk.hpp>

namespace ctnn::detail {

struct text_writer {
    byte_buffer& out;
    bool ok = true;

    bool put(std::string_view text) noexcept
    {
        for (std::size_t k = 0; k < text.size() && ok; ++k)
            ok = out.push_back(static_cast<unsigned char>(text[k]));
        return ok;
    }
    bool label(std::string_view text) noexcept { return put(text) && put("\n"); }

    // Hexadecimal, as C's printf %a writes it and std::from_chars reads it: exact for every
    // float and double, and independent of the locale.
    template <class T>
    bool values(const T* data, std::size_t n, value_context) noexcept
    {
        if constexpr (std::is_integral_v<T>) { // decimal, for ctnn/quantized/'s integers
            for (std::size_t k = 0; k < n && ok; ++k) {
                if (k != 0)
                    put(" ");
                integer_digits(data[k]);
            }
            return put("\n");
        }
        else {
            for (std::size_t k = 0; k < n && ok; ++k) {
                char digits[64];
                char* first = digits;
                T value = data[k];
                if (std::signbit(value)) {
                    *first++ = '-';
                    value = -value;
                }
                *first++ = '0';
                *first++ = 'x';
                const auto [last, ec] = std::to_chars(first, digits + sizeof digits, value,
                                                      std::chars_format::hex);
                if (ec != std::errc{})
                    return ok = false;
                if (k != 0)
                    put(" ");
                put(std::string_view(digits, static_cast<std::size_t>(last - digits)));
            }
            return put("\n");
        }
    }

    template <class U>
    bool integer(const U& value) noexcept
    {
        return integer_digits(value) && put("\n");
    }
    template <class U>
    bool integer_digits(const U& value) noexcept
    {
        char digits[32];
        const auto [last, ec] = std::to_chars(digits, digits + sizeof digits, value);
        if (ec != std::errc{})
            return ok = false;
        return put(std::string_view(digits, static_cast<std::size_t>(last - digits)));
    }
};

// Lines of a text file in memory, numbered from 1.
struct text_lines {
    const char* at;
    const char* end;
    std::size_t line = 0; // number of the line last returned

    bool next(std::string_view& text) noexcept
    {
        if (at == end) {
            ++line; // a message then names the missing line
            return false;
        }
        const auto* stop = static_cast<const char*>(
            std::memchr(at, '\n', static_cast<std::size_t>(end - at)));
        const char* line_end = stop != nullptr ? stop : end;
        text = std::string_view(at, static_cast<std::size_t>(line_end - at));
        at = stop != nullptr ? stop + 1 : end;
        ++line;
        return true;
    }
};

struct text_reader {
    text_lines lines;
    io_result result;

    bool fail_at_line(std::string_view problem, std::string_view found) noexcept
    {
        result = io_result(io_error::malformed, "line ");
        result.append(lines.line).append(": ").append(problem);
        if (!found.empty())
            result.append(", found \"").append(found.substr(0, 80)).append("\"");
        return false;
    }
    bool next_line(std::string_view& text, std::string_view expected) noexcept
    {
        if (!lines.next(text)) {
            result = io_result(io_error::malformed, "the file ends where \"");
            result.append(expected).append("\" was expected");
            return false;
        }
        return true;
    }

    bool label(std::string_view expected) noexcept
    {
        std::string_view text;
        if (!next_line(text, expected))
            return false;
        if (text != expected) {
            result = io_result(io_error::malformed, "line ");
            result.append(lines.line).append(": expected \"").append(expected).append("\"");
            result.append(", found \"").append(text.substr(0, 80)).append("\"");
            return false;
        }
        return true;
    }

    template <class T>
    bool values(T* data, std::size_t n, value_context where) noexcept
    {
        std::string_view text;
        if (!next_line(text, "a row of values"))
            return false;
        std::size_t k = 0;
        while (!text.empty()) {
            const std::size_t space = text.find(' ');
            const std::string_view token = text.substr(0, space);
            text = space == std::string_view::npos ? std::string_view{} : text.substr(space + 1);
            if (token.empty())
                return fail_at_line("values are separated by single spaces", {});
            if (k == n) {
                k = n + 1; // one value too many
                break;
            }
            if constexpr (std::is_integral_v<T>) {
                if (!parse_integer(token, data[k]))
                    return fail_at_line("expected a decimal integer that fits its type", token);
            }
            else {
                if (!parse(token, data[k]))
                    return fail_at_line("expected a hexadecimal floating-point value such as "
                                        "0x1.8p+1",
                                        token);
                if (!std::isfinite(data[k])) {
                    result = finite_checker::describe(where, k, data[k], lines.line);
                    return false;
                }
            }
            ++k;
        }
        if (k != n) {
            result = io_result(io_error::malformed, "line ");
            result.append(lines.line).append(": expected ").append(n);
            result.append(n == 1 ? " value" : " values");
            return false;
        }
        return true;
    }

    template <class T>
    static bool parse(std::string_view token, T& value) noexcept
    {
        bool negative = false;
        if (!token.empty() && token.front() == '-') {
            negative = true;
            token.remove_prefix(1);
        }
        // inf and nan parse, so that they are reported as non-finite rather than malformed.
        if (token == "inf" || token == "nan") {
            value = token == "inf" ? std::numeric_limits<T>::infinity()
                                   : std::numeric_limits<T>::quiet_NaN();
            value = negative ? -value : value;
            return true;
        }
        if (token.size() < 3 || token[0] != '0' || (token[1] != 'x' && token[1] != 'X'))
            return false;
        token.remove_prefix(2);
        if (token.front() == '-' || token.front() == '+')
            return false;
        const auto [last, ec] =
            std::from_chars(token.data(), token.data() + token.size(), value,
                            std::chars_format::hex);
        if (ec != std::errc{} || last != token.data() + token.size())
            return false;
        value = negative ? -value : value;
        return true;
    }

    template <class U>
    static bool parse_integer(std::string_view token, U& value) noexcept
    {
        const auto [last, ec] = std::from_chars(token.data(), token.data() + token.size(), value);
        return ec == std::errc{} && last == token.data() + token.size() && !token.empty();
    }

    template <class U>
    bool integer(U& value) noexcept
    {
        std::string_view text;
        if (!next_line(text, "an integer"))
            return false;
        if (!parse_integer(text, value))
            return fail_at_line("expected an integer that fits the state's counter", text);
        return true;
    }
};

} // namespace ctnn::detail
