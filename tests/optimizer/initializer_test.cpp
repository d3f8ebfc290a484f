// random_engine::normal and the initialisers: the distribution's moments within statistical
// bounds, agreement with an independent implementation, reproducibility, and per-layer ranges
// and spreads of the initialised weights.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <type_traits>

#include <ctnn/ctnn.hpp>

namespace {

struct moments {
    double mean;
    double variance;
    double fourth; // E[(x - mean)^4]
};

template <class Range>
moments moments_of(const Range& values)
{
    double n = 0, sum = 0;
    for (auto x : values) {
        sum += static_cast<double>(x);
        ++n;
    }
    const double mean = sum / n;
    double m2 = 0, m4 = 0;
    for (auto x : values) {
        const double d = static_cast<double>(x) - mean;
        m2 += d * d;
        m4 += d * d * d * d;
    }
    return {mean, m2 / n, m4 / n};
}

template <std::size_t N>
struct sample {
    std::array<double, N> values;
    std::size_t size() const { return N; }
    auto begin() const { return values.begin(); }
    auto end() const { return values.end(); }
};

// Layer L's weights, flat.
template <std::size_t L, class Net>
auto weights_of(const Net& net)
{
    using layer = typename Net::template layer<L>;
    const auto w = net.template weights<L>();
    std::array<double, layer::weight_count> out{};
    for (std::size_t k = 0; k < layer::weight_count; ++k)
        out[k] = static_cast<double>(w.data()[k]);
    return out;
}

// 64 -> 32 -> 16 with biases: 2048 and 512 weights, enough to estimate a standard deviation to
// a few per cent.
using wide = ctnn::basic_network<ctnn::options<double>, 64, 32, 16>;
using wide_no_bias = ctnn::basic_network<ctnn::options<double, ctnn::no_bias>, 64, 32, 16>;
using wide_float = ctnn::basic_network<ctnn::options<float>, 64, 32, 16>;

// For n normal samples of standard deviation sd, the sample standard deviation has standard
// error about sd / sqrt(2 n) and the mean sd / sqrt(n); allow 5 standard errors.
template <std::size_t N>
void check_normal_weights(const std::array<double, N>& w, double sd)
{
    const auto m = moments_of(w);
    const double n = static_cast<double>(N);
    CHECK(m.mean == Approx(0.0).margin(5 * sd / std::sqrt(n)));
    CHECK(std::sqrt(m.variance) == Approx(sd).margin(5 * sd / std::sqrt(2 * n)));
}

// Uniform on [-a, a]: every value inside, the extremes near the bounds, standard deviation
// a / sqrt(3) (standard error of the sample sd about 0.45 sd / sqrt(n) for a uniform).
template <std::size_t N>
void check_uniform_weights(const std::array<double, N>& w, double a)
{
    const auto [low, high] = std::minmax_element(w.begin(), w.end());
    CHECK(*low >= -a);
    CHECK(*high <= a);
    CHECK(*low < -0.98 * a);
    CHECK(*high > 0.98 * a);
    const auto m = moments_of(w);
    const double sd = a / std::sqrt(3.0);
    CHECK(std::sqrt(m.variance) == Approx(sd).margin(5 * 0.45 * sd / std::sqrt(double(N))));
}

template <class Net>
bool all_biases_zero(const Net& net)
{
    const auto b0 = net.template bias<0>();
    const auto b1 = net.template bias<1>();
    return std::all_of(b0.begin(), b0.end(), [](auto b) { return b == 0; }) &&
           std::all_of(b1.begin(), b1.end(), [](auto b) { return b == 0; });
}

} // namespace

TEST_CASE("normal matches an independent implementation of the polar method")
{
    // From optimizer_reference.py: the same generator and method, with Python's math.log and
    // math.sqrt. ctnn's own logarithm may differ from libm's in the last place, hence 1e-15.
    ctnn::random_engine rng(42);
    for (double expected : {-0.7262191382447857, 0.2216227015035933, 0.46417731016247366,
                            1.476249461018415, 1.0078198992420604, 1.0272109607595328})
        CHECK(rng.normal<double>() == Approx(expected).epsilon(1e-15));
}

