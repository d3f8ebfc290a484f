// Learning-rate schedules against their closed forms at chosen epochs.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>

#include <ctnn/schedule.hpp>

namespace {
const double pi = std::acos(-1.0);
}

TEST_CASE("constant_rate is 1 at every epoch")
{
    constexpr ctnn::constant_rate s{};
    STATIC_REQUIRE(s.factor(0) == 1.0);
    CHECK(s.factor(1) == 1.0);
    CHECK(s.factor(1'000'000) == 1.0);
}

TEST_CASE("step_decay multiplies by gamma every `every` epochs")
{
    constexpr ctnn::step_decay s{}; // every 10 epochs, gamma 0.1
    STATIC_REQUIRE(s.factor(0) == 1.0);
    CHECK(s.factor(9) == 1.0);
    CHECK(s.factor(10) == Approx(0.1).epsilon(1e-15));
    CHECK(s.factor(19) == Approx(0.1).epsilon(1e-15));
    CHECK(s.factor(20) == Approx(0.01).epsilon(1e-15));
    CHECK(s.factor(35) == Approx(0.001).epsilon(1e-15));

    const ctnn::step_decay half{.every = 3, .gamma = 0.5};
    CHECK(half.factor(2) == 1.0);
    CHECK(half.factor(3) == 0.5);
    CHECK(half.factor(8) == 0.25);
    CHECK(half.factor(3 * 40) == std::ldexp(1.0, -40)); // powers of 1/2 are exact
    CHECK(ctnn::step_decay{.every = 7, .gamma = 0.9}.factor(700) ==
          Approx(std::pow(0.9, 100)).epsilon(1e-13));
    CHECK(ctnn::step_decay{.every = 0, .gamma = 0.5}.factor(2) == 0.25); // every 0 acts as 1
}

TEST_CASE("cosine_decay follows half a cosine from 1 to its floor")
{
    constexpr ctnn::cosine_decay s{.epochs = 100};
    STATIC_REQUIRE(s.factor(0) == 1.0);
    CHECK(s.factor(50) == Approx(0.5).epsilon(1e-15));
    CHECK(s.factor(100) == Approx(0.0).margin(1e-16));
    CHECK(s.factor(250) == Approx(0.0).margin(1e-16)); // stays at the floor
    // 0.5 (1 + cos(pi / 4)) = 0.5 + sqrt(2) / 4
    CHECK(s.factor(25) == Approx(0.5 + std::sqrt(2.0) / 4).epsilon(1e-15));
    // 0.5 (1 + cos(3 pi / 4)) = 0.5 - sqrt(2) / 4
    CHECK(s.factor(75) == Approx(0.5 - std::sqrt(2.0) / 4).epsilon(1e-14));
    // 0.5 (1 + cos(pi / 3)) = 0.75
    CHECK(ctnn::cosine_decay{.epochs = 3}.factor(1) == Approx(0.75).epsilon(1e-15));

    const ctnn::cosine_decay floored{.epochs = 10, .floor = 0.1};
    CHECK(floored.factor(0) == Approx(1.0).epsilon(1e-15));
    CHECK(floored.factor(5) == Approx(0.55).epsilon(1e-15)); // 0.1 + 0.9 * 0.5
    CHECK(floored.factor(10) == Approx(0.1).epsilon(1e-15));
    CHECK(floored.factor(11) == Approx(0.1).epsilon(1e-15));
    CHECK(ctnn::cosine_decay{.epochs = 0, .floor = 0.2}.factor(0) == 0.2);

    SECTION("every epoch of a long schedule matches std::cos")
    {
        const ctnn::cosine_decay long_run{.epochs = 997, .floor = 0.01};
        for (std::size_t epoch = 0; epoch <= 1000; ++epoch) {
            const double progress = static_cast<double>(std::min<std::size_t>(epoch, 997)) / 997;
            const double expected = 0.01 + 0.99 * 0.5 * (1 + std::cos(pi * progress));
            INFO("epoch " << epoch);
            CHECK(long_run.factor(epoch) == Approx(expected).epsilon(1e-14).margin(1e-16));
        }
    }
}

TEST_CASE("exponential_decay multiplies by gamma every epoch")
{
    constexpr ctnn::exponential_decay s{0.95};
    STATIC_REQUIRE(s.factor(0) == 1.0);
    CHECK(s.factor(1) == 0.95);
    CHECK(s.factor(3) == Approx(0.857375).epsilon(1e-15)); // 0.95^3
    CHECK(s.factor(500) == Approx(std::pow(0.95, 500)).epsilon(1e-12));
}

TEST_CASE("schedules are constant expressions")
{
    STATIC_REQUIRE(ctnn::cosine_decay{.epochs = 2}.factor(1) > 0.49);
    STATIC_REQUIRE(ctnn::cosine_decay{.epochs = 2}.factor(1) < 0.51);
    STATIC_REQUIRE(ctnn::exponential_decay{0.5}.factor(3) == 0.125);
    STATIC_REQUIRE(ctnn::step_decay{.every = 2, .gamma = 0.5}.factor(5) == 0.25);
}
