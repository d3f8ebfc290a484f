// The losses' values and gradients on small batches worked out by hand, their clamped logarithms
// at outputs of exactly 0 and 1, and how they combine the rows of a batch (sum or mean).
#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <type_traits>

#include <ctnn/ctnn.hpp>

namespace {

template <class T>
constexpr double digits = std::is_same_v<T, float> ? 2e-6 : 1e-14;

// A batch of Rows rows of Width values, stored row-major as the losses read it.
template <class T, std::size_t Rows, std::size_t Width>
using rows = std::array<T, Rows * Width>;

template <class Loss, std::size_t Width, class T, std::size_t N>
T value_of(const std::array<T, N>& out, const std::array<T, N>& target)
{
    return Loss::template value<Width>(std::span<const T>(out), std::span<const T>(target),
                                       N / Width);
}

// gradient() returns the loss and writes dLoss/dout (or dLoss/dz for a fused loss) into grad.
template <class Loss, std::size_t Width, class T, std::size_t N>
T gradient_of(const std::array<T, N>& out, const std::array<T, N>& target, std::array<T, N>& grad)
{
    return Loss::template gradient<Width>(std::span<const T>(out), std::span<const T>(target),
                                          std::span<T>(grad), N / Width);
}

template <class T, std::size_t N>
void check_all(const std::array<T, N>& got, const std::array<double, N>& want)
{
    for (std::size_t k = 0; k < N; ++k) {
        INFO("entry " << k);
        CHECK(got[k] == Approx(want[k]).epsilon(digits<T>).margin(digits<T>));
    }
}

// The shipped losses model the concept, with the reduction each documents.
static_assert(ctnn::loss<ctnn::half_sum_squares, float> &&
              ctnn::loss<ctnn::mean_squared_error, double> &&
              ctnn::loss<ctnn::binary_cross_entropy, float> &&
              ctnn::loss<ctnn::categorical_cross_entropy, double>);
static_assert(ctnn::half_sum_squares::reduction == ctnn::reduction::sum);
static_assert(ctnn::mean_squared_error::reduction == ctnn::reduction::mean);
static_assert(ctnn::binary_cross_entropy::reduction == ctnn::reduction::mean);
static_assert(ctnn::categorical_cross_entropy::reduction == ctnn::reduction::mean);
static_assert(std::is_same_v<ctnn::binary_cross_entropy::fused_activation, ctnn::sigmoid>);
static_assert(std::is_same_v<ctnn::categorical_cross_entropy::fused_activation, ctnn::softmax>);
static_assert(!ctnn::loss<int, float> && !ctnn::loss<ctnn::half_sum_squares, int>);

} // namespace

