// ctnn/detail/fixed_name.hpp: a short string built in constant expressions, with no heap: the
// names a built-in gives itself ("leaky_relu(1/100)", "ctnn::elu<1, 2>"), file signatures and
// error messages.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace ctnn::detail {

// Text past Capacity is dropped: a name is never longer than its users need.
template <std::size_t Capacity>
struct fixed_name {
    std::array<char, Capacity> chars{};
    std::size_t size = 0;

    constexpr fixed_name& append(std::string_view text) noexcept
    {
        for (char c : text)
            if (size < Capacity)
                chars[size++] = c;
        return *this;
    }
    constexpr fixed_name& append_unsigned(std::uintmax_t value) noexcept
    {
        char digits[24]{};
        std::size_t n = 0;
        do {
            digits[n++] = static_cast<char>('0' + value % 10);
            value /= 10;
        } while (value != 0);
        while (n > 0)
            append(std::string_view(&digits[--n], 1));
        return *this;
    }
    constexpr fixed_name& append_integer(std::intmax_t value) noexcept
    {
        // Through the unsigned magnitude, so that INTMAX_MIN does not overflow.
        const auto magnitude = static_cast<std::uintmax_t>(value);
        if (value < 0)
            return append("-").append_unsigned(~magnitude + 1);
        return append_unsigned(magnitude);
    }
    constexpr std::string_view view() const noexcept { return {chars.data(), size}; }
};

// A ratio of integers spelled between an opening and a closing text, exactly as the type holds
// it: "leaky_relu(" 1 "/" 100 ")" or "ctnn::leaky_relu<" 1 ", " 100 ">".
constexpr fixed_name<96> ratio_spelling(std::string_view open, std::intmax_t numerator,
                                        std::string_view separator, std::intmax_t denominator,
                                        std::string_view close) noexcept
{
    fixed_name<96> text;
    text.append(open).append_integer(numerator).append(separator).append_integer(denominator);
    return text.append(close);
}

// "ctnn::basic_sigmoid<" + the exp policy's source_name + ">", or "" when the policy has none or
// an empty one (bake then refuses the network, saying so).
template <class Policy>
constexpr fixed_name<96> policy_spelling(std::string_view open) noexcept
{
    fixed_name<96> text;
    if constexpr (requires { std::string_view(Policy::source_name); }) {
        if (!std::string_view(Policy::source_name).empty())
            text.append(open).append(Policy::source_name).append(">");
    }
    return text;
}

} // namespace ctnn::detail
