// ctnn/activation/tanh.hpp: the hyperbolic tangent, a = tanh(z), in (-1, 1).
#pragma once

#include <cmath>
#include <type_traits>

#include <ctnn/detail/constexpr_activation_math.hpp>

namespace ctnn {

// A zero-centred sigmoid. std::tanh saturates cleanly at +-1 for large |z|.
// The derivative 1 - a^2 comes from the stored value. In constant expressions, where std::tanh
// is not constexpr, value() uses detail::constexpr_tanh (within a few ulp of std::tanh).
struct tanh {
    template <class T>
    static constexpr T value(T z) noexcept
    {
        if (std::is_constant_evaluated())
            return static_cast<T>(detail::constexpr_tanh(static_cast<double>(z)));
        return std::tanh(z);
    }

    template <class T>
    static constexpr T derivative(T /*z*/, T a) noexcept
    {
        return T(1) - a * a;
    }
};

} // namespace ctnn
