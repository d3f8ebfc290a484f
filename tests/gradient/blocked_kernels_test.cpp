// The register-blocked products (ctnn/detail/block_kernel.hpp) that wide layers use for the
// forward pass, the weight gradient and the input gradient, against plain loops written here
// that sum in the same documented order: z = b + x_0 w_0 + x_1 w_1 + ..., dW = sum over samples
// in order, dx = sum over outputs in order. The shapes are chosen so that every path runs on
// every instruction set: whole register blocks and ragged edges in rows and in columns, the
// input gradient's W^T tiles (more than one tile for the 64-wide layer), and a partial
// minibatch through the run-time row count. In a default x86-64 build, whose kernels are
// dispatched at run time (ctnn/detail/cpu_dispatch.hpp), every level this CPU runs is tested.
//
// Without FMA contraction the two computations are the same operations in the same order, so
// they must agree exactly. When the target has FMA (-march=native on x86-64, every AArch64:
// CTNN_TARGET_HAS_FMA), or the AVX2 and AVX-512
// kernels of a default build run, the compiler may contract a * b + c differently in the two
// codes, so the tolerance becomes a few ulps of the sums.
#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

#include <ctnn/ctnn.hpp>

namespace {

// Calls f(contracts) once for each kernel level this build and this CPU run, with the kernels
// limited to that level; `contracts`: whether the kernels may use FMA there.
template <class F>
void for_each_level(F f)
{
#if CTNN_DISPATCH
    using ctnn::detail::cpu_level_id;
    for (const auto level : {cpu_level_id::sse2, cpu_level_id::avx2, cpu_level_id::avx512}) {
        ctnn::detail::cpu_level_limit.store(level);
        if (ctnn::detail::cpu_level() != level)
            continue; // this CPU lacks it
        INFO("kernel level " << static_cast<int>(level));
        f(level != cpu_level_id::sse2);
    }
    ctnn::detail::cpu_level_limit.store(cpu_level_id::avx512);
#elif CTNN_TARGET_HAS_FMA
    f(true);
#else
    f(false);
#endif
}

#if CTNN_TARGET_HAS_FMA
constexpr bool test_contracts = true; // this file's own loops may be contracted too
#else
constexpr bool test_contracts = false;
#endif

template <class T>
void require_same(T ours, T reference, T scale, bool contracts)
{
    if (!contracts && !test_contracts) {
        REQUIRE(ours == reference);
    }
    else {
        const T tolerance = (std::is_same_v<T, float> ? T(1e-5) : T(1e-13)) * scale;
        REQUIRE(std::abs(ours - reference) <= tolerance);
    }
}

// The reference: one layer at a time, over std::vector, in the documented order.
template <class Net>
struct reference_pass {
    using T = typename Net::scalar_type;
    std::vector<std::vector<T>> a; // a[0] = input, a[L + 1] = layer L's activation
    std::vector<std::vector<T>> z;
    std::vector<T> gradient;       // flat, in values() order

    template <std::size_t L>
    void forward_layer(const Net& net, std::size_t rows)
    {
        using layer = typename Net::template layer<L>;
        constexpr std::size_t in = layer::in_size, out = layer::out_size;
        z[L].assign(rows * out, T(0));
        a[L + 1].assign(rows * out, T(0));
        for (std::size_t s = 0; s < rows; ++s)
            for (std::size_t o = 0; o < out; ++o) {
                T sum = 0;
                if constexpr (layer::has_bias)
                    sum = net.template bias<L>()[o];
                for (std::size_t i = 0; i < in; ++i)
                    sum += a[L][s * in + i] * net.template weights<L>()(i, o);
                z[L][s * out + o] = sum;
                a[L + 1][s * out + o] = layer::activation_type::value(sum);
            }
        if constexpr (L + 1 < Net::layer_count)
            forward_layer<L + 1>(net, rows);
    }

