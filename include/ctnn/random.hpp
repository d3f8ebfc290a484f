// ctnn/random.hpp: `random_engine`, the library's own pseudo-random generator, with uniform and
// normal samplers. (The initialisers and `initialize`, which fill a network from it, are in
// ctnn/initializer.hpp, included at the end of this header for code that expects them here.)
//
// The standard distributions (std::uniform_real_distribution, ...) are implementation-defined and
// give different numbers with libstdc++ and libc++; ctnn defines every bit itself, so a seed gives
// the same weights with any compiler, on any platform, at compile time or at run time.
#pragma once

#include <cstdint>
#include <type_traits>

#include <ctnn/detail/constexpr_math.hpp>

namespace ctnn {

// xoshiro256** (Blackman and Vigna, 2018), its 256-bit state filled from the seed by splitmix64,
// as its authors recommend. Small, fast, constexpr, and good enough for initialisation and
// shuffling (it is not a cryptographic generator).
class random_engine {
public:
    using result_type = std::uint64_t;

    constexpr explicit random_engine(std::uint64_t seed) noexcept
    {
        for (auto& word : state_) {
            seed += 0x9e3779b97f4a7c15u;
            std::uint64_t z = seed;
            z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
            z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
            word = z ^ (z >> 31);
        }
    }

    static constexpr result_type min() noexcept { return 0; }
    static constexpr result_type max() noexcept { return ~result_type{0}; }

    constexpr result_type operator()() noexcept
    {
        const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
        const std::uint64_t t = state_[1] << 17;
        state_[2] ^= state_[0];
        state_[3] ^= state_[1];
        state_[1] ^= state_[2];
        state_[0] ^= state_[3];
        state_[2] ^= t;
        state_[3] = rotl(state_[3], 45);
        return result;
    }

    // A uniform value in [0, 1): the top 53 (double) or 24 (float) bits of one draw, scaled, so
    // every representable multiple of 2^-53 (2^-24) is equally likely and 1 is never returned.
    template <class T>
    constexpr T uniform01() noexcept
    {
        static_assert(std::is_same_v<T, float> || std::is_same_v<T, double>,
                      "ctnn::random_engine::uniform01<T>: T must be float or double");
        if constexpr (std::is_same_v<T, double>)
            return static_cast<double>((*this)() >> 11) * 0x1.0p-53;
        else
            return static_cast<float>((*this)() >> 40) * 0x1.0p-24f;
    }

    // A standard normal value (mean 0, variance 1) by Marsaglia's polar method: draw (u, v)
    // uniform in the square (-1, 1)^2 until 0 < s = u^2 + v^2 < 1 (78.5% of pairs are kept),
    // then u sqrt(-2 ln(s) / s) is normal. The method makes a second, independent normal,
    // v sqrt(...), which is discarded so that the engine stays four words and one call is one
    // value. Computed in double and rounded to T once; the logarithm and square root are
    // detail::constexpr_log and constexpr_sqrt, so a seed gives the same values with every
    // compiler and standard library, at compile time and at run time (one caveat, FMA
    // contraction, is explained in ctnn/detail/constexpr_math.hpp).
    template <class T>
    constexpr T normal() noexcept
    {
        static_assert(std::is_same_v<T, float> || std::is_same_v<T, double>,
                      "ctnn::random_engine::normal<T>: T must be float or double");
        for (;;) {
            // 2 k 2^-53 - 1 is exact: u and v are multiples of 2^-52 in [-1, 1).
            const double u = 2.0 * uniform01<double>() - 1.0;
            const double v = 2.0 * uniform01<double>() - 1.0;
            const double s = u * u + v * v;
            if (s < 1.0 && s > 0.0)
                return static_cast<T>(
                    u * detail::constexpr_sqrt(-2.0 * detail::constexpr_log(s) / s));
        }
    }

    friend constexpr bool operator==(const random_engine&, const random_engine&) = default;

private:
    static constexpr std::uint64_t rotl(std::uint64_t x, int k) noexcept
    {
        return (x << k) | (x >> (64 - k));
    }

    std::uint64_t state_[4]{};
};

} // namespace ctnn

// Not at the top: initializer.hpp needs random_engine complete, and code written when
// initialize() and uniform01 lived here still finds them through this header.
#include <ctnn/initializer.hpp>
