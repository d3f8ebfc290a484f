// The fused cross-entropy gradients against finite differences of the loss value: backprop with
// binary_cross_entropy skips the sigmoid's derivative and writes (o - t) / (rows * Width) as
// dLoss/dz, categorical_cross_entropy skips softmax's and writes (o - t) / rows. If either
// formula were not the true derivative of its loss through its activation, the finite
// differences (of the reference's -t log o - (1 - t) log(1 - o) and -t log o through its own
// sigmoid and softmax) would disagree. reference::check also compares the output layer's bias
// gradient with the column sums of the fused formula, worked out from the outputs.
#include "reference_network.hpp"

#include <tuple>

namespace {

using reference::f64;
using ctnn::dense;
using ctnn::input;
using ctnn::no_bias;
using ctnn::sigmoid;
using ctnn::softmax;
using ctnn::with_bias;

using sigmoid_output_networks = std::tuple<
    // One output, after a tanh layer.
    ctnn::sequential<f64<>, input<3>, dense<4, ctnn::tanh>, dense<1, sigmoid>>,
    // Several outputs (multi-label): sigmoid everywhere.
    ctnn::basic_network<f64<>, 2, 3, 3>,
    // Three outputs after relu and elu layers without bias; the output has one.
    ctnn::sequential<f64<no_bias>, input<4>, dense<5, ctnn::relu>, dense<3, ctnn::elu<>>,
                     dense<3, sigmoid, with_bias>>,
    // A single layer without bias.
    ctnn::sequential<f64<no_bias>, input<2>, dense<2, sigmoid>>>;

using softmax_output_networks = std::tuple<
    ctnn::sequential<f64<>, input<3>, dense<4, ctnn::tanh>, dense<3, softmax>>,
    ctnn::sequential<f64<no_bias>, input<2>, dense<3, ctnn::softplus>, dense<4, ctnn::leaky_relu<>>,
                     dense<5, softmax>>,
    ctnn::sequential<f64<>, input<4>, dense<2, softmax>>,
    ctnn::sequential<f64<>, input<2>, dense<3, sigmoid, no_bias>, dense<2, ctnn::identity>,
                     dense<4, softmax>>>;

} // namespace

TEMPLATE_LIST_TEST_CASE("binary_cross_entropy's fused gradient matches finite differences",
                        "[gradient][cross_entropy][binary_cross_entropy]",
                        sigmoid_output_networks)
{
    reference::check_batches<TestType, ctnn::binary_cross_entropy>(
        reference::targets::probabilities);
    reference::check_batches<TestType, ctnn::binary_cross_entropy>(reference::targets::labels);
}

TEMPLATE_LIST_TEST_CASE("categorical_cross_entropy's fused gradient matches finite differences",
                        "[gradient][cross_entropy][categorical_cross_entropy]",
                        softmax_output_networks)
{
    reference::check_batches<TestType, ctnn::categorical_cross_entropy>(
        reference::targets::one_hot);
    reference::check_batches<TestType, ctnn::categorical_cross_entropy>(
        reference::targets::soft_rows);
}
