// ctnn/detail/branch_free.hpp: choosing between floating-point values without a branch, on their
// bits: the masks, select, bit_abs and bit_copysign that ctnn's vectorising elementary functions
// use (ctnn/exp.hpp, tanh, elu, softplus).
//
// Why not ?: or std::copysign. A ?: between two computed values becomes a branch; the compiler
// then sinks the floating-point work that feeds one side into that side, and with
// -ftrapping-math (the default) it will not turn the branch back into a select, so the loop
// stays scalar. Masks made from a comparison and applied with & and | are data, not control
// flow, and work in constant expressions too (std::copysign and std::fabs are not constexpr
// before C++23). On x86-64 GCC 12 vectorises a double's mask from SSE4.2 on (it wants 64-bit
// integer compares); float's from SSE2; Clang 14 both from SSE2.
#pragma once

#include <bit>
#include <concepts>
#include <cstdint>
#include <type_traits>

namespace ctnn::detail {

// The unsigned integer as wide as T.
template <std::floating_point T>
using float_uint = std::conditional_t<sizeof(T) == sizeof(std::uint32_t), std::uint32_t,
                                      std::uint64_t>;

template <std::floating_point T>
inline constexpr float_uint<T> sign_bit = float_uint<T>(1) << (8 * sizeof(T) - 1);

// All ones where c holds, all zeros where it does not. Unsigned, so that the subtraction wraps.
template <std::floating_point T>
constexpr float_uint<T> mask(bool c) noexcept
{
    return float_uint<T>(0) - float_uint<T>(c);
}

// a where m is all ones, b where it is all zeros.
template <std::floating_point T>
constexpr T select(float_uint<T> m, T a, T b) noexcept
{
    using U = float_uint<T>;
    return std::bit_cast<T>((std::bit_cast<U>(a) & m) | (std::bit_cast<U>(b) & ~m));
}

// a where m is all ones, +0 where it is all zeros.
template <std::floating_point T>
constexpr T select_or_zero(float_uint<T> m, T a) noexcept
{
    return std::bit_cast<T>(std::bit_cast<float_uint<T>>(a) & m);
}

// |x|, NaN included (its sign is cleared).
template <std::floating_point T>
constexpr T bit_abs(T x) noexcept
{
    return std::bit_cast<T>(std::bit_cast<float_uint<T>>(x) & ~sign_bit<T>);
}

// |magnitude| with the sign of sign_of.
template <std::floating_point T>
constexpr T bit_copysign(T magnitude, T sign_of) noexcept
{
    using U = float_uint<T>;
    return std::bit_cast<T>((std::bit_cast<U>(magnitude) & ~sign_bit<T>) |
                            (std::bit_cast<U>(sign_of) & sign_bit<T>));
}

} // namespace ctnn::detail
