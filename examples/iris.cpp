// Iris: Fisher's 150 flowers, 4 measurements, 3 species. A 4-8-3 network with a softmax output
// trained with categorical cross-entropy and AdamW. The file lists the flowers sorted by species,
// so the split is shuffled and stratified (ctnn::shuffle_split): 100 flowers to train on, 50 to
// test, each species a third of each part. The network starts with a ctnn::standardize layer
// holding the training part's means and deviations (ctnn::standardizer), so it is saved and
// deployed with them and takes raw measurements.
//   ./build/examples/iris [data-dir]
// Exits non-zero if the test accuracy is below 0.9.
#include <ctnn/ctnn.hpp>
#include <ctnn/io/csv.hpp>

#include <cstdio>
#include <exception>

#include "classify.hpp"

using net_t = ctnn::sequential<ctnn::options<float>, ctnn::input<4>, ctnn::standardize,
                               ctnn::dense<8, ctnn::tanh>, ctnn::dense<3, ctnn::softmax>>;
using data_t = ctnn::dataset_for<net_t>;

int main(int argc, char** argv)
try {
    auto iris = ctnn::io::read_csv<4>(example::data_dir(argc, argv) / "iris.csv");
    const auto parts = ctnn::shuffle_split<data_t>(iris.features, iris.labels,
                                                   {.test = 1.0 / 3, .seed = 7, .stratify = true});
    std::printf("iris: %zu training and %zu test samples, %zu classes\n", parts.train.size(),
                parts.test.size(), iris.class_count);

    net_t net;
    ctnn::initialize(net, ctnn::xavier_uniform{}, /*seed=*/7);
    ctnn::set_standardizer<0>(net, ctnn::standardizer<float, 4>::fit(parts.train));
    ctnn::trainer<net_t, ctnn::categorical_cross_entropy, ctnn::adamw, 8> trainer(
        ctnn::adamw{.learning_rate = 0.01, .weight_decay = 0.05}, {.seed = 7});
    const auto result = trainer.fit(net, parts.train, 100, example::every_epochs(20));
    return example::report(result, trainer, net, parts.test, 0.9);
}
catch (const std::exception& e) {
    std::fprintf(stderr, "iris: %s\n", e.what());
    return 2;
}
