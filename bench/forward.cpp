// bench/forward.cpp: the forward pass of one sample, ctnn against the naive baseline.
//
// Each iteration takes the next of forward_input_count inputs, so the work cannot be hoisted out
// of the loop, and the output goes through benchmark::DoNotOptimize, so it cannot be dropped.
#include <cstddef>
#include <vector>

#include <benchmark/benchmark.h>

#include "cases.hpp"

namespace {

template <class Case>
void ctnn_forward(benchmark::State& state)
{
    using network = typename Case::network;
    // Not const: DoNotOptimize on a mutable object tells the compiler it may have changed, so the
    // weights (set from constants) and inputs are run-time values, as a trained network's are,
    // and cannot be folded into the code.
    network net = Case::make_network();
    auto inputs = bench::forward_inputs<typename Case::scalar_type, network::input_size>();
    benchmark::DoNotOptimize(net);
    benchmark::DoNotOptimize(inputs);
    std::size_t k = 0;
    for (auto _ : state) {
        auto out = net.forward(inputs[k++ % bench::forward_input_count]);
        benchmark::DoNotOptimize(out);
    }
    bench::set_counters(state, 1, bench::forward_flops<network>(1));
}

template <class Case>
void naive_forward(benchmark::State& state)
{
    using network = typename Case::network;
    using T = typename Case::scalar_type;
    auto net = bench::to_naive(Case::make_network());
    // The same inputs, each already a 1-row matrix, so that the loop times the pass and not a copy.
    std::vector<naive::matrix<T>> inputs;
    for (const auto& x : bench::forward_inputs<T, network::input_size>())
        inputs.push_back(bench::to_matrix(ctnn::batch<T, 1, network::input_size>{x}));
    benchmark::DoNotOptimize(net);
    std::size_t k = 0;
    for (auto _ : state) {
        const auto& out = net.forward(inputs[k++ % bench::forward_input_count]);
        benchmark::DoNotOptimize(out);
    }
    bench::set_counters(state, 1, bench::forward_flops<network>(1));
}

using bench::or_2_3_1;
using bench::xor_2_4_1;

BENCHMARK_TEMPLATE(ctnn_forward, or_2_3_1<double>);
BENCHMARK_TEMPLATE(naive_forward, or_2_3_1<double>);
BENCHMARK_TEMPLATE(ctnn_forward, or_2_3_1<float>);
BENCHMARK_TEMPLATE(naive_forward, or_2_3_1<float>);
BENCHMARK_TEMPLATE(ctnn_forward, xor_2_4_1<double>);
BENCHMARK_TEMPLATE(naive_forward, xor_2_4_1<double>);
BENCHMARK_TEMPLATE(ctnn_forward, xor_2_4_1<float>);
BENCHMARK_TEMPLATE(naive_forward, xor_2_4_1<float>);

} // namespace
