// libFuzzer target: ctnn::load_rtneural, RTNeural's JSON model format (ctnn/rtneural.hpp). Any
// crash, sanitizer report or broken invariant is a bug: a failed load leaves the network's bits
// unchanged and says why; a successful one loads only finite values, and what it loaded writes
// and reads back to the same bits.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <string>

#include <ctnn/network.hpp>
#include <ctnn/rtneural.hpp>

#include "load_invariants.hpp"

namespace {

// The seed corpus's shapes: the tests' hand-written 2-3-2 model, the smallest network, and one
// with a bias-free layer and a softmax.
using hand_net = ctnn::sequential<ctnn::options<double>, ctnn::input<2>,
                                  ctnn::dense<3, ctnn::relu>, ctnn::dense<2, ctnn::sigmoid>>;
using tiny_net = ctnn::sequential<ctnn::options<float>, ctnn::input<1>,
                                  ctnn::dense<1, ctnn::identity>>;
using mixed_net = ctnn::sequential<ctnn::options<float>, ctnn::input<3>,
                                   ctnn::dense<4, ctnn::tanh, ctnn::no_bias>,
                                   ctnn::dense<2, ctnn::elu<1, 1>>, ctnn::dense<2, ctnn::softmax>>;

using ctnn_fuzz::checked_load;
using ctnn_fuzz::same_bits;
using ctnn_fuzz::violated;

template <class Net>
void check_load(const std::string& text)
{
    const auto net = checked_load<Net>(
        text, [](Net& n, std::istream& in) { return ctnn::load_rtneural(n, in); });
    if (!net)
        return;
    // What loaded writes and reads back to the same bits.
    std::stringstream again;
    if (!ctnn::save_rtneural(*net, again))
        violated("a loaded network did not save");
    Net copy;
    if (!ctnn::load_rtneural(copy, again) || !same_bits(copy, *net))
        violated("a loaded network did not round-trip");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string text(reinterpret_cast<const char*>(data), size);
    check_load<hand_net>(text);
    check_load<tiny_net>(text);
    check_load<mixed_net>(text);
    return 0;
}
