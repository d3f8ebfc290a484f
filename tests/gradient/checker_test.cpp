// ctnn::check_gradient is itself tested: against the independent reference in
// gradient_support.hpp, and with gradients made wrong on purpose (an activation whose derivative
// is off by a factor, a loss whose gradient forgets a term) to prove that it fails, and that its
// report names the layer and the parameter that are wrong.
#include "gradient_support.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <set>
#include <span>
#include <sstream>
#include <string>
#include <vector>

namespace {

using gradient_test::f64;
using ctnn::dense;
using ctnn::identity;
using ctnn::input;
using ctnn::no_bias;
using ctnn::sigmoid;
using ctnn::with_bias;

// The sigmoid's value with its derivative multiplied by PerMille / 1000: the kind of slip (a
// doubled or dropped term, a wrong constant) that a gradient check exists to catch. Its value is
// right, so the loss and the finite differences are those of a plain sigmoid network; only
// backprop goes wrong, and only from this layer down.
template <int PerMille>
struct scaled_sigmoid {
    template <class T>
    static T value(T z) noexcept
    {
        return T(1) / (T(1) + std::exp(-z));
    }
    template <class T>
    static T derivative(T /*z*/, T a) noexcept
    {
        return T(PerMille) / T(1000) * a * (T(1) - a);
    }
};
using doubled_sigmoid = scaled_sigmoid<2000>;

// Mean squared error whose gradient divides by the batch size only, forgetting the width:
// 2 (o - t) / rows instead of 2 (o - t) / (rows * Width). Right exactly when Width is 1.
struct mse_forgetting_width {
    static constexpr ctnn::reduction reduction = ctnn::reduction::mean;

    template <std::size_t Width, class T>
    static constexpr T value(std::span<const T> out, std::span<const T> target,
                             std::size_t rows) noexcept
    {
        return ctnn::mean_squared_error::value<Width>(out, target, rows);
    }
    template <std::size_t Width, class T>
    static constexpr T gradient(std::span<const T> out, std::span<const T> target,
                                std::span<T> grad, std::size_t rows) noexcept
    {
        for (std::size_t k = 0; k < rows * Width; ++k)
            grad[k] = T(2) * (out[k] - target[k]) / static_cast<T>(rows);
        return value<Width>(out, target, rows);
    }
};

// The library checker's defaults, as a gradient_test::tolerance, so that the reference can say
// which parameters the checker ought to count as failures.
constexpr gradient_test::tolerance checker_default{1e-7, 1e-5};

// The checker's report about its worst parameter agrees with its own numbers and with where
// gradient_support.hpp's locate(), written independently, puts that parameter.
template <class Net>
void check_report_is_consistent(const ctnn::gradient_check_result& r)
{
    INFO(r);
    REQUIRE(r.worst.flat_index < Net::parameter_count);
    const gradient_test::location at = gradient_test::locate<Net>(r.worst.flat_index);
    CHECK(r.worst.layer == at.layer);
    CHECK(r.worst.is_bias == at.is_bias);
    CHECK(r.worst.row == at.row);
    CHECK(r.worst.col == at.col);
    const ctnn::gradient_check_options defaults;
    const double allowed = defaults.absolute_tolerance +
                           defaults.relative_tolerance *
                               std::fmax(std::fabs(r.analytic), std::fabs(r.numeric));
    CHECK(r.excess == Approx(std::fabs(r.analytic - r.numeric) / allowed).epsilon(1e-12));
    CHECK(r.passed == (r.failures == 0));
    CHECK(r.passed == (r.excess <= 1));
}

} // namespace

TEST_CASE("check_gradient agrees with an independent finite-difference reference",
          "[gradient][checker]")
{
    using net_type =
        ctnn::sequential<f64<>, input<2>, dense<5, identity>, dense<3, no_bias>, dense<1>>;
    constexpr std::size_t batch = 4;
    for (std::uint64_t seed : {11u, 12u, 13u}) {
        INFO("seed " << seed);
        net_type net;
        gradient_test::randomize(net, seed);
        ctnn::random_engine rng(seed);
        const auto x = gradient_test::random_batch<double, batch, 2>(rng, -1, 1);
        const auto t = gradient_test::random_batch<double, batch, 1>(rng, 0, 1);

        const auto r = ctnn::check_gradient(net, x, t, ctnn::half_sum_squares{});
        check_report_is_consistent<net_type>(r);
        CHECK(r.passed);
        CHECK(r.parameters_checked == net_type::parameter_count);

        // The checker's finite difference at its worst parameter is the reference's, and its
        // analytic value is backprop's.
        const auto numeric = gradient_test::reference_gradient<ctnn::half_sum_squares>(net, x, t);
        ctnn::gradient<net_type> grad;
        net.backprop(x, t, grad, ctnn::half_sum_squares{});
        CHECK(r.numeric == Approx(numeric[r.worst.flat_index]).epsilon(1e-6).margin(1e-8));
        CHECK(r.analytic == grad.values()[r.worst.flat_index]);
    }
}

