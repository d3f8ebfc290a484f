// ctnn/activation/softplus.hpp: softplus, a = log(1 + exp(z)), a smooth relu.
#pragma once

#include <cmath>

namespace ctnn {

// Written as max(z, 0) + log1p(exp(-|z|)), which never overflows: softplus(1000) is 1000 and
// softplus(-1000) is 0 (exactly, in float and double), where the naive formula gives inf for the
// first. The derivative is the logistic sigmoid of z, written stably on either side of 0.
struct softplus {
    template <class T>
    static T value(T z) noexcept
    {
        return (z > T(0) ? z : T(0)) + std::log1p(std::exp(-std::fabs(z)));
    }

    template <class T>
    static T derivative(T z, T /*a*/) noexcept
    {
        if (z >= T(0))
            return T(1) / (T(1) + std::exp(-z));
        const T e = std::exp(z);
        return e / (T(1) + e);
    }
};

} // namespace ctnn
