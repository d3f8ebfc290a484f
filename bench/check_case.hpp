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

// Relative tolerances: a few rounding errors of the scalar type, given that the three codes sum
// in different orders (Eigen blocks its products and uses its own vectorised exp).
template <class Case>
constexpr double tolerance_for()
{
    return std::is_same_v<typename Case::scalar_type, double> ? 1e-12 : 1e-5;
}

template <class Case>
void check_case(agreement& check)
{
    using network = typename Case::network;
    using T = typename Case::scalar_type;
    constexpr double tolerance = tolerance_for<Case>();
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
                    out[o], eigen_out(0, static_cast<Eigen::Index>(o)), naive_out[0][o]);
    }

    ours->forward_batch();
    eigen->forward_batch();
    naive->forward_batch();
    for (std::size_t s = 0; s < Case::batch_size; ++s)
        for (std::size_t o = 0; o < network::output_size; ++o)
            compare([&] { return "batch forward output " + std::to_string(o) + " of training "
                                 "sample " + std::to_string(s); },
                    ours->batch_output(s, o), eigen->batch_output(s, o),
                    naive->batch_output(s, o));

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
