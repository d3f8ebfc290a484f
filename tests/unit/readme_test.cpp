// What the README's snippets claim, checked: the compile-time facts its table lists, and what the
// 'Running and training' calls do. The snippets themselves are compiled and run as they stand in
// README.md by tests/readme.
#include <catch2/catch.hpp>

#include <array>
#include <type_traits>

#include <ctnn/ctnn.hpp>

namespace readme {

// "Writing a network"
using a = ctnn::network<2, 3, 1>;
using tutorial = ctnn::basic_network<ctnn::options<double, ctnn::no_bias>, 2, 3, 1>;
using regressor = ctnn::sequential<ctnn::options<float>, ctnn::input<16>,
                                   ctnn::dense<32>,
                                   ctnn::dense<32, ctnn::no_bias>,
                                   ctnn::dense<1, ctnn::identity>>;

// "Compile-time facts": the table's column.
static_assert(tutorial::input_size == 2 && tutorial::output_size == 1);
static_assert(tutorial::layer_count == 2);
static_assert(tutorial::widths == std::array<std::size_t, 3>{2, 3, 1});
static_assert(tutorial::parameter_count == 9 && a::parameter_count == 13);
static_assert(tutorial::layer<0>::in_size == 2 && tutorial::layer<0>::out_size == 3);
static_assert(!tutorial::layer<0>::has_bias);
static_assert(std::is_same_v<tutorial::layer<0>::activation_type, ctnn::sigmoid>);
static_assert(std::is_same_v<tutorial::layer<0>::weight_shape, ctnn::shape<2, 3>>);
static_assert(tutorial::layer<0>::weight_count == 6 && tutorial::layer<0>::bias_count == 0 &&
              tutorial::layer<0>::parameter_count == 6);
static_assert(tutorial::byte_size == 128 && sizeof(tutorial) == 128);
static_assert(sizeof(ctnn::basic_network<ctnn::options<double, ctnn::no_bias, ctnn::alignment<8>>,
                                         2, 3, 1>) == 72);
static_assert(std::is_same_v<tutorial::input_type, std::array<double, 2>>);
static_assert(regressor::layer<1>::has_bias == false);
static_assert(std::is_same_v<regressor::layer<2>::activation_type, ctnn::identity>);

// "Writing a network": a user-defined activation.
struct softsign {                                   // a = z / (1 + |z|)
    template <class T> static constexpr T value(T z) noexcept { return z / (T(1) + (z < 0 ? -z : z)); }
    template <class T> static constexpr T derivative(T z, T) noexcept
    { const T d = T(1) + (z < 0 ? -z : z); return T(1) / (d * d); }
};
using mine = ctnn::sequential<ctnn::options<float>, ctnn::input<4>, ctnn::dense<8, softsign>,
                              ctnn::dense<1, ctnn::identity>>;
static_assert(ctnn::elementwise_activation<softsign, float>);
static_assert(mine::parameter_count == 4 * 8 + 8 + 8 + 1);

} // namespace readme

TEST_CASE("The README's 'Running and training' snippet runs as described")
{
    readme::tutorial net;
    const ctnn::batch<double, 4, 2> x{{{0, 0}, {0, 1}, {1, 0}, {1, 1}}};
    const ctnn::batch<double, 4, 1> t{{{0}, {1}, {1}, {1}}};
    const std::uint64_t seed = 3;

    net.set_weights<0>({{0.1, 0.2, 0.3}, {0.4, 0.5, 0.6}});
    ctnn::initialize(net, ctnn::uniform01{}, seed);

    auto y = net.forward(std::array<double, 2>{1, 0});
    auto ys = net.forward(x);
    CHECK(ys[2][0] == y[0]);
    y = net.forward({1.0, 0.0});
    CHECK(ys[2][0] == y[0]);

    double e = net.loss(x, t, ctnn::half_sum_squares{});
    ctnn::gradient<decltype(net)> g;
    CHECK(net.backprop(x, t, g, ctnn::half_sum_squares{}) == e);
    ctnn::sgd{0.05}.step(net, g);
    CHECK(net.loss(x, t, ctnn::half_sum_squares{}) < e);

    auto r = ctnn::fit(net, x, t, ctnn::half_sum_squares{}, ctnn::sgd{0.05}, 200'000,
                       [](const ctnn::epoch_report<double>& report) {
                           return report.loss < 1e-3 ? ctnn::control::stop
                                                     : ctnn::control::proceed;
                       });
    CHECK(r.stop == ctnn::training_stop::callback);
    CHECK(r.loss < 1e-3);

    readme::a with_bias;
    with_bias.set_bias<0>({0.0f, 0.1f, -0.1f});
    CHECK(with_bias.bias<0>()[1] == 0.1f);
}
