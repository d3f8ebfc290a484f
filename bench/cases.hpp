// bench/cases.hpp: what the benchmarks time: the cases (a topology, a scalar type, a batch size,
// its data and its initial weights), the FLOP counts behind the GFLOP/s counter, and the counters.
//
// A case is a type, so every benchmark is a BENCHMARK_TEMPLATE over cases and the network's
// shape stays a compile-time fact in the code being timed. Every case trains with
// half_sum_squares (summed over the batch, as the tutorial) and plain sgd. A case names the
// activation of its hidden layers and of its output layer (hidden_activation, output_activation,
// an activation_kind); ctnn's network is built from them here and both baselines read them, so
// the three compute one and the same maths. The tutorial's and the original cases are sigmoid
// everywhere; the *_tanh, *_elu and *_softplus cases have those hidden layers and a linear
// output, as RTNeural's benchmark network has.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <type_traits>
#include <utility>

#include <benchmark/benchmark.h>

#include <ctnn/activation.hpp>
#include <ctnn/initializer.hpp>
#include <ctnn/network.hpp>
#include <ctnn/random.hpp>

#include "activation_kind.hpp"

namespace bench {

template <class T>
inline constexpr const char* scalar_name = std::is_same_v<T, double> ? "double" : "float";

// ctnn's type for each activation_kind, as a user names it in a network.
template <activation_kind Kind>
struct ctnn_activation;
template <>
struct ctnn_activation<activation_kind::sigmoid> {
    using type = ctnn::sigmoid;
};
template <>
struct ctnn_activation<activation_kind::tanh> {
    using type = ctnn::tanh;
};
template <>
struct ctnn_activation<activation_kind::elu> {
    using type = ctnn::elu<>;
};
template <>
struct ctnn_activation<activation_kind::softplus> {
    using type = ctnn::softplus;
};
template <>
struct ctnn_activation<activation_kind::identity> {
    using type = ctnn::identity;
};
template <activation_kind Kind>
using ctnn_activation_t = typename ctnn_activation<Kind>::type;

static_assert(ctnn::elu<>::alpha == elu_alpha,
              "bench: the baselines' elu_alpha (activation_kind.hpp) must be ctnn::elu<>'s alpha");

// The kind of a ctnn activation type (of its family: every sigmoid exp policy is a sigmoid).
template <class A>
constexpr activation_kind kind_of()
{
    using F = ctnn::activation_family_t<A>;
    if constexpr (std::is_same_v<F, ctnn::sigmoid>)
        return activation_kind::sigmoid;
    else if constexpr (std::is_same_v<F, ctnn::tanh>)
        return activation_kind::tanh;
    else if constexpr (std::is_same_v<F, ctnn::elu<>>)
        return activation_kind::elu;
    else if constexpr (std::is_same_v<F, ctnn::softplus>)
        return activation_kind::softplus;
    else {
        static_assert(std::is_same_v<F, ctnn::identity>,
                      "bench: a case uses an activation that activation_kind does not name");
        return activation_kind::identity;
    }
}

// The network of a generated case: Hidden in every layer but the last, Output in the last. Sigmoid
// throughout is spelled as the original cases always were (basic_network<options<T>, ...>), so
// that their network types, and so their timings, stay exactly what they were.
template <class T, activation_kind Hidden, activation_kind Output, std::size_t... Widths>
struct network_for {
    static constexpr std::array<std::size_t, sizeof...(Widths)> widths{Widths...};
    static constexpr std::size_t last = sizeof...(Widths) - 1;

