// Iris: Fisher's 150 flowers, 4 measurements, 3 species. A 4-8-3 network with a softmax output
// trained with categorical cross-entropy and AdamW on a fixed 100/50 split (every third flower
// held out). With 150 samples the weight decay matters: across seeds 1 to 12 the test accuracy
// is 0.96 for ten of them and 0.94 for two (plain Adam: 0.94 or 0.96, half and half).
//   ./build/examples/iris [data-dir]
// Exits non-zero if the test accuracy is below 0.95.
#include <ctnn/ctnn.hpp>
#include <ctnn/io/csv.hpp>

#include <cstdio>
#include <exception>

#include "classify.hpp"

using net_t = ctnn::sequential<ctnn::options<float>, ctnn::input<4>,
                               ctnn::dense<8, ctnn::tanh>, ctnn::dense<3, ctnn::softmax>>;
using data_t = ctnn::dataset_for<net_t>;

int main(int argc, char** argv)
try {
    auto parts = example::hold_out_every(
        ctnn::io::read_csv<4>(example::data_dir(argc, argv) / "iris.csv"), 3);
    example::standardize(parts);
    const data_t train_set(parts.train.features, parts.train.labels);
    const data_t test_set(parts.test.features, parts.test.labels);
    std::printf("iris: %zu training and %zu test samples, %zu classes\n", train_set.size(),
                test_set.size(), parts.train.class_count);

    net_t net;
    ctnn::initialize(net, ctnn::xavier_uniform{}, /*seed=*/7);
    ctnn::trainer<net_t, ctnn::categorical_cross_entropy, ctnn::adamw, 8> trainer(
        ctnn::adamw{.learning_rate = 0.01, .weight_decay = 0.05}, {}, {.seed = 7});
    const auto result = trainer.fit(net, train_set, 100, example::every_epochs(20));
    return example::report(result, trainer, net, test_set, 0.95);
}
catch (const std::exception& e) {
    std::fprintf(stderr, "iris: %s\n", e.what());
    return 2;
}