namespace {

// Runs the checker on Net, whose layer WrongLayer has a derivative off by a factor, and compares
// its verdict with the reference's: every parameter of the layers above WrongLayer is right
// (their gradients never pass through the wrong derivative), the checker fails, it counts as
// many failures as the reference finds, and its worst parameter is in a wrong layer.
template <class Net, std::size_t WrongLayer>
void expect_wrong_from_layer(std::uint64_t seed)
{
    INFO(gradient_test::describe_network<Net>() << ", derivative wrong in layer " << WrongLayer
                                                << ", seed " << seed);
    Net net;
    gradient_test::randomize(net, seed);
    ctnn::random_engine rng(seed);
    const auto x = gradient_test::random_batch<double, 3, Net::input_size>(rng, -1, 1);
    const auto t = gradient_test::random_batch<double, 3, Net::output_size>(rng, 0, 1);

    ctnn::gradient<Net> grad;
    net.backprop(x, t, grad, ctnn::half_sum_squares{});
    const auto numeric = gradient_test::reference_gradient<ctnn::half_sum_squares>(net, x, t);

    std::size_t expected_failures = 0;
    std::set<std::size_t> failing_layers;
    for (std::size_t k = 0; k < Net::parameter_count; ++k)
        if (!checker_default.accepts(grad.values()[k], numeric[k])) {
            ++expected_failures;
            failing_layers.insert(gradient_test::locate<Net>(k).layer);
        }
    REQUIRE(expected_failures > 0); // the planted error is visible at all
    CHECK(*failing_layers.rbegin() == WrongLayer);

    const auto r = ctnn::check_gradient(net, x, t, ctnn::half_sum_squares{});
    INFO(r);
    check_report_is_consistent<Net>(r);
    CHECK_FALSE(r.passed);
    CHECK(r.failures == expected_failures);
    CHECK(failing_layers.count(r.worst.layer) == 1);
    if constexpr (WrongLayer == 0)
        CHECK(r.worst.layer == 0);
}

} // namespace

TEMPLATE_TEST_CASE("check_gradient catches a derivative off by a factor, in the layers it affects",
                   "[gradient][checker]", scaled_sigmoid<2000>, scaled_sigmoid<1001>,
                   scaled_sigmoid<500>)
{
    using wrong = TestType;
    for (std::uint64_t seed : {21u, 22u}) {
        expect_wrong_from_layer<
            ctnn::sequential<f64<>, input<3>, dense<4, wrong>, dense<3>, dense<2>>, 0>(seed);
        expect_wrong_from_layer<
            ctnn::sequential<f64<>, input<3>, dense<4>, dense<3, wrong, no_bias>, dense<2>>, 1>(
            seed);
        expect_wrong_from_layer<
            ctnn::sequential<f64<identity>, input<3>, dense<4>, dense<3>, dense<2, wrong>>, 2>(
            seed);
    }
}

