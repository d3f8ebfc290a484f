// softmax with a loss that is not fused with it (mean_squared_error, half_sum_squares): backprop
// then goes through softmax::backward, the Jacobian-vector product a_i (g_i - sum_j g_j a_j),
// which the fused categorical_cross_entropy path skips. Checked against finite differences of
// the reference's softmax (exp(z_i) / sum_j exp(z_j), written in reference_network.hpp), as the
// output layer and as a hidden layer, and against the Jacobian written out entry by entry.
#include "reference_network.hpp"

#include <array>
#include <cmath>
#include <cstddef>
#include <tuple>

namespace {

using reference::f64;
using ctnn::dense;
using ctnn::input;
using ctnn::no_bias;
using ctnn::softmax;

using softmax_networks = std::tuple<
    // softmax straight on the inputs, and after a hidden layer.
    ctnn::sequential<f64<>, input<4>, dense<3, softmax>>,
    ctnn::sequential<f64<>, input<3>, dense<4, ctnn::tanh>, dense<3, softmax>>,
    // Deeper, without bias, after a relu (kinks kept clear as in the activation sweep).
    ctnn::sequential<f64<no_bias>, input<2>, dense<3, ctnn::relu>, dense<4, ctnn::softplus>,
                     dense<5, softmax>>,
    // softmax as a hidden layer, feeding a linear output.
    ctnn::sequential<f64<>, input<3>, dense<4, softmax>, dense<2, ctnn::identity>>,
    // A softmax of one output is the constant 1: every gradient through it is 0.
    ctnn::sequential<f64<>, input<2>, dense<3, ctnn::sigmoid>, dense<1, softmax>>>;

} // namespace

TEMPLATE_LIST_TEST_CASE("backprop through softmax with mean_squared_error matches finite "
                        "differences",
                        "[gradient][softmax][mean_squared_error]", softmax_networks)
{
    reference::check_batches<TestType, ctnn::mean_squared_error>(reference::targets::soft_rows);
    reference::check_batches<TestType, ctnn::mean_squared_error>(reference::targets::one_hot);
}

TEMPLATE_LIST_TEST_CASE("backprop through softmax with half_sum_squares matches finite "
                        "differences",
                        "[gradient][softmax][half_sum_squares]", softmax_networks)
{
    reference::check_batches<TestType, ctnn::half_sum_squares>(
        reference::targets::signed_values);
}

TEMPLATE_TEST_CASE("softmax::backward is the transposed Jacobian times g", "[gradient][softmax]",
                   float, double)
{
    // J_ij = da_i/dz_j = a_i (delta_ij - a_j), symmetric; backward must give (J^T g)_j.
    using T = TestType;
    const std::array<T, 4> z{T(0.3), T(-1.2), T(2.0), T(0.5)};
    const std::array<T, 4> g{T(1.5), T(-0.25), T(0.75), T(-2.0)};
    double sum = 0;
    for (T v : z)
        sum += std::exp(static_cast<double>(v));
    std::array<double, 4> a_ref{};
    for (std::size_t i = 0; i < 4; ++i)
        a_ref[i] = std::exp(static_cast<double>(z[i])) / sum;

    std::array<T, 4> a{};
    softmax::forward<4>(z.data(), a.data());
    std::array<T, 4> dz = g;
    softmax::backward<4>(z.data(), a.data(), dz.data());

    const double digits = std::is_same_v<T, float> ? 1e-6 : 1e-14;
    for (std::size_t j = 0; j < 4; ++j) {
        double expected = 0;
        for (std::size_t i = 0; i < 4; ++i)
            expected += static_cast<double>(g[i]) * a_ref[i] * ((i == j ? 1.0 : 0.0) - a_ref[j]);
        CHECK(a[j] == Approx(a_ref[j]).epsilon(digits));
        CHECK(dz[j] == Approx(expected).epsilon(digits * 10).margin(digits));
    }

    // The Jacobian's rows sum to 0 (the outputs always sum to 1): a uniform g gives dz = 0.
    std::array<T, 4> uniform{T(3), T(3), T(3), T(3)};
    softmax::backward<4>(z.data(), a.data(), uniform.data());
    for (T v : uniform)
        CHECK(std::fabs(static_cast<double>(v)) <= digits * 10);
}
