// ctnn/rtneural.hpp compiles and works with -fno-exceptions (no Catch2 here: it needs them):
// save, load back, and a malformed file reported, not aborted on.
#include <cstdio>
#include <sstream>

#include <ctnn/network.hpp>
#include <ctnn/rtneural.hpp>

int main()
{
    using Net = ctnn::sequential<ctnn::options<float>, ctnn::input<2>, ctnn::dense<3, ctnn::tanh>,
                                 ctnn::dense<1, ctnn::identity>>;
    Net net;
    for (std::size_t k = 0; k < net.values().size(); ++k)
        net.values()[k] = 0.25f * static_cast<float>(k) - 1.0f;
    std::stringstream json;
    if (!ctnn::save_rtneural(net, json))
        return std::puts("save failed"), 1;
    Net copy;
    if (auto r = ctnn::load_rtneural(copy, json); !r)
        return std::printf("load failed: %s\n", r.message()), 1;
    for (std::size_t k = 0; k < net.values().size(); ++k)
        if (copy.values()[k] != net.values()[k])
            return std::puts("round trip differs"), 1;
    std::istringstream bad("{\"in_shape\": [null, 2], \"layers\": [}");
    const ctnn::io_result r = ctnn::load_rtneural(copy, bad);
    if (r || r.error() != ctnn::io_error::malformed)
        return std::puts("a malformed file was not reported"), 1;
    std::printf("ok: %s\n", r.message());
    return 0;
}
