// ctnn/parameters.hpp: `parameters<Net>`, every parameter block of a network (weights, biases,
// gains, running statistics) in one aligned inline array, viewed layer by layer and block by
// block. A network is its parameters plus behaviour; its gradient (`gradient<Net>`) is a second
// object of this same shape.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <string_view>

#include <ctnn/detail/network_traits.hpp>
#include <ctnn/layer/concept.hpp>
#include <ctnn/detail/static_checks.hpp>
#include <ctnn/matrix_ref.hpp>

namespace ctnn {

// Storage: layer 0's trained blocks in the order the layer declares them (a dense layer: its
// weights, row-major, in_size x out_size, then its bias, if any), then layer 1's, and so on, with
// no padding between layers: parameter_count values, what an optimiser updates (values()). Then
// the running state of the layers that keep one (batch_norm's running mean and variance),
// state_count values (state()), which no optimiser touches. The array is aligned to the network's
// alignment (64 bytes unless ctnn::alignment<N> says otherwise), so
//   sizeof(parameters<Net>) ==
//       round_up((Net::parameter_count + Net::state_count) * sizeof(scalar), alignment)
// and a network object has exactly that size too (Net::byte_size). A default-constructed object
// holds zeros.
template <class Net>
class parameters {
    using traits = detail::network_traits<Net>;

public:
    using scalar_type = typename traits::scalar;
    static constexpr std::size_t layer_count = traits::layer_count;
    static constexpr std::size_t parameter_count = traits::parameter_count;
    static constexpr std::size_t state_count = traits::state_count;
    static constexpr std::size_t alignment = traits::alignment;
    static constexpr std::size_t byte_size =
        ((parameter_count + state_count) * sizeof(scalar_type) + alignment - 1) / alignment *
        alignment;

    template <std::size_t L>
    using layer = typename traits::template layer<L>;

    // All trained parameters, flat, in storage order.
    constexpr std::span<scalar_type, parameter_count> values() noexcept
    {
        return std::span<scalar_type, parameter_count>(values_.data(), parameter_count);
    }
    constexpr std::span<const scalar_type, parameter_count> values() const noexcept
    {
        return std::span<const scalar_type, parameter_count>(values_.data(), parameter_count);
    }
    // The running state of every layer that keeps one (empty for most networks), flat.
    constexpr std::span<scalar_type, state_count> state() noexcept
    {
        return std::span<scalar_type, state_count>(values_.data() + parameter_count, state_count);
    }
    constexpr std::span<const scalar_type, state_count> state() const noexcept
    {
        return std::span<const scalar_type, state_count>(values_.data() + parameter_count,
                                                         state_count);
    }

    // Block B of layer L (in the order the layer declares its blocks, see ctnn/layer/concept.hpp),
    // flat and row-major: net.block<1, 0>() is a dense layer 1's weights. block_index<L>("gain")
    // finds a block by name.
    template <std::size_t L, std::size_t B>
    constexpr auto block() noexcept
    {
        check_block<L, B>();
        return std::span<scalar_type, block_size<L, B>()>(values_.data() + block_start<L, B>(),
                                                          block_size<L, B>());
    }
    template <std::size_t L, std::size_t B>
    constexpr auto block() const noexcept
    {
        check_block<L, B>();
        return std::span<const scalar_type, block_size<L, B>()>(
            values_.data() + block_start<L, B>(), block_size<L, B>());
    }
    template <std::size_t L>
    static constexpr std::size_t block_index(std::string_view name) noexcept
    {
        return detail::block_index<layer_or_first<L>>(name);
    }

    // Sets block B of layer L from its values, row-major: net.set_block<2, 0>({1.f, 1.f, 1.f}).
    template <std::size_t L, std::size_t B, std::size_t N>
    constexpr void set_block(const scalar_type (&v)[N]) noexcept
    {
        check_block<L, B>();
        static_assert(detail::block_size_of_layer_expected_got<L, B, block_size<L, B>(), N>,
                      "ctnn: set_block<Layer, Block>: wrong number of values; a block takes "
                      "rows * cols values (the requirement names layer, block, expected and "
                      "given sizes)");
        if constexpr (N == block_size<L, B>())
            for (std::size_t k = 0; k < N; ++k)
                values_[block_start<L, B>() + k] = v[k];
    }

