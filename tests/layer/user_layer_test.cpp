// The layer extension point: a layer kind defined here, in a test file only, works in forward,
// backprop (checked by finite differences), fit, the trainer, save/load in both formats, bake and
// the cost report, with no library file knowing of it. The kind: a per-unit scale, y = s * x
// with one trainable s per unit, starting at 1.
#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <sstream>
#include <string>
#include <string_view>

#include <ctnn/bake.hpp>
#include <ctnn/ctnn.hpp>
#include <ctnn/gradient_check.hpp>
#include <ctnn/serialization.hpp>

namespace user {

template <class T, std::size_t Width>
struct scale_layer {
    using scalar_type = T;
    static constexpr std::size_t in_size = Width;
    static constexpr std::size_t out_size = Width;
    static constexpr std::string_view kind = "scale";
    static constexpr std::array<ctnn::parameter_block, 1> blocks{
        ctnn::parameter_block{"scale", 1, Width, true, ctnn::block_init::one}};
    static constexpr std::string_view file_name = "user_scale";
    static constexpr std::size_t forward_flops = Width;
    static constexpr std::size_t backward_flops = 2 * Width;
    static constexpr std::size_t input_gradient_flops = Width;
    static constexpr std::size_t transcendentals = 0;

    template <std::size_t Rows, class Context>
    static constexpr void forward(const ctnn::layer_buffers<T>& b, Context&) noexcept
    {
        const std::size_t rows = Rows ? Rows : b.rows;
        for (std::size_t s = 0; s < rows; ++s)
            for (std::size_t k = 0; k < Width; ++k)
                b.y[s * Width + k] = b.params[k] * b.x[s * Width + k];
    }

    template <std::size_t Rows, bool ApplyActivation, bool InputGradient>
    static constexpr void backward(const ctnn::layer_buffers<T>& b, T* delta, T* grad,
                                   T* dx) noexcept
    {
        const std::size_t rows = Rows ? Rows : b.rows;
        for (std::size_t k = 0; k < Width; ++k)
            grad[k] = T(0);
        for (std::size_t s = 0; s < rows; ++s)
            for (std::size_t k = 0; k < Width; ++k) {
                grad[k] += delta[s * Width + k] * b.x[s * Width + k];
                if constexpr (InputGradient)
                    dx[s * Width + k] = delta[s * Width + k] * b.params[k];
            }
    }
};

// What the user writes in a layer list.
struct scale {
    template <class Options, std::size_t In>
    using resolve = scale_layer<typename Options::scalar_type, In>;
    static constexpr std::string_view source = "user::scale";
};

} // namespace user

namespace {

using net_t = ctnn::sequential<ctnn::options<double>, ctnn::input<2>, ctnn::dense<4, ctnn::tanh>,
                               user::scale, ctnn::dense<1, ctnn::identity>>;
static_assert(ctnn::layer<net_t::layer<1>>);
static_assert(net_t::widths == std::array<std::size_t, 4>{2, 4, 4, 1});
static_assert(net_t::parameter_count == 12 + 4 + 5 && net_t::state_count == 0);

constexpr ctnn::batch<double, 4, 2> x{{{0, 0}, {0, 1}, {1, 0}, {1, 1}}};
constexpr ctnn::batch<double, 4, 1> t{{{0}, {1}, {1}, {0}}};

net_t make()
{
    net_t net;
    ctnn::initialize(net, ctnn::xavier_uniform{}, 17);
    return net;
}

} // namespace

TEST_CASE("a user's layer runs forward, and its scale starts at 1", "[layer][extension]")
{
    auto net = make();
    for (double s : net.block<1, 0>())
        REQUIRE(s == 1.0);
    // Scaling unit k by 2 is the same as doubling the next layer's weights from unit k.
    auto doubled = net;
    for (double& s : doubled.block<1, 0>())
        s = 2.0;
    auto reference = net;
    for (std::size_t k = 0; k < 4; ++k)
        reference.weights<2>()(k, 0) *= 2.0;
    for (const auto& sample : x)
        REQUIRE(doubled.forward(sample)[0] == reference.forward(sample)[0]);
}

