// Models built and exported in PyTorch (torch_cases.py, run by CTest before this test) load into
// the matching ctnn types, and ctnn's forward pass gives PyTorch's outputs on 100 random inputs.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include <ctnn/network.hpp>
#include <ctnn/serialization.hpp>

namespace {

// The types scripts/ctnn_export_torch.py prints for the four models.
using relu_softmax = ctnn::sequential<ctnn::options<float>, ctnn::input<4>,
                                      ctnn::dense<8, ctnn::relu>, ctnn::dense<3, ctnn::softmax>>;
using tanh_sigmoid =
    ctnn::sequential<ctnn::options<float>, ctnn::input<2>, ctnn::dense<16, ctnn::tanh>,
                     ctnn::dense<16, ctnn::softplus>, ctnn::dense<1, ctnn::sigmoid>>;
using elu_identity =
    ctnn::sequential<ctnn::options<double>, ctnn::input<3>, ctnn::dense<5, ctnn::elu<1, 1>>,
                     ctnn::dense<4, ctnn::leaky_relu<1, 100>, ctnn::no_bias>,
                     ctnn::dense<2, ctnn::identity>>;
using silu_gelu =
    ctnn::sequential<ctnn::options<double>, ctnn::input<3>, ctnn::dense<6, ctnn::silu>,
                     ctnn::dense<6, ctnn::gelu>, ctnn::dense<4, ctnn::gelu_tanh>,
                     ctnn::dense<1, ctnn::identity>>;

// LayerNorm, Dropout (dropped), BatchNorm1d with its running statistics.
using norms = ctnn::sequential<ctnn::options<double>, ctnn::input<3>,
                               ctnn::dense<6, ctnn::identity>, ctnn::layer_norm,
                               ctnn::dense<5, ctnn::relu>, ctnn::dense<4, ctnn::identity>,
                               ctnn::batch_norm, ctnn::dense<2, ctnn::identity>>;

std::string case_path(std::string_view name, std::string_view suffix)
{
    return std::string(CTNN_TORCH_CASES_DIR) + "/" + std::string(name) + std::string(suffix);
}

struct sample {
    std::vector<double> inputs;
    std::vector<double> outputs;
};

// "<hex inputs> : <hex outputs>" per line, as Python's float.hex writes them.
std::vector<sample> read_expected(std::string_view name)
{
    std::ifstream in(case_path(name, ".expected.txt"));
    REQUIRE(in);
    std::vector<sample> samples;
    std::string line;
    while (std::getline(in, line)) {
        sample s;
        bool after_colon = false;
        std::string_view rest(line);
        while (!rest.empty()) {
            const std::size_t space = rest.find(' ');
            std::string_view token = rest.substr(0, space);
            rest = space == std::string_view::npos ? std::string_view{} : rest.substr(space + 1);
            if (token == ":") {
                after_colon = true;
                continue;
            }
            const bool negative = token.starts_with('-');
            if (negative)
                token.remove_prefix(1);
            REQUIRE(token.starts_with("0x"));
            token.remove_prefix(2);
            double value = 0;
            const auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(),
                                                   value, std::chars_format::hex);
            REQUIRE((ec == std::errc{} && end == token.data() + token.size()));
            (after_colon ? s.outputs : s.inputs).push_back(negative ? -value : value);
        }
        samples.push_back(s);
    }
    return samples;
}

template <class Net>
void check_case(std::string_view name, double tolerance)
{
    using T = typename Net::scalar_type;
    Net net;
    const ctnn::io_result r = ctnn::load(net, case_path(name, ".ctnn.txt"));
    INFO(r.message());
    REQUIRE(r);

    const std::vector<sample> samples = read_expected(name);
    REQUIRE(samples.size() == 100);
    double worst = 0;
    double worst_pure = 0; // relative to the value alone, reported only
    for (const sample& s : samples) {
        REQUIRE(s.inputs.size() == Net::input_size);
        REQUIRE(s.outputs.size() == Net::output_size);
        std::array<T, Net::input_size> x{};
        for (std::size_t i = 0; i < x.size(); ++i) {
            x[i] = static_cast<T>(s.inputs[i]);
            REQUIRE(static_cast<double>(x[i]) == s.inputs[i]); // inputs exact in T
        }
        const auto y = net.forward(x);
        for (std::size_t o = 0; o < y.size(); ++o) {
            const double expected = s.outputs[o];
            const double difference = std::fabs(static_cast<double>(y[o]) - expected);
            const double error = difference / std::max(std::fabs(expected), 1.0);
            worst = std::max(worst, error);
            if (expected != 0)
                worst_pure = std::max(worst_pure, difference / std::fabs(expected));
            INFO("output " << o << ": ctnn " << y[o] << ", PyTorch " << expected);
            CHECK(error <= tolerance);
        }
    }
    WARN(name << ": worst difference relative to max(|value|, 1) " << worst
              << ", to |value| alone " << worst_pure);
}

} // namespace

