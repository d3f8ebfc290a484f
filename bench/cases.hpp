// bench/cases.hpp: what the benchmarks time: the cases (a topology, a scalar type, a batch size,
// its data and its initial weights), the FLOP counts behind the GFLOP/s counter, and the counters.
//
// A case is a type, so every benchmark is a BENCHMARK_TEMPLATE over cases and the network's
// shape stays a compile-time fact in the code being timed. Every case trains with
// half_sum_squares (summed over the batch, as the tutorial) and plain sgd, and every layer is a
// sigmoid, so ctnn and both baselines compute one and the same maths.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <type_traits>
#include <utility>

#include <benchmark/benchmark.h>

#include <ctnn/initializer.hpp>
#include <ctnn/network.hpp>
#include <ctnn/random.hpp>

namespace bench {

template <class T>
inline constexpr const char* scalar_name = std::is_same_v<T, double> ? "double" : "float";

// The seed tutorial's OR experiment: 2-3-1, sigmoid, no bias, its fixed initial weights, the four
// input pairs as one batch, half_sum_squares and sgd with learning rate 0.05.
template <class T>
struct or_2_3_1 {
    using scalar_type = T;
    using network = ctnn::basic_network<ctnn::options<T, ctnn::no_bias>, 2, 3, 1>;
    static constexpr std::size_t batch_size = 4;
    static constexpr double learning_rate = 0.05;
    static constexpr ctnn::batch<T, batch_size, 2> inputs{{{0, 0}, {0, 1}, {1, 0}, {1, 1}}};
    static constexpr ctnn::batch<T, batch_size, 1> targets{{{0}, {1}, {1}, {1}}};

    static std::string name() { return std::string("or_2_3_1<") + scalar_name<T> + ">"; }

    static void initialize(network& net)
    {
        net.template set_weights<0>({{T(0.1), T(0.2), T(0.3)}, {T(0.4), T(0.5), T(0.6)}});
        net.template set_weights<1>({{T(0.7)}, {T(0.8)}, {T(0.9)}});
    }
};

// The seed tutorial's XOR experiment: 2-4-1, no bias, weights uniform in [0, 1) (a fixed seed,
// so every run times the same network).
template <class T>
struct xor_2_4_1 {
    using scalar_type = T;
    using network = ctnn::basic_network<ctnn::options<T, ctnn::no_bias>, 2, 4, 1>;
    static constexpr std::size_t batch_size = 4;
    static constexpr double learning_rate = 0.05;
    static constexpr ctnn::batch<T, batch_size, 2> inputs{{{0, 0}, {0, 1}, {1, 0}, {1, 1}}};
    static constexpr ctnn::batch<T, batch_size, 1> targets{{{0}, {1}, {1}, {0}}};

    static std::string name() { return std::string("xor_2_4_1<") + scalar_name<T> + ">"; }

    static void initialize(network& net) { ctnn::initialize(net, ctnn::uniform01{}, 2024); }
};

// xavier_uniform's weights, and biases uniform in [-0.1, 0.1) rather than its zeros: a zero bias
// would leave the forward pass's "+ b" unchecked by main.cpp's agreement check.
struct bench_initializer {
    template <class T>
    constexpr T weight(ctnn::random_engine& rng, std::size_t fan_in,
                       std::size_t fan_out) const noexcept
    {
        return ctnn::xavier_uniform{}.template weight<T>(rng, fan_in, fan_out);
    }
    template <class T>
    constexpr T bias(ctnn::random_engine& rng, std::size_t fan_in,
                     std::size_t fan_out) const noexcept
    {
        return ctnn::uniform_range{-0.1, 0.1}.template weight<T>(rng, fan_in, fan_out);
    }
};

// The generated cases: sigmoid everywhere, a bias in every layer, initial weights from
// bench_initializer with a fixed seed, inputs pseudo-random in [0, 1) and targets in
// [0.1, 0.9), and sgd at 0.01, small enough that the millions of steps a benchmark takes stay
// finite. Widths... is the topology, input first. The data is static and built once: for
// 784-wide inputs a batch is too big for a benchmark's stack frame.
template <class T, std::size_t Batch, std::size_t... Widths>
struct generated_case {
    using scalar_type = T;
    using network = ctnn::basic_network<ctnn::options<T>, Widths...>;
    static constexpr std::size_t batch_size = Batch;
    static constexpr double learning_rate = 0.01;

