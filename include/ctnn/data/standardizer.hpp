// ctnn/data/standardizer.hpp: `standardizer<T, Features>`, each feature's mean and standard
// deviation measured on the training part, and the affine map (x - mean) / deviation that gives
// every feature mean 0 and deviation 1 there (scikit-learn's StandardScaler).
//
//   const auto standardize = ctnn::standardizer<float, 4>::fit(parts.train);  // training part only
//   standardize.apply(iris.features);        // in place: every part, with the training statistics
//   net.forward(standardize(raw_sample));    // one sample, when inferring
//
// To keep the statistics with the network instead (saved, loaded and baked with it, applied by
// forward() itself), start the network with a ctnn::standardize layer and store them in it:
// ctnn::set_standardizer<0>(net, standardize) (ctnn/layer/standardize.hpp).
//
// The deviation is the population one (divided by n, as StandardScaler's); a feature that is
// constant on the training part keeps scale 1. Sums run in double (long double for a double
// standardizer), over two passes. Fitting on no samples, or on a value that is NaN or infinite,
// throws std::invalid_argument naming the sample and feature (-fno-exceptions: message, abort).
#pragma once

#include <array>
#include <cmath>
#include <cstddef>
#include <span>
#include <type_traits>

#include <ctnn/dataset.hpp>
#include <ctnn/detail/invalid_argument.hpp>
#include <ctnn/layer/standardize.hpp>

namespace ctnn {

template <class T, std::size_t Features>
struct standardizer {
    using scalar_type = T;
    using row = std::array<T, Features>;
    static constexpr std::size_t feature_count = Features;

    row mean{};  // subtracted from each feature
    row scale = ones(); // then multiplied: 1 / the feature's standard deviation

    // Measures the rows' means and deviations.
    static standardizer fit(std::span<const row> rows)
    {
        using wide = std::conditional_t<(sizeof(T) < sizeof(double)), double, long double>;
        if (rows.empty())
            detail::invalid_argument("ctnn::standardizer::fit: no samples to measure");
        for (std::size_t s = 0; s < rows.size(); ++s)
            for (std::size_t f = 0; f < Features; ++f)
                if (!std::isfinite(rows[s][f]))
                    detail::invalid_argument("ctnn::standardizer::fit: feature ", f,
                                             " of sample ", s, " is not finite");
        const wide n = static_cast<wide>(rows.size());
        standardizer result;
        for (std::size_t f = 0; f < Features; ++f) {
            wide sum = 0;
            for (const row& r : rows)
                sum += static_cast<wide>(r[f]);
            const wide mean = sum / n;
            wide squares = 0;
            for (const row& r : rows)
                squares += (static_cast<wide>(r[f]) - mean) * (static_cast<wide>(r[f]) - mean);
            const wide deviation = std::sqrt(squares / n);
            result.mean[f] = static_cast<T>(mean);
            // A deviation that rounds to 0 in T (or whose inverse overflows) is no deviation.
            const T inverse = static_cast<T>(wide(1) / deviation);
            result.scale[f] = deviation > 0 && std::isfinite(inverse) ? inverse : T(1);
        }
        return result;
    }

    // The training part of a split, or any dataset: its input rows.
    template <std::size_t Outputs>
    static standardizer fit(const dataset<T, Features, Outputs>& data)
    {
        return fit(data.inputs());
    }

    // One sample, standardised.
    constexpr row operator()(const row& x) const noexcept
    {
        row y;
        for (std::size_t f = 0; f < Features; ++f)
            y[f] = (x[f] - mean[f]) * scale[f];
        return y;
    }

    // Every row, in place.
    constexpr void apply(std::span<row> rows) const noexcept
    {
        for (row& r : rows)
            r = (*this)(r);
    }

private:
    static constexpr row ones() noexcept
    {
        row r;
        r.fill(T(1));
        return r;
    }
};

namespace detail {
template <class Layer, class T, std::size_t Features>
inline constexpr bool is_standardize_layer_for = false;
template <class T, std::size_t Width>
inline constexpr bool is_standardize_layer_for<standardize_layer<T, Width>, T, Width> = true;
} // namespace detail

// Stores a fitted standardizer in layer L of net, a ctnn::standardize layer of its width and
// scalar type.
template <std::size_t L, class Net, class T, std::size_t Features>
constexpr void set_standardizer(Net& net, const standardizer<T, Features>& s) noexcept
{
    constexpr bool fits = [] {
        if constexpr (L < Net::layer_count)
            return detail::is_standardize_layer_for<typename Net::template layer<L>, T, Features>;
        else
            return false;
    }();
    static_assert(fits, "ctnn::set_standardizer<L>(net, s): layer L of the network must be a "
                        "ctnn::standardize layer as wide as the standardizer, of the same scalar "
                        "type");
    if constexpr (fits) {
        auto mean = net.template block<L, 0>();
        auto scale = net.template block<L, 1>();
        for (std::size_t f = 0; f < Features; ++f) {
            mean[f] = s.mean[f];
            scale[f] = s.scale[f];
        }
    }
}

} // namespace ctnn