    // half_sum_squares: dLoss/da = a - t, then the activation derivative from the stored value.
    template <std::size_t L>
    void backward_layer(const Net& net, std::size_t rows, std::vector<T> delta_a,
                        std::size_t offset_end)
    {
        using layer = typename Net::template layer<L>;
        constexpr std::size_t in = layer::in_size, out = layer::out_size;
        std::vector<T> delta(rows * out);
        for (std::size_t k = 0; k < rows * out; ++k)
            delta[k] = delta_a[k] *
                       layer::activation_type::derivative(z[L][k], a[L + 1][k]);
        const std::size_t bias_begin = offset_end - layer::bias_count;
        const std::size_t weight_begin = bias_begin - layer::weight_count;
        for (std::size_t i = 0; i < in; ++i)
            for (std::size_t o = 0; o < out; ++o) {
                T sum = 0;
                for (std::size_t s = 0; s < rows; ++s)
                    sum += a[L][s * in + i] * delta[s * out + o];
                gradient[weight_begin + i * out + o] = sum;
            }
        if constexpr (layer::has_bias)
            for (std::size_t o = 0; o < out; ++o) {
                T sum = 0;
                for (std::size_t s = 0; s < rows; ++s)
                    sum += delta[s * out + o];
                gradient[bias_begin + o] = sum;
            }
        if constexpr (L > 0) {
            std::vector<T> previous(rows * in);
            for (std::size_t s = 0; s < rows; ++s)
                for (std::size_t i = 0; i < in; ++i) {
                    T sum = 0;
                    for (std::size_t o = 0; o < out; ++o)
                        sum += delta[s * out + o] * net.template weights<L>()(i, o);
                    previous[s * in + i] = sum;
                }
            backward_layer<L - 1>(net, rows, std::move(previous), weight_begin);
        }
    }

