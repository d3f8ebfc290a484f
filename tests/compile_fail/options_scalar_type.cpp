// expect: the scalar type must be float or double
// expect: is_scalar<int>
// (GCC 12 adds the dense_layer "activation does not model ctnn::activation" error; Clang 14 adds
// "no type named 'scalar_type'" and about ten errors that follow from it.)
//
// Mistake: an integer network.
#include <ctnn/network.hpp>

int main()
{
#ifdef CTNN_COMPILE_FAIL
    const ctnn::basic_network<ctnn::options<int>, 2, 1> net{};
#else
    const ctnn::basic_network<ctnn::options<double>, 2, 1> net{};
#endif
    return net.values()[0] == 0.0 ? 0 : 1;
}
