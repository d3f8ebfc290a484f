// Losses and gradients worked out by hand for networks small enough to differentiate on paper:
// a linear unit (where every figure is exact in binary) and a single sigmoid unit (by the chain
// rule). Unlike finite differences these pin down the absolute scale of each loss: a gradient
// that is the exact derivative of the wrong loss passes a gradient check but not these.
#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <type_traits>

#include <ctnn/ctnn.hpp>

namespace {

// Float keeps about 7 digits; the hand figures are computed in long double.
template <class T>
constexpr double digits = std::is_same_v<T, float> ? 1e-5 : 1e-14;

} // namespace

TEMPLATE_TEST_CASE("a 1-1 linear unit without bias: loss and gradient by hand",
                   "[gradient][closed_form]", float, double)
{
    using T = TestType;
    using net_type = ctnn::basic_network<ctnn::options<T, ctnn::identity, ctnn::no_bias>, 1, 1>;
    net_type net;
    ctnn::gradient<net_type> grad;

    SECTION("one sample: w = 0.5, x = 2, t = 3, so o = 1 and o - t = -2")
    {
        net.template set_weights<0>({{T(0.5)}});
        const ctnn::batch<T, 1, 1> x{{{T(2)}}};
        const ctnn::batch<T, 1, 1> t{{{T(3)}}};

        // half_sum_squares: (1/2)(-2)^2 = 2; dE/dw = (o - t) x = -4.
        CHECK(net.loss(x, t, ctnn::half_sum_squares{}) == T(2));
        CHECK(net.backprop(x, t, grad, ctnn::half_sum_squares{}) == T(2));
        CHECK(grad.template weights<0>()(0, 0) == T(-4));

        // mean_squared_error: (-2)^2 / 1 = 4; dE/dw = 2 (o - t) x / 1 = -8.
        CHECK(net.loss(x, t, ctnn::mean_squared_error{}) == T(4));
        CHECK(net.backprop(x, t, grad, ctnn::mean_squared_error{}) == T(4));
        CHECK(grad.template weights<0>()(0, 0) == T(-8));
    }
    SECTION("three samples: w = 2, x = 1, 2, 3, t = 1, so o - t = 1, 3, 5")
    {
        net.template set_weights<0>({{T(2)}});
        const ctnn::batch<T, 3, 1> x{{{T(1)}, {T(2)}, {T(3)}}};
        const ctnn::batch<T, 3, 1> t{{{T(1)}, {T(1)}, {T(1)}}};

        // half_sum_squares sums: (1 + 9 + 25) / 2 = 17.5; dE/dw = 1*1 + 3*2 + 5*3 = 22.
        CHECK(net.loss(x, t, ctnn::half_sum_squares{}) == T(17.5));
        CHECK(net.backprop(x, t, grad, ctnn::half_sum_squares{}) == T(17.5));
        CHECK(grad.template weights<0>()(0, 0) == T(22));

        // mean_squared_error averages: 35 / 3; dE/dw = 2 * 22 / 3 = 44 / 3.
        CHECK(net.loss(x, t, ctnn::mean_squared_error{}) == Approx(35.0 / 3).epsilon(digits<T>));
        CHECK(net.backprop(x, t, grad, ctnn::mean_squared_error{}) ==
              Approx(35.0 / 3).epsilon(digits<T>));
        CHECK(grad.template weights<0>()(0, 0) == Approx(44.0 / 3).epsilon(digits<T>));
    }
}

TEMPLATE_TEST_CASE("mean_squared_error averages over every output of every sample",
                   "[gradient][closed_form]", float, double)
{
    // A 1-2 linear unit: w = (2, -1), x = 1 and 3, t = 0, so the outputs (and errors) are
    // (2, -1) and (6, -3). The sum of squares is 50 over 2 samples x 2 outputs.
    using T = TestType;
    using net_type = ctnn::basic_network<ctnn::options<T, ctnn::identity, ctnn::no_bias>, 1, 2>;
    net_type net;
    net.template set_weights<0>({{T(2), T(-1)}});
    const ctnn::batch<T, 2, 1> x{{{T(1)}, {T(3)}}};
    const ctnn::batch<T, 2, 2> t{};
    ctnn::gradient<net_type> grad;

    // half_sum_squares: 50 / 2 = 25; dE/dw0 = 2*1 + 6*3 = 20, dE/dw1 = -1*1 - 3*3 = -10.
    CHECK(net.backprop(x, t, grad, ctnn::half_sum_squares{}) == T(25));
    CHECK(grad.template weights<0>()(0, 0) == T(20));
    CHECK(grad.template weights<0>()(0, 1) == T(-10));

    // mean_squared_error: 50 / 4 = 12.5, not 50 / 2; the gradient is 2/4 of the sums: 10, -5.
    CHECK(net.backprop(x, t, grad, ctnn::mean_squared_error{}) == T(12.5));
    CHECK(grad.template weights<0>()(0, 0) == T(10));
    CHECK(grad.template weights<0>()(0, 1) == T(-5));
}