TEMPLATE_TEST_CASE("each loss on a 2x2 batch, by hand", "[loss]", float, double)
{
    using T = TestType;
    // Outputs (0.2, 0.7), (0.9, 0.4) against labels (0, 1), (1, 0):
    // errors o - t = (0.2, -0.3), (-0.1, 0.4), squares 0.04, 0.09, 0.01, 0.16, summing to 0.3.
    const rows<T, 2, 2> out{T(0.2), T(0.7), T(0.9), T(0.4)};
    const rows<T, 2, 2> labels{T(0), T(1), T(1), T(0)};
    rows<T, 2, 2> grad{};

    SECTION("half_sum_squares: 0.3 / 2 = 0.15, gradient o - t")
    {
        CHECK(value_of<ctnn::half_sum_squares, 2>(out, labels) == Approx(0.15).epsilon(digits<T>));
        CHECK(gradient_of<ctnn::half_sum_squares, 2>(out, labels, grad) ==
              Approx(0.15).epsilon(digits<T>));
        check_all<T, 4>(grad, {0.2, -0.3, -0.1, 0.4});
    }
    SECTION("mean_squared_error: 0.3 / 4 = 0.075, gradient 2 (o - t) / 4")
    {
        CHECK(value_of<ctnn::mean_squared_error, 2>(out, labels) ==
              Approx(0.075).epsilon(digits<T>));
        CHECK(gradient_of<ctnn::mean_squared_error, 2>(out, labels, grad) ==
              Approx(0.075).epsilon(digits<T>));
        check_all<T, 4>(grad, {0.1, -0.15, -0.05, 0.2});
    }
    SECTION("binary_cross_entropy: -(ln 0.8 + ln 0.7 + ln 0.9 + ln 0.6) / 4, gradient (o - t) / 4")
    {
        // Each term is the log of the probability given to the right label: 1 - 0.2, 0.7,
        // 0.9, 1 - 0.4. -ln(0.8 * 0.7 * 0.9 * 0.6) / 4 = -ln(0.3024) / 4 = 0.2990011586691898.
        CHECK(value_of<ctnn::binary_cross_entropy, 2>(out, labels) ==
              Approx(0.2990011586691898).epsilon(digits<T>));
        CHECK(gradient_of<ctnn::binary_cross_entropy, 2>(out, labels, grad) ==
              Approx(0.2990011586691898).epsilon(digits<T>));
        check_all<T, 4>(grad, {0.05, -0.075, -0.025, 0.1});
    }
    SECTION("binary_cross_entropy at o = 0.5 is ln 2 whatever the soft targets")
    {
        const rows<T, 2, 2> half{T(0.5), T(0.5), T(0.5), T(0.5)};
        const rows<T, 2, 2> soft{T(0.25), T(1), T(0.625), T(0)};
        CHECK(value_of<ctnn::binary_cross_entropy, 2>(half, soft) ==
              Approx(0.6931471805599453).epsilon(digits<T>));
        gradient_of<ctnn::binary_cross_entropy, 2>(half, soft, grad);
        check_all<T, 4>(grad, {0.0625, -0.125, -0.03125, 0.125});
    }
    SECTION("categorical_cross_entropy, one-hot: -(ln 0.75 + ln 0.6) / 2, gradient (o - t) / 2")
    {
        // Softmax-like rows (0.25, 0.75), (0.6, 0.4); the labels pick 0.75 and 0.6:
        // -ln(0.45) / 2 = 0.3992538481088858.
        const rows<T, 2, 2> probabilities{T(0.25), T(0.75), T(0.6), T(0.4)};
        CHECK(value_of<ctnn::categorical_cross_entropy, 2>(probabilities, labels) ==
              Approx(0.3992538481088858).epsilon(digits<T>));
        CHECK(gradient_of<ctnn::categorical_cross_entropy, 2>(probabilities, labels, grad) ==
              Approx(0.3992538481088858).epsilon(digits<T>));
        check_all<T, 4>(grad, {0.125, -0.125, -0.2, 0.2});
    }
    SECTION("categorical_cross_entropy, soft targets summing to 1")
    {
        // -(0.5 ln 0.25 + 0.5 ln 0.75 + 0.25 ln 0.6 + 0.75 ln 0.4) / 2 = 0.8259563358164748.
        const rows<T, 2, 2> probabilities{T(0.25), T(0.75), T(0.6), T(0.4)};
        const rows<T, 2, 2> soft{T(0.5), T(0.5), T(0.25), T(0.75)};
        CHECK(value_of<ctnn::categorical_cross_entropy, 2>(probabilities, soft) ==
              Approx(0.8259563358164748).epsilon(digits<T>));
        gradient_of<ctnn::categorical_cross_entropy, 2>(probabilities, soft, grad);
        check_all<T, 4>(grad, {-0.125, 0.125, 0.175, -0.175});
    }
}

TEMPLATE_TEST_CASE("cross-entropy clamps its logarithms at outputs of exactly 0 and 1",
                   "[loss][clamp]", float, double)
{
    using T = TestType;
    // The documented floor: probabilities are kept in [floor, 1 - floor], floor = 1e-7 in
    // float, 1e-15 in double, so a certain and wrong output costs -ln(floor), not inf:
    // -ln(1e-7) = 16.11809565095832, -ln(1e-15) = 34.538776394910684.
    const double worst = std::is_same_v<T, float> ? 16.11809565095832 : 34.538776394910684;
    rows<T, 1, 2> grad{};

    SECTION("binary_cross_entropy, o = 0 with t = 1 and o = 1 with t = 0")
    {
        const rows<T, 1, 2> out{T(0), T(1)};
        const rows<T, 1, 2> wrong{T(1), T(0)};
        const T loss = value_of<ctnn::binary_cross_entropy, 2>(out, wrong);
        CHECK(std::isfinite(loss));
        CHECK(loss == Approx(worst).epsilon(digits<T>));
        // Each alone: the two ends are clamped alike.
        CHECK(value_of<ctnn::binary_cross_entropy, 1>(rows<T, 1, 1>{T(0)}, rows<T, 1, 1>{T(1)}) ==
              Approx(worst).epsilon(digits<T>));
        CHECK(value_of<ctnn::binary_cross_entropy, 1>(rows<T, 1, 1>{T(1)}, rows<T, 1, 1>{T(0)}) ==
              Approx(worst).epsilon(digits<T>));
        // The fused gradient needs no clamp: (o - t) / 2.
        CHECK(gradient_of<ctnn::binary_cross_entropy, 2>(out, wrong, grad) == loss);
        check_all<T, 2>(grad, {-0.5, 0.5});
    }
    SECTION("binary_cross_entropy, certain and right: about the floor, not a NaN from 0 log 0")
    {
        const rows<T, 1, 2> out{T(0), T(1)};
        const rows<T, 1, 2> right{T(0), T(1)};
        const T loss = value_of<ctnn::binary_cross_entropy, 2>(out, right);
        CHECK(std::isfinite(loss));
        CHECK(loss >= T(0));
        CHECK(loss <= T(2) * ctnn::detail::probability_floor<T>());
    }
    SECTION("categorical_cross_entropy, o = 0 for the labelled class")
    {
        const rows<T, 1, 2> out{T(0), T(1)};
        const rows<T, 1, 2> label{T(1), T(0)};
        const T loss = value_of<ctnn::categorical_cross_entropy, 2>(out, label);
        CHECK(std::isfinite(loss));
        CHECK(loss == Approx(worst).epsilon(digits<T>));
        CHECK(gradient_of<ctnn::categorical_cross_entropy, 2>(out, label, grad) == loss);
        check_all<T, 2>(grad, {-1.0, 1.0});
        // Classes with t = 0 contribute nothing, even where o = 0 (0 log 0 taken as 0).
        const rows<T, 1, 3> three{T(0), T(1), T(0)};
        const rows<T, 1, 3> middle{T(0), T(1), T(0)};
        CHECK(value_of<ctnn::categorical_cross_entropy, 3>(three, middle) ==
              Approx(0.0).margin(2 * ctnn::detail::probability_floor<T>()));
    }
}

