// examples/firmware/or_training.cpp: the tutorial's OR gate (../or_gate.cpp), trained on a
// microcontroller in double: 2-3-1, sigmoid, no bias, the tutorial's starting weights, full-batch
// gradient descent at 0.05 with ctnn::fit, for 10000 epochs. It prints the loss of epochs 1 and
// 10000 and the 9 trained weights as bits, and fails unless both losses are within 1e-8
// relative of the tutorial's NumPy figures (../../../shared/seed/SUMMARY.md, as or_gate.cpp
// checks them) and the network computes OR.
//
// The sigmoid names its exponential, the polynomial (ctnn/exp.hpp): it is what ctnn's default
// picks on these cores anyway, and on x86-64 the default for double is the C library's exp, so
// naming it makes the host's reference run the same arithmetic. The test compares the board's
// bits with the host's.
#include "support/output.hpp"

#include <ctnn/core.hpp>

#include <array>
#include <cstddef>

namespace {

using or_network =
    ctnn::basic_network<ctnn::options<double, ctnn::no_bias, ctnn::basic_sigmoid<ctnn::polynomial_exp>>,
                        2, 3, 1>;

constexpr ctnn::batch<double, 4, 2> inputs{{{0, 0}, {0, 1}, {1, 0}, {1, 1}}};
constexpr ctnn::batch<double, 4, 1> targets{{{0}, {1}, {1}, {1}}};

// NumPy's losses at epochs 1 and 10000 (or_gate.cpp's reference_loss).
constexpr double numpy_first_loss = 0.34794838215653723;
constexpr double numpy_last_loss = 0.013098855258260982;
constexpr std::size_t epochs = 10'000;

constexpr bool close(double value, double reference)
{
    const double difference = value > reference ? value - reference : reference - value;
    return difference <= 1e-8 * reference;
}

} // namespace

int main()
{
    or_network net;
    net.set_weights<0>({{0.1, 0.2, 0.3}, {0.4, 0.5, 0.6}});
    net.set_weights<1>({{0.7}, {0.8}, {0.9}});
    double first_loss = 0;
    double last_loss = 0;
    const auto result = ctnn::fit(net, inputs, targets, ctnn::half_sum_squares{}, ctnn::sgd{0.05},
                                  epochs, [&](const ctnn::epoch_report<double>& report) {
                                      first_loss = report.epoch == 1 ? report.loss : first_loss;
                                      last_loss = report.loss;
                                      return ctnn::control::proceed;
                                  });
    firmware::print_bits("loss 1", first_loss);
    firmware::print_bits("loss 10000", last_loss);
    const char* names[9] = {"w0 0", "w0 1", "w0 2", "w0 3", "w0 4", "w0 5", "w1 0", "w1 1", "w1 2"};
    for (std::size_t i = 0; i < or_network::parameter_count; ++i)
        firmware::print_bits(names[i], net.values()[i]);

    bool learned = result.completed();
    for (std::size_t s = 0; s < inputs.size(); ++s)
        learned = learned && (net.forward(inputs[s])[0] >= 0.5) == (targets[s][0] == 1);
    const bool as_numpy = close(first_loss, numpy_first_loss) && close(last_loss, numpy_last_loss);
    firmware::print(learned ? "learned OR\n" : "did not learn OR\n");
    firmware::print(as_numpy ? "losses as NumPy's\n" : "losses differ from NumPy's\n");
    return learned && as_numpy ? 0 : 1;
}
