// Backprop's gradient of half_sum_squares against finite differences, over every topology in
// gradient_networks. One loss per translation unit keeps each compile short.
#include "gradient_support.hpp"

TEMPLATE_LIST_TEST_CASE("backprop's half_sum_squares gradient matches finite differences",
                        "[gradient][half_sum_squares]", gradient_test::gradient_networks)
{
    gradient_test::check_topology_all<TestType, ctnn::half_sum_squares>();
}