    // Layer L's weights, in_size x out_size: weights<L>()(i, o) connects input i to output o;
    // for layers with a block named "weights" (dense).
    template <std::size_t L>
    constexpr auto weights() noexcept
    {
        check_weights<L>();
        using lay = layer_or_first<L>;
        return matrix_ref<scalar_type, lay::in_size, lay::out_size>(values_.data() +
                                                                    offset<L>());
    }
    template <std::size_t L>
    constexpr auto weights() const noexcept
    {
        check_weights<L>();
        using lay = layer_or_first<L>;
        return matrix_ref<const scalar_type, lay::in_size, lay::out_size>(values_.data() +
                                                                          offset<L>());
    }

    // Layer L's bias, out_size values. Only for layers that have one.
    template <std::size_t L>
    constexpr auto bias() noexcept
    {
        check_bias<L>();
        using lay = layer_or_first<L>;
        return std::span<scalar_type, lay::out_size>(values_.data() + bias_offset<L>(),
                                                     lay::out_size);
    }
    template <std::size_t L>
    constexpr auto bias() const noexcept
    {
        check_bias<L>();
        using lay = layer_or_first<L>;
        return std::span<const scalar_type, lay::out_size>(values_.data() + bias_offset<L>(),
                                                           lay::out_size);
    }

    // Sets layer L's weights from a matrix written row by row, one row per input:
    //   net.set_weights<0>({{0.1, 0.2, 0.3}, {0.4, 0.5, 0.6}});   // 2 inputs, 3 outputs
    template <std::size_t L, std::size_t Rows, std::size_t Cols>
    constexpr void set_weights(const scalar_type (&w)[Rows][Cols]) noexcept
    {
        assign_weights<L, Rows, Cols>(w);
    }
    template <std::size_t L, std::size_t Rows, std::size_t Cols>
    constexpr void set_weights(const std::array<std::array<scalar_type, Cols>, Rows>& w) noexcept
    {
        assign_weights<L, Rows, Cols>(w);
    }

    // Sets layer L's bias: net.set_bias<0>({0.1, -0.2, 0.0});
    template <std::size_t L, std::size_t N>
    constexpr void set_bias(const scalar_type (&b)[N]) noexcept
    {
        assign_bias<L, N>(b);
    }
    template <std::size_t L, std::size_t N>
    constexpr void set_bias(const std::array<scalar_type, N>& b) noexcept
    {
        assign_bias<L, N>(b);
    }

    friend constexpr bool operator==(const parameters&, const parameters&) = default;

protected:
    // Raw pointers for the loops: layer L's trained blocks and its running state; L is known to
    // be valid here.
    template <std::size_t L>
    constexpr const scalar_type* layer_data() const noexcept
    {
        return values_.data() + traits::offsets[L];
    }
    template <std::size_t L>
    constexpr scalar_type* layer_data() noexcept
    {
        return values_.data() + traits::offsets[L];
    }
    template <std::size_t L>
    constexpr const scalar_type* layer_state() const noexcept
    {
        return values_.data() + parameter_count + traits::state_offsets[L];
    }
    template <std::size_t L>
    constexpr scalar_type* layer_state() noexcept
    {
        return values_.data() + parameter_count + traits::state_offsets[L];
    }

    template <class>
    friend class parameters;
    template <class, class, class...>
    friend class sequential;

private:
    // After a failed index check, keep compiling against layer 0 so that the one static_assert
    // is the only error the user sees.
    template <std::size_t L>
    using layer_or_first = layer<(L < layer_count ? L : 0)>;

    // w[r][c] and b[o] work alike for built-in arrays and std::arrays.
    template <std::size_t L, std::size_t Rows, std::size_t Cols, class Matrix>
    constexpr void assign_weights(const Matrix& w) noexcept
    {
        check_weight_shape<L, Rows, Cols>();
        if constexpr (shape_fits<L, Rows, Cols>())
            for (std::size_t r = 0; r < Rows; ++r)
                for (std::size_t c = 0; c < Cols; ++c)
                    values_[offset<L>() + r * Cols + c] = w[r][c];
    }
    template <std::size_t L, std::size_t N, class Vector>
    constexpr void assign_bias(const Vector& b) noexcept
    {
        check_bias_size<L, N>();
        if constexpr (bias_fits<L, N>())
            for (std::size_t o = 0; o < N; ++o)
                values_[bias_offset<L>() + o] = b[o];
    }