TEST_CASE("check_gradient names the exact parameter whose gradient is wrong",
          "[gradient][checker]")
{
    // With targets equal to the outputs except at output `wrong_output`, only that output's
    // delta is non-zero, so only the parameters feeding it have a non-zero gradient; inputs of
    // zero silence the weights of those inputs too. What is left is one parameter, or two.
    constexpr std::size_t wrong_output = 2;

    SECTION("a bias in the only layer")
    {
        using net_type = ctnn::sequential<f64<>, input<2>, dense<3, doubled_sigmoid>>;
        net_type net;
        gradient_test::randomize(net, 31);
        const ctnn::batch<double, 1, 2> x{{{0.0, 0.0}}};
        ctnn::batch<double, 1, 3> t{net.forward(x[0])};
        t[0][wrong_output] += 0.5;

        const auto r = ctnn::check_gradient(net, x, t, ctnn::half_sum_squares{});
        check_report_is_consistent<net_type>(r);
        CHECK_FALSE(r.passed);
        CHECK(r.failures == 1);
        CHECK(r.worst.layer == 0);
        CHECK(r.worst.is_bias);
        CHECK(r.worst.col == wrong_output);
        CHECK(r.worst.flat_index == 2 * 3 + wrong_output);
        CHECK(r.analytic == Approx(2 * r.numeric).epsilon(1e-6));
    }
    SECTION("a weight in a layer without bias")
    {
        using net_type = ctnn::sequential<f64<no_bias>, input<2>, dense<3, doubled_sigmoid>>;
        net_type net;
        gradient_test::randomize(net, 32);
        const ctnn::batch<double, 1, 2> x{{{0.0, 0.75}}};
        ctnn::batch<double, 1, 3> t{net.forward(x[0])};
        t[0][wrong_output] += 0.5;

        const auto r = ctnn::check_gradient(net, x, t, ctnn::half_sum_squares{});
        check_report_is_consistent<net_type>(r);
        CHECK_FALSE(r.passed);
        CHECK(r.failures == 1);
        CHECK(r.worst.layer == 0);
        CHECK_FALSE(r.worst.is_bias);
        CHECK(r.worst.row == 1);
        CHECK(r.worst.col == wrong_output);
        CHECK(r.worst.flat_index == 1 * 3 + wrong_output);
    }
    SECTION("a bias in the second layer, past the first layer's parameters")
    {
        // Layer 0 is linear without bias, so a zero input gives zero hidden activations: every
        // weight gradient vanishes and only layer 1's bias feeding the wrong output is left.
        using net_type = ctnn::sequential<f64<>, input<2>, dense<4, identity, no_bias>,
                                          dense<3, doubled_sigmoid, with_bias>>;
        net_type net;
        gradient_test::randomize(net, 33);
        const ctnn::batch<double, 1, 2> x{{{0.0, 0.0}}};
        ctnn::batch<double, 1, 3> t{net.forward(x[0])};
        t[0][wrong_output] += 0.5;

        const auto r = ctnn::check_gradient(net, x, t, ctnn::half_sum_squares{});
        check_report_is_consistent<net_type>(r);
        CHECK_FALSE(r.passed);
        CHECK(r.failures == 1);
        CHECK(r.worst.layer == 1);
        CHECK(r.worst.is_bias);
        CHECK(r.worst.col == wrong_output);
        CHECK(r.worst.flat_index == 2 * 4 + 4 * 3 + wrong_output);

        // ... and says so when printed.
        std::ostringstream os;
        os << r;
        INFO(os.str());
        CHECK(os.str().find("FAILED") != std::string::npos);
        CHECK(os.str().find("1 of 23 parameters") != std::string::npos);
        CHECK(os.str().find("layer 1 bias[2]") != std::string::npos);
    }
}

TEST_CASE("check_gradient catches a loss whose gradient forgets a term, and passes it where the "
          "term is 1",
          "[gradient][checker]")
{
    ctnn::random_engine rng(41);
    const auto x = gradient_test::random_batch<double, 4, 3>(rng, -1, 1);

    // Width 2: the forgotten 1 / Width doubles every gradient.
    using two_outputs = ctnn::basic_network<f64<>, 3, 4, 2>;
    two_outputs wide;
    gradient_test::randomize(wide, 42);
    const auto t2 = gradient_test::random_batch<double, 4, 2>(rng, 0, 1);
    const auto caught = ctnn::check_gradient(wide, x, t2, mse_forgetting_width{});
    INFO(caught);
    check_report_is_consistent<two_outputs>(caught);
    CHECK_FALSE(caught.passed);
    CHECK(caught.analytic == Approx(2 * caught.numeric).epsilon(1e-5));

    // Width 1: the forgotten factor is 1, the gradient is right, and the checker must agree;
    // this is the twin that proves the failure above is about the gradient, not the loss type.
    using one_output = ctnn::basic_network<f64<>, 3, 4, 1>;
    one_output narrow;
    gradient_test::randomize(narrow, 42);
    const auto t1 = gradient_test::random_batch<double, 4, 1>(rng, 0, 1);
    const auto passed = ctnn::check_gradient(narrow, x, t1, mse_forgetting_width{});
    INFO(passed);
    check_report_is_consistent<one_output>(passed);
    CHECK(passed.passed);
}