    void run(const Net& net, const std::vector<T>& inputs, const std::vector<T>& targets,
             std::size_t rows)
    {
        a.assign(Net::layer_count + 1, {});
        z.assign(Net::layer_count, {});
        a[0] = inputs;
        forward_layer<0>(net, rows);
        std::vector<T> delta(rows * Net::output_size);
        for (std::size_t k = 0; k < delta.size(); ++k)
            delta[k] = a[Net::layer_count][k] - targets[k];
        gradient.assign(Net::parameter_count, T(0));
        backward_layer<Net::layer_count - 1>(net, rows, std::move(delta), Net::parameter_count);
    }
};

// Backprop over `rows` rows of a Batch workspace against reference_pass, on inputs and targets
// drawn from data_seed and weights from init_seed: the batch's outputs and every gradient
// (exactly where nothing is contracted), and the loss to rounding. With single_samples, also
// each row's output against its own single-sample forward pass.
template <class Net, std::size_t Batch>
void check_against_reference(std::size_t rows, bool contracts, std::uint64_t init_seed,
                             std::uint64_t data_seed, bool single_samples)
{
    using T = typename Net::scalar_type;
    constexpr std::size_t in = Net::input_size, out = Net::output_size;
    constexpr std::size_t last = Net::layer_count;
    auto net = std::make_unique<Net>();
    ctnn::initialize(*net, ctnn::xavier_uniform{}, init_seed);
    auto ws = std::make_unique<typename Net::template workspace_type<Batch>>();
    auto grad = std::make_unique<ctnn::gradient<Net>>();
    ctnn::random_engine rng(data_seed);
    std::vector<T> inputs(rows * in), targets(rows * out);
    for (std::size_t r = 0; r < rows; ++r) {
        for (std::size_t i = 0; i < in; ++i)
            ws->input(r)[i] = inputs[r * in + i] = rng.uniform01<T>() * T(2) - T(1);
        for (std::size_t o = 0; o < out; ++o)
            ws->target(r)[o] = targets[r * out + o] = rng.uniform01<T>();
    }
    const T loss = net->backprop(*ws, rows, *grad, ctnn::half_sum_squares{});

    reference_pass<Net> reference;
    reference.run(*net, inputs, targets, rows);
    T reference_loss = 0;
    for (std::size_t k = 0; k < rows * out; ++k) {
        const T d = reference.a[last][k] - targets[k];
        reference_loss += d * d;
    }
    reference_loss /= T(2);

    for (std::size_t r = 0; r < rows; ++r)
        for (std::size_t o = 0; o < out; ++o)
            require_same(ws->output(r)[o], reference.a[last][r * out + o], T(4), contracts);
    // The loss is a sum over outputs that the library takes in partial sums (ctnn/loss.hpp), so
    // it agrees to rounding, not bit for bit; the kernels' outputs and gradients below must.
    REQUIRE(std::abs(loss - reference_loss) <=
            (std::is_same_v<T, float> ? T(1e-5) : T(1e-13)) * reference_loss);
    const auto values = grad->values();
    for (std::size_t k = 0; k < Net::parameter_count; ++k) {
        INFO("parameter " << k);
        require_same(values[k], reference.gradient[k], T(4), contracts);
    }
    if (single_samples)
        for (std::size_t r = 0; r < rows; ++r) {
            std::array<T, in> x{};
            for (std::size_t i = 0; i < in; ++i)
                x[i] = inputs[r * in + i];
            const auto one = net->forward(x);
            for (std::size_t o = 0; o < out; ++o)
                require_same(ws->output(r)[o], one[o], T(4), contracts);
        }
}

// 40-64-40-3: layers 0 and 1 are wide enough for the blocked forward and weight gradient on
// every instruction set (In * Out >= 1024, Out >= one register block), layer 1's input gradient
// is blocked over two W^T tiles (2048 / 64 = 32 outputs a tile, 40 outputs), and 64 and 40
// leave ragged column edges for 16-lane vectors; layer 2 (3 outputs, fewer than a vector)
// computes its weight gradient transposed, across its 40 inputs.
template <class T, class Bias, std::size_t Batch>
void check_wide_network(std::size_t rows, bool contracts)
{
    using net_t = ctnn::sequential<ctnn::options<T, Bias>, ctnn::input<40>, ctnn::dense<64>,
                                   ctnn::dense<40, ctnn::tanh>, ctnn::dense<3, ctnn::identity>>;
    static_assert(net_t::template layer<0>::blocked && net_t::template layer<1>::blocked);
    static_assert(net_t::template layer<1>::blocked_input_gradient);
    static_assert(!net_t::template layer<2>::blocked);
    // (Double on plain SSE2 has 2 lanes: 3 outputs are no longer "narrow" there.)
    static_assert(net_t::template layer<2>::blocked_narrow_weight_gradient ||
                  3 >= ctnn::detail::block_lanes<T>);
    check_against_reference<net_t, Batch>(rows, contracts, 7, 11, false);
}

// blocked_product itself, C = init + A B, against the plain sum in the same order for every
// output: exactly where nothing is contracted; otherwise within (k + 1) eps sum |terms|. Why that
// bound: a chain of k additions, fused or not, lies within gamma_k sum |terms| of the exact sum
// (gamma_k = k u / (1 - k u), u = eps / 2; Higham, Accuracy and Stability, 3.1), so two such
// chains lie within 2 gamma_k of each other, which is below (k + 1) eps for every k here.
//
// Short: short_rows_product instead (the rows of a layer of 4 to 16 outputs, dense.hpp's
// short_rows), which is not dispatched: `contracts` is then false and test_contracts decides.
template <class T, std::size_t Cols, bool Short = false>
void check_product(std::size_t rows, std::size_t k_count, bool with_init, bool contracts)
{
    INFO("Cols " << Cols << ", rows " << rows << ", k " << k_count << ", init " << with_init);
    ctnn::random_engine rng(Cols * 1000 + rows * 10 + k_count);
    const auto value = [&rng] { return rng.uniform01<T>() * T(2) - T(1); };
    std::vector<T> a(rows * k_count), b(k_count * Cols), init(Cols), c(rows * Cols, T(-7));
    for (auto* v : {&a, &b, &init})
        for (auto& x : *v)
            x = value();
    if constexpr (Short)
        ctnn::detail::short_rows_product<T, Cols>(a.data(), k_count, 1, b.data(), k_count,
                                                  with_init ? init.data() : nullptr, c.data(),
                                                  rows);
    else
        ctnn::detail::blocked_product<T, Cols>(a.data(), k_count, 1, b.data(), k_count,
                                               with_init ? init.data() : nullptr, c.data(), rows);
    for (std::size_t m = 0; m < rows; ++m)
        for (std::size_t n = 0; n < Cols; ++n) {
            T sum = with_init ? init[n] : T(0);
            T magnitude = std::abs(sum);
            for (std::size_t k = 0; k < k_count; ++k) {
                sum += a[m * k_count + k] * b[k * Cols + n];
                magnitude += std::abs(a[m * k_count + k] * b[k * Cols + n]);
            }
            INFO("C(" << m << ", " << n << ")");
            if (!contracts && !test_contracts)
                REQUIRE(c[m * Cols + n] == sum);
            else
                REQUIRE(std::abs(c[m * Cols + n] - sum) <=
                        T(k_count + 1) * std::numeric_limits<T>::epsilon() * magnitude);
        }
}

// Column counts below, at and above each level's register block (16 lanes of float, and 8 of
// double, per AVX-512 vector), with ragged edges; row counts around the 4- and 8-row blocks.
template <class T>
void check_products(bool contracts)
{
    for (const std::size_t rows : {1u, 5u, 8u, 13u, 16u})
        for (const std::size_t k_count : {1u, 37u, 300u}) {
            check_product<T, 16>(rows, k_count, true, contracts);
            check_product<T, 40>(rows, k_count, false, contracts);
            check_product<T, 64>(rows, k_count, true, contracts);
            check_product<T, 100>(rows, k_count, true, contracts);
        }
}

// Widths that split into every vector size down to 16 bytes (12 floats: 8 + 4 with AVX; 14
// doubles: 8 + 4 + 2 with AVX-512) and ones that end in plain columns (6 and 5 floats).
template <class T>
void check_short_products()
{
    for (const std::size_t rows : {1u, 4u, 7u})
        for (const std::size_t k_count : {1u, 4u, 13u}) {
            check_product<T, 4, true>(rows, k_count, true, false);
            check_product<T, 5, true>(rows, k_count, false, false);
            check_product<T, 6, true>(rows, k_count, true, false);
            check_product<T, 8, true>(rows, k_count, false, false);
            check_product<T, 12, true>(rows, k_count, true, false);
            check_product<T, 14, true>(rows, k_count, true, false);
            check_product<T, 16, true>(rows, k_count, false, false);
        }
}

// 8-8-12-4, batches of up to 8: with GCC the first two layers' forward passes over more than one
// row take short_rows_product (8 and 12 outputs are whole 16-byte vectors in float and double,
// neither wide enough for a register block nor, at 8 rows, for the narrow transposed path), and
// so does the last in double (4 float outputs, a single 16-byte vector, keep the plain loops);
// checked as the wide network is, at the compile-time row count and a partial one.
template <class T, class Bias>
void check_short_network(std::size_t rows)
{
    using net_t = ctnn::sequential<ctnn::options<T, Bias>, ctnn::input<8>, ctnn::dense<8>,
                                   ctnn::dense<12, ctnn::tanh>, ctnn::dense<4, ctnn::identity>>;
    static_assert(net_t::template layer<0>::short_rows == ctnn::detail::short_rows_in_vectors);
    static_assert(net_t::template layer<1>::short_rows == ctnn::detail::short_rows_in_vectors);
    static_assert(net_t::template layer<2>::short_rows ==
                  (ctnn::detail::short_rows_in_vectors && sizeof(T) == sizeof(double)));
    // And each row's output against its own single-sample forward pass (one row: the plain
    // loops).
    check_against_reference<net_t, 8>(rows, false, 17, 19, true);
}

} // namespace