TEST_CASE("normal gives the same bits at compile time and at run time")
{
    constexpr auto draw = [] {
        ctnn::random_engine rng(2024);
        std::array<double, 64> out{};
        for (auto& x : out)
            x = rng.normal<double>();
        return out;
    };
    constexpr auto at_compile_time = draw();
    const auto at_run_time = draw();
    CHECK(at_compile_time == at_run_time);

    // float is the double value rounded once.
    ctnn::random_engine d(5);
    ctnn::random_engine f(5);
    int differ = 0;
    for (int k = 0; k < 1000; ++k)
        differ += f.normal<float>() == static_cast<float>(d.normal<double>()) ? 0 : 1;
    CHECK(differ == 0);
}

TEMPLATE_TEST_CASE("normal has mean 0, variance 1 and normal tails", "", float, double)
{
    constexpr std::size_t n = 100'000;
    static sample<n> s; // 800 kB: static, not on the stack
    ctnn::random_engine rng(99);
    std::size_t within_one = 0, beyond_two = 0;
    for (auto& x : s.values) {
        x = static_cast<double>(rng.template normal<TestType>());
        within_one += std::fabs(x) < 1 ? 1 : 0;
        beyond_two += std::fabs(x) > 2 ? 1 : 0;
    }
    const auto m = moments_of(s);
    const double sqrt_n = std::sqrt(double(n));
    // Standard errors for a standard normal: mean 1/sqrt(n), variance sqrt(2/n), fourth central
    // moment (3) sqrt(96/n); a proportion p, sqrt(p (1 - p) / n). Five of each.
    CHECK(m.mean == Approx(0.0).margin(5 / sqrt_n));
    CHECK(m.variance == Approx(1.0).margin(5 * std::sqrt(2.0) / sqrt_n));
    CHECK(m.fourth == Approx(3.0).margin(5 * std::sqrt(96.0) / sqrt_n));
    const double p1 = 0.6826894921370859; // P(|x| < 1) = erf(1 / sqrt 2)
    const double p2 = 0.0455002638963584; // P(|x| > 2) = erfc(sqrt 2)
    CHECK(double(within_one) / n == Approx(p1).margin(5 * std::sqrt(p1 * (1 - p1)) / sqrt_n));
    CHECK(double(beyond_two) / n == Approx(p2).margin(5 * std::sqrt(p2 * (1 - p2)) / sqrt_n));
}

TEST_CASE("initialize is reproducible from the seed")
{
    static wide a, b, c, d;
    ctnn::initialize(a, ctnn::xavier_normal{}, 42);
    ctnn::initialize(b, ctnn::xavier_normal{}, 42);
    ctnn::initialize(c, ctnn::xavier_normal{}, 43);
    ctnn::random_engine rng(42);
    ctnn::initialize(d, ctnn::xavier_normal{}, rng);
    CHECK(a == b);
    CHECK(a == d);
    CHECK_FALSE(a == c);
}

TEST_CASE("initialize in a constant expression gives the run-time network")
{
    using small = ctnn::basic_network<ctnn::options<double>, 3, 4, 2>;
    constexpr auto make = [] {
        small net;
        ctnn::initialize(net, ctnn::he_normal{}, 8);
        return net;
    };
    constexpr small at_compile_time = make();
    const small at_run_time = make();
    CHECK(at_compile_time == at_run_time);
}

