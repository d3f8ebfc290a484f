// Backprop through tanh, softplus, silu, gelu_tanh and gelu, each as a hidden and as an output layer, against finite
// differences (the reference in reference_network.hpp and ctnn::check_gradient), with
// half_sum_squares and mean_squared_error, batches of 1 and 4.
#include "reference_network.hpp"

using smooth_activations = std::tuple<ctnn::tanh, ctnn::softplus, ctnn::silu, ctnn::gelu_tanh,
                                        ctnn::gelu>;

TEMPLATE_LIST_TEST_CASE("backprop through a smooth activation matches finite differences "
                        "(half_sum_squares)",
                        "[gradient][activation][half_sum_squares]", smooth_activations)
{
    reference::check_activation<TestType, ctnn::half_sum_squares>();
}

TEMPLATE_LIST_TEST_CASE("backprop through a smooth activation matches finite differences "
                        "(mean_squared_error)",
                        "[gradient][activation][mean_squared_error]", smooth_activations)
{
    reference::check_activation<TestType, ctnn::mean_squared_error>();
}
