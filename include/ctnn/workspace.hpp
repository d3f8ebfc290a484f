// ctnn/workspace.hpp: `workspace<Net, Batch>`, the scratch of one forward and backward pass of up
// to Batch samples, and `batch<T, Batch, Width>`, how a batch of samples is written.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <tuple>
#include <type_traits>

#include <ctnn/detail/network_traits.hpp>
#include <ctnn/layer/concept.hpp>
#include <ctnn/random.hpp>

namespace ctnn {

// A batch of Batch samples of Width values each, one row per sample.
template <class T, std::size_t Batch, std::size_t Width>
using batch = std::array<std::array<T, Width>, Batch>;

// Scratch memory for one forward and backward pass of up to Batch samples through Net: what every
// layer saves for its backward pass (a dense layer's pre-activation z), its output a, its own
// scratch, the gradient flowing back, flat copies of the inputs and targets, and the random
// generator a training pass draws from (dropout's masks; seed it with seed()). backprop() makes
// one on the stack when it is not given one; pass your own (static, or from your allocator) to
// keep a large network's scratch off the stack.
//
// For minibatches you assemble yourself, write rows with input(r) and target(r), then call
// net.backprop(workspace, rows, grad, loss); output(r) reads the last forward pass's outputs.
template <class Net, std::size_t Batch>
class workspace {
    using traits = detail::network_traits<Net>;
    using T = typename traits::scalar;

    template <class Layers>
    struct per_layer;
    template <class... Ls>
    struct per_layer<std::tuple<Ls...>> {
        using type = std::tuple<std::array<T, Batch * Ls::out_size>...>;
        // Where each layer's scratch starts in one flat array, and its size.
        static constexpr std::array<std::size_t, sizeof...(Ls) + 1> scratch_starts = [] {
            std::array<std::size_t, sizeof...(Ls) + 1> out{};
            std::size_t at = 0, k = 0;
            ((out[k++] = at, at += detail::scratch_of<Ls, Batch>()), ...);
            out[k] = at;
            return out;
        }();
    };
    using buffers = typename per_layer<typename traits::layers>::type;
    static constexpr auto scratch_starts = per_layer<typename traits::layers>::scratch_starts;

    // Left uninitialised on purpose: every pass writes each value before reading it, and
    // zeroing scratch on every call would cost as much as a tiny network's whole forward pass.
    std::array<T, Batch * traits::widths[0]> input_;
    std::array<T, Batch * traits::widths[traits::layer_count]> target_;
    buffers z_;
    buffers a_;
    buffers delta_;
    // No bytes when no layer asks for scratch (a std::array of 0 values still takes one).
    struct no_scratch {
        constexpr T* data() noexcept { return nullptr; }
    };
    static constexpr std::size_t scratch_total = scratch_starts[traits::layer_count];
    [[no_unique_address]] std::conditional_t<scratch_total == 0, no_scratch,
                                             std::array<T, scratch_total>> scratch_;
    // Only for networks with a layer that draws (dropout), from a fixed default seed, so that a
    // pass repeats unless seeded; nothing otherwise, and the workspace stays trivially
    // constructible (no member is initialised: see above).
    struct no_generator {};
    struct default_generator : random_engine {
        constexpr default_generator() noexcept : random_engine(0x6374'6e6e'5f77'7370) {}
    };
    [[no_unique_address]] std::conditional_t<traits::draws_random, default_generator,
                                             no_generator> rng_;

    template <class, class, class...>
    friend class sequential;

public:
    static constexpr std::size_t batch_size = Batch;
    static constexpr std::size_t input_size = traits::widths[0];
    static constexpr std::size_t output_size = traits::widths[traits::layer_count];

    // Seeds the generator that training passes draw from (dropout's masks; without such a layer
    // there is none and this does nothing).
    constexpr void seed(std::uint64_t value) noexcept
    {
        if constexpr (traits::draws_random)
            static_cast<random_engine&>(rng_) = random_engine(value);
        else
            (void)value;
    }

    constexpr std::span<T, input_size> input(std::size_t row) noexcept
    {
        return std::span<T, input_size>(input_.data() + row * input_size, input_size);
    }
    constexpr std::span<T, output_size> target(std::size_t row) noexcept
    {
        return std::span<T, output_size>(target_.data() + row * output_size, output_size);
    }
    constexpr std::span<const T, output_size> output(std::size_t row) const noexcept
    {
        return std::span<const T, output_size>(
            std::get<traits::layer_count - 1>(a_).data() + row * output_size, output_size);
    }
    // Rows 0 .. rows-1 of the targets and of the last outputs, flat (rows * output_size values),
    // as a loss's value() takes them.
    constexpr std::span<const T> targets(std::size_t rows) const noexcept
    {
        return std::span<const T>(target_.data(), rows * output_size);
    }
    constexpr std::span<const T> outputs(std::size_t rows) const noexcept
    {
        return std::span<const T>(std::get<traits::layer_count - 1>(a_).data(),
                                  rows * output_size);
    }
};

} // namespace ctnn