TEST_CASE("xavier_uniform: U(-a, a), a = sqrt(6 / (fan_in + fan_out)), biases 0")
{
    static wide net;
    ctnn::initialize(net, ctnn::xavier_uniform{}, 42);
    // The first draw of seed 42 is 0.08386297105988216 (tests/unit/rng_reference.py) and
    // a = sqrt(6 / 96) = 0.25: 0.25 (2 * 0.08386297105988216 - 1).
    CHECK(net.weights<0>()(0, 0) == Approx(-0.20806851447005892).epsilon(1e-15));
    check_uniform_weights(weights_of<0>(net), 0.25);
    check_uniform_weights(weights_of<1>(net), std::sqrt(6.0 / 48));
    CHECK(all_biases_zero(net));

    static wide doubled;
    ctnn::initialize(doubled, ctnn::xavier_uniform{.gain = 2.0}, 42);
    int differ = 0; // scaling by 2 is exact
    for (std::size_t k = 0; k < wide::parameter_count; ++k)
        differ += doubled.values()[k] == 2 * net.values()[k] ? 0 : 1;
    CHECK(differ == 0);
}

TEST_CASE("xavier_normal: N(0, 2 / (fan_in + fan_out)), biases 0")
{
    static wide net;
    ctnn::initialize(net, ctnn::xavier_normal{}, 7);
    check_normal_weights(weights_of<0>(net), std::sqrt(2.0 / 96));
    check_normal_weights(weights_of<1>(net), std::sqrt(2.0 / 48));
    CHECK(all_biases_zero(net));
}

TEST_CASE("he_normal: N(0, 2 / fan_in), biases 0")
{
    static wide net;
    ctnn::initialize(net, ctnn::he_normal{}, 42);
    // sqrt(2 / 64) times the first normal of seed 42 (optimizer_reference.py).
    CHECK(net.weights<0>()(0, 0) == Approx(-0.1283786193200847).epsilon(1e-15));
    check_normal_weights(weights_of<0>(net), std::sqrt(2.0 / 64));
    check_normal_weights(weights_of<1>(net), std::sqrt(2.0 / 32));
    CHECK(all_biases_zero(net));
}

TEST_CASE("he_uniform: U(-a, a), a = sqrt(6 / fan_in), biases 0")
{
    static wide net;
    ctnn::initialize(net, ctnn::he_uniform{}, 3);
    check_uniform_weights(weights_of<0>(net), std::sqrt(6.0 / 64));
    check_uniform_weights(weights_of<1>(net), std::sqrt(6.0 / 32));
    CHECK(all_biases_zero(net));
}

TEST_CASE("uniform_range fills weights and biases, uniform from low to high")
{
    static wide net;
    ctnn::initialize(net, ctnn::uniform_range{-0.5, 0.25}, 4);
    const auto values = net.values();
    CHECK(*std::min_element(values.begin(), values.end()) >= -0.5);
    CHECK(*std::max_element(values.begin(), values.end()) < 0.25);
    CHECK(*std::min_element(values.begin(), values.end()) < -0.49);
    CHECK(*std::max_element(values.begin(), values.end()) > 0.24);
    CHECK_FALSE(all_biases_zero(net));
    // The mean of 2608 uniform values: (low + high) / 2, standard error 0.75 / sqrt(12 * 2608).
    CHECK(moments_of(values).mean == Approx(-0.125).margin(5 * 0.75 / std::sqrt(12.0 * 2608)));
}

TEST_CASE("initialisers that zero biases draw nothing for them")
{
    // So the weights are the same with and without biases.
    static wide with;
    static wide_no_bias without;
    ctnn::initialize(with, ctnn::he_normal{}, 42);
    ctnn::initialize(without, ctnn::he_normal{}, 42);
    CHECK(weights_of<0>(with) == weights_of<0>(without));
    CHECK(weights_of<1>(with) == weights_of<1>(without));
}

TEST_CASE("a float network gets the double network's values rounded once")
{
    static wide as_double;
    static wide_float as_float;
    ctnn::initialize(as_double, ctnn::xavier_normal{}, 42);
    ctnn::initialize(as_float, ctnn::xavier_normal{}, 42);
    int differ = 0;
    for (std::size_t k = 0; k < wide::parameter_count; ++k)
        differ += as_float.values()[k] == static_cast<float>(as_double.values()[k]) ? 0 : 1;
    CHECK(differ == 0);
}
