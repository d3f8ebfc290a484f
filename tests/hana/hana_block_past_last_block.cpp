// Block 2 of a dense layer, which has two (weights and bias): one error, the adapter's.
// expect: ctnn::hana::layer_view::block<B>\(\): the layer has fewer blocks
#include <ctnn/ctnn.hpp>
#include <ctnn/hana.hpp>

int main()
{
    ctnn::network<2, 3, 1> net;
    const auto layer = boost::hana::at_c<0>(net);
#ifdef CTNN_COMPILE_FAIL
    const auto block = layer.block<2>();
#else
    const auto block = layer.block<1>(); // the bias
#endif
    return static_cast<int>(block.size) - 3;
}
