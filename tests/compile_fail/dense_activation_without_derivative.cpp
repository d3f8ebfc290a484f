// expect: ctnn::dense<Width, Modifiers\.\.\.>: every modifier must be an activation
// expect: activation<value_only, float>
//
// Mistake: a layer given a home-made activation that has value() but no derivative(z, a), so
// it models neither ctnn::elementwise_activation nor ctnn::row_activation. Its twin adds the
// derivative.
#include <ctnn/network.hpp>

struct value_only {
    template <class T>
    static T value(T z) noexcept
    {
        return z / (T(1) + (z < T(0) ? -z : z)); // softsign
    }
#ifndef CTNN_COMPILE_FAIL
    template <class T>
    static T derivative(T z, T /*a*/) noexcept
    {
        const T d = T(1) + (z < T(0) ? -z : z);
        return T(1) / (d * d);
    }
#endif
};

int main()
{
    const ctnn::sequential<ctnn::options<float>, ctnn::input<2>, ctnn::dense<3, value_only>,
                           ctnn::dense<1>>
        net{};
    return net.forward(std::array<float, 2>{})[0] > 0.0f ? 0 : 1;
}
