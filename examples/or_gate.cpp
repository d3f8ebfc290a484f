// examples/or_gate.cpp: the tutorial's OR gate, trained with ctnn and checked against NumPy.
//
// "Building Neural Networks with Python Code and Math in Detail — II" builds a network with one
// hidden layer in NumPy and teaches it the OR gate:
//
//     inputs   (0,0) (0,1) (1,0) (1,1)
//     targets    0     1     1     1
//
// Its network has 2 inputs, 3 hidden units and 1 output, a sigmoid after every layer, no bias
// anywhere, and starts from fixed weights, so its run is fully determined. That makes it a good
// first program: this file writes the same network as one C++ type, trains it exactly as the
// tutorial's loop does, and prints the same numbers NumPy prints, to all 17 significant digits.
//
// The program then compares every figure with the reference values in
// ../shared/seed/SUMMARY.md (the tutorial's own code run with NumPy in float64) and exits with a
// non-zero status if any of them differs by more than 1e-8 relative, so this example is also a
// test: if a change to ctnn alters the arithmetic, `ctest -R example_or_gate` fails.
//
// Build and run (from the repository root):
//     cmake -S . -B build -DCMAKE_BUILD_TYPE=Release && cmake --build build
//     ./build/examples/or_gate
//     ./build/examples/or_gate --plot DIR   also writes the loss curve and the decision boundary
//                                           as data and a gnuplot script (see plot.hpp)

#include "plot.hpp"

#include <ctnn/ctnn.hpp>

#include <array>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <string>

namespace {

// ---------------------------------------------------------------------------------------------
// The network.
//
// In NumPy the tutorial's network is four arrays and a loop; its shape lives in the shapes of
// weight_hidden (2 x 3) and weight_output (3 x 1) and nowhere is it checked. In ctnn the shape is
// the type. Read the line below as "a network of doubles, without bias, with widths 2, 3, 1":
//
//   - options<double, ...>: the scalar type. The tutorial computes in float64, so we do too;
//     float would train just as well but could not match NumPy's digits.
//   - no_bias: the tutorial adds no bias to either layer ("optionally add a bias" is a step it
//     skips). The activation is not named, so it is the default, the sigmoid
//     s(x) = 1 / (1 + exp(-x)), in both layers, as in the tutorial.
//   - 2, 3, 1: the widths, input first. Each is written once; the hidden layer's weight matrix
//     is 2 x 3 and the output layer's is 3 x 1 because they sit between those widths, so the two
//     layers cannot disagree.
using or_network = ctnn::basic_network<ctnn::options<double, ctnn::no_bias>, 2, 3, 1>;

// Everything about the shape is known before the program runs, so we can state the tutorial's
// arithmetic as compile-time facts. "How many weights does the network have?": i*h + h*o, that is
// 2*3 + 3*1 = 9. Its storage is those 9 doubles in one array inside the object, aligned to 64
// bytes (a cache line) and so padded from 72 to 128 bytes; there is no pointer and no heap.
static_assert(or_network::input_size == 2 && or_network::output_size == 1);
static_assert(or_network::layer_count == 2); // weight layers: hidden and output
static_assert(or_network::parameter_count == 2 * 3 + 3 * 1);
static_assert(sizeof(or_network) == or_network::byte_size);

// ---------------------------------------------------------------------------------------------
// The tutorial's reference figures (SUMMARY.md, "Reference figures"), from its NumPy code.

// The loss is measured on the forward pass of the epoch named, before that epoch's update; that
// is what the tutorial's loop prints and what ctnn::fit reports to its callback.
constexpr std::array<std::size_t, 6> report_epochs{1, 10, 1000, 10000, 100000, 200000};
constexpr std::array<double, 6> reference_loss{
    0.34794838215653723,   0.34729812938050897,    0.31818031847289768,
    0.013098855258260982,  0.00055984076454626585, 0.00026501585489401616,
};
constexpr double reference_hidden_weights[2][3]{
    {-3.8227077336286484, 2.363248027066564, 3.138671070163179},
    {-3.7949094492302113, 2.4518314838352047, 3.1854138287366816},
};
constexpr double reference_output_weights[3]{-13.226894813703959, 1.7439178280608298,
                                             3.5042650221451983};

// The points the tutorial predicts after training, in its order ((0,1) is ours: it completes
// the truth table).
struct prediction_point {
    const char* label;
    std::array<double, 2> input;
    double target;
    double reference;
};
constexpr std::array<prediction_point, 4> prediction_points{{
    {"(1,1)", {1, 1}, 1, 0.99462917352215352},
    {"(0,0)", {0, 0}, 0, 0.018175179867391329},
    {"(1,0)", {1, 0}, 1, 0.99071056061660157},
    {"(0,1)", {0, 1}, 1, 0.99080476890753744},
}};

// What the NumPy loop costs per epoch on the machine that produced the figures (SUMMARY.md).
constexpr double numpy_seconds_per_epoch = 44e-6;

// Keeps the worst relative deviation seen, and which figure it was, so that a failure says where
// the library drifted, not just that it did.
struct deviation_tracker {
    double worst = 0;
    std::string worst_name = "none";
    int figures = 0;

