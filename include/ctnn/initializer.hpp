// ctnn/initializer.hpp: the `initializer` concept, the initialisers (`uniform01`,
// `uniform_range`, `xavier_uniform`, `xavier_normal`, `he_uniform`, `he_normal`) and
// `initialize`, which fills a network's parameters from one of them.
//
//   ctnn::network<2, 8, 1> net;
//   ctnn::initialize(net, ctnn::xavier_uniform{}, /*seed=*/42);   // or a ctnn::random_engine&
//   ctnn::initialize(net, ctnn::he_normal{}, rng);                 // relu layers
//   ctnn::initialize(net, ctnn::uniform_range{-0.5, 0.5}, 7);      // weights and biases
//
// Values are computed in double from ctnn::random_engine and rounded to the network's scalar
// once, so a seed gives the same network with every compiler and standard library.
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <utility>

#include <ctnn/detail/constexpr_math.hpp>
#include <ctnn/layer/concept.hpp>
#include <ctnn/random.hpp>

namespace ctnn {

// An initialiser is a value type that gives each parameter of a layer its starting value:
//
//   init.template weight<T>(rng, fan_in, fan_out) -> T, one weight
//   init.template bias<T>(rng, fan_in, fan_out)   -> T, one bias value
//
// for T float and double, where fan_in and fan_out are the layer's input and output widths
// (PyTorch's fan_in and fan_out of a Linear layer) and rng is the one engine shared by the whole
// network, so the order of calls (see initialize) fixes the result.
template <class I, class T>
concept initializer = std::floating_point<T> && requires(const I& init, random_engine& rng,
                                                         std::size_t fan_in, std::size_t fan_out) {
    { init.template weight<T>(rng, fan_in, fan_out) } -> std::same_as<T>;
    { init.template bias<T>(rng, fan_in, fan_out) } -> std::same_as<T>;
};

// The tutorial's initialisation (np.random.rand): every weight and every bias uniform in [0, 1),
// drawn at the scalar's own precision (24 random bits for float, 53 for double).
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

// Every weight and every bias uniform in [low, high) (computed in double; rounding to float may
// give high itself): ctnn::uniform_range{-0.5, 0.5}.
struct uniform_range {
    double low = 0.0;
    double high = 1.0;

    template <class T>
    constexpr T weight(random_engine& rng, std::size_t /*fan_in*/,
                       std::size_t /*fan_out*/) const noexcept
    {
        return static_cast<T>(low + (high - low) * rng.uniform01<double>());
    }
    template <class T>
    constexpr T bias(random_engine& rng, std::size_t fan_in, std::size_t fan_out) const noexcept
    {
        return weight<T>(rng, fan_in, fan_out);
    }
};

namespace detail {

constexpr double to_double(std::size_t n) noexcept { return static_cast<double>(n); }

} // namespace detail

// Glorot and Bengio (2010), PyTorch's xavier_uniform_: weights uniform in [-a, a] with
// a = gain sqrt(6 / (fan_in + fan_out)), which keeps the variance of activations and gradients
// about equal from layer to layer for tanh- and sigmoid-like activations. Biases 0.
struct xavier_uniform {
    double gain = 1.0;

    template <class T>
    constexpr T weight(random_engine& rng, std::size_t fan_in, std::size_t fan_out) const noexcept
    {
        const double a =
            gain * detail::constexpr_sqrt(6.0 / detail::to_double(fan_in + fan_out));
        return static_cast<T>(a * (2.0 * rng.uniform01<double>() - 1.0));
    }

    // Biases start at zero and draw nothing, so the weights are the same with and without them.
    template <class T>
    constexpr T bias(random_engine& /*rng*/, std::size_t /*fan_in*/,
                     std::size_t /*fan_out*/) const noexcept
    {
        return T(0);
    }
};

// Glorot and Bengio (2010), PyTorch's xavier_normal_: weights normal with mean 0 and standard
// deviation gain sqrt(2 / (fan_in + fan_out)). Biases 0.
struct xavier_normal {
    double gain = 1.0;

    template <class T>
    constexpr T weight(random_engine& rng, std::size_t fan_in, std::size_t fan_out) const noexcept
    {
        const double sd =
            gain * detail::constexpr_sqrt(2.0 / detail::to_double(fan_in + fan_out));
        return static_cast<T>(sd * rng.normal<double>());
    }

