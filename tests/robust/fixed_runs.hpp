// The fixed training runs that determinism_test.cpp repeats and weights_digest.cpp prints: a
// float 4-8-3 relu/softmax classifier trained by ctnn::trainer (shuffled minibatches, Adam) and a
// double 2-4-1 sigmoid network trained by ctnn::fit (full batch, sgd), and the classifier's data
// through a network with every layer kind (dropout's masks, batch_norm's running statistics,
// layer_norm) trained by the trainer. Everything they depend on
// (data, initial weights, shuffling) comes from ctnn's own generator, so a seed fixes every bit
// that the compiler does not choose.
#pragma once

#include <ctnn/ctnn.hpp>
#include <ctnn/trainer.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>

namespace robust {

using classifier_t = ctnn::sequential<ctnn::options<float>, ctnn::input<4>,
                                      ctnn::dense<8, ctnn::relu>, ctnn::dense<3, ctnn::softmax>>;
using xor_net_t = ctnn::basic_network<ctnn::options<double>, 2, 4, 1>;
using layered_t =
    ctnn::sequential<ctnn::options<float>, ctnn::input<4>, ctnn::dense<8, ctnn::relu>,
                     ctnn::batch_norm, ctnn::dropout<1, 4>, ctnn::dense<8, ctnn::tanh>,
                     ctnn::layer_norm, ctnn::dense<3, ctnn::softmax>>;

inline constexpr std::size_t classifier_samples = 60;

// Three blobs in 4 dimensions, 20 samples each. Only exact operations follow the generator's
// draw ((u - 0.5) * 0.5 is exact, and one rounding adds it to the centre), so that FMA
// contraction cannot change the data.
struct blobs {
    std::array<std::array<float, 4>, classifier_samples> x{};
    std::array<std::size_t, classifier_samples> labels{};

    explicit blobs(std::uint64_t seed)
    {
        constexpr float centres[3][4] = {{1, 0, 0, 1}, {0, 1, 1, 0}, {1, 1, 0, 0}};
        ctnn::random_engine rng(seed);
        for (std::size_t s = 0; s < classifier_samples; ++s) {
            labels[s] = s % 3;
            for (std::size_t i = 0; i < 4; ++i) {
                const float spread = (rng.uniform01<float>() - 0.5f) * 0.5f;
                x[s][i] = centres[labels[s]][i] + spread;
            }
        }
    }
    ctnn::dataset_for<classifier_t> data() const
    {
        return ctnn::dataset_for<classifier_t>(std::span<const std::array<float, 4>>(x),
                                               std::span<const std::size_t>(labels));
    }
};

struct classifier_run {
    classifier_t net;
    ctnn::training_result<float> result;
    float first_epoch_loss = 0;
};

// 30 epochs of Adam in minibatches of 8 (the last one 4), shuffled from `seed`.
inline classifier_run train_classifier(std::uint64_t seed = 2024)
{
    const blobs samples(seed);
    classifier_run run;
    ctnn::initialize(run.net, ctnn::he_normal{}, seed);
    using trainer_t = ctnn::trainer<classifier_t, ctnn::categorical_cross_entropy, ctnn::adam, 8>;
    trainer_t train(ctnn::adam{.learning_rate = 0.02}, {}, {.seed = seed, .shuffle = true});
    run.result = train.fit(run.net, samples.data(), 30, [&](const ctnn::training_report<classifier_t>& r) {
        if (r.event == ctnn::training_event::epoch_end && r.epoch == 1)
            run.first_epoch_loss = r.loss;
    });
    return run;
}

struct layered_run {
    layered_t net;
    ctnn::training_result<float> result;
};

// 20 epochs of Adam in minibatches of 8; shuffling and dropout's masks from `seed`.
inline layered_run train_layered(std::uint64_t seed = 2026)
{
    const blobs samples(seed);
    layered_run run;
    ctnn::initialize(run.net, ctnn::he_normal{}, seed);
    using trainer_t = ctnn::trainer<layered_t, ctnn::categorical_cross_entropy, ctnn::adam, 8>;
    trainer_t train(ctnn::adam{.learning_rate = 0.01}, {.seed = seed});
    run.result = train.fit(run.net, samples.data(), 20);
    return run;
}

struct xor_run {
    xor_net_t net;
    ctnn::training_result<double> result;
    double first_loss = 0;
};

// XOR, 3000 full-batch sgd epochs on half_sum_squares from uniform01 weights.
inline xor_run train_xor(std::uint64_t seed = 7)
{
    constexpr ctnn::batch<double, 4, 2> x{{{0, 0}, {0, 1}, {1, 0}, {1, 1}}};
    constexpr ctnn::batch<double, 4, 1> t{{{0}, {1}, {1}, {0}}};
    xor_run run;
    ctnn::initialize(run.net, ctnn::uniform_range{-1.0, 1.0}, seed);
    run.result = ctnn::fit(run.net, x, t, ctnn::half_sum_squares{}, ctnn::sgd{2.0}, 3000,
                           [&](const ctnn::epoch_report<double>& r) {
                               if (r.epoch == 1)
                                   run.first_loss = r.loss;
                           });
    return run;
}

// FNV-1a (64 bits) of the object representation of every parameter, in order, then of the
// running state (batch_norm's statistics; none for most networks).
template <class Net>
std::uint64_t digest(const Net& net)
{
    std::uint64_t hash = 0xcbf29ce484222325u;
    const auto add = [&hash](auto value) {
        unsigned char bytes[sizeof value];
        std::memcpy(bytes, &value, sizeof value);
        for (const unsigned char b : bytes) {
            hash ^= b;
            hash *= 0x100000001b3u;
        }
    };
    for (const auto value : net.values())
        add(value);
    for (const auto value : net.state())
        add(value);
    return hash;
}

} // namespace robust
