// Backprop through elu (alpha 1, the default, and alpha 1/2), as a hidden and as an output layer,
// against finite differences, with half_sum_squares and mean_squared_error.
//
// elu's derivative jumps at z = 0 unless alpha is 1, and even then its second derivative does
// (which spoils the five-point stencil's accuracy), so draws keep every elu pre-activation at
// least reference::kink_clearance from 0, as for relu (see reference_network.hpp).
#include "reference_network.hpp"

using elu_activations = std::tuple<ctnn::elu<>, ctnn::elu<1, 2>>;

TEMPLATE_LIST_TEST_CASE("backprop through elu matches finite differences (half_sum_squares)",
                        "[gradient][activation][half_sum_squares]", elu_activations)
{
    reference::check_activation<TestType, ctnn::half_sum_squares>();
}

TEMPLATE_LIST_TEST_CASE("backprop through elu matches finite differences (mean_squared_error)",
                        "[gradient][activation][mean_squared_error]", elu_activations)
{
    reference::check_activation<TestType, ctnn::mean_squared_error>();
}