TEST_CASE("blocked kernels: short rows match plain sums in order", "[blocked]")
{
    if constexpr (ctnn::detail::has_block_kernel) {
        check_short_products<float>();
        check_short_products<double>();
    }
}

TEST_CASE("blocked kernels: layers of 4 to 16 outputs match the plain order", "[blocked]")
{
    check_short_network<float, ctnn::with_bias>(8);
    check_short_network<float, ctnn::no_bias>(5);
    check_short_network<double, ctnn::with_bias>(8);
    check_short_network<double, ctnn::no_bias>(3);
}

TEST_CASE("blocked kernels: every level's products match plain sums in order", "[blocked]")
{
    for_each_level([](bool contracts) {
        check_products<float>(contracts);
        check_products<double>(contracts);
    });
}

TEST_CASE("blocked kernels: wide layers match the plain order, float", "[blocked]")
{
    for_each_level([](bool contracts) {
        check_wide_network<float, ctnn::with_bias, 16>(16, contracts); // whole row blocks
        check_wide_network<float, ctnn::with_bias, 16>(13, contracts); // ragged rows, run time
        check_wide_network<float, ctnn::no_bias, 16>(5, contracts); // fewer rows than a block
    });
}

TEST_CASE("blocked kernels: wide layers match the plain order, double", "[blocked]")
{
    for_each_level([](bool contracts) {
        check_wide_network<double, ctnn::with_bias, 16>(16, contracts);
        check_wide_network<double, ctnn::no_bias, 16>(13, contracts);
        check_wide_network<double, ctnn::with_bias, 16>(1, contracts);
    });
}

TEST_CASE("blocked kernels: backprop of a wide network passes the finite-difference check",
          "[blocked]")
{
    using net_t = ctnn::sequential<ctnn::options<double>, ctnn::input<40>, ctnn::dense<64>,
                                   ctnn::dense<40, ctnn::tanh>, ctnn::dense<3, ctnn::identity>>;
    auto net = std::make_unique<net_t>();
    ctnn::initialize(*net, ctnn::xavier_uniform{}, 3);
    ctnn::random_engine rng(5);
    ctnn::batch<double, 9, 40> x{};
    ctnn::batch<double, 9, 3> t{};
    for (auto& row : x)
        for (auto& v : row)
            v = rng.uniform01<double>() * 2 - 1;
    for (auto& row : t)
        for (auto& v : row)
            v = rng.uniform01<double>();
    const auto report = ctnn::check_gradient(*net, x, t, ctnn::half_sum_squares{});
    INFO(report);
    REQUIRE(report.passed);
}
