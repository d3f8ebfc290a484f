// Issue 6, item 7: the same seed gives bit-identical trained weights. Two runs of each fixed
// training (fixed_runs.hpp) in one process must agree in every bit of every parameter;
// scripts/determinism.sh compares the same runs across compilers (weights_digest.cpp).
#include <catch2/catch.hpp>

#include "fixed_runs.hpp"

#include <cstddef>
#include <cstring>

namespace {

template <class Net>
bool same_bits(const Net& a, const Net& b)
{
    return std::memcmp(a.values().data(), b.values().data(),
                       Net::parameter_count * sizeof(typename Net::scalar_type)) == 0;
}

template <class Net>
std::size_t first_difference(const Net& a, const Net& b)
{
    for (std::size_t k = 0; k < Net::parameter_count; ++k)
        if (std::memcmp(&a.values()[k], &b.values()[k], sizeof(typename Net::scalar_type)) != 0)
            return k;
    return Net::parameter_count;
}

} // namespace

TEST_CASE("trainer with shuffling and Adam: two runs from one seed give identical weights",
          "[determinism]")
{
    const auto first = robust::train_classifier();
    const auto second = robust::train_classifier();
    // The run must be a real training, or identical weights would prove little.
    REQUIRE(first.result.completed());
    REQUIRE(first.result.epochs == 30);
    CHECK(first.result.loss < 0.5f * first.first_epoch_loss);
    INFO("first differing parameter: " << first_difference(first.net, second.net));
    CHECK(same_bits(first.net, second.net));
    CHECK(robust::digest(first.net) == robust::digest(second.net));
}

TEST_CASE("fit with sgd: two runs from one seed give identical weights", "[determinism]")
{
    const auto first = robust::train_xor();
    const auto second = robust::train_xor();
    REQUIRE(first.result.stop == ctnn::training_stop::none);
    CHECK(first.result.loss < 0.1 * first.first_loss);
    INFO("first differing parameter: " << first_difference(first.net, second.net));
    CHECK(same_bits(first.net, second.net));
}

TEST_CASE("dropout, batch_norm and layer_norm in the trainer: two runs from one seed give "
          "identical weights and running statistics",
          "[determinism]")
{
    const auto first = robust::train_layered();
    const auto second = robust::train_layered();
    REQUIRE(first.result.completed());
    INFO("first differing parameter: " << first_difference(first.net, second.net));
    CHECK(same_bits(first.net, second.net));
    CHECK(robust::digest(first.net) == robust::digest(second.net)); // running state included
    CHECK(!same_bits(first.net, robust::train_layered(2027).net));
}

TEST_CASE("the seed matters: another seed gives other weights", "[determinism]")
{
    // Guards the tests above against a seed that is ignored (every run would then agree).
    CHECK(!same_bits(robust::train_classifier(2024).net, robust::train_classifier(2025).net));
    CHECK(!same_bits(robust::train_xor(7).net, robust::train_xor(8).net));
}

TEST_CASE("the shuffling seed alone changes the trained weights", "[determinism]")
{
    // Same data and initial weights, two shuffling seeds: the trainer's order is what differs.
    const robust::blobs samples(2024);
    using trainer_t =
        ctnn::trainer<robust::classifier_t, ctnn::categorical_cross_entropy, ctnn::adam, 8>;
    robust::classifier_t start;
    ctnn::initialize(start, ctnn::he_normal{}, 2024);
    auto a = start;
    auto b = start;
    auto c = start;
    trainer_t(ctnn::adam{.learning_rate = 0.02}, {}, {.seed = 1}).fit(a, samples.data(), 3);
    trainer_t(ctnn::adam{.learning_rate = 0.02}, {}, {.seed = 2}).fit(b, samples.data(), 3);
    trainer_t(ctnn::adam{.learning_rate = 0.02}, {}, {.seed = 1}).fit(c, samples.data(), 3);
    CHECK(!same_bits(a, b));
    CHECK(same_bits(a, c));
}