TEMPLATE_TEST_CASE("a batch's loss is the mean of its rows' losses, or the sum for "
                   "half_sum_squares",
                   "[loss][reduction]", float, double)
{
    using T = TestType;
    // Three rows of three probabilities (each row sums to 1, so every loss applies) against
    // soft targets.
    const rows<T, 3, 3> out{T(0.2), T(0.5), T(0.3), T(0.7), T(0.1), T(0.2),
                            T(0.25), T(0.25), T(0.5)};
    const rows<T, 3, 3> target{T(0), T(1), T(0), T(0.5), T(0.25), T(0.25),
                               T(0.125), T(0.375), T(0.5)};

    const auto each_row = [&]<class Loss>(Loss) {
        std::array<T, 3> per_row{};
        for (std::size_t r = 0; r < 3; ++r) {
            const std::span<const T> o(out.data() + 3 * r, 3);
            const std::span<const T> t(target.data() + 3 * r, 3);
            per_row[r] = Loss::template value<3>(o, t, 1);
        }
        return per_row;
    };
    const auto check_reduction = [&]<class Loss>(Loss loss) {
        const auto per_row = each_row(loss);
        const double sum = static_cast<double>(per_row[0]) + static_cast<double>(per_row[1]) +
                           static_cast<double>(per_row[2]);
        const double expected = Loss::reduction == ctnn::reduction::sum ? sum : sum / 3;
        CHECK(value_of<Loss, 3>(out, target) == Approx(expected).epsilon(digits<T>));
    };
    SECTION("half_sum_squares sums") { check_reduction(ctnn::half_sum_squares{}); }
    SECTION("mean_squared_error averages") { check_reduction(ctnn::mean_squared_error{}); }
    SECTION("binary_cross_entropy averages") { check_reduction(ctnn::binary_cross_entropy{}); }
    SECTION("categorical_cross_entropy averages")
    {
        check_reduction(ctnn::categorical_cross_entropy{});
    }

    SECTION("and so does a network's loss(), row by row against the whole batch")
    {
        using net_type = ctnn::sequential<ctnn::options<T>, ctnn::input<2>,
                                          ctnn::dense<3, ctnn::tanh>, ctnn::dense<3, ctnn::softmax>>;
        net_type net;
        ctnn::initialize(net, ctnn::uniform01{}, 3);
        const ctnn::batch<T, 3, 2> x{{{T(0.5), T(-1)}, {T(0), T(0.25)}, {T(-0.75), T(1)}}};
        ctnn::batch<T, 3, 3> t{};
        for (std::size_t r = 0; r < 3; ++r)
            for (std::size_t k = 0; k < 3; ++k)
                t[r][k] = target[3 * r + k];
        const auto network_reduction = [&]<class Loss>(Loss) {
            double sum = 0;
            for (std::size_t r = 0; r < 3; ++r)
                sum += static_cast<double>(
                    net.loss(ctnn::batch<T, 1, 2>{x[r]}, ctnn::batch<T, 1, 3>{t[r]}, Loss{}));
            const double expected = Loss::reduction == ctnn::reduction::sum ? sum : sum / 3;
            CHECK(net.loss(x, t, Loss{}) == Approx(expected).epsilon(digits<T>));
        };
        network_reduction(ctnn::half_sum_squares{});
        network_reduction(ctnn::mean_squared_error{});
        network_reduction(ctnn::categorical_cross_entropy{});
    }
}