TEST_CASE("check_gradient uses the step and tolerances it is given", "[gradient][checker]")
{
    using net_type = ctnn::sequential<f64<>, input<3>, dense<4>, dense<2, scaled_sigmoid<1001>>>;
    net_type net;
    gradient_test::randomize(net, 51);
    ctnn::random_engine rng(51);
    const auto x = gradient_test::random_batch<double, 3, 3>(rng, -1, 1);
    const auto t = gradient_test::random_batch<double, 3, 2>(rng, 0, 1);

    // A derivative 0.1% too large: far outside the default relative tolerance of 1e-5, inside 1e-2.
    const auto strict = ctnn::check_gradient(net, x, t, ctnn::half_sum_squares{});
    INFO(strict);
    CHECK_FALSE(strict.passed);
    ctnn::gradient_check_options lenient;
    lenient.relative_tolerance = 1e-2;
    const auto relaxed = ctnn::check_gradient(net, x, t, ctnn::half_sum_squares{}, lenient);
    INFO(relaxed);
    CHECK(relaxed.passed);

    // A correct network fails when the step is so large that the central difference's own
    // truncation error exceeds the tolerance: the step given is the step used.
    using right_type = ctnn::basic_network<f64<>, 3, 4, 2>;
    right_type right;
    gradient_test::randomize(right, 52);
    CHECK(ctnn::check_gradient(right, x, t, ctnn::half_sum_squares{}).passed);
    ctnn::gradient_check_options coarse;
    coarse.step = 0.5;
    const auto too_coarse = ctnn::check_gradient(right, x, t, ctnn::half_sum_squares{}, coarse);
    INFO(too_coarse);
    CHECK_FALSE(too_coarse.passed);
}

TEST_CASE("float backprop agrees with double backprop on the same parameters",
          "[gradient][float]")
{
    // Finite differences need double, so float's gradient is checked against double's instead:
    // same parameters and data (exactly representable in both), gradients within float accuracy.
    using double_net = ctnn::sequential<f64<identity, no_bias>, input<4>, dense<3, sigmoid>,
                                        dense<3, with_bias>, dense<2, sigmoid, with_bias>,
                                        dense<2>>;
    using float_net = ctnn::sequential<ctnn::options<float, identity, no_bias>, input<4>,
                                       dense<3, sigmoid>, dense<3, with_bias>,
                                       dense<2, sigmoid, with_bias>, dense<2>>;
    float_net single;
    gradient_test::randomize(single, 61);
    double_net twin;
    for (std::size_t k = 0; k < double_net::parameter_count; ++k)
        twin.values()[k] = single.values()[k];

    ctnn::random_engine rng(61);
    const auto xf = gradient_test::random_batch<float, 5, 4>(rng, -1, 1);
    const auto tf = gradient_test::random_batch<float, 5, 2>(rng, -1, 1);
    ctnn::batch<double, 5, 4> xd{};
    ctnn::batch<double, 5, 2> td{};
    for (std::size_t s = 0; s < 5; ++s) {
        std::copy(xf[s].begin(), xf[s].end(), xd[s].begin());
        std::copy(tf[s].begin(), tf[s].end(), td[s].begin());
    }

    ctnn::gradient<float_net> gf;
    ctnn::gradient<double_net> gd;
    const float lf = single.backprop(xf, tf, gf, ctnn::mean_squared_error{});
    const double ld = twin.backprop(xd, td, gd, ctnn::mean_squared_error{});
    CHECK(lf == Approx(ld).epsilon(1e-5));
    const std::vector<double> reference(gd.values().begin(), gd.values().end());
    const auto off = gradient_test::mismatches<float_net>(gf.values(), reference,
                                                          gradient_test::tolerance{1e-6, 1e-4});
    INFO("float gradients that differ from double's:" << gradient_test::join(off));
    CHECK(off.empty());
}

TEST_CASE("check_gradient on a float network uses float's own step and tolerances",
          "[gradient][float][checker]")
{
    // In float a 1e-6 step is mostly rounding; for_scalar<float>() picks a larger step, and the
    // checker divides by the distance between the values it really stored. A correct float
    // network passes; the same network with a wrong derivative still fails.
    using float_net = ctnn::sequential<ctnn::options<float>, input<2>, dense<3>, dense<1>>;
    float_net net;
    gradient_test::randomize(net, 5);
    const ctnn::batch<float, 4, 2> x{{{0, 0}, {0, 1}, {1, 0}, {1, 1}}};
    const ctnn::batch<float, 4, 1> t{{{0}, {1}, {1}, {0}}};
    const auto good = ctnn::check_gradient(net, x, t, ctnn::half_sum_squares{});
    INFO(good);
    CHECK(good.passed);
    CHECK(good.parameters_checked == float_net::parameter_count);

    using bad_net = ctnn::sequential<ctnn::options<float>, input<2>, dense<3, scaled_sigmoid<2000>>,
                                     dense<1>>;
    bad_net bad;
    for (std::size_t k = 0; k < bad_net::parameter_count; ++k)
        bad.values()[k] = net.values()[k];
    const auto caught = ctnn::check_gradient(bad, x, t, ctnn::half_sum_squares{});
    INFO(caught);
    CHECK_FALSE(caught.passed);
    CHECK(caught.worst.layer == 0);
}
