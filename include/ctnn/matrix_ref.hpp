// ctnn/matrix_ref.hpp: `matrix_ref`, a non-owning view of a row-major matrix of fixed shape.
#pragma once

#include <cstddef>
#include <span>
#include <type_traits>

namespace ctnn {

// The shape of a matrix as a type, so that it can be compared in a static_assert:
//   static_assert(std::is_same_v<net::layer<0>::weight_shape, ctnn::shape<2, 3>>);
template <std::size_t Rows, std::size_t Cols>
struct shape {
    static constexpr std::size_t rows = Rows;
    static constexpr std::size_t cols = Cols;
    static constexpr std::size_t size = Rows * Cols;
};

// A view of Rows x Cols contiguous values, row-major. Layer weights are viewed this way with one
// row per input and one column per output, as the tutorial writes Wh (inputs x hidden).
// T may be const-qualified for a read-only view.
template <class T, std::size_t Rows, std::size_t Cols>
class matrix_ref {
public:
    using value_type = std::remove_cv_t<T>;
    using shape_type = shape<Rows, Cols>;
    static constexpr std::size_t rows = Rows;
    static constexpr std::size_t cols = Cols;
    static constexpr std::size_t size = Rows * Cols;

    constexpr explicit matrix_ref(T* data) noexcept : data_(data) {}

    // A read-only view of a writable one.
    constexpr operator matrix_ref<const T, Rows, Cols>() const noexcept // NOLINT: implicit on purpose
        requires(!std::is_const_v<T>)
    {
        return matrix_ref<const T, Rows, Cols>(data_);
    }

    constexpr T& operator()(std::size_t row, std::size_t col) const noexcept
    {
        return data_[row * Cols + col];
    }
    constexpr std::span<T, Cols> operator[](std::size_t row) const noexcept
    {
        return std::span<T, Cols>(data_ + row * Cols, Cols);
    }
    constexpr std::span<T, Rows * Cols> flat() const noexcept
    {
        return std::span<T, Rows * Cols>(data_, Rows * Cols);
    }
    constexpr T* data() const noexcept { return data_; }

private:
    T* data_;
};

} // namespace ctnn