    static void initialize(network& net) { ctnn::initialize(net, bench_initializer{}, 2024); }

    static ctnn::batch<T, Batch, network::input_size> make_inputs()
    {
        ctnn::random_engine rng(11);
        ctnn::batch<T, Batch, network::input_size> x{};
        for (auto& row : x)
            for (auto& value : row)
                value = rng.uniform01<T>();
        return x;
    }
    static ctnn::batch<T, Batch, network::output_size> make_targets()
    {
        ctnn::random_engine rng(13);
        ctnn::batch<T, Batch, network::output_size> t{};
        for (auto& row : t)
            for (auto& value : row)
                value = T(0.1) + T(0.8) * rng.uniform01<T>();
        return t;
    }
    static inline const ctnn::batch<T, Batch, network::input_size> inputs = make_inputs();
    static inline const ctnn::batch<T, Batch, network::output_size> targets = make_targets();
};

// Named, so that the benchmark's name says which case it is.
// One dense layer 4->4 and 8->8, batch 4.
template <class T>
struct dense_4_4 : generated_case<T, 4, 4, 4> {
    static std::string name() { return std::string("dense_4_4<") + scalar_name<T> + ">"; }
};
template <class T>
struct dense_8_8 : generated_case<T, 4, 8, 8> {
    static std::string name() { return std::string("dense_8_8<") + scalar_name<T> + ">"; }
};
// RTNeural's benchmark network (it has a linear output; sigmoid here, so one maths throughout).
template <class T>
struct mlp_16_32_32_1 : generated_case<T, 16, 16, 32, 32, 1> {
    static std::string name() { return std::string("mlp_16_32_32_1<") + scalar_name<T> + ">"; }
};
template <class T>
struct mlp_64_32_10 : generated_case<T, 64, 64, 32, 10> {
    static std::string name() { return std::string("mlp_64_32_10<") + scalar_name<T> + ">"; }
};
// MNIST-sized: 784 inputs, minibatches of 32.
template <class T>
struct mlp_784_128_64_10 : generated_case<T, 32, 784, 128, 64, 10> {
    static std::string name() { return std::string("mlp_784_128_64_10<") + scalar_name<T> + ">"; }
};
template <class T>
struct mlp_784_256_128_10 : generated_case<T, 32, 784, 256, 128, 10> {
    static std::string name()
    {
        return std::string("mlp_784_256_128_10<") + scalar_name<T> + ">";
    }
};

// FLOPs are counted from the maths, not measured, and are the same figure for ctnn and the
// baselines, so GFLOP/s compares like with like. A multiply-add is 2 FLOPs. exp() counts as 1, so
// the sigmoid 1 / (1 + exp(-z)) is 3 (exp, add, divide; the negation is free) and its derivative
// from the stored activation, a (1 - a), is 2. For a layer of In inputs and Out outputs and a
// batch of B samples:
//   forward           B (2 In Out + 3 Out) (+ B Out with bias)   z = x W (+ b), a = s(z)
//   output error      4 B Out, last layer only        e = o - t; E += 0.5 e e (sub, 2 mul, add)
//   activation grad   3 B Out                         delta = dE/da * a (1 - a)
//   parameter grad    2 B In Out (+ B Out with bias)  dE/dW = x^T delta, dE/db = sum of delta
//   input grad        2 B In Out, not layer 0         dE/dx = delta W^T
//   update            2 per parameter                 p -= lr dE/dp
// A training step (one epoch) is all six; a forward pass is the first alone.
// Plain functions and folds rather than constexpr template lambdas, on which Clang 14 crashes.
template <class Layer>
constexpr std::size_t layer_forward_flops(std::size_t batch_size)
{
    constexpr std::size_t in = Layer::in_size;
    constexpr std::size_t out = Layer::out_size;
    return batch_size * (2 * in * out + 3 * out + (Layer::has_bias ? out : 0));
}

// Activation and parameter gradients; the input gradient too except for the first layer, whose
// input is the data.
template <class Layer, bool First>
constexpr std::size_t layer_backward_flops(std::size_t batch_size)
{
    constexpr std::size_t in = Layer::in_size;
    constexpr std::size_t out = Layer::out_size;
    return batch_size * (3 * out + 2 * in * out + (Layer::has_bias ? out : 0) +
                         (First ? 0 : 2 * in * out));
}

template <class Net, std::size_t... L>
constexpr std::size_t forward_flops_of(std::size_t batch_size, std::index_sequence<L...>)
{
    return (std::size_t{0} + ... +
            layer_forward_flops<typename Net::template layer<L>>(batch_size));
}

template <class Net, std::size_t... L>
constexpr std::size_t backward_flops_of(std::size_t batch_size, std::index_sequence<L...>)
{
    return (std::size_t{0} + ... +
            layer_backward_flops<typename Net::template layer<L>, L == 0>(batch_size));
}

template <class Net>
constexpr double forward_flops(std::size_t batch_size)
{
    return static_cast<double>(
        forward_flops_of<Net>(batch_size, std::make_index_sequence<Net::layer_count>{}));
}

template <class Net>
constexpr double train_step_flops(std::size_t batch_size)
{
    const std::size_t error_and_update = 4 * batch_size * Net::output_size +
                                         2 * Net::parameter_count;
    return forward_flops<Net>(batch_size) +
           static_cast<double>(
               error_and_update +
               backward_flops_of<Net>(batch_size, std::make_index_sequence<Net::layer_count>{}));
}

// The formulas above, worked by hand: OR 2-3-1 with batch 4 is forward 4 * 30, error 16,
// layer 1 backward 12 + 24 + 24, layer 0 backward 36 + 48, update 18: 298. Dense 4-4 with bias,
// batch 1: 32 multiply-add FLOPs, 12 sigmoid, 4 bias additions: 48.
static_assert(forward_flops<or_2_3_1<double>::network>(1) == 30);
static_assert(forward_flops<xor_2_4_1<double>::network>(1) == 39);
static_assert(forward_flops<dense_4_4<double>::network>(1) == 48);
static_assert(train_step_flops<or_2_3_1<double>::network>(4) == 298);
static_assert(train_step_flops<xor_2_4_1<double>::network>(4) == 384);

// The benchmarks' counters: samples per second, and FLOP/s (shown as G/s; GFLOP/s in the
// bench.sh table). Rates are per CPU second, as Google Benchmark computes kIsRate.
inline void set_counters(benchmark::State& state, std::size_t samples_per_iteration,
                         double flops_per_iteration)
{
    const auto iterations = static_cast<double>(state.iterations());
    state.counters["samples/s"] = benchmark::Counter(
        iterations * static_cast<double>(samples_per_iteration), benchmark::Counter::kIsRate);
    state.counters["FLOP/s"] =
        benchmark::Counter(iterations * flops_per_iteration, benchmark::Counter::kIsRate);
}

// The inputs a single-sample forward benchmark cycles through, so that no iteration repeats the
// previous one's work and the compiler cannot hoist the pass out of the loop. A power of two:
// k % count is a mask.
inline constexpr std::size_t forward_input_count = 64;

template <class T, std::size_t Width>
using forward_ring = std::array<std::array<T, Width>, forward_input_count>;

template <class T, std::size_t Width>
forward_ring<T, Width> forward_inputs()
{
    ctnn::random_engine rng(7);
    forward_ring<T, Width> inputs{};
    for (auto& x : inputs)
        for (auto& value : x)
            value = rng.uniform01<T>();
    return inputs;
}

// forward_chained feeds each output back into the next input: x[0] = ring x[0] + mix * out[0].
// The mixing is small so that inputs stay near [0, 1) (sigmoid outputs are in (0, 1)), yet the
// next pass cannot start before the previous one has finished, which is what latency means.
inline constexpr double chain_mix = 1.0 / 64;

} // namespace bench
