// The activation extension point: an activation defined in this file alone, as a user would (no
// ctnn::detail), with the facts it declares about itself (ctnn/activation/concept.hpp), works in
// every feature an activation takes part in without any library file knowing it: forward,
// backprop against finite differences, ctnn::fit, ctnn::trainer, saving and loading, bake's
// spelling of the network, and the cost report.
#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <ctnn/bake.hpp>
#include <ctnn/cost.hpp>
#include <ctnn/gradient_check.hpp>
#include <ctnn/initializer.hpp>
#include <ctnn/serialization.hpp>
#include <ctnn/trainer.hpp>

namespace user {

// softsign(z) = z / (1 + |z|), derivative 1 / (1 + |z|)^2.
struct softsign {
    static constexpr std::string_view name = "softsign";
    static constexpr std::string_view source_name = "user::softsign";
    static constexpr std::size_t transcendentals = 0;

    template <class T>
    static constexpr T value(T z) noexcept
    {
        return z / (T(1) + (z < 0 ? -z : z));
    }
    template <class T>
    static constexpr T derivative(T z, T /*a*/) noexcept
    {
        const T d = T(1) + (z < 0 ? -z : z);
        return T(1) / (d * d);
    }
};

} // namespace user

namespace {

using net_t = ctnn::sequential<ctnn::options<double>, ctnn::input<2>,
                               ctnn::dense<4, user::softsign>, ctnn::dense<1, ctnn::identity>>;

net_t seeded()
{
    net_t net;
    ctnn::initialize(net, ctnn::xavier_uniform{}, 5);
    return net;
}

// XOR-like targets in [-1, 1].
const ctnn::batch<double, 4, 2> inputs{{{0, 0}, {0, 1}, {1, 0}, {1, 1}}};
const ctnn::batch<double, 4, 1> targets{{{-0.5}, {0.5}, {0.5}, {-0.5}}};

} // namespace

TEST_CASE("a user's activation: forward is the closed form of its value")
{
    const net_t net = seeded();
    const std::array<double, 2> x{0.3, -1.2};
    double out = net.bias<1>()[0];
    for (std::size_t h = 0; h < 4; ++h) {
        double z = net.bias<0>()[h];
        for (std::size_t i = 0; i < 2; ++i)
            z += net.weights<0>()(i, h) * x[i];
        out += net.weights<1>()(h, 0) * (z / (1 + std::fabs(z)));
    }
    CHECK(net.forward(x)[0] == Approx(out).epsilon(1e-14));
}

TEST_CASE("a user's activation: backprop matches finite differences")
{
    net_t net = seeded();
    const auto checked = ctnn::check_gradient(net, inputs, targets, ctnn::half_sum_squares{});
    INFO(checked);
    CHECK(checked.passed);
    CHECK(checked.parameters_checked == net_t::parameter_count);
}

TEST_CASE("a user's activation: fit and the trainer train with it")
{
    net_t net = seeded();
    const double start = net.loss(inputs, targets, ctnn::half_sum_squares{});
    const auto fitted = ctnn::fit(net, inputs, targets, ctnn::half_sum_squares{},
                                  ctnn::adam{.learning_rate = 0.05}, 400);
    CHECK(fitted.completed());
    CHECK(net.loss(inputs, targets, ctnn::half_sum_squares{}) < start / 10);

    const std::vector<std::array<double, 2>> xs(inputs.begin(), inputs.end());
    const std::vector<std::array<double, 1>> ts(targets.begin(), targets.end());
    const ctnn::dataset<double, 2, 1> data(xs, ts);
    net_t minibatched = seeded();
    ctnn::trainer<net_t, ctnn::mean_squared_error, ctnn::adam, 2> trainer(
        ctnn::adam{.learning_rate = 0.05});
    const double before = trainer.evaluate(minibatched, data).loss;
    const auto trained = trainer.fit(minibatched, data, 300);
    CHECK(trained.completed());
    CHECK(trained.epochs == 300);
    CHECK(trainer.evaluate(minibatched, data).loss < before / 10);
}

TEST_CASE("a user's activation: saved under its own name and loaded bit for bit")
{
    const net_t net = seeded();
    for (const auto how : {ctnn::format::binary, ctnn::format::text}) {
        std::stringstream file;
        REQUIRE(ctnn::save(net, file, how));
        if (how == ctnn::format::text)
            CHECK(file.str().find("softsign/bias identity/bias") != std::string::npos);
        net_t loaded;
        REQUIRE(ctnn::load(loaded, file));
        CHECK(loaded == net);
    }
}

TEST_CASE("a user's activation: bake spells it, the cost report counts it")
{
    CHECK(ctnn::network_source<net_t>().find("ctnn::dense<4, user::softsign>") !=
          std::string::npos);
    std::ostringstream header;
    ctnn::bake(seeded(), header, {.variable_name = "model", .extra_include = "user.hpp"});
    CHECK(header.str().find("user::softsign") != std::string::npos);
    CHECK(header.str().find("#include \"user.hpp\"") != std::string::npos);

    static_assert(ctnn::cost<net_t>::transcendentals_per_sample == 0); // as it declares
    static_assert(ctnn::activation_cost<user::softsign>::transcendentals_per_unit == 0);
    static_assert(ctnn::activation_name<user::softsign>::value == "softsign");
}
