// bench/compile_time/train_784_256_128_10.cpp: what a user's translation unit that trains a
// Fashion-MNIST network costs to compile: 784-256-128-10, relu then softmax, categorical
// cross-entropy, Adam, minibatches of 32, fit on a dataset and evaluated on it. It is compiled,
// never run: scripts/compile_time.sh times it (issue 4: under 10 s with g++ -O2), and the normal
// build compiles it as part of ctnn_compile_time, so it cannot rot.
#include <ctnn/ctnn.hpp>

#include <array>
#include <cstddef>
#include <memory>
#include <span>

namespace {

using net_t = ctnn::sequential<ctnn::options<float>, ctnn::input<784>,
                               ctnn::dense<256, ctnn::relu>, ctnn::dense<128, ctnn::relu>,
                               ctnn::dense<10, ctnn::softmax>>;
using trainer_t = ctnn::trainer<net_t, ctnn::categorical_cross_entropy, ctnn::adam, 32>;

} // namespace

// Trains a fresh network for `epochs` on the images and their labels and returns its accuracy on
// them. External linkage, so that the compiler has to generate all of it.
double compile_time_train_784_256_128_10(std::span<const std::array<float, 784>> images,
                                         std::span<const std::size_t> labels, std::size_t epochs)
{
    const ctnn::dataset_for<net_t> data(images, labels);
    // About 0.9 MiB of network and 3.2 MiB of trainer: not for the stack.
    const auto net = std::make_unique<net_t>();
    ctnn::initialize(*net, ctnn::he_normal{}, /*seed=*/1);
    const auto trainer = std::make_unique<trainer_t>(ctnn::adam{.learning_rate = 1e-3});
    trainer->fit(*net, data, epochs);
    return trainer->evaluate(*net, data).accuracy;
}
