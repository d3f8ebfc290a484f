// ctnn/detail/static_checks.hpp: the predicates behind ctnn's static_asserts, in one place.
//
// Each predicate names the rule and carries the sizes as template arguments, so that when a
// static_assert fails the compiler prints them: clang on the error line itself ("requirement
// 'ctnn::detail::...<2, 3>' ..."), GCC in the note right after it ("... evaluates to false").
#pragma once

#include <cstddef>

namespace ctnn::detail {

template <std::size_t Count>
inline constexpr bool network_has_input_and_output_width = Count >= 2;

template <std::size_t Position, std::size_t Width>
inline constexpr bool width_at_position_is_positive = Width > 0;

template <std::size_t Expected, std::size_t Got>
inline constexpr bool input_width_expected_got = Expected == Got;

template <std::size_t Expected, std::size_t Got>
inline constexpr bool target_width_expected_got = Expected == Got;

template <std::size_t ExpectedBatch, std::size_t GotBatch>
inline constexpr bool workspace_batch_expected_got = ExpectedBatch == GotBatch;

template <std::size_t SpanLength, std::size_t InputWidth>
inline constexpr bool flat_batch_length_is_whole_samples_of =
    InputWidth != 0 && SpanLength % InputWidth == 0;

template <std::size_t InputBatch, std::size_t TargetBatch>
inline constexpr bool input_and_target_batch_sizes_equal = InputBatch == TargetBatch;

// False, but only once instantiated: a call that leaves out the loss.
template <class Context>
inline constexpr bool loss_argument_given = false;

template <std::size_t Layer, std::size_t LayerCount>
inline constexpr bool layer_index_in_range = Layer < LayerCount;

template <std::size_t Layer, std::size_t ExpectedRows, std::size_t ExpectedCols,
          std::size_t GotRows, std::size_t GotCols>
inline constexpr bool weight_shape_of_layer_expected_got =
    ExpectedRows == GotRows && ExpectedCols == GotCols;

template <std::size_t Layer, std::size_t Expected, std::size_t Got>
inline constexpr bool bias_size_of_layer_expected_got = Expected == Got;

template <std::size_t Layer, bool HasBias>
inline constexpr bool layer_has_a_bias = HasBias;

template <std::size_t Layer, bool HasWeights>
inline constexpr bool layer_has_weights = HasWeights;

template <std::size_t Layer, std::size_t Block, std::size_t BlockCount>
inline constexpr bool block_index_of_layer_in_range = Block < BlockCount;

template <std::size_t Layer, std::size_t Block, std::size_t Expected, std::size_t Got>
inline constexpr bool block_size_of_layer_expected_got = Expected == Got;

template <class FirstLayer>
inline constexpr bool first_layer_is_input = false; // input<N> is handled by its own overload

template <class Expected, class Got>
inline constexpr bool output_activation_expected_got = false;

template <class Expected>
inline constexpr bool output_activation_expected_got<Expected, Expected> = true;

// int8 networks (ctnn/quantized/): an int8 layer's int32 accumulator cannot overflow when
// In * 255 * 127 <= 2^30 (|x - zero point| <= 255, |w| <= 127, |bias| <= 2^30); softmax is
// computed in float after the integer pass, so only on the output layer.
template <std::size_t In>
inline constexpr bool int8_layer_inputs_at_most_33155 = In * 255 * 127 <= (std::size_t{1} << 30);
template <std::size_t Layer, std::size_t LayerCount>
inline constexpr bool int8_softmax_only_on_the_output_layer = Layer + 1 == LayerCount;

template <class Expected, class Got>
inline constexpr bool scalar_type_expected_got = false;

template <class Expected>
inline constexpr bool scalar_type_expected_got<Expected, Expected> = true;

} // namespace ctnn::detail
