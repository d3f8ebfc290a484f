// bench/benchmarks.hpp: the timed loops, one per operation, each run on the three
// implementations (implementations.hpp), and CTNN_BENCH_CASE, which registers a case's twelve
// benchmarks (4 operations x 3 implementations) and its start-up agreement check.
//
//   train_step       backprop of the case's batch (half_sum_squares) and one sgd step; every
//                    iteration trains the network further, so none repeats the previous one
//   forward          one sample, independent calls over a ring of forward_input_count inputs:
//                    the compiler cannot hoist the pass, the CPU may overlap consecutive ones
//   forward_chained  one sample, each input depending on the previous output (chain_mix): the
//                    latency of one pass, with no overlap
//   forward_batch    the case's whole batch in one call: throughput
//
// Benchmark names are <implementation>_<operation><<case><<scalar>>>, e.g.
// ctnn_train_step<mlp_64_32_10<float>>; scripts/bench.sh reads them back into its table.
#pragma once

// First, as implementations.hpp explains.
#include "check_case.hpp"

#include <cstddef>
#include <memory>

#include <benchmark/benchmark.h>

#include "cases.hpp"
#include "implementations.hpp"

namespace bench {

// Every loop makes its implementation on the heap first (megabytes for 784-wide cases) and
// passes the pointer through DoNotOptimize, so that the object escapes: the memory clobber of
// each later DoNotOptimize or ClobberMemory then forces the loop to really read and write it.

template <class Impl>
void time_train_step(benchmark::State& state)
{
    using Case = typename Impl::case_type;
    const auto impl = std::make_unique<Impl>();
    benchmark::DoNotOptimize(impl.get());
    for (auto _ : state) {
        auto loss = impl->train_step();
        benchmark::DoNotOptimize(loss);
    }
    set_counters(state, Case::batch_size,
                 train_step_flops<typename Case::network>(Case::batch_size));
}

template <class Impl>
void time_forward(benchmark::State& state)
{
    using Case = typename Impl::case_type;
    const auto impl = std::make_unique<Impl>();
    benchmark::DoNotOptimize(impl.get());
    std::size_t k = 0;
    for (auto _ : state) {
        const auto& out = impl->forward(k++ % forward_input_count);
        benchmark::DoNotOptimize(out);
    }
    set_counters(state, 1, forward_flops<typename Case::network>(1));
}

template <class Impl>
void time_forward_chained(benchmark::State& state)
{
    using Case = typename Impl::case_type;
    using T = typename Case::scalar_type;
    const auto impl = std::make_unique<Impl>();
    benchmark::DoNotOptimize(impl.get());
    std::array<T, forward_input_count> first_inputs{};
    for (std::size_t k = 0; k < forward_input_count; ++k)
        first_inputs[k] = impl->input0(k);
    T previous = 0;
    std::size_t k = 0;
    for (auto _ : state) {
        const std::size_t next = k++ % forward_input_count;
        impl->input0(next) = first_inputs[next] + T(chain_mix) * previous;
        const auto& out = impl->forward(next);
        // The whole output, not only the value fed back, so no output's work can be dropped.
        benchmark::DoNotOptimize(out);
        previous = Impl::first(out);
    }
    benchmark::DoNotOptimize(previous);
    set_counters(state, 1, forward_flops<typename Case::network>(1));
}

template <class Impl>
void time_forward_batch(benchmark::State& state)
{
    using Case = typename Impl::case_type;
    const auto impl = std::make_unique<Impl>();
    benchmark::DoNotOptimize(impl.get());
    for (auto _ : state) {
        impl->forward_batch();
        benchmark::ClobberMemory();
    }
    set_counters(state, Case::batch_size, forward_flops<typename Case::network>(Case::batch_size));
}

// The names Google Benchmark shows: a function template per implementation and operation.
#define CTNN_BENCH_OPERATION(operation)                                                          \
    template <class Case>                                                                        \
    void ctnn_##operation(benchmark::State& state)                                               \
    {                                                                                            \
        time_##operation<ctnn_impl<Case>>(state);                                                \
    }                                                                                            \
    template <class Case>                                                                        \
    void eigen_##operation(benchmark::State& state)                                              \
    {                                                                                            \
        time_##operation<eigen_impl<Case>>(state);                                               \
    }                                                                                            \
    template <class Case>                                                                        \
    void naive_##operation(benchmark::State& state)                                              \
    {                                                                                            \
        time_##operation<naive_impl<Case>>(state);                                               \
    }

CTNN_BENCH_OPERATION(train_step)
CTNN_BENCH_OPERATION(forward)
CTNN_BENCH_OPERATION(forward_chained)
CTNN_BENCH_OPERATION(forward_batch)

#undef CTNN_BENCH_OPERATION

#define CTNN_BENCH_CONCAT_(a, b) a##b
#define CTNN_BENCH_CONCAT(a, b) CTNN_BENCH_CONCAT_(a, b)

// Registers a case: its agreement check (run by main.cpp before any timing) and its twelve
// benchmarks. Use at namespace scope inside namespace bench, so that the names stay short:
//   namespace bench { CTNN_BENCH_CASE(or_2_3_1<double>) }
#define CTNN_BENCH_CASE(Case)                                                                    \
    [[maybe_unused]] static const bool CTNN_BENCH_CONCAT(ctnn_bench_check_, __LINE__) =          \
        (case_checks().push_back(&check_case<Case>), true);                                      \
    BENCHMARK_TEMPLATE(ctnn_train_step, Case);                                                   \
    BENCHMARK_TEMPLATE(eigen_train_step, Case);                                                  \
    BENCHMARK_TEMPLATE(naive_train_step, Case);                                                  \
    BENCHMARK_TEMPLATE(ctnn_forward, Case);                                                      \
    BENCHMARK_TEMPLATE(eigen_forward, Case);                                                     \
    BENCHMARK_TEMPLATE(naive_forward, Case);                                                     \
    BENCHMARK_TEMPLATE(ctnn_forward_chained, Case);                                              \
    BENCHMARK_TEMPLATE(eigen_forward_chained, Case);                                             \
    BENCHMARK_TEMPLATE(naive_forward_chained, Case);                                             \
    BENCHMARK_TEMPLATE(ctnn_forward_batch, Case);                                                \
    BENCHMARK_TEMPLATE(eigen_forward_batch, Case);                                               \
    BENCHMARK_TEMPLATE(naive_forward_batch, Case);

} // namespace bench
