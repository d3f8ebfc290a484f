// Fashion-MNIST: 70,000 28x28 grey images of clothes in 10 classes, read from the files Debian's
// dataset-fashion-mnist package installs. A 784-256-128-10 network, relu then softmax, trained
// with categorical cross-entropy and Adam in minibatches of 32, on one core. The learning rate
// falls from 1e-3 to 0 along half a cosine over the epochs asked for (10 by default).
//
//   ./build/examples/fashion_mnist [--data DIR] [--epochs N] [--train-samples N]
//
// Prints a line per epoch (a progress bar on a terminal), then the time per epoch and the time
// to reach 0.88 and 0.89 test accuracy. Exits non-zero if 0.89 is not reached (unless
// --train-samples limits the run to a quick check), or if the int8 network (ctnn::quantize) is
// more than a percentage point less accurate, and with 77 (skipped) if the data directory does
// not exist.
#include <ctnn/ctnn.hpp>
#include <ctnn/io/idx.hpp>
#include <ctnn/progress.hpp>
#include <ctnn/trainer.hpp>

#include <cstdio>
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include "classify.hpp"

using net_t = ctnn::sequential<ctnn::options<float>, ctnn::input<784>,
                               ctnn::dense<256, ctnn::relu>, ctnn::dense<128, ctnn::relu>,
                               ctnn::dense<10, ctnn::softmax>>;
using trainer_t =
    ctnn::trainer<net_t, ctnn::categorical_cross_entropy, ctnn::adam, 32, ctnn::cosine_decay>;
using data_t = ctnn::dataset_for<net_t>;

// Where the objects live. The network is 235,146 floats (about 0.9 MiB) and the trainer holds
// its gradient, Adam's two moment estimates, the copies it undoes a rejected step from and the
// minibatch scratch (about 5.6 MiB): together more than a default thread stack should carry
// (8 MiB on Linux's main thread, often far less elsewhere). So each is allocated once, here,
// before training; training itself never allocates. (A `static` object works as well, at the
// cost of fixing the count at one.)
static_assert(sizeof(net_t) == 940'608);
static_assert(sizeof(trainer_t) > 3 * sizeof(net_t));

int main(int argc, char** argv)
try {
    std::string dir = ctnn::io::fashion_mnist_default_dir;
    std::size_t epochs = 10;
    std::size_t train_samples = 0; // 0: all
    for (int k = 1; k + 1 < argc; k += 2) {
        if (std::strcmp(argv[k], "--data") == 0)
            dir = argv[k + 1];
        else if (std::strcmp(argv[k], "--epochs") == 0)
            epochs = std::strtoul(argv[k + 1], nullptr, 10);
        else if (std::strcmp(argv[k], "--train-samples") == 0)
            train_samples = std::strtoul(argv[k + 1], nullptr, 10);
        else {
            std::fprintf(stderr, "fashion_mnist: unknown option %s\n", argv[k]);
            return 2;
        }
    }

    if (!std::filesystem::is_directory(dir)) {
        std::fprintf(stderr,
                     "fashion_mnist: %s not found: install Debian's dataset-fashion-mnist or "
                     "pass --data DIR; skipped\n",
                     dir.c_str());
        return 77; // CTest's "skipped"
    }
    const auto data = ctnn::io::read_fashion_mnist<float>(dir);
    data_t train_set(data.train.features, data.train.labels);
    if (train_samples > 0 && train_samples < train_set.size())
        train_set = train_set.subset(0, train_samples);
    const data_t test_set(data.test.features, data.test.labels);
    std::printf("fashion_mnist: %zu training and %zu test images from %s\n", train_set.size(),
                test_set.size(), dir.c_str());
    std::printf("network %zu bytes, trainer %zu bytes (gradient, Adam state, minibatch scratch)\n",
                sizeof(net_t), sizeof(trainer_t));

    const auto net = std::make_unique<net_t>();
    ctnn::initialize(*net, ctnn::he_normal{}, /*seed=*/1);
    const auto trainer = std::make_unique<trainer_t>(ctnn::adam{.learning_rate = 1e-3},
                                                     ctnn::cosine_decay{.epochs = epochs},
                                                     ctnn::training_options{.seed = 1});

    ctnn::progress show;
    double seconds_to_088 = 0, seconds_to_089 = 0, training_seconds = 0, epoch_seconds = 0;
    std::size_t epoch_088 = 0, epoch_089 = 0;
    double best = 0;
    auto watch = [&](const ctnn::training_report<net_t>& r) {
        if (r.event != ctnn::training_event::epoch_end)
            return ctnn::control::proceed;
        training_seconds = r.seconds;
        epoch_seconds += r.epoch_seconds;
        best = r.validation.accuracy > best ? r.validation.accuracy : best;
        if (epoch_088 == 0 && r.validation.accuracy >= 0.88) {
            epoch_088 = r.epoch;
            seconds_to_088 = r.seconds;
        }
        if (epoch_089 == 0 && r.validation.accuracy >= 0.89) {
            epoch_089 = r.epoch;
            seconds_to_089 = r.seconds;
        }
        return ctnn::control::proceed;
    };
    const auto result = trainer->fit(*net, train_set, test_set, epochs,
                                     ctnn::callbacks(show, watch));
    if (result.stop == ctnn::training_stop::non_finite) {
        std::printf("training stopped: non-finite loss at epoch %zu, batch %zu\n",
                    result.stop_epoch, result.stop_batch);
        return 1;
    }

    const std::size_t done = trainer->epochs_done();
    std::printf("%zu epochs in %.1f s (with a test-set evaluation after each): %.2f s per epoch "
                "of training, %.2f s with the evaluation\n",
                done, training_seconds, epoch_seconds / static_cast<double>(done),
                training_seconds / static_cast<double>(done));
    if (epoch_088 != 0)
        std::printf("test accuracy 0.88 after %zu epochs, %.1f s\n", epoch_088, seconds_to_088);
    if (epoch_089 != 0)
        std::printf("test accuracy 0.89 after %zu epochs, %.1f s\n", epoch_089, seconds_to_089);
    const auto final_test = trainer->evaluate(*net, test_set);
    std::printf("final test accuracy %.4f (best after any epoch %.4f)\n", final_test.accuracy,
                best);
    // int8: quantised on the first 2,000 training images (ctnn/quantized/).
    const std::size_t calibration = std::min<std::size_t>(2000, train_set.size());
    const auto q = ctnn::quantize(*net, train_set.subset(0, calibration).inputs());
    const int int8_status = example::int8_report(*net, q, test_set, final_test.accuracy);
    if (train_samples > 0)
        return int8_status; // a quick check of the pipeline, not of the accuracy
    std::cout << "confusion matrix (" << data.test.class_names.size() << " classes):\n"
              << trainer->confusion(*net, test_set);
    return epoch_089 != 0 ? int8_status : 1;
}
catch (const std::exception& e) {
    std::fprintf(stderr, "fashion_mnist: %s\n", e.what());
    return 2;
}
