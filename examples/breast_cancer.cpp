// Breast cancer (Wisconsin diagnostic): 569 tumours, 30 features of their cell nuclei, malignant
// or benign. A 30-16-1 network with a sigmoid output trained with binary cross-entropy on
// standardised inputs (ctnn::standardizer, fitted on the training part), on a shuffled split
// stratified by diagnosis (ctnn::shuffle_split): 455 to train on, 114 to test.
//   ./build/examples/breast_cancer [data-dir]
// Exits non-zero if the test accuracy is below 0.95.
#include <ctnn/ctnn.hpp>
#include <ctnn/io/csv.hpp>

#include <cstdio>
#include <exception>

#include "classify.hpp"

using net_t = ctnn::sequential<ctnn::options<float>, ctnn::input<30>,
                               ctnn::dense<16, ctnn::relu>, ctnn::dense<1, ctnn::sigmoid>>;
using data_t = ctnn::dataset_for<net_t>; // labels 0 (malignant) and 1 (benign) are the targets

int main(int argc, char** argv)
try {
    auto tumours = ctnn::io::read_csv<30>(example::data_dir(argc, argv) / "breast_cancer.csv");
    const auto parts = ctnn::shuffle_split<data_t>(tumours.features, tumours.labels,
                                                   {.test = 0.2, .seed = 3, .stratify = true});
    // Statistics of the training part, applied to every sample in place (parts are views).
    ctnn::standardizer<float, 30>::fit(parts.train).apply(tumours.features);
    const data_t& train_set = parts.train;
    const data_t& test_set = parts.test;
    std::printf("breast_cancer: %zu training and %zu test samples\n", train_set.size(),
                test_set.size());

    net_t net;
    ctnn::initialize(net, ctnn::he_normal{}, /*seed=*/3);
    ctnn::trainer<net_t, ctnn::binary_cross_entropy, ctnn::adam, 16> trainer(
        ctnn::adam{.learning_rate = 0.003}, {}, {.seed = 3});
    const auto result = trainer.fit(net, train_set, 60, example::every_epochs(15));
    return example::report(result, trainer, net, test_set, 0.95);
}
catch (const std::exception& e) {
    std::fprintf(stderr, "breast_cancer: %s\n", e.what());
    return 2;
}