    void compare(const std::string& name, double value, double reference)
    {
        // Every reference figure is far from zero, so a plain relative difference is meaningful.
        // A NaN compares false with everything, so it is caught explicitly.
        const double deviation = std::abs(value - reference) / std::abs(reference);
        ++figures;
        if (std::isnan(deviation) || deviation > worst) {
            worst = std::isnan(deviation) ? HUGE_VAL : deviation;
            worst_name = name;
        }
    }
};

} // namespace

int main(int argc, char** argv)
{
    const auto plot = example_plot::take_plot_option(argc, argv);
    if (!plot.valid || argc > 1) {
        std::fprintf(stderr, "usage: %s [--plot DIR]   (DIR: where to write the pictures)\n",
                     argv[0]);
        return 2;
    }

    // -----------------------------------------------------------------------------------------
    // The data. The tutorial's input_features is a 4 x 2 array and target_output a 4 x 1 array;
    // in ctnn a batch is std::array of rows, with both sizes in the type. A batch whose rows are
    // not 2 wide, or whose targets are not 1 wide, is a compile error at the call to fit() below.
    const ctnn::batch<double, 4, 2> inputs{{{0, 0}, {0, 1}, {1, 0}, {1, 1}}};
    const ctnn::batch<double, 4, 1> targets{{{0}, {1}, {1}, {1}}};

    // -----------------------------------------------------------------------------------------
    // The initial weights, fixed as in the tutorial. set_weights<L> takes layer L's matrix
    // written the tutorial's way, one row per input: Wh is 2 inputs x 3 hidden units, Wo is
    // 3 hidden units x 1 output. A matrix of the wrong shape does not compile.
    or_network net;
    net.set_weights<0>({{0.1, 0.2, 0.3}, {0.4, 0.5, 0.6}});
    net.set_weights<1>({{0.7}, {0.8}, {0.9}});

    // -----------------------------------------------------------------------------------------
    // Training. The tutorial's loop, per epoch, for the batch X (4 x 2) and targets T (4 x 1):
    //   forward:   Zh = X Wh,  H = s(Zh),  Zo = H Wo,  O = s(Zo)
    //   loss:      E = sum(0.5 (O - T)^2) over the whole batch     -> ctnn::half_sum_squares
    //   output:    D = (O - T) * s'(Zo),  dE/dWo = H^T D            (* is element-wise)
    //   hidden:    dE/dWh = X^T ((D Wo^T) * s'(Zh))
    //   update:    Wh -= lr dE/dWh,  Wo -= lr dE/dWo, both from the same forward pass
    //                                                               -> ctnn::sgd{lr}
    // It is full-batch gradient descent: every epoch sees all four samples once and makes one
    // update with the summed (not averaged) gradient. ctnn::fit is that loop. Note the loss
    // type: half_sum_squares is the tutorial's E; mean_squared_error would divide by the batch
    // size, which changes the step size and therefore every digit below.
    //
    // After each epoch fit() calls our callback with the epoch number (from 1) and the loss of
    // that epoch's forward pass, measured before its update, just as the tutorial prints it. We
    // keep the losses at the epochs the summary lists, and hand every loss to the loss curve for
    // the pictures, which keeps a few hundred of them in a fixed array. The callback is a template
    // parameter, not a std::function, so all this costs two comparisons per epoch, and it only
    // reads the loss: the training is the same with or without --plot.
    std::array<double, report_epochs.size()> losses{};
    std::size_t next_report = 0;
    example_plot::loss_curve curve;
    const auto record = [&](const ctnn::epoch_report<double>& report) {
        if (next_report < report_epochs.size() && report.epoch == report_epochs[next_report])
            losses[next_report++] = report.loss;
        curve.record(report.epoch, report.loss);
    };

    constexpr double learning_rate = 0.05;
    constexpr std::size_t epochs = 200'000;

    const auto start = std::chrono::steady_clock::now();
    const auto result = ctnn::fit(net, inputs, targets, ctnn::half_sum_squares{},
                                  ctnn::sgd{learning_rate}, epochs, record);
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;

    // fit() stops early only if the loss or a gradient became NaN or infinite (it never applies
    // such an update). That cannot happen here, but a test should say so if it ever does.
    if (result.stop != ctnn::training_stop::none || result.epochs != epochs) {
        std::printf("training stopped after %zu of %zu epochs\n", result.epochs, epochs);
        return 1;
    }

    std::printf("ctnn %d.%d.%d: the tutorial's OR gate\n", ctnn::version_major,
                ctnn::version_minor, ctnn::version_patch);
    std::printf("network 2-3-1, sigmoid, no bias, double: %zu weights in %zu bytes\n",
                or_network::parameter_count, sizeof(or_network));
    std::printf("full-batch gradient descent, learning rate %g, %zu epochs\n\n", learning_rate,
                epochs);

    deviation_tracker deviations;

    std::printf("   epoch  loss E\n");
    for (std::size_t k = 0; k < report_epochs.size(); ++k) {
        std::printf("  %6zu  %.17g\n", report_epochs[k], losses[k]);
        deviations.compare("E at epoch " + std::to_string(report_epochs[k]), losses[k],
                           reference_loss[k]);
    }

    // -----------------------------------------------------------------------------------------
    // The trained weights. weights<L>() is a view of layer L's matrix, indexed (input, output)
    // like the tutorial's arrays; it reads the network's own storage, nothing is copied.
    const auto hidden = net.weights<0>();
    const auto output = net.weights<1>();

    std::printf("\nfinal weights (one row per input)\n");
    for (std::size_t i = 0; i < 2; ++i) {
        std::printf(i == 0 ? "  Wh = [[" : "        [");
        for (std::size_t h = 0; h < 3; ++h) {
            std::printf(h == 0 ? "%.17g" : ", %.17g", hidden(i, h));
            deviations.compare("Wh(" + std::to_string(i) + "," + std::to_string(h) + ")",
                               hidden(i, h), reference_hidden_weights[i][h]);
        }
        std::printf(i == 0 ? "],\n" : "]]\n");
    }
    std::printf("  Wo = [");
    for (std::size_t h = 0; h < 3; ++h) {
        std::printf(h == 0 ? "[%.17g]" : ", [%.17g]", output(h, 0));
        deviations.compare("Wo(" + std::to_string(h) + ",0)", output(h, 0),
                           reference_output_weights[h]);
    }
    std::printf("]\n");

    // -----------------------------------------------------------------------------------------
    // Predictions. The tutorial writes its four steps by hand for each point (dot, sigmoid, dot,
    // sigmoid); forward() is those steps. It takes std::array<double, 2>, one sample, and returns
    // std::array<double, 1>; passing three inputs would not compile.
    //
    // Look at (0,0): without a bias, every hidden unit sees 0 and outputs s(0) = 0.5 whatever
    // the weights are. Training can still push the output towards 0 because the output layer
    // weighs those constant 0.5s (0.5 * sum(Wo) = -3.99 here): the hidden layer hands the
    // output layer something that acts like a bias. The single-layer network of
    // single_vs_hidden.cpp has no such way out.
    std::printf("\npredictions\n");
    for (const auto& point : prediction_points) {
        const double prediction = net.forward(point.input)[0];
        std::printf("  %s -> %-20.17g  target %g\n", point.label, prediction, point.target);
        deviations.compare(std::string("prediction ") + point.label, prediction,
                           point.reference);
    }

    // -----------------------------------------------------------------------------------------
    // The comparison with NumPy. ctnn does the tutorial's arithmetic in the tutorial's order
    // (each sum in the order of NumPy's matrix product, the sigmoid written as 1 / (1 + exp(-z))),
    // so the figures agree to about 1e-15 relative: the last digit or two of the 17 printed.
    // What is left is rounding: NumPy's products go through a BLAS library, which may fuse
    // multiply-adds, and NumPy's exp is not the C library's. Training damps such differences
    // rather than amplifying them, so they are as small after 200,000 epochs as after one.
    // The limit, 1e-8, tolerates that kind of rounding on any platform and compiler, while any
    // real change to the mathematics (a derivative, the loss, the update) moves these figures
    // by far more.
    constexpr double tolerance = 1e-8;
    const bool matches = deviations.worst <= tolerance;
    if (matches)
        std::printf("\nvs NumPy: all %d figures within %.2g relative (worst: %s; limit 1e-8)\n",
                    deviations.figures, deviations.worst, deviations.worst_name.c_str());
    else
        std::printf("\nvs NumPy: FAILED, %s is off by %.2g relative (limit 1e-8)\n",
                    deviations.worst_name.c_str(), deviations.worst);

    // -----------------------------------------------------------------------------------------
    // Time. The clock ran around fit() only: 200,000 epochs of forward pass, backpropagation and
    // update, plus our callback's comparison. No heap allocation happens inside: the weights,
    // the gradient and the scratch for the four samples are fixed-size arrays on the stack.
    const double seconds_per_epoch = elapsed.count() / static_cast<double>(epochs);
    std::printf("time: %zu epochs in %.1f ms, %.0f ns per epoch (NumPy: about %.0f us per "
                "epoch, %.0fx as long)\n",
                epochs, elapsed.count() * 1e3, seconds_per_epoch * 1e9,
                numpy_seconds_per_epoch * 1e6, numpy_seconds_per_epoch / seconds_per_epoch);

    // -----------------------------------------------------------------------------------------
    // The tutorial's pictures, on request: the loss curve, with NumPy's figures as points on
    // it, and the trained network's output over the input plane with the line where it crosses
    // 0.5, the decision boundary: very nearly the straight line x1 + x2 = 0.26, which puts (0,0)
    // on one side and the other three points on the other.
    if (plot.dir != nullptr) {
        std::array<example_plot::loss_point, report_epochs.size()> numpy_losses{};
        for (std::size_t k = 0; k < report_epochs.size(); ++k)
            numpy_losses[k] = {report_epochs[k], reference_loss[k]};
        const example_plot::figure figure{"or", "OR gate, 2-3-1 network, no bias", numpy_losses,
                                          "the tutorial's figures (NumPy)"};
        if (!example_plot::write_files(plot.dir, figure, net, curve, inputs, targets))
            return 1;
    }

    return matches ? 0 : 1;
}
