// ctnn/activation/sigmoid.hpp: the logistic sigmoid, s(z) = 1 / (1 + exp(-z)).
#pragma once

#include <cmath>

namespace ctnn {

// The tutorial's activation. value() is written exactly as the tutorial's NumPy code computes it,
// 1 / (1 + exp(-z)), so that ctnn reproduces its figures to the last few bits. The derivative
// s'(z) = s(z) (1 - s(z)) is taken from the stored value: no second exp.
struct sigmoid {
    template <class T>
    static T value(T z) noexcept
    {
        return T(1) / (T(1) + std::exp(-z));
    }

    template <class T>
    static constexpr T derivative(T /*z*/, T a) noexcept
    {
        return a * (T(1) - a);
    }
};

} // namespace ctnn
