// hana::at_c<2> of a network of two layers: one error, the adapter's.
// expect: ctnn::hana: hana::at\(net, n\): n is past the last layer
#include <ctnn/ctnn.hpp>
#include <ctnn/hana.hpp>

int main()
{
    ctnn::network<2, 3, 1> net;
#ifdef CTNN_COMPILE_FAIL
    auto layer = boost::hana::at_c<2>(net); // layers count from 0: network<2, 3, 1> has 0 and 1
#else
    auto layer = boost::hana::at_c<1>(net);
#endif
    return static_cast<int>(layer.out_size) - 1;
}