    template <std::size_t... L>
    static auto layered(std::index_sequence<L...>)
        -> ctnn::sequential<ctnn::options<T, ctnn_activation_t<Hidden>>, ctnn::input<widths[0]>,
                            ctnn::dense<widths[L + 1]>...,
                            ctnn::dense<widths[last], ctnn_activation_t<Output>>>;
    static auto pick()
    {
        if constexpr (Hidden == activation_kind::sigmoid && Output == activation_kind::sigmoid)
            return std::type_identity<ctnn::basic_network<ctnn::options<T>, Widths...>>{};
        else
            return std::type_identity<decltype(layered(std::make_index_sequence<last - 1>{}))>{};
    }
    using type = typename decltype(pick())::type;
};

// The seed tutorial's OR experiment: 2-3-1, sigmoid, no bias, its fixed initial weights, the four
// input pairs as one batch, half_sum_squares and sgd with learning rate 0.05.
template <class T>
struct or_2_3_1 {
    using scalar_type = T;
    using network = ctnn::basic_network<ctnn::options<T, ctnn::no_bias>, 2, 3, 1>;
    static constexpr activation_kind hidden_activation = activation_kind::sigmoid;
    static constexpr activation_kind output_activation = activation_kind::sigmoid;
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
    static constexpr activation_kind hidden_activation = activation_kind::sigmoid;
    static constexpr activation_kind output_activation = activation_kind::sigmoid;
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

// The generated cases: Hidden in the hidden layers and Output in the last (sigmoid and sigmoid
// unless a case says otherwise), a bias in every layer, initial weights from bench_initializer
// with a fixed seed, inputs pseudo-random in [0, 1) and targets in [0.1, 0.9), and sgd at 0.01,
// small enough that the millions of steps a benchmark takes stay finite (a case with a linear
// output sets its own, see below). Widths... is the topology, input first. The data is static and
// built once: for 784-wide inputs a batch is too big for a benchmark's stack frame.
template <class T, std::size_t Batch, activation_kind Hidden, activation_kind Output,
          std::size_t... Widths>
struct activated_case {
    using scalar_type = T;
    using network = typename network_for<T, Hidden, Output, Widths...>::type;
    static constexpr activation_kind hidden_activation = Hidden;
    static constexpr activation_kind output_activation = Output;
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

template <class T, std::size_t Batch, std::size_t... Widths>
using generated_case =
    activated_case<T, Batch, activation_kind::sigmoid, activation_kind::sigmoid, Widths...>;

// The learning rate of a case with a linear output: Hidden in the hidden layers, identity in the
// last. Without the sigmoid's derivative (at most 1/4) and its saturation, sgd on the summed
// half_sum_squares diverges once lr times the largest eigenvalue of the last layer's Gram matrix
// sum_s [h_s, 1][h_s, 1]^T exceeds 2; that eigenvalue is at most its trace, Batch (H + 1) for H
// hidden values of magnitude at most 1 (tanh's; elu's and softplus's are unbounded, but of that
// order here). 1 / (2 Batch (H + 1)) keeps lr times it at most 1/2 when every |h| <= 1, leaving
// room for the hidden layers' own steps. Measured: 200 000 steps of each such case, ctnn and
// Eigen, float and double, stay finite and end with the loss far below its start (the sgd at 0.01
// of the sigmoid cases could diverge: for 64-32-10 the bound above is 2 / (64 x 33) = 1/1056).
template <std::size_t Batch, std::size_t LastHidden>
inline constexpr double linear_output_learning_rate =
    1.0 / (2.0 * static_cast<double>(Batch) * static_cast<double>(LastHidden + 1));

template <class T, std::size_t Batch, activation_kind Hidden, std::size_t... Widths>
struct linear_output_case
    : activated_case<T, Batch, Hidden, activation_kind::identity, Widths...> {
    static constexpr std::array<std::size_t, sizeof...(Widths)> widths{Widths...};
    static constexpr double learning_rate =
        linear_output_learning_rate<Batch, widths[sizeof...(Widths) - 2]>;
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
// RTNeural's benchmark network's shape, sigmoid throughout as every original case (RTNeural's own
// activations are mlp_16_32_32_1_tanh's, below).
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
// RTNeural's benchmark network as it is: tanh hidden layers and a linear output; and 64-32-10
// with the same activations.
template <class T>
struct mlp_16_32_32_1_tanh : linear_output_case<T, 16, activation_kind::tanh, 16, 32, 32, 1> {
    static std::string name()
    {
        return std::string("mlp_16_32_32_1_tanh<") + scalar_name<T> + ">";
    }
};
template <class T>
struct mlp_64_32_10_tanh : linear_output_case<T, 64, activation_kind::tanh, 64, 32, 10> {
    static std::string name() { return std::string("mlp_64_32_10_tanh<") + scalar_name<T> + ">"; }
};
// elu and softplus on RTNeural's topology, where the activations weigh most: 64 per sample
// against 1568 multiply-adds, where 64-32-10 has 32 against 2368.
template <class T>
struct mlp_16_32_32_1_elu : linear_output_case<T, 16, activation_kind::elu, 16, 32, 32, 1> {
    static std::string name()
    {
        return std::string("mlp_16_32_32_1_elu<") + scalar_name<T> + ">";
    }
};
template <class T>
struct mlp_16_32_32_1_softplus
    : linear_output_case<T, 16, activation_kind::softplus, 16, 32, 32, 1> {
    static std::string name()
    {
        return std::string("mlp_16_32_32_1_softplus<") + scalar_name<T> + ">";
    }
};

// FLOPs are counted from the maths, not measured, and are the same figure for ctnn and the
// baselines, so GFLOP/s compares like with like. A multiply-add is 2 FLOPs. A transcendental
// function (exp, expm1, log1p, tanh) counts as 1, and a comparison or a negation as 0. Per value:
//   activation  value                                   gradient (times dE/da included)
//   sigmoid     3  1 / (1 + exp(-z)): exp, add, divide   3  a (1 - a): sub, 2 mul
//   tanh        1  tanh                                  3  1 - a^2: mul, sub, mul
//   elu         2  alpha expm1(z): expm1, mul            2  a + alpha: add, mul
//   softplus    2  log1p(exp(z))                         4  1 / (1 + exp(-z)), mul
//   identity    0                                        0
// For a layer of In inputs and Out outputs and a batch of B samples:
//   forward           B (2 In Out + f Out) (+ B Out with bias)   z = x W (+ b), a = f(z)
//   output error      4 B Out, last layer only        e = o - t; E += 0.5 e e (sub, 2 mul, add)
//   activation grad   g B Out                         delta = dE/da * f'
//   parameter grad    2 B In Out (+ B Out with bias)  dE/dW = x^T delta, dE/db = sum of delta
//   input grad        2 B In Out, not layer 0         dE/dx = delta W^T
//   update            2 per parameter                 p -= lr dE/dp
// A training step (one epoch) is all six; a forward pass is the first alone.
// Plain functions and folds rather than constexpr template lambdas, on which Clang 14 crashes.
constexpr std::size_t activation_value_flops(activation_kind kind)
{
    switch (kind) {
    case activation_kind::sigmoid: return 3;
    case activation_kind::tanh: return 1;
    case activation_kind::elu: return 2;
    case activation_kind::softplus: return 2;
    case activation_kind::identity: return 0;
    }
    return 0;
}

constexpr std::size_t activation_gradient_flops(activation_kind kind)
{
    switch (kind) {
    case activation_kind::sigmoid: return 3;
    case activation_kind::tanh: return 3;
    case activation_kind::elu: return 2;
    case activation_kind::softplus: return 4;
    case activation_kind::identity: return 0;
    }
    return 0;
}

template <class Layer>
constexpr std::size_t layer_forward_flops(std::size_t batch_size)
{
    constexpr std::size_t in = Layer::in_size;
    constexpr std::size_t out = Layer::out_size;
    constexpr std::size_t f =
        activation_value_flops(kind_of<typename Layer::activation_type>());
    return batch_size * (2 * in * out + f * out + (Layer::has_bias ? out : 0));
}

// Activation and parameter gradients; the input gradient too except for the first layer, whose
// input is the data.
template <class Layer, bool First>
constexpr std::size_t layer_backward_flops(std::size_t batch_size)
{
    constexpr std::size_t in = Layer::in_size;
    constexpr std::size_t out = Layer::out_size;
    constexpr std::size_t g =
        activation_gradient_flops(kind_of<typename Layer::activation_type>());
    return batch_size * (g * out + 2 * in * out + (Layer::has_bias ? out : 0) +
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
// batch 1: 32 multiply-add FLOPs, 12 sigmoid, 4 bias additions: 48. 16-32-32-1 tanh, linear
// output, batch 1: 1024 + 32 + 32, 2048 + 32 + 32, 64 + 0 + 1: 3265.
static_assert(forward_flops<or_2_3_1<double>::network>(1) == 30);
static_assert(forward_flops<mlp_16_32_32_1_tanh<double>::network>(1) == 3265);
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
// The mixing is small so that inputs stay near [0, 1) (sigmoid outputs are in (0, 1); a linear
// output of these cases stays within a few units, and its gain from x[0], times mix, is far below
// 1, so the chain cannot grow), yet the next pass cannot start before the previous one has
// finished, which is what latency means.
inline constexpr double chain_mix = 1.0 / 64;

} // namespace bench
