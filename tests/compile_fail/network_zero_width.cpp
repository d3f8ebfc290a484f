// expect: every width must be at least 1
// expect: width_at_position_is_positive<1(UL)?, 0(UL)?>
// (Clang 14 goes on with "static_assert expression is not an integral constant expression" in
// network_traits.hpp and "no member named 'layer'" errors.)
//
// Mistake: a hidden layer of width 0 (position 1, counting the input as 0).
#include <ctnn/network.hpp>

int main()
{
#ifdef CTNN_COMPILE_FAIL
    const ctnn::network<2, 0, 1> net{};
#else
    const ctnn::network<2, 3, 1> net{};
#endif
    return net.values()[0] == 0.0f ? 0 : 1;
}
