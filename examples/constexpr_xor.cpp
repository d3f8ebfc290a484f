// examples/constexpr_xor.cpp: a network trained by the compiler.
//
// XOR is the smallest problem a network without a hidden layer cannot learn. Here a 2-3-1
// network with biases learns it while this file compiles: the weights are drawn, the network is
// trained for 500 epochs of full-batch gradient descent, and all four predictions are checked,
// every step inside a constant expression. If training failed, the program would not compile.
// At run time the program only prints what the compiler computed.
//
// This works because nothing in ctnn's core allocates or calls into the C library in a constant
// expression: the network is an inline array, every shape is a template argument, and the
// sigmoid's exp is a polynomial that is itself constexpr (ctnn/exp.hpp).
//
// Build and run (from the repository root):
//     cmake -S . -B build && cmake --build build --target example_constexpr_xor
//     ./build/examples/constexpr_xor
//
// Compile time is the price: about a second with g++ 12 and clang++ 14 (see README, "Training in
// the compiler"). Clang stops a constant expression after 1,048,576 steps by default, fewer than
// this training takes, so examples/CMakeLists.txt raises -fconstexpr-steps for this target; g++'s
// default limit (-fconstexpr-ops-limit=2^25) is enough.

#include <ctnn/ctnn.hpp>

#include <array>
#include <cstddef>
#include <cstdio>

namespace {

// 2 inputs, 3 hidden units, 1 output; double, sigmoid everywhere, a bias in every layer.
using xor_network = ctnn::basic_network<ctnn::options<double>, 2, 3, 1>;

constexpr ctnn::batch<double, 4, 2> inputs{{{0, 0}, {0, 1}, {1, 0}, {1, 1}}};
constexpr ctnn::batch<double, 4, 1> targets{{{0}, {1}, {1}, {0}}};

// A learning rate and seed found by a run-time search: with the sum-of-squares loss (no
// division by the batch size) a rate of 2 trains this network past the 0.1 / 0.9 thresholds in
// about 200 epochs from this seed; 500 leave a margin.
constexpr double learning_rate = 2.0;
constexpr std::size_t epochs = 500;
constexpr std::uint64_t seed = 6;

struct trained {
    xor_network net;
    ctnn::training_result<double> result;
};

// An ordinary function, marked constexpr. Called where a constant is required (below), the
// compiler runs it; called at run time, it would run as compiled code with the same results.
constexpr trained train_xor()
{
    trained out{};
    // Weights and biases uniform in [-1, 1), from ctnn's own generator: a given seed gives the
    // same numbers in the compiler and at run time, with any compiler.
    ctnn::initialize(out.net, ctnn::uniform_range{-1.0, 1.0}, seed);
    out.result = ctnn::fit(out.net, inputs, targets, ctnn::half_sum_squares{},
                           ctnn::sgd{learning_rate}, epochs);
    return out;
}

// The training happens here: a constexpr variable must be initialised by a constant expression.
constexpr trained model = train_xor();

constexpr std::array<double, 4> predictions = [] {
    std::array<double, 4> p{};
    for (std::size_t i = 0; i < 4; ++i)
        p[i] = model.net.forward(inputs[i])[0];
    return p;
}();

// The compiler checks what it learnt. A change to ctnn that broke training breaks the build.
static_assert(model.result.stop == ctnn::training_stop::none);
static_assert(model.result.epochs == epochs);
static_assert(predictions[0] < 0.1, "XOR(0, 0) must be 0");
static_assert(predictions[1] > 0.9, "XOR(0, 1) must be 1");
static_assert(predictions[2] > 0.9, "XOR(1, 0) must be 1");
static_assert(predictions[3] < 0.1, "XOR(1, 1) must be 0");

} // namespace

int main()
{
    std::printf("trained by the compiler: %zu epochs, last loss %.6g\n", model.result.epochs,
                model.result.loss);
    for (std::size_t i = 0; i < 4; ++i)
        std::printf("XOR(%g, %g) = %.6f\n", inputs[i][0], inputs[i][1], predictions[i]);

    // The same network, trained again at run time from the same seed: the forward passes use the
    // same polynomial exp where default_exp chooses it at run time (float, or double with AVX2),
    // so the weights agree to the last bit there; elsewhere std::exp differs in the last bit now
    // and then, and the comparison allows for that.
    const trained again = train_xor();
    double worst = 0;
    for (std::size_t k = 0; k < xor_network::parameter_count; ++k) {
        const double d = again.net.values()[k] - model.net.values()[k];
        worst = d < 0 ? (-d > worst ? -d : worst) : (d > worst ? d : worst);
    }
    std::printf("largest difference from the run-time training: %.3g\n", worst);
    return worst <= 1e-9 ? 0 : 1;
}