TEMPLATE_TEST_CASE("a single sigmoid unit: gradient by the chain rule", "[gradient][closed_form]",
                   float, double)
{
    // a = s(z), z = w0 x0 + w1 x1 + b, s' = s (1 - s). For a loss E(a):
    //   dE/dw_i = dE/da * a (1 - a) * x_i,   dE/db = dE/da * a (1 - a).
    using T = TestType;
    using net_type = ctnn::basic_network<ctnn::options<T>, 2, 1>;
    net_type net;
    net.template set_weights<0>({{T(0.5)}, {T(-0.25)}});
    net.template set_bias<0>({T(0.1)});
    const long double w0 = net.template weights<0>()(0, 0);
    const long double w1 = net.template weights<0>()(1, 0);
    const long double b = net.template bias<0>()[0];
    const auto unit = [&](long double x0, long double x1) {
        return 1.0L / (1.0L + std::exp(-(w0 * x0 + w1 * x1 + b)));
    };
    ctnn::gradient<net_type> grad;

    SECTION("half_sum_squares, one sample: dE/da = a - t")
    {
        const ctnn::batch<T, 1, 2> x{{{T(1), T(2)}}};
        const ctnn::batch<T, 1, 1> t{{{T(0.8)}}};
        const long double a = unit(x[0][0], x[0][1]);
        const long double target = t[0][0];
        const long double delta = (a - target) * a * (1 - a);

        CHECK(net.backprop(x, t, grad, ctnn::half_sum_squares{}) ==
              Approx(static_cast<double>((a - target) * (a - target) / 2)).epsilon(digits<T>));
        CHECK(grad.template weights<0>()(0, 0) ==
              Approx(static_cast<double>(delta * x[0][0])).epsilon(digits<T>));
        CHECK(grad.template weights<0>()(1, 0) ==
              Approx(static_cast<double>(delta * x[0][1])).epsilon(digits<T>));
        CHECK(grad.template bias<0>()[0] == Approx(static_cast<double>(delta)).epsilon(digits<T>));
    }
    SECTION("mean_squared_error, three samples: dE/da_s = 2 (a_s - t_s) / 3")
    {
        const ctnn::batch<T, 3, 2> x{{{T(1), T(2)}, {T(-1), T(0.5)}, {T(0.25), T(-2)}}};
        const ctnn::batch<T, 3, 1> t{{{T(0.8)}, {T(0.1)}, {T(0.5)}}};
        long double loss = 0, dw0 = 0, dw1 = 0, db = 0;
        for (std::size_t s = 0; s < 3; ++s) {
            const long double a = unit(x[s][0], x[s][1]);
            const long double e = a - static_cast<long double>(t[s][0]);
            const long double delta = 2 * e / 3 * a * (1 - a);
            loss += e * e / 3;
            dw0 += delta * x[s][0];
            dw1 += delta * x[s][1];
            db += delta;
        }

        CHECK(net.backprop(x, t, grad, ctnn::mean_squared_error{}) ==
              Approx(static_cast<double>(loss)).epsilon(digits<T>));
        CHECK(grad.template weights<0>()(0, 0) ==
              Approx(static_cast<double>(dw0)).epsilon(digits<T>));
        CHECK(grad.template weights<0>()(1, 0) ==
              Approx(static_cast<double>(dw1)).epsilon(digits<T>));
        CHECK(grad.template bias<0>()[0] == Approx(static_cast<double>(db)).epsilon(digits<T>));
    }
}
