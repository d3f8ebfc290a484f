// expect: ctnn::dense<Width, \.\.\.> names more than one bias tag
// expect: (bias_pred, ctnn::with_bias, ctnn::no_bias> <= 1|\(2 <= 1\))
// (GCC's note gives only the count, "the comparison reduces to '(2 <= 1)'", Clang the tags.
// Clang 14 goes on with std::tuple_element and "constexpr variable 'offsets'" errors.)
//
// Mistake: a dense layer naming both bias tags.
#include <ctnn/network.hpp>

int main()
{
#ifdef CTNN_COMPILE_FAIL
    const ctnn::sequential<ctnn::options<float>, ctnn::input<2>,
                           ctnn::dense<1, ctnn::with_bias, ctnn::no_bias>>
        net{};
#else
    const ctnn::sequential<ctnn::options<float>, ctnn::input<2>, ctnn::dense<1, ctnn::no_bias>>
        net{};
#endif
    return net.values()[0] == 0.0f ? 0 : 1;
}
