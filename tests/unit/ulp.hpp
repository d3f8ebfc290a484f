// tests/unit/ulp.hpp: distances in units in the last place, counted on the integers that order
// the floating-point values, and the worst case of a sweep; for exp_test.cpp and
// activation_accuracy_test.cpp.
#pragma once

#include <bit>
#include <cstdint>
#include <limits>
#include <type_traits>

namespace ulp {

template <class T>
using signed_bits = std::conditional_t<sizeof(T) == sizeof(float), std::int32_t, std::int64_t>;
template <class T>
using unsigned_bits = std::conditional_t<sizeof(T) == sizeof(float), std::uint32_t, std::uint64_t>;

// The position of x on the line of representable values: adjacent values (subnormals included,
// across zero too) differ by 1, and -0 and +0 share 0. IEEE's sign-magnitude bits, made signed.
template <class T>
constexpr signed_bits<T> ordered(T x) noexcept
{
    using U = unsigned_bits<T>;
    constexpr U sign = U(1) << (8 * sizeof(T) - 1);
    const U u = std::bit_cast<U>(x);
    const auto magnitude = static_cast<signed_bits<T>>(u & ~sign);
    return (u & sign) != 0 ? -magnitude : magnitude;
}

template <class T>
constexpr T from_ordered(signed_bits<T> i) noexcept
{
    using U = unsigned_bits<T>;
    constexpr U sign = U(1) << (8 * sizeof(T) - 1);
    return i < 0 ? std::bit_cast<T>(static_cast<U>(-i) | sign) : std::bit_cast<T>(static_cast<U>(i));
}

// Whether a and b have the same bits: the sign of a zero and a NaN's payload count.
template <class T>
constexpr bool same_bits(T a, T b) noexcept
{
    return std::bit_cast<unsigned_bits<T>>(a) == std::bit_cast<unsigned_bits<T>>(b);
}

constexpr std::uint64_t nan_distance = std::numeric_limits<std::uint64_t>::max();

// How many representable values lie between a and b: 0 when equal (or both NaN), 1 for
// neighbours. The difference is taken modulo 2^64, where it is exact even from -inf to +inf.
template <class T>
constexpr std::uint64_t distance(T a, T b) noexcept
{
    const bool a_nan = a != a;
    const bool b_nan = b != b;
    if (a_nan || b_nan)
        return a_nan && b_nan ? 0 : nan_distance;
    const auto oa = static_cast<std::int64_t>(ordered(a));
    const auto ob = static_cast<std::int64_t>(ordered(b));
    return oa >= ob ? static_cast<std::uint64_t>(oa) - static_cast<std::uint64_t>(ob)
                    : static_cast<std::uint64_t>(ob) - static_cast<std::uint64_t>(oa);
}

// The adjacency the count relies on, at the awkward places: zero, the subnormal boundary, the
// top of the range.
static_assert(distance(0.0, -0.0) == 0);
static_assert(distance(0.0f, std::numeric_limits<float>::denorm_min()) == 1);
static_assert(distance(-std::numeric_limits<double>::denorm_min(),
                       std::numeric_limits<double>::denorm_min()) == 2);
static_assert(distance(std::numeric_limits<double>::min(),
                       std::numeric_limits<double>::min() -
                           std::numeric_limits<double>::denorm_min()) == 1);
static_assert(distance(std::numeric_limits<float>::max(), std::numeric_limits<float>::infinity()) ==
              1);
static_assert(distance(1.0, 1.0 + std::numeric_limits<double>::epsilon()) == 1);
static_assert(distance(-std::numeric_limits<double>::infinity(),
                       std::numeric_limits<double>::infinity()) == 0xFFE0000000000000u);
static_assert(from_ordered<float>(ordered(-3.5f)) == -3.5f);
static_assert(from_ordered<double>(ordered(1e-310)) == 1e-310);

// The worst distance of a sweep, where it was, and how many results were not bit-identical.
struct worst_case {
    std::uint64_t ulps = 0;
    double at = 0;
    std::uint64_t differing = 0;
    std::uint64_t count = 0;

    template <class T>
    void add(T x, T got, T want)
    {
        const std::uint64_t d = distance(got, want);
        ++count;
        differing += d != 0;
        if (d > ulps) {
            ulps = d;
            at = static_cast<double>(x);
        }
    }
};

} // namespace ulp
