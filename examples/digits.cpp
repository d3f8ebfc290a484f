// Digits: 1797 handwritten digits as 8x8 images of 0..16 grey levels. A 64-32-10 network, relu
// then softmax, trained with categorical cross-entropy and Adam on a shuffled split stratified
// by digit (ctnn::shuffle_split): 1438 to train on, 359 to test.
//   ./build/examples/digits [data-dir]
// Then quantises it to int8 (ctnn::quantize, calibrated on the training images) and prints the
// int8 network's size and test accuracy. Exits non-zero if the test accuracy is below 0.95 or
// the int8 one more than a percentage point below it.
#include <ctnn/ctnn.hpp>
#include <ctnn/io/csv.hpp>

#include <cstdio>
#include <exception>

#include "classify.hpp"

using net_t = ctnn::sequential<ctnn::options<float>, ctnn::input<64>,
                               ctnn::dense<32, ctnn::relu>, ctnn::dense<10, ctnn::softmax>>;
using data_t = ctnn::dataset_for<net_t>;

int main(int argc, char** argv)
try {
    auto digits = ctnn::io::read_csv<64>(example::data_dir(argc, argv) / "digits.csv.gz");
    for (auto& image : digits.features)
        for (float& grey : image)
            grey /= 16.0f; // grey levels 0..16 to 0..1
    const auto parts = ctnn::shuffle_split<data_t>(digits.features, digits.labels,
                                                   {.test = 0.2, .seed = 5, .stratify = true});
    const data_t& train_set = parts.train;
    const data_t& test_set = parts.test;
    std::printf("digits: %zu training and %zu test samples\n", train_set.size(),
                test_set.size());

    net_t net;
    ctnn::initialize(net, ctnn::he_normal{}, /*seed=*/5);
    ctnn::trainer<net_t, ctnn::categorical_cross_entropy, ctnn::adam, 32> trainer(
        ctnn::adam{.learning_rate = 0.003}, {}, {.seed = 5});
    const auto result = trainer.fit(net, train_set, 40, example::every_epochs(10));
    const int status = example::report(result, trainer, net, test_set, 0.95);
    const auto q = ctnn::quantize(net, train_set.inputs());
    const double float_accuracy = trainer.evaluate(net, test_set).accuracy;
    return status | example::int8_report(net, q, test_set, float_accuracy);
}
catch (const std::exception& e) {
    std::fprintf(stderr, "digits: %s\n", e.what());
    return 2;
}
