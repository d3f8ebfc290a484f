// bench/check_case.hpp: check_case<Case>, the start-up check that ctnn and both baselines compute
// the same thing on a case: the same forward outputs (one sample at a time over the forward
// benchmarks' inputs, and the training batch at once), and after one training step the same loss
// and the same value of every weight and bias. A ratio between two codes that disagree would mean
// nothing.
#pragma once

// First, as implementations.hpp explains.
#include "implementations.hpp"

#include <cstddef>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>

#include "agreement.hpp"

namespace bench {

// Relative tolerances, the same for every case and activation: 1e-12 in double (about 4500 ulp)
// and 1e-5 in float (about 84 ulp at 1). The three codes sum in different orders (Eigen blocks
// its products), and their transcendental functions differ:
//   - sigmoid, elu and softplus: Eigen's exp, expm1 and log1p (vectorised in float; Eigen's
//     float expm1 and exp().log1p() measured within 2.6 ulp over [-10, 10]) against ctnn's own
//     (within 1 or 2 ulp, its headers say) and the C library's in naive;
//   - tanh: ctnn's is within 2 ulp of the correctly rounded value; Eigen's, in float, is a
//     rational approximation clamped at +-7.9, measured within 6 ulp over [-10, 10] (5 with
//     FMA); in double Eigen calls std::tanh (glibc, within 1 ulp). So two hidden values differ by
//     up to 8 ulp, about 1e-6 in float, and a next layer's sum of 32 of them, with xavier
//     weights (|w| <= 0.31, sum of |w| about 5), differs by about 1e-6 when the errors' signs
//     vary as they do and 5e-6 if they all agreed, plus 33 roundings of its own.
// Measured on the tanh, elu and softplus cases (at -O3 -march=native and at -O2, ctnn's scalar and
// vectorised activations): float differences below 6e-7 and double ones below 1.2e-15 at the
// scales below, a tenth and a thousandth of the tolerances. The closest call of all, printed at
// start-up, is a float weight of a 784-input layer (sums of 784 and 32 terms) at about 40%.
template <class Case>
constexpr double tolerance_for()
{
    return std::is_same_v<typename Case::scalar_type, double> ? 1e-12 : 1e-5;
}

// The scale a forward output is compared at (agreement.hpp's scale_floor). A sigmoid output is in
// (0, 1) and is compared relative to itself, as it always was. A linear output is a sum of terms
// of order 1 (hidden values of magnitude about 1 or less, times weights up to 0.43) that may
// cancel to near 0: its rounding and the hidden values' errors are absolute errors at the terms'
// scale however small the sum (an output of 1e-3 carries float errors of about 1e-7, 1e-4 of
// itself), so it is compared at the scale max(|value|, 1).
template <class Case>
constexpr double output_scale_floor()
{
    return Case::output_activation == activation_kind::identity ? 1.0 : 0.0;
}

template <class Case>
void check_case(agreement& check)
{
    using network = typename Case::network;
    using T = typename Case::scalar_type;
    constexpr double tolerance = tolerance_for<Case>();
    constexpr T output_floor = T(output_scale_floor<Case>());
    const std::string name = Case::name();

    const auto ours = std::make_unique<ctnn_impl<Case>>();
    const auto eigen = std::make_unique<eigen_impl<Case>>();
    const auto naive = std::make_unique<naive_impl<Case>>();

    // The initial weights, the scale at which the updated ones are compared (agreement.hpp).
    const auto initial = std::make_unique<ctnn_impl<Case>>();

    const auto compare = [&](const auto& what, T value, T eigen_value, T naive_value,
                             T scale = 0) {
        check.expect_close(name, what, double(value), double(eigen_value), "eigen", tolerance,
                           double(scale));
        check.expect_close(name, what, double(value), double(naive_value), "naive", tolerance,
                           double(scale));
    };

    for (std::size_t k = 0; k < forward_input_count; ++k) {
        const auto out = ours->forward(k);
        const auto& eigen_out = eigen->forward(k);
        const auto& naive_out = naive->forward(k);
        for (std::size_t o = 0; o < network::output_size; ++o)
            compare([&] { return "forward output " + std::to_string(o) + " of input " +
                                 std::to_string(k); },
                    out[o], eigen_out(0, static_cast<Eigen::Index>(o)), naive_out[0][o],
                    output_floor);
    }

    ours->forward_batch();
    eigen->forward_batch();
    naive->forward_batch();
    for (std::size_t s = 0; s < Case::batch_size; ++s)
        for (std::size_t o = 0; o < network::output_size; ++o)
            compare([&] { return "batch forward output " + std::to_string(o) + " of training "
                                 "sample " + std::to_string(s); },
                    ours->batch_output(s, o), eigen->batch_output(s, o),
                    naive->batch_output(s, o), output_floor);

    const T loss = ours->train_step();
    compare([] { return "loss of the training step"; }, loss, eigen->train_step(),
            naive->train_step());
    if constexpr (std::is_same_v<Case, or_2_3_1<double>>)
        check.expect_close(name, [] { return "loss at epoch 1"; }, double(loss),
                           tutorial_or_epoch_1_loss, "NumPy", tolerance);

    [&]<std::size_t... L>(std::index_sequence<L...>) {
        (
            [&] {
                using layer = typename network::template layer<L>;
                for (std::size_t i = 0; i < layer::in_size; ++i)
                    for (std::size_t o = 0; o < layer::out_size; ++o)
                        compare(
                            [&] {
                                return "layer " + std::to_string(L) + " weight (" +
                                       std::to_string(i) + ", " + std::to_string(o) +
                                       ") after one training step";
                            },
                            ours->template weight<L>(i, o), eigen->template weight<L>(i, o),
                            naive->template weight<L>(i, o), initial->template weight<L>(i, o));
                if constexpr (layer::has_bias)
                    for (std::size_t o = 0; o < layer::out_size; ++o)
                        compare(
                            [&] {
                                return "layer " + std::to_string(L) + " bias " +
                                       std::to_string(o) + " after one training step";
                            },
                            ours->template bias<L>(o), eigen->template bias<L>(o),
                            naive->template bias<L>(o), initial->template bias<L>(o));
            }(),
            ...);
    }(std::make_index_sequence<network::layer_count>{});
}

} // namespace bench
