// ctnn/activation/identity.hpp: the identity activation, a = z (a linear layer).
#pragma once

namespace ctnn {

// No non-linearity: the layer outputs its pre-activation. Use it for regression outputs.
struct identity {
    template <class T>
    static constexpr T value(T z) noexcept
    {
        return z;
    }

    template <class T>
    static constexpr T derivative(T /*z*/, T /*a*/) noexcept
    {
        return T(1);
    }
};

} // namespace ctnn
