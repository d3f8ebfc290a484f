// expect: ctnn::options<\.\.\.> names more than one bias tag
// expect: (bias_pred, ctnn::with_bias, ctnn::no_bias> <= 1|\(2 <= 1\))
// (GCC's note gives only the count, "the comparison reduces to '(2 <= 1)'", Clang the tags.
// Clang 14 goes on with "no type named 'scalar_type' in 'ctnn::options<...>'" and about ten
// errors that follow from it.)
//
// Mistake: network-wide options naming both bias tags.
#include <ctnn/network.hpp>

int main()
{
#ifdef CTNN_COMPILE_FAIL
    const ctnn::basic_network<ctnn::options<float, ctnn::with_bias, ctnn::no_bias>, 2, 3, 1> net{};
#else
    const ctnn::basic_network<ctnn::options<float, ctnn::no_bias>, 2, 3, 1> net{};
#endif
    return net.values()[0] == 0.0f ? 0 : 1;
}
