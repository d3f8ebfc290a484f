// ctnn/activation/relu.hpp: the rectifier, a = max(z, 0), and `leaky_relu`, a = z or slope * z.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include <ctnn/detail/fixed_name.hpp>

namespace ctnn {

// The derivative at exactly z = 0 is taken as 0 (as PyTorch does). Written !(z <= 0) rather
// than z > 0 so that NaN passes through as NaN instead of becoming 0.
struct relu {
    static constexpr std::string_view name = "relu";
    static constexpr std::string_view source_name = "ctnn::relu";
    static constexpr std::size_t transcendentals = 0;
    static constexpr std::string_view rtneural_name = "relu";

    template <class T>
    static constexpr T value(T z) noexcept
    {
        return !(z <= T(0)) ? z : T(0);
    }

    template <class T>
    static constexpr T derivative(T z, T /*a*/) noexcept
    {
        return z > T(0) ? T(1) : T(0);
    }
};

// a = z for z > 0, slope * z otherwise, with slope = Numerator / Denominator (0.01 by default, as
// PyTorch and Keras use). A ratio of integers rather than a floating-point template argument,
// which clang 14 does not accept: leaky_relu<1, 5> has slope 0.2.
template <std::intmax_t Numerator = 1, std::intmax_t Denominator = 100>
struct leaky_relu {
    static_assert(Denominator != 0, "ctnn::leaky_relu<Numerator, Denominator>: Denominator is 0");
    static constexpr double slope = static_cast<double>(Numerator) / static_cast<double>(Denominator);

    // Named with the ratio as the type holds it, so that it survives a file exactly.
    static constexpr detail::fixed_name<96> name_text =
        detail::ratio_spelling("leaky_relu(", Numerator, "/", Denominator, ")");
    static constexpr std::string_view name = name_text.view();
    static constexpr detail::fixed_name<96> source_text =
        detail::ratio_spelling("ctnn::leaky_relu<", Numerator, ", ", Denominator, ">");
    static constexpr std::string_view source_name = source_text.view();
    static constexpr std::size_t transcendentals = 0;

    template <class T>
    static constexpr T value(T z) noexcept
    {
        return z > T(0) ? z : static_cast<T>(slope) * z;
    }

    template <class T>
    static constexpr T derivative(T z, T /*a*/) noexcept
    {
        return z > T(0) ? T(1) : static_cast<T>(slope);
    }
};

} // namespace ctnn
