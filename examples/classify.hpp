// Helpers shared by the classification examples (iris, breast_cancer, digits):
// finding the data, and a report. Splitting and standardising are the library's (ctnn/data.hpp).
#pragma once

#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include <ctnn/quantized/quantize.hpp>
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

// The accuracy of an int8 network (ctnn/quantized/) on a dataset: each input quantised, run
// through the integer forward pass, its class the largest int8 output.
template <class Q, class Data>
double int8_accuracy(const Q& q, const Data& data)
{
    std::size_t right = 0;
    for (std::size_t s = 0; s < data.size(); ++s)
        right += ctnn::argmax(q.forward(ctnn::quantize_input(q, data.input(s)))) == data.label(s);
    return static_cast<double>(right) / static_cast<double>(data.size());
}

// Prints the int8 network's size and test accuracy beside the float network's; returns 0 when
// the int8 accuracy is within one percentage point of float_accuracy.
template <class Net, class Q, class Data>
int int8_report(const Net&, const Q& q, const Data& test_set, double float_accuracy)
{
    const double accuracy = int8_accuracy(q, test_set);
    std::printf("int8: %zu bytes (float %zu), test accuracy %.4f (float %.4f)\n", sizeof(Q),
                sizeof(Net), accuracy, float_accuracy);
    return accuracy >= float_accuracy - 0.01 ? 0 : 1;
}

} // namespace example
