// Backprop's gradient of mean_squared_error against finite differences, over every topology in
// gradient_networks. One loss per translation unit keeps each compile short.
#include "gradient_support.hpp"

TEMPLATE_LIST_TEST_CASE("backprop's mean_squared_error gradient matches finite differences",
                        "[gradient][mean_squared_error]", gradient_test::gradient_networks)
{
    gradient_test::check_topology_all<TestType, ctnn::mean_squared_error>();
}
