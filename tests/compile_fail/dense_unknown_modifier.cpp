// expect: ctnn::dense<Width, Modifiers\.\.\.>: every modifier must be an activation
// expect: activation<not_a_modifier, float>
// (Clang 14 goes on with "implicit instantiation of undefined template 'std::tuple_element<1,
// int>'" and "constexpr variable 'offsets' must be initialized by a constant expression".)
//
// Mistake: a dense layer given a type that is neither an activation nor a bias tag.
#include <ctnn/network.hpp>

struct not_a_modifier {};

int main()
{
#ifdef CTNN_COMPILE_FAIL
    const ctnn::sequential<ctnn::options<float>, ctnn::input<2>, ctnn::dense<3, not_a_modifier>,
                           ctnn::dense<1>>
        net{};
#else
    const ctnn::sequential<ctnn::options<float>, ctnn::input<2>, ctnn::dense<3, ctnn::sigmoid>,
                           ctnn::dense<1>>
        net{};
#endif
    return net.values()[0] == 0.0f ? 0 : 1;
}
