// ctnn/random.hpp: `random_engine`, the library's own pseudo-random generator, and `initialize`,
// which fills a network's parameters from it.
//
// The standard distributions (std::uniform_real_distribution, ...) are implementation-defined and
// give different numbers with libstdc++ and libc++; ctnn defines every bit itself, so a seed gives
// the same weights with any compiler, on any platform, at compile time or at run time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>

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

    friend constexpr bool operator==(const random_engine&, const random_engine&) = default;

private:
    static constexpr std::uint64_t rotl(std::uint64_t x, int k) noexcept
    {
        return (x << k) | (x >> (64 - k));
    }

    std::uint64_t state_[4]{};
};

// The tutorial's initialisation (np.random.rand): every weight and every bias uniform in [0, 1).
struct uniform01 {
    template <class T>
    constexpr T weight(random_engine& rng, std::size_t /*fan_in*/,
                       std::size_t /*fan_out*/) const noexcept
    {
        return rng.uniform01<T>();
    }
    template <class T>
    constexpr T bias(random_engine& rng, std::size_t /*fan_in*/,
                     std::size_t /*fan_out*/) const noexcept
    {
        return rng.uniform01<T>();
    }
};

// Fills every parameter of net from init, in storage order: layer 0's weights row by row, then
// its bias, then layer 1, and so on. An initialiser is any type with
//   template <class T> T weight(random_engine&, std::size_t fan_in, std::size_t fan_out) const
//   template <class T> T bias(random_engine&, std::size_t fan_in, std::size_t fan_out) const
// (ctnn::uniform01 is one).
template <class Net, class Init>
constexpr void initialize(Net& net, const Init& init, random_engine& rng) noexcept
{
    using T = typename Net::scalar_type;
    [&]<std::size_t... L>(std::index_sequence<L...>) {
        (
            [&] {
                using layer = typename Net::template layer<L>;
                auto w = net.template weights<L>();
                for (std::size_t i = 0; i < layer::weight_count; ++i)
                    w.data()[i] = init.template weight<T>(rng, layer::in_size, layer::out_size);
                if constexpr (layer::has_bias)
                    for (auto& b : net.template bias<L>())
                        b = init.template bias<T>(rng, layer::in_size, layer::out_size);
            }(),
            ...);
    }(std::make_index_sequence<Net::layer_count>{});
}

template <class Net, class Init>
constexpr void initialize(Net& net, const Init& init, std::uint64_t seed) noexcept
{
    random_engine rng(seed);
    initialize(net, init, rng);
}

} // namespace ctnn
