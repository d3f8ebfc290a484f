// Backprop through relu and leaky_relu (default slope 0.01, and 1/5), each as a hidden and as an
// output layer, against finite differences, with half_sum_squares and mean_squared_error.
//
// Their derivative jumps at z = 0, so each draw of parameters and inputs is kept only if every
// pre-activation of these layers is at least reference::kink_clearance (0.02) from 0, far more
// than either stencil moves it; the reference also counts stencil evaluations where a
// pre-activation changed sign, and requires none (see reference_network.hpp).
#include "reference_network.hpp"

using relu_activations = std::tuple<ctnn::relu, ctnn::leaky_relu<>, ctnn::leaky_relu<1, 5>>;

TEMPLATE_LIST_TEST_CASE("backprop through a rectifier matches finite differences "
                        "(half_sum_squares)",
                        "[gradient][activation][half_sum_squares]", relu_activations)
{
    reference::check_activation<TestType, ctnn::half_sum_squares>();
}

TEMPLATE_LIST_TEST_CASE("backprop through a rectifier matches finite differences "
                        "(mean_squared_error)",
                        "[gradient][activation][mean_squared_error]", relu_activations)
{
    reference::check_activation<TestType, ctnn::mean_squared_error>();
}
