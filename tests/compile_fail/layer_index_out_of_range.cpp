// expect: layer index out of range
// expect: layer_index_in_range<2, 2>
//
// Mistake: network<2, 3, 1> has weight layers 0 and 1; counting the input as a layer gives 2.
#include <ctnn/network.hpp>

int main()
{
    const ctnn::network<2, 3, 1> net{};
#ifdef CTNN_COMPILE_FAIL
    return net.weights<2>()(0, 0) == 0.0f ? 0 : 1;
#else
    return net.weights<1>()(0, 0) == 0.0f ? 0 : 1;
#endif
}
