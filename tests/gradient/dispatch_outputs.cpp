// Prints, as hex floats, the outputs and the parameter gradient of a wide network whose every
// product runs through the register-blocked kernels, in float and in double, for a whole
// minibatch and a partial one. tests/gradient/CMakeLists.txt builds this file three times: with
// the default flags (baseline x86-64, so the kernels are dispatched at run time,
// ctnn/detail/cpu_dispatch.hpp), with -mavx2 -mfma and with -mavx512f -mavx2 -mfma (the
// compile-time paths); compare_outputs.cmake then requires the default build, limited to a level,
// to print exactly what the build compiled for that level prints.
//   dispatch_outputs            the level this build runs
//   dispatch_outputs LEVEL      sse2, avx2 or avx512: a dispatching build runs that level
// Prints "skipped: ..." (and succeeds) where the CPU lacks the level.
//
// Why identity activations and these widths: with them every value printed comes from the
// kernels or from operations without a product (bias sums, a - t), so the comparison sees the
// kernels alone; an activation or a plain loop would be contracted into FMA in the -m builds and
// not in the default one. Every layer has at least 32 outputs and inputs, so each product is
// blocked at every level (a whole AVX-512 block of floats is 32 wide), and 40 and 48 leave
// ragged edges; 13 rows leave ragged row blocks and take the run-time row count.
#include <ctnn/ctnn.hpp>

#include <cstdio>
#include <cstring>
#include <memory>

namespace {

template <class T, std::size_t Rows>
void print_network(const char* type)
{
    using net_t = ctnn::sequential<ctnn::options<T, ctnn::identity>, ctnn::input<40>,
                                   ctnn::dense<64>, ctnn::dense<48>, ctnn::dense<32>>;
    static_assert(net_t::template layer<0>::blocked && net_t::template layer<1>::blocked &&
                  net_t::template layer<2>::blocked);
    static_assert(net_t::template layer<1>::blocked_input_gradient &&
                  net_t::template layer<2>::blocked_input_gradient);

    auto net = std::make_unique<net_t>();
    ctnn::initialize(*net, ctnn::xavier_uniform{}, 7);
    auto ws = std::make_unique<typename net_t::template workspace_type<16>>();
    auto grad = std::make_unique<ctnn::gradient<net_t>>();
    ctnn::random_engine rng(11);
    for (std::size_t r = 0; r < Rows; ++r) {
        for (auto& v : ws->input(r))
            v = rng.uniform01<T>() * T(2) - T(1);
        for (auto& v : ws->target(r))
            v = rng.uniform01<T>();
    }
    // The loss is not printed: it squares the errors outside the kernels.
    static_cast<void>(net->backprop(*ws, Rows, *grad, ctnn::half_sum_squares{}));
    for (std::size_t r = 0; r < Rows; ++r)
        for (std::size_t o = 0; o < 32; ++o)
            std::printf("%s rows %zu output %zu %zu %a\n", type, Rows, r, o,
                        static_cast<double>(ws->output(r)[o]));
    std::size_t k = 0;
    for (const auto value : grad->values())
        std::printf("%s rows %zu gradient %zu %a\n", type, Rows, k++,
                    static_cast<double>(value));
}

// Whether this CPU runs `level`, and, in a dispatching build, limit the kernels to it.
bool select_level(const char* level)
{
#if CTNN_DISPATCH
    using ctnn::detail::cpu_level_id;
    cpu_level_id id = cpu_level_id::avx512;
    if (std::strcmp(level, "sse2") == 0)
        id = cpu_level_id::sse2;
    else if (std::strcmp(level, "avx2") == 0)
        id = cpu_level_id::avx2;
    ctnn::detail::cpu_level_limit.store(id);
    return ctnn::detail::cpu_level() == id;
#else
    // A compile-time build runs what it was compiled for, whatever it is asked.
    static_cast<void>(level);
    __builtin_cpu_init();
#if defined(__AVX2__)
    const bool avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#if defined(__AVX512F__)
    return avx2 && __builtin_cpu_supports("avx512f");
#else
    return avx2;
#endif
#else
    return true;
#endif
#endif
}

} // namespace

int main(int argc, char** argv)
{
    const char* level = argc > 1 ? argv[1] : "avx512";
    if (!select_level(level)) {
        std::printf("skipped: this CPU does not run the %s kernels\n", level);
        return 0;
    }
    print_network<float, 16>("float");
    print_network<float, 13>("float");
    print_network<double, 16>("double");
    print_network<double, 13>("double");
    return 0;
}
