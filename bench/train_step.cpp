// bench/train_step.cpp: one epoch of the seed tutorial's training, ctnn against the naive
// baseline. An epoch is one backprop of the whole batch (half_sum_squares) and one sgd update,
// exactly the body of ctnn::fit's loop without its finiteness check and callback.
//
// Every iteration trains the network further, so no iteration repeats the previous one's work;
// over the millions of iterations a benchmark runs, OR and XOR converge as in the tutorial and
// stay finite.
#include <cstddef>

#include <benchmark/benchmark.h>

#include <ctnn/loss.hpp>
#include <ctnn/train.hpp>

#include "cases.hpp"

namespace {

template <class Case>
void ctnn_train_step(benchmark::State& state)
{
    using network = typename Case::network;
    network net = Case::make_network();
    ctnn::gradient<network> grad;
    typename network::template workspace_type<Case::batch_size> workspace;
    const ctnn::sgd optimizer{Case::learning_rate};
    // Copies of the data, passed through DoNotOptimize: training data is not known at compile
    // time in real use, and the naive baseline cannot see its values either.
    auto inputs = Case::inputs;
    auto targets = Case::targets;
    benchmark::DoNotOptimize(net);
    benchmark::DoNotOptimize(inputs);
    benchmark::DoNotOptimize(targets);
    for (auto _ : state) {
        auto loss = net.backprop(inputs, targets, grad, workspace, ctnn::half_sum_squares{});
        optimizer.step(net, grad);
        benchmark::DoNotOptimize(loss);
    }
    bench::set_counters(state, Case::batch_size,
                        bench::train_step_flops<network>(Case::batch_size));
}

template <class Case>
void naive_train_step(benchmark::State& state)
{
    using network = typename Case::network;
    using T = typename Case::scalar_type;
    auto net = bench::to_naive(Case::make_network());
    const auto inputs = bench::to_matrix(Case::inputs);
    const auto targets = bench::to_matrix(Case::targets);
    // As ctnn::sgd converts it, so both take identical steps.
    const auto learning_rate = static_cast<T>(Case::learning_rate);
    benchmark::DoNotOptimize(net);
    for (auto _ : state) {
        auto loss = net.train_step(inputs, targets, learning_rate);
        benchmark::DoNotOptimize(loss);
    }
    bench::set_counters(state, Case::batch_size,
                        bench::train_step_flops<network>(Case::batch_size));
}

using bench::or_2_3_1;
using bench::xor_2_4_1;

BENCHMARK_TEMPLATE(ctnn_train_step, or_2_3_1<double>);
BENCHMARK_TEMPLATE(naive_train_step, or_2_3_1<double>);
BENCHMARK_TEMPLATE(ctnn_train_step, or_2_3_1<float>);
BENCHMARK_TEMPLATE(naive_train_step, or_2_3_1<float>);
BENCHMARK_TEMPLATE(ctnn_train_step, xor_2_4_1<double>);
BENCHMARK_TEMPLATE(naive_train_step, xor_2_4_1<double>);
BENCHMARK_TEMPLATE(ctnn_train_step, xor_2_4_1<float>);
BENCHMARK_TEMPLATE(naive_train_step, xor_2_4_1<float>);

} // namespace
