// expect: set_weights<Layer>: wrong weight matrix shape
// expect: weight_shape_of_layer_expected_got<0, 2, 3, 3, 2>
//
// Mistake: layer 0's weights written one row per output (3 x 2) instead of one row per input
// (2 x 3).
#include <ctnn/network.hpp>

int main()
{
    ctnn::network<2, 3, 1> net;
#ifdef CTNN_COMPILE_FAIL
    net.set_weights<0>({{0.1f, 0.4f}, {0.2f, 0.5f}, {0.3f, 0.6f}});
#else
    net.set_weights<0>({{0.1f, 0.2f, 0.3f}, {0.4f, 0.5f, 0.6f}});
#endif
    return net.weights<0>()(1, 2) == 0.6f ? 0 : 1;
}
