// expect: set_bias<Layer>: the bias must have out_size values of that layer
// expect: bias_size_of_layer_expected_got<0, 3, 2>
//
// Mistake: 2 bias values for a layer of 3 outputs.
#include <ctnn/network.hpp>

int main()
{
    ctnn::network<2, 3, 1> net;
#ifdef CTNN_COMPILE_FAIL
    net.set_bias<0>({0.1f, 0.2f});
#else
    net.set_bias<0>({0.1f, 0.2f, 0.3f});
#endif
    return net.bias<0>()[1] == 0.2f ? 0 : 1;
}
