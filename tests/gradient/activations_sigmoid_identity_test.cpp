// Backprop through the tutorial's activations, sigmoid and identity, in the same topologies as
// the newer activations (next to tanh and softplus layers, as hidden and output layers), against
// finite differences, with half_sum_squares and mean_squared_error, batches of 1 and 4.
#include "reference_network.hpp"

using tutorial_activations = std::tuple<ctnn::sigmoid, ctnn::identity>;

TEMPLATE_LIST_TEST_CASE("backprop through sigmoid or identity matches finite differences "
                        "(half_sum_squares)",
                        "[gradient][activation][half_sum_squares]", tutorial_activations)
{
    reference::check_activation<TestType, ctnn::half_sum_squares>();
}

TEMPLATE_LIST_TEST_CASE("backprop through sigmoid or identity matches finite differences "
                        "(mean_squared_error)",
                        "[gradient][activation][mean_squared_error]", tutorial_activations)
{
    reference::check_activation<TestType, ctnn::mean_squared_error>();
}
