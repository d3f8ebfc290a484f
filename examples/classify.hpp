// Helpers shared by the classification examples (iris, breast_cancer, digits, fashion_mnist):
// finding the data, a fixed train/test split, standardising features, and a report.
#pragma once

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <vector>

#include <ctnn/io/labelled_data.hpp>
#include <ctnn/trainer.hpp>

namespace example {

// The examples' data directory (set by CMake), or the first command-line argument.
inline std::filesystem::path data_dir(int argc, char** argv)
{
    if (argc > 1)
        return argv[1];
#ifdef CTNN_EXAMPLES_DATA_DIR
    return CTNN_EXAMPLES_DATA_DIR;
#else
    return "examples/data";
#endif
}

// A fixed split: every k-th sample (k - 1, 2k - 1, ...) is held out for testing. The data files
// list their samples grouped by class, so this also keeps each class's share in both parts.
template <std::size_t F, class T>
struct split {
    ctnn::io::labelled_data<F, T> train, test;
};

template <std::size_t F, class T>
split<F, T> hold_out_every(const ctnn::io::labelled_data<F, T>& all, std::size_t k)
{
    split<F, T> parts;
    for (std::size_t s = 0; s < all.size(); ++s) {
        auto& part = s % k == k - 1 ? parts.test : parts.train;
        part.features.push_back(all.features[s]);
        part.labels.push_back(all.labels[s]);
    }
    parts.train.class_count = parts.test.class_count = all.class_count;
    parts.train.class_names = parts.test.class_names = all.class_names;
    return parts;
}

// Rescales every feature to mean 0 and standard deviation 1 over the training part, and applies
// the same affine map to the test part (which must not influence it).
template <std::size_t F, class T>
void standardize(split<F, T>& parts)
{
    std::array<double, F> mean{}, sq{};
    const double n = static_cast<double>(parts.train.size());
    for (const auto& row : parts.train.features)
        for (std::size_t f = 0; f < F; ++f)
            mean[f] += static_cast<double>(row[f]) / n;
    for (const auto& row : parts.train.features)
        for (std::size_t f = 0; f < F; ++f)
            sq[f] += (static_cast<double>(row[f]) - mean[f]) *
                     (static_cast<double>(row[f]) - mean[f]) / n;
    for (auto* part : {&parts.train, &parts.test})
        for (auto& row : part->features)
            for (std::size_t f = 0; f < F; ++f) {
                const double sd = sq[f] > 0 ? std::sqrt(sq[f]) : 1.0;
                row[f] = static_cast<T>((static_cast<double>(row[f]) - mean[f]) / sd);
            }
}

// Scales every feature by one factor (pixels 0..16 to 0..1, say).
template <std::size_t F, class T>
void scale(split<F, T>& parts, T factor)
{
    for (auto* part : {&parts.train, &parts.test})
        for (auto& row : part->features)
            for (auto& v : row)
                v *= factor;
}

// Prints every `every` epochs' training loss and accuracy: a trainer callback.
inline auto every_epochs(std::size_t every)
{
    return [every](const auto& r) {
        if (r.event == ctnn::training_event::epoch_end && r.epoch % every == 0)
            std::printf("epoch %3zu  loss %.4f  training accuracy %.4f\n", r.epoch,
                        static_cast<double>(r.loss), r.accuracy);
    };
}

// After training: says how it ended, prints the test loss, accuracy and confusion matrix, and
// returns the exit status: 0 when training completed and the accuracy reached `threshold`.
template <class Trainer, class Net, class Data, class T>
int report(const ctnn::training_result<T>& result, Trainer& trainer, const Net& net,
           const Data& test_set, double threshold)
{
    if (!result.completed()) {
        std::printf("training stopped early at epoch %zu, minibatch %zu\n", result.stop_epoch,
                    result.stop_batch);
        return 1;
    }
    const auto test = trainer.evaluate(net, test_set);
    std::printf("test loss %.4f  test accuracy %.4f (%zu samples)\n",
                static_cast<double>(test.loss), test.accuracy, test.samples);
    std::cout << "confusion matrix:\n" << trainer.confusion(net, test_set);
    return test.accuracy >= threshold ? 0 : 1;
}

} // namespace example