    // Biases start at zero and draw nothing (see xavier_uniform).
    template <class T>
    constexpr T bias(random_engine& /*rng*/, std::size_t /*fan_in*/,
                     std::size_t /*fan_out*/) const noexcept
    {
        return T(0);
    }
};

// He et al. (2015), PyTorch's kaiming_uniform_(mode='fan_in', nonlinearity='relu'): weights
// uniform in [-a, a] with a = sqrt(6 / fan_in), for relu layers. Biases 0.
struct he_uniform {
    template <class T>
    constexpr T weight(random_engine& rng, std::size_t fan_in,
                       std::size_t /*fan_out*/) const noexcept
    {
        const double a = detail::constexpr_sqrt(6.0 / detail::to_double(fan_in));
        return static_cast<T>(a * (2.0 * rng.uniform01<double>() - 1.0));
    }

    // Biases start at zero and draw nothing (see xavier_uniform).
    template <class T>
    constexpr T bias(random_engine& /*rng*/, std::size_t /*fan_in*/,
                     std::size_t /*fan_out*/) const noexcept
    {
        return T(0);
    }
};

// He et al. (2015), PyTorch's kaiming_normal_(mode='fan_in', nonlinearity='relu'): weights
// normal with mean 0 and variance 2 / fan_in, for relu layers. Biases 0.
struct he_normal {
    template <class T>
    constexpr T weight(random_engine& rng, std::size_t fan_in,
                       std::size_t /*fan_out*/) const noexcept
    {
        const double sd = detail::constexpr_sqrt(2.0 / detail::to_double(fan_in));
        return static_cast<T>(sd * rng.normal<double>());
    }

    // Biases start at zero and draw nothing (see xavier_uniform).
    template <class T>
    constexpr T bias(random_engine& /*rng*/, std::size_t /*fan_in*/,
                     std::size_t /*fan_out*/) const noexcept
    {
        return T(0);
    }
};

namespace detail {

// Layer L's blocks, in the order it declares them: from init's weight() or bias(), one call a
// value, or a constant (a gain's 1, a running mean's 0), as each block says.
template <std::size_t L, class Net, class Init>
constexpr void initialize_layer(Net& net, const Init& init, random_engine& rng) noexcept
{
    using T = typename Net::scalar_type;
    using layer = typename Net::template layer<L>;
    [&]<std::size_t... B>(std::index_sequence<B...>) {
        (
            [&] {
                constexpr ctnn::parameter_block block = layer::blocks[B];
                for (T& value : net.template block<L, B>()) {
                    if constexpr (block.init == ctnn::block_init::weight)
                        value = init.template weight<T>(rng, layer::in_size, layer::out_size);
                    else if constexpr (block.init == ctnn::block_init::bias)
                        value = init.template bias<T>(rng, layer::in_size, layer::out_size);
                    else
                        value = block.init == ctnn::block_init::one ? T(1) : T(0);
                }
            }(),
            ...);
    }(std::make_index_sequence<layer::blocks.size()>{});
}

} // namespace detail

// Fills every parameter of net from init, layer by layer, each layer's blocks in the order it
// declares them (a dense layer: its weights row by row, then its bias), each value one call to
// init.weight or init.bias with the layer's fan_in and fan_out, or the constant the block asks
// for (a layer_norm's gain starts at 1 and its shift at 0, as in PyTorch).
template <class Net, class Init>
constexpr void initialize(Net& net, const Init& init, random_engine& rng) noexcept
{
    using T = typename Net::scalar_type;
    static_assert(initializer<Init, T>,
                  "ctnn::initialize(net, init, rng): init must model ctnn::initializer, i.e. have "
                  "template <class T> T weight(random_engine&, std::size_t fan_in, std::size_t "
                  "fan_out) const and a bias() of the same form; e.g. ctnn::xavier_uniform{}");
    if constexpr (initializer<Init, T>) {
        [&]<std::size_t... L>(std::index_sequence<L...>) {
            (detail::initialize_layer<L>(net, init, rng), ...);
        }(std::make_index_sequence<Net::layer_count>{});
    }
}

template <class Net, class Init>
constexpr void initialize(Net& net, const Init& init, std::uint64_t seed) noexcept
{
    random_engine rng(seed);
    initialize(net, init, rng);
}

} // namespace ctnn
