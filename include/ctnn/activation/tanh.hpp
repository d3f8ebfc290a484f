// ctnn/activation/tanh.hpp: the hyperbolic tangent, a = tanh(z), in (-1, 1).
#pragma once

#include <cmath>

namespace ctnn {

// A zero-centred sigmoid. std::tanh saturates cleanly at +-1 for large |z|.
// The derivative 1 - a^2 comes from the stored value.
struct tanh {
    template <class T>
    static T value(T z) noexcept
    {
        return std::tanh(z);
    }

    template <class T>
    static constexpr T derivative(T /*z*/, T a) noexcept
    {
        return T(1) - a * a;
    }
};

} // namespace ctnn