// Relative to max(|PyTorch's value|, 1): a softmax probability near 0 is compared to 1e-6 of the
// row's scale (its terms sum to 1), not to itself. Relative to the value alone, the worst float
// difference measured was 4.9e-7 (a small probability, whose relative error is the logits'
// absolute error): within 1e-6, but close enough that another BLAS summation order could cross it.
TEST_CASE("A PyTorch 4-8-3 relu/softmax float32 model runs the same in ctnn", "[interop][torch]")
{
    check_case<relu_softmax>("relu_softmax", 1e-6);
}

TEST_CASE("A PyTorch 2-16-16-1 tanh/softplus/sigmoid float32 model runs the same in ctnn",
          "[interop][torch]")
{
    check_case<tanh_sigmoid>("tanh_sigmoid", 1e-6);
}

TEST_CASE("A PyTorch 3-5-4-2 elu/leaky_relu/identity float64 model runs the same in ctnn",
          "[interop][torch]")
{
    check_case<elu_identity>("elu_identity", 1e-12);
}

// PyTorch's GELU(approximate="tanh") computes z/2 (1 + tanh(u)), which cancels for z < 0 where
// ctnn's z sigmoid(2u) does not; both within a few ulp elsewhere.
TEST_CASE("A PyTorch 3-6-6-4-1 silu/gelu/gelu_tanh float64 model runs the same in ctnn",
          "[interop][torch]")
{
    check_case<silu_gelu>("silu_gelu", 1e-12);
}

// One training step of a BatchNorm1d in PyTorch's train mode (torch_cases.py's batch_norm_step):
// the batch's statistics in the forward pass, the gradient through them, SGD, and the running
// statistics moved by momentum 0.1 with the unbiased variance; ctnn repeats it from the same
// model and batch.
TEST_CASE("A PyTorch train-mode step through BatchNorm1d is ctnn's: loss, parameters and running "
          "statistics",
          "[interop][torch]")
{
    using net_t = ctnn::sequential<ctnn::options<double>, ctnn::input<3>,
                                   ctnn::dense<4, ctnn::identity>, ctnn::batch_norm,
                                   ctnn::dense<2, ctnn::identity>>;
    net_t net;
    net_t expected;
    REQUIRE(ctnn::load(net, case_path("bn_step", ".before.ctnn.txt")));
    REQUIRE(ctnn::load(expected, case_path("bn_step", ".after.ctnn.txt")));
    const std::vector<sample> rows = read_expected("bn_step_batch");
    REQUIRE(rows.size() == 9); // 8 samples, then the loss
    ctnn::workspace<net_t, 8> ws;
    for (std::size_t r = 0; r < 8; ++r) {
        for (std::size_t i = 0; i < 3; ++i)
            ws.input(r)[i] = rows[r].inputs[i];
        for (std::size_t o = 0; o < 2; ++o)
            ws.target(r)[o] = rows[r].outputs[o];
    }
    ctnn::gradient<net_t> grad;
    const double loss = net.backprop(ws, 8, grad, ctnn::half_sum_squares{});
    CHECK(std::fabs(loss - rows[8].inputs[0]) <= 1e-12 * std::fabs(rows[8].inputs[0]));
    ctnn::sgd{0.1}.step(net, grad);
    net.update_running_state(ws, 8);
    for (std::size_t k = 0; k < net_t::parameter_count; ++k) {
        INFO("parameter " << k);
        CHECK(std::fabs(net.values()[k] - expected.values()[k]) <= 1e-12);
    }
    for (std::size_t k = 0; k < net_t::state_count; ++k) {
        INFO("running statistic " << k);
        CHECK(std::fabs(net.state()[k] - expected.state()[k]) <= 1e-12);
    }
    // And it moved: the running statistics are not what they were.
    net_t before;
    REQUIRE(ctnn::load(before, case_path("bn_step", ".before.ctnn.txt")));
    CHECK(before.state()[0] != expected.state()[0]);
}

// LayerNorm and BatchNorm1d in eval mode (the running statistics PyTorch accumulated), Dropout
// dropped; and the same network trained one step in ctnn keeps agreeing with PyTorch's train
// mode through tests/layer/layer_kinds_test.cpp's figures.
TEST_CASE("A PyTorch float64 model with LayerNorm, Dropout and BatchNorm1d runs the same in ctnn",
          "[interop][torch]")
{
    check_case<norms>("norms", 1e-12);
}
