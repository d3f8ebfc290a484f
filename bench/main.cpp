// bench/main.cpp: the benchmarks' main. Before anything is timed it checks that ctnn and the
// naive baseline compute the same thing on every case: the same forward outputs, and after one
// training step the same loss and the same weights (1e-12 relative in double, 1e-5 in float).
// A ratio between two codes that disagree would mean nothing, so on any disagreement it names
// the value and exits with failure without running a benchmark.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <type_traits>

#include <benchmark/benchmark.h>

#include <ctnn/loss.hpp>
#include <ctnn/train.hpp>

#include "cases.hpp"

namespace {

// The OR experiment's loss at epoch 1 as NumPy computes it (../shared/seed/SUMMARY.md). Checked
// too, so that the two codes are not merely equally wrong.
constexpr double tutorial_or_epoch_1_loss = 0.34794838215653723;

class agreement {
public:
    void expect_close(const std::string& case_name, const std::string& what, double ctnn_value,
                      double other_value, const char* other_name, double tolerance)
    {
        ++compared_;
        const double scale = std::max(std::abs(ctnn_value), std::abs(other_value));
        const double difference = std::abs(ctnn_value - other_value);
        // Written so that a NaN on either side fails.
        if (difference <= tolerance * scale)
            return;
        ++failures_;
        std::fprintf(stderr,
                     "bench: %s: %s: ctnn %.17g, %s %.17g, relative difference %.3g exceeds "
                     "%.0e\n",
                     case_name.c_str(), what.c_str(), ctnn_value, other_name, other_value,
                     scale > 0 ? difference / scale : difference, tolerance);
    }

    std::size_t compared() const { return compared_; }
    std::size_t failures() const { return failures_; }

private:
    std::size_t compared_ = 0;
    std::size_t failures_ = 0;
};

template <class Case>
void check_case(agreement& check)
{
    using network = typename Case::network;
    using T = typename Case::scalar_type;
    constexpr std::size_t in = network::input_size;
    constexpr double tolerance = std::is_same_v<T, double> ? 1e-12 : 1e-5;
    const std::string name = Case::name();

    network net = Case::make_network();
    auto baseline = bench::to_naive(net);

    const auto check_forward = [&](const std::array<T, in>& x, const std::string& label) {
        const auto ours = net.forward(x);
        const auto& theirs = baseline.forward(bench::to_matrix(ctnn::batch<T, 1, in>{x}));
        for (std::size_t o = 0; o < network::output_size; ++o)
            check.expect_close(name, "forward output " + std::to_string(o) + " of " + label,
                               double(ours[o]), double(theirs[0][o]), "naive", tolerance);
    };
    for (std::size_t s = 0; s < Case::batch_size; ++s)
        check_forward(Case::inputs[s], "training sample " + std::to_string(s));
    const auto inputs = bench::forward_inputs<T, in>();
    for (std::size_t k = 0; k < inputs.size(); ++k)
        check_forward(inputs[k], "benchmark input " + std::to_string(k));

    ctnn::gradient<network> grad;
    const T ours = net.backprop(Case::inputs, Case::targets, grad, ctnn::half_sum_squares{});
    ctnn::sgd{Case::learning_rate}.step(net, grad);
    const T theirs = baseline.train_step(bench::to_matrix(Case::inputs),
                                         bench::to_matrix(Case::targets),
                                         static_cast<T>(Case::learning_rate));
    check.expect_close(name, "loss of the training step", double(ours), double(theirs), "naive",
                       tolerance);
    if constexpr (std::is_same_v<Case, bench::or_2_3_1<double>>)
        check.expect_close(name, "loss at epoch 1", double(ours), tutorial_or_epoch_1_loss,
                           "NumPy", tolerance);
    [&]<std::size_t... L>(std::index_sequence<L...>) {
        (
            [&] {
                const auto w = net.template weights<L>();
                for (std::size_t i = 0; i < w.rows; ++i)
                    for (std::size_t o = 0; o < w.cols; ++o)
                        check.expect_close(name,
                                           "layer " + std::to_string(L) + " weight (" +
                                               std::to_string(i) + ", " + std::to_string(o) +
                                               ") after one training step",
                                           double(w(i, o)), double(baseline.weights[L][i][o]),
                                           "naive", tolerance);
            }(),
            ...);
    }(std::make_index_sequence<network::layer_count>{});
}

} // namespace

int main(int argc, char** argv)
{
    agreement check;
    check_case<bench::or_2_3_1<double>>(check);
    check_case<bench::or_2_3_1<float>>(check);
    check_case<bench::xor_2_4_1<double>>(check);
    check_case<bench::xor_2_4_1<float>>(check);
    if (check.failures() > 0) {
        std::fprintf(stderr,
                     "bench: ctnn and the naive baseline disagree on %zu of %zu values; timing "
                     "them against each other would compare different computations, so no "
                     "benchmark was run.\n",
                     check.failures(), check.compared());
        return EXIT_FAILURE;
    }
    // stderr, so that --benchmark_format=json on stdout stays valid JSON.
    std::fprintf(stderr,
                 "bench: ctnn and the naive baseline agree on all %zu values compared (forward "
                 "outputs, and loss and weights after one training step).\n",
                 check.compared());

    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return EXIT_FAILURE;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return EXIT_SUCCESS;
}