TEST_CASE("a user's layer backpropagates: finite differences agree", "[layer][extension]")
{
    auto net = make();
    for (std::size_t k = 0; k < 4; ++k)
        net.block<1, 0>()[k] = 0.5 + 0.25 * static_cast<double>(k);
    const auto result = ctnn::check_gradient(net, x, t, ctnn::half_sum_squares{});
    INFO(result);
    REQUIRE(result.passed);
    REQUIRE(result.parameters_checked == net_t::parameter_count);
    // A parameter of the user's block is located by its name.
    const auto where = ctnn::detail::locate<net_t>(13);
    REQUIRE(where.layer == 1);
    REQUIRE(where.block == "scale");
    REQUIRE(where.col == 1);
}

TEST_CASE("a user's layer trains with fit and the trainer", "[layer][extension]")
{
    auto net = make();
    const auto before = net.loss(x, t, ctnn::half_sum_squares{});
    const auto r = ctnn::fit(net, x, t, ctnn::half_sum_squares{}, ctnn::adam{.learning_rate = 0.05},
                             500);
    REQUIRE(r.stop == ctnn::training_stop::none);
    CAPTURE(before, r.loss);
    REQUIRE(r.loss < 0.1 * before);
    REQUIRE(net.block<1, 0>()[0] != 1.0); // the optimiser moved the user's parameters

    auto net2 = make();
    const ctnn::dataset<double, 2, 1> data(x, t);
    ctnn::trainer<net_t, ctnn::half_sum_squares, ctnn::adam, 2> trainer(
        ctnn::adam{.learning_rate = 0.05});
    const auto r2 = trainer.fit(net2, data, 300);
    REQUIRE(r2.stop == ctnn::training_stop::none);
    REQUIRE(net2.loss(x, t, ctnn::half_sum_squares{}) < 0.2 * before);
}

TEST_CASE("a user's layer saves, loads and bakes, and the cost report counts it",
          "[layer][extension]")
{
    auto net = make();
    net.block<1, 0>()[2] = 0.1;
    for (auto how : {ctnn::format::binary, ctnn::format::text}) {
        std::stringstream file;
        REQUIRE(ctnn::save(net, file, how));
        net_t back;
        REQUIRE(ctnn::load(back, file));
        REQUIRE(back == net);
    }
    std::stringstream text;
    REQUIRE(ctnn::save(net, text, ctnn::format::text));
    REQUIRE(text.str().find("network double 2-4-4-1 tanh/bias user_scale identity/bias\n") !=
            std::string::npos);
    REQUIRE(text.str().find("layer 1 scale 4\n0x1p+0 0x1p+0 0x1.999999999999ap-4 0x1p+0\n") !=
            std::string::npos);

    REQUIRE(ctnn::network_source<net_t>() ==
            "ctnn::sequential<ctnn::options<double>, ctnn::input<2>, ctnn::dense<4, ctnn::tanh>, "
            "user::scale, ctnn::dense<1, ctnn::identity>>");
    std::ostringstream baked;
    ctnn::bake(net, baked);
    REQUIRE(baked.str().find("    net.set_block<1, 0>({0x1p+0, 0x1p+0, 0x1.999999999999ap-4, "
                             "0x1p+0}); // layer 1 scale\n") != std::string::npos);

    using c = ctnn::cost<net_t>;
    static_assert(c::forward_flops == (2 * 2 * 4 + 4) + 4 + (2 * 4 + 1));
    static_assert(c::layer_parameter_counts == std::array<std::size_t, 3>{12, 4, 5});
    static_assert(net_t::transcendentals_per_sample == 4);
    SUCCEED();
}
