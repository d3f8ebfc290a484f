// bench/int8.cpp: the int8 forward pass (ctnn/quantized/) against the float one it was quantised
// from, one sample at a time over the same ring of inputs (as benchmarks.hpp's forward):
//   float_forward<case>   ctnn's float network, forward(x)
//   int8_forward<case>    the int8 network ctnn::quantize made of it, forward(quantized x): the
//                         integer pass alone (the inputs are quantised once, before timing),
//                         with the best kernels the CPU runs (ctnn/quantized/kernels.hpp)
//   int8_forward_avx2<case>, int8_forward_plain<case>: the same with the kernels capped at
//                         AVX2 (a CPU without AVX-512 VNNI) and at the plain loops; in a build
//                         that dispatches only (not with -march=native)
// on 64-32-10 relu, 784-128-64-10 relu (linear outputs) and 16-32-32-1 tanh (RTNeural's
// benchmark network's activations). Their names are not ctnn_/eigen_/naive_ ones, so
// scripts/bench.sh's table leaves them out; read them from the binary's own output:
//   ctnn_bench --benchmark_filter='int8_forward|float_forward'
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include <benchmark/benchmark.h>

#include <ctnn/quantized/quantize.hpp>

#include "cases.hpp"

namespace bench {

namespace {

// A float network (Hidden in the hidden layers, a linear output), its weights from
// bench_initializer, and its int8 form calibrated on the forward ring. FLOP/s counts the float
// network's operations for both, so that the two rates compare (an int8 multiply-add counts 2).
template <class Hidden, std::size_t... Widths>
struct int8_case {
    static constexpr std::array<std::size_t, sizeof...(Widths)> widths{Widths...};
    template <std::size_t... L>
    static auto layered(std::index_sequence<L...>)
        -> ctnn::sequential<ctnn::options<float, Hidden>, ctnn::input<widths[0]>,
                            ctnn::dense<widths[L + 1]>...,
                            ctnn::dense<widths[sizeof...(Widths) - 1], ctnn::identity>>;
    using network = decltype(layered(std::make_index_sequence<sizeof...(Widths) - 2>{}));
    using int8_network = ctnn::quantized_for<network>;

    network net;
    int8_network q;
    forward_ring<float, network::input_size> ring = forward_inputs<float, network::input_size>();
    std::array<typename int8_network::input_type, forward_input_count> int8_ring{};

    int8_case()
    {
        ctnn::initialize(net, bench_initializer{}, 2024);
        q = ctnn::quantize(net, ring);
        for (std::size_t k = 0; k < forward_input_count; ++k)
            int8_ring[k] = ctnn::quantize_input(q, ring[k]);
    }
};

struct relu_64_32_10 : int8_case<ctnn::relu, 64, 32, 10> {};
struct relu_784_128_64_10 : int8_case<ctnn::relu, 784, 128, 64, 10> {};
struct tanh_16_32_32_1 : int8_case<ctnn::tanh, 16, 32, 32, 1> {};

// One sample a call over a case's ring: pass(c, k) runs the k-th.
template <class Case, class Pass>
void time_ring(benchmark::State& state, Pass pass)
{
    const auto c = std::make_unique<Case>();
    benchmark::DoNotOptimize(c.get());
    std::size_t k = 0;
    for (auto _ : state) {
        const auto out = pass(*c, k++ % forward_input_count);
        benchmark::DoNotOptimize(out);
    }
    set_counters(state, 1, static_cast<double>(Case::network::forward_flops));
}

template <class Case>
void float_forward(benchmark::State& state)
{
    time_ring<Case>(state, [](const Case& c, std::size_t k) { return c.net.forward(c.ring[k]); });
}

template <class Case>
void int8_forward(benchmark::State& state)
{
    time_ring<Case>(state,
                    [](const Case& c, std::size_t k) { return c.q.forward(c.int8_ring[k]); });
}

#if CTNN_DISPATCH
// int8_forward with the kernels capped at Level for the run.
template <class Case, ctnn::detail::cpu_level_id Level>
void int8_forward_capped(benchmark::State& state)
{
    if (ctnn::detail::cpu_level() < Level) {
        state.SkipWithError("this CPU does not run the level");
        return;
    }
    ctnn::detail::cpu_level_limit.store(Level);
    int8_forward<Case>(state);
    ctnn::detail::cpu_level_limit.store(ctnn::detail::cpu_level_id::avx512);
}
template <class Case>
void int8_forward_avx2(benchmark::State& state)
{
    int8_forward_capped<Case, ctnn::detail::cpu_level_id::avx2>(state);
}
template <class Case>
void int8_forward_plain(benchmark::State& state)
{
    int8_forward_capped<Case, ctnn::detail::cpu_level_id::sse2>(state);
}
#endif

} // namespace

BENCHMARK_TEMPLATE(float_forward, relu_64_32_10);
BENCHMARK_TEMPLATE(int8_forward, relu_64_32_10);
BENCHMARK_TEMPLATE(float_forward, relu_784_128_64_10);
BENCHMARK_TEMPLATE(int8_forward, relu_784_128_64_10);
BENCHMARK_TEMPLATE(float_forward, tanh_16_32_32_1);
BENCHMARK_TEMPLATE(int8_forward, tanh_16_32_32_1);
#if CTNN_DISPATCH
BENCHMARK_TEMPLATE(int8_forward_avx2, relu_64_32_10);
BENCHMARK_TEMPLATE(int8_forward_avx2, relu_784_128_64_10);
BENCHMARK_TEMPLATE(int8_forward_avx2, tanh_16_32_32_1);
BENCHMARK_TEMPLATE(int8_forward_plain, relu_64_32_10);
BENCHMARK_TEMPLATE(int8_forward_plain, relu_784_128_64_10);
BENCHMARK_TEMPLATE(int8_forward_plain, tanh_16_32_32_1);
#endif

} // namespace bench
