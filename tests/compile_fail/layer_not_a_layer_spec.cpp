// expect: each layer after the input must be a layer spec
//
// Mistake: a width where a layer spec belongs (dense<3> was meant).
#include <cstddef>
#include <type_traits>

#include <ctnn/network.hpp>

int main()
{
#ifdef CTNN_COMPILE_FAIL
    const ctnn::sequential<ctnn::options<float>, ctnn::input<2>,
                           std::integral_constant<std::size_t, 3>, ctnn::dense<1>>
        net{};
#else
    const ctnn::sequential<ctnn::options<float>, ctnn::input<2>, ctnn::dense<3>, ctnn::dense<1>>
        net{};
#endif
    return net.values()[0] == 0.0f ? 0 : 1;
}
