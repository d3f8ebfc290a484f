// bench/cases.hpp: what the benchmarks time: the cases (a topology, a scalar type, its data and
// its initial weights), the FLOP counts behind the GFLOP/s counter, and the bridge that gives the
// naive baseline (naive.hpp) the same weights as a ctnn network.
//
// A case is a type, so every benchmark is a BENCHMARK_TEMPLATE over cases and the network's
// shape stays a compile-time fact in the ctnn code being timed.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <benchmark/benchmark.h>

#include <ctnn/network.hpp>
#include <ctnn/random.hpp>

#include "naive.hpp"

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

    static network make_network()
    {
        network net;
        net.template set_weights<0>({{T(0.1), T(0.2), T(0.3)}, {T(0.4), T(0.5), T(0.6)}});
        net.template set_weights<1>({{T(0.7)}, {T(0.8)}, {T(0.9)}});
        return net;
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

    static network make_network()
    {
        network net;
        ctnn::initialize(net, ctnn::uniform01{}, 2024);
        return net;
    }
};

// FLOPs are counted from the maths, not measured, and are the same figure for ctnn and the naive
// baseline, so GFLOP/s compares like with like. A multiply-add is 2 FLOPs. exp() counts as 1, so
// the sigmoid 1 / (1 + exp(-z)) is 3 (exp, add, divide; the negation is free) and its derivative
// from the stored activation, a (1 - a), is 2. For a layer of In inputs and Out outputs and a
// batch of B samples:
//   forward           B (2 In Out + 3 Out)            z = x W (+ b), a = s(z)
//   output error      4 B Out, last layer only        e = o - t; E += 0.5 e e (sub, 2 mul, add)
//   activation grad   3 B Out                         delta = dE/da * a (1 - a)
//   parameter grad    2 B In Out (+ B Out with bias)  dE/dW = x^T delta, dE/db = sum of delta
//   input grad        2 B In Out, not layer 0         dE/dx = delta W^T
//   update            2 per parameter                 p -= lr dE/dp
// A training step (one epoch) is all six; a forward pass is the first alone.
template <class Net>
constexpr double forward_flops(std::size_t batch_size)
{
    std::size_t flops = 0;
    for (std::size_t l = 0; l < Net::layer_count; ++l) {
        const std::size_t in = Net::widths[l];
        const std::size_t out = Net::widths[l + 1];
        flops += batch_size * (2 * in * out + 3 * out);
    }
    return static_cast<double>(flops);
}

template <class Net>
constexpr double train_step_flops(std::size_t batch_size)
{
    std::size_t flops = 4 * batch_size * Net::output_size + 2 * Net::parameter_count;
    // Whether a layer has a bias is in its type, so walk the layers at compile time.
    [&]<std::size_t... L>(std::index_sequence<L...>) {
        (
            [&] {
                using layer = typename Net::template layer<L>;
                const std::size_t in = layer::in_size;
                const std::size_t out = layer::out_size;
                flops += batch_size * (3 * out + 2 * in * out + (layer::has_bias ? out : 0));
                if constexpr (L > 0)
                    flops += batch_size * 2 * in * out;
            }(),
            ...);
    }(std::make_index_sequence<Net::layer_count>{});
    return forward_flops<Net>(batch_size) + static_cast<double>(flops);
}

// The formulas above, worked by hand: OR 2-3-1 with batch 4 is forward 4 * 30, error 16,
// layer 1 backward 12 + 24 + 24, layer 0 backward 36 + 48, update 18: 298.
static_assert(forward_flops<or_2_3_1<double>::network>(1) == 30);
static_assert(forward_flops<xor_2_4_1<double>::network>(1) == 39);
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

// The inputs a forward benchmark cycles through, so that no iteration repeats the previous one's
// work and the compiler cannot hoist the pass out of the loop. A power of two: k % count is a mask.
inline constexpr std::size_t forward_input_count = 64;

template <class T, std::size_t Width>
std::array<std::array<T, Width>, forward_input_count> forward_inputs()
{
    ctnn::random_engine rng(7);
    std::array<std::array<T, Width>, forward_input_count> inputs{};
    for (auto& x : inputs)
        for (auto& value : x)
            value = rng.uniform01<T>();
    return inputs;
}

// A batch as a naive matrix (one row per sample).
template <class T, std::size_t Batch, std::size_t Width>
naive::matrix<T> to_matrix(const ctnn::batch<T, Batch, Width>& rows)
{
    naive::matrix<T> m = naive::zeros<T>(Batch, Width);
    for (std::size_t s = 0; s < Batch; ++s)
        for (std::size_t k = 0; k < Width; ++k)
            m[s][k] = rows[s][k];
    return m;
}

// A naive network with net's widths and weights.
template <class Net>
naive::network<typename Net::scalar_type> to_naive(const Net& net)
{
    naive::network<typename Net::scalar_type> out(
        std::vector<std::size_t>(Net::widths.begin(), Net::widths.end()));
    [&]<std::size_t... L>(std::index_sequence<L...>) {
        (
            [&] {
                using layer = typename Net::template layer<L>;
                static_assert(!layer::has_bias, "bench: the naive baseline has no bias; give the "
                                                "case's network ctnn::no_bias");
                const auto w = net.template weights<L>();
                for (std::size_t i = 0; i < layer::in_size; ++i)
                    for (std::size_t o = 0; o < layer::out_size; ++o)
                        out.weights[L][i][o] = w(i, o);
            }(),
            ...);
    }(std::make_index_sequence<Net::layer_count>{});
    return out;
}

} // namespace bench
