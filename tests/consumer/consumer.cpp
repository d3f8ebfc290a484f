// A user's program, built against an installed ctnn (find_package), a vendored copy
// (add_subdirectory), a fetched one (FetchContent) or with a bare -I. It must compile with nothing
// but the ctnn::ctnn target (or ctnn's include directory).
#include <ctnn/ctnn.hpp>

#include <cstdio>

int main()
{
    using net_t = ctnn::network<2, 3, 1>;
    static_assert(net_t::parameter_count == 13);
    net_t net;
    ctnn::initialize(net, ctnn::uniform01{}, 1);
    const float out = net.forward(net_t::input_type{0.5f, -0.5f})[0];
    std::printf("ctnn %d.%d.%d: %g\n", ctnn::version_major, ctnn::version_minor,
                ctnn::version_patch, static_cast<double>(out));
    return out > 0.0f && out < 1.0f ? 0 : 1; // a sigmoid output
}
