// ctnn::random_engine and ctnn::initialize: defined bits, reproducible, same on every compiler.
#include <catch2/catch.hpp>

#include <array>
#include <cstdint>
#include <set>

#include <ctnn/ctnn.hpp>

TEST_CASE("random_engine matches an independent implementation of xoshiro256**")
{
    // Values printed by rng_reference.py (the algorithms written from their published
    // description in Python, not by this library).
    ctnn::random_engine rng(42);
    CHECK(rng() == 0x15780b2e0c2ec716u);
    CHECK(rng() == 0x6104d9866d113a7eu);
    CHECK(rng() == 0xae17533239e499a1u);
    CHECK(rng() == 0xecb8ad4703b360a1u);

    ctnn::random_engine d(42);
    CHECK(d.uniform01<double>() == 0.08386297105988216);
    CHECK(d.uniform01<double>() == 0.3789802506626686);
    ctnn::random_engine f(42);
    CHECK(f.uniform01<float>() == 0.08386296033859253f);
    CHECK(f.uniform01<float>() == 0.37898021936416626f);
}

TEST_CASE("random_engine works in constant expressions")
{
    constexpr auto first = [] {
        ctnn::random_engine rng(42);
        return rng();
    }();
    STATIC_REQUIRE(first == 0x15780b2e0c2ec716u);
}

TEMPLATE_TEST_CASE("uniform01 stays in [0, 1) and is roughly uniform", "", float, double)
{
    ctnn::random_engine rng(7);
    constexpr int n = 100'000;
    double sum = 0;
    std::array<int, 10> bins{};
    int outside = 0;
    for (int k = 0; k < n; ++k) {
        const TestType u = rng.template uniform01<TestType>();
        if (!(u >= TestType(0) && u < TestType(1))) {
            ++outside;
            continue;
        }
        sum += static_cast<double>(u);
        ++bins[static_cast<std::size_t>(u * TestType(10))];
    }
    CHECK(outside == 0);
    CHECK(sum / n == Approx(0.5).margin(0.005)); // 5 standard errors (0.29/sqrt(n) = 0.0009)
    for (int count : bins)
        CHECK(count == Approx(n / 10).margin(600)); // about 6 standard deviations of a bin
}

TEST_CASE("initialize fills every parameter in storage order from the seed")
{
    using net_t = ctnn::basic_network<ctnn::options<double>, 2, 3, 1>; // with bias: 13 values
    net_t a;
    ctnn::initialize(a, ctnn::uniform01{}, 42);

    // Storage order: layer 0 weights row by row, layer 0 bias, layer 1 weights, layer 1 bias.
    ctnn::random_engine rng(42);
    for (double v : a.values())
        CHECK(v == rng.uniform01<double>());
    CHECK(a.weights<0>()(0, 0) == 0.08386297105988216);
    CHECK(a.weights<0>()(0, 1) == 0.3789802506626686);

    net_t b;
    ctnn::initialize(b, ctnn::uniform01{}, 42);
    CHECK(a == b);
    net_t c;
    ctnn::initialize(c, ctnn::uniform01{}, 43);
    CHECK_FALSE(a == c);
    std::set<double> distinct(a.values().begin(), a.values().end());
    CHECK(distinct.size() == net_t::parameter_count);
}
