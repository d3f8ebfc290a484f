// ctnn/detail/finite.hpp: telling finite values from NaN and infinities, in constant expressions
// and in loops that vectorise: what the trainer and ctnn::fit check before they keep an update.
//
// Why on the bits: std::isfinite is not constexpr before C++23, and a running floating-point
// test (a sum of x * 0, NaN once any x is not finite) is a chain of dependent additions that the
// compiler may not reorder without -ffast-math. An OR of integers may be reordered freely, so a
// loop of them vectorises at any optimisation level, and over a tiny network's nine values it is
// nine independent steps instead of a nine-deep chain.
#pragma once

#include <bit>
#include <cstddef>
#include <limits>
#include <span>

#include <ctnn/detail/branch_free.hpp>

namespace ctnn::detail {

// The sign bit set exactly when x is NaN or infinite (its exponent field all ones): adding one to
// the exponent field carries into the sign bit only from all ones. OR these over many values and
// test the sign bit once (finite_flags_clear).
template <std::floating_point T>
constexpr float_uint<T> non_finite_flag(T x) noexcept
{
    using U = float_uint<T>;
    constexpr U exponent = std::bit_cast<U>(std::numeric_limits<T>::infinity());
    constexpr U exponent_one = exponent & (~exponent + 1); // the exponent field's lowest bit
    return (std::bit_cast<U>(x) & exponent) + exponent_one;
}

template <std::floating_point T>
constexpr bool finite_flags_clear(float_uint<T> flags) noexcept
{
    return (flags & sign_bit<T>) == 0;
}

// True for finite x.
template <std::floating_point T>
constexpr bool is_finite(T x) noexcept
{
    return finite_flags_clear<T>(non_finite_flag(x));
}

template <std::floating_point T, std::size_t N>
constexpr bool all_finite(std::span<const T, N> values) noexcept
{
    float_uint<T> flags = 0;
    for (std::size_t k = 0; k < N; ++k)
        flags |= non_finite_flag(values[k]);
    return finite_flags_clear<T>(flags);
}

} // namespace ctnn::detail