    // Where block B of layer L starts in the array (B out of range: 0, after its error).
    template <std::size_t L, std::size_t B>
    static constexpr std::size_t block_start() noexcept
    {
        using lay = layer_or_first<L>;
        if constexpr (B < lay::blocks.size()) {
            constexpr std::size_t l = L < layer_count ? L : 0;
            return (lay::blocks[B].trained ? traits::offsets[l]
                                           : parameter_count + traits::state_offsets[l]) +
                   detail::block_offset<lay>(B);
        }
        else
            return 0;
    }
    template <std::size_t L, std::size_t B>
    static constexpr std::size_t block_size() noexcept
    {
        using lay = layer_or_first<L>;
        if constexpr (B < lay::blocks.size())
            return lay::blocks[B].size();
        else
            return 1;
    }
    template <std::size_t L, std::size_t B>
    static constexpr void check_block() noexcept
    {
        check_layer<L>();
        static_assert(detail::block_index_of_layer_in_range<L, B, layer_or_first<L>::blocks.size()>,
                      "ctnn: block<Layer, Block>: the layer has fewer blocks (the requirement "
                      "names layer, block and the layer's block count)");
    }

    template <std::size_t L>
    static constexpr std::size_t weights_block = detail::block_index<layer_or_first<L>>("weights");
    template <std::size_t L>
    static constexpr std::size_t bias_block = detail::block_index<layer_or_first<L>>("bias");
    template <std::size_t L>
    static constexpr bool has_bias_block = bias_block<L> < layer_or_first<L>::blocks.size();
    template <std::size_t L>
    static constexpr bool has_weights_block =
        weights_block<L> < layer_or_first<L>::blocks.size();

    template <std::size_t L>
    static constexpr std::size_t offset() noexcept
    {
        return block_start<L, weights_block<L>>();
    }
    template <std::size_t L>
    static constexpr std::size_t bias_offset() noexcept
    {
        return block_start<L, bias_block<L>>();
    }

    template <std::size_t L>
    static constexpr void check_layer() noexcept
    {
        static_assert(detail::layer_index_in_range<L, layer_count>,
                      "ctnn: layer index out of range; layers count from 0 and network<2, 3, 1> "
                      "has layers 0 and 1");
    }
    template <std::size_t L>
    static constexpr void check_weights() noexcept
    {
        check_layer<L>();
        if constexpr (L < layer_count)
            static_assert(detail::layer_has_weights<L, has_weights_block<L>>,
                          "ctnn: weights<L>() of a layer without weights (the requirement names "
                          "the layer); read its blocks with block<L, B>()");
    }
    template <std::size_t L>
    static constexpr void check_bias() noexcept
    {
        check_layer<L>();
        if constexpr (L < layer_count)
            static_assert(detail::layer_has_a_bias<L, has_bias_block<L>>,
                          "ctnn: bias<L>() of a layer without a bias; give the layer (or the "
                          "network's options) ctnn::with_bias");
    }
    template <std::size_t L, std::size_t Rows, std::size_t Cols>
    static constexpr bool shape_fits() noexcept
    {
        return L < layer_count && has_weights_block<L> &&
               layer_or_first<L>::in_size == Rows &&
               layer_or_first<L>::out_size == Cols;
    }
    template <std::size_t L, std::size_t Rows, std::size_t Cols>
    static constexpr void check_weight_shape() noexcept
    {
        check_weights<L>();
        static_assert(
            detail::weight_shape_of_layer_expected_got<L, layer_or_first<L>::in_size,
                                                       layer_or_first<L>::out_size, Rows, Cols>,
            "ctnn: set_weights<Layer>: wrong weight matrix shape; it must be in_size x out_size "
            "of that layer, one row per input (the requirement names layer, expected rows, "
            "expected columns, given rows, given columns)");
    }
    template <std::size_t L, std::size_t N>
    static constexpr bool bias_fits() noexcept
    {
        return L < layer_count && has_bias_block<L> && layer_or_first<L>::out_size == N;
    }
    template <std::size_t L, std::size_t N>
    static constexpr void check_bias_size() noexcept
    {
        check_bias<L>();
        static_assert(detail::bias_size_of_layer_expected_got<L, layer_or_first<L>::out_size, N>,
                      "ctnn: set_bias<Layer>: the bias must have out_size values of that layer "
                      "(the requirement names layer, expected size, given size)");
    }

    alignas(alignment) std::array<scalar_type, parameter_count + state_count> values_{};
};

// The gradient of a loss with respect to every parameter of Net: an object of the same shape,
// read with the same weights<L>() and bias<L>().
template <class Net>
using gradient = parameters<Net>;

} // namespace ctnn
