// The static shape-test kit (ctnn/shape.hpp): positive and negative cases of each concept, and,
// for can_forward, proof that the concept agrees with what forward() really accepts.
//
// forward() rejects a wrong width or scalar type with a static_assert in its body, so a concept
// that tries the call cannot answer "no" (asking is a hard error). ctnn::can_forward is computed
// from the shape facts instead; below, every input it accepts is also called for real through
// `calls_forward`, and every input it rejects is either rejected by overload resolution
// (checked here with `calls_forward` too) or is the mistake of a tests/compile_fail case, which
// proves that the call does not compile and gives the library's message.
#include <array>
#include <cstddef>
#include <span>
#include <type_traits>
#include <vector>

#include <ctnn/ctnn.hpp>

namespace {

// The real call. Only asked where it compiles or fails in overload resolution.
template <class Net, class X>
concept calls_forward = requires(const Net& net, const X& x) { net.forward(x); };

using short_form = ctnn::network<2, 3, 1>; // float
using tutorial = ctnn::basic_network<ctnn::options<double, ctnn::no_bias>, 2, 3, 1>;

// A user's sample type deriving from std::array: forward() deduces std::array<float, 2> from it.
struct sample_row : std::array<float, 2> {};

// ---- can_forward: accepted inputs, each also called for real ---------------------------------
static_assert(ctnn::can_forward<short_form, std::array<float, 2>>);
static_assert(calls_forward<short_form, std::array<float, 2>>);
static_assert(ctnn::can_forward<short_form, ctnn::batch<float, 3, 2>>);
static_assert(calls_forward<short_form, ctnn::batch<float, 3, 2>>);
static_assert(ctnn::can_forward<short_form, ctnn::batch<float, 1, 2>>);
static_assert(calls_forward<short_form, ctnn::batch<float, 1, 2>>);
static_assert(ctnn::can_forward<short_form, ctnn::batch<float, 0, 2>>); // an empty batch
static_assert(calls_forward<short_form, ctnn::batch<float, 0, 2>>);
static_assert(ctnn::can_forward<short_form, sample_row>);
static_assert(calls_forward<short_form, sample_row>);
static_assert(ctnn::can_forward<tutorial, std::array<double, 2>>);
static_assert(calls_forward<tutorial, std::array<double, 2>>);
static_assert(ctnn::can_forward<tutorial, ctnn::batch<double, 4, 2>>);
static_assert(calls_forward<tutorial, ctnn::batch<double, 4, 2>>);
// References and const, on the input and on the network, change nothing.
static_assert(ctnn::can_forward<const short_form&, const std::array<float, 2>&>);
static_assert(ctnn::can_forward<short_form&, std::array<float, 2>&&>);
// What the accepted calls return.
static_assert(std::is_same_v<decltype(std::declval<const short_form&>().forward(
                                 std::declval<ctnn::input_of<short_form>>())),
                             ctnn::output_of<short_form>>);
static_assert(std::is_same_v<decltype(std::declval<const short_form&>().forward(
                                 std::declval<sample_row>())),
                             std::array<float, 1>>);

// ---- can_forward: rejected inputs ------------------------------------------------------------
// Each of these four is a tests/compile_fail case; there the call fails with the named message.
static_assert(!ctnn::can_forward<short_form, std::array<float, 3>>);      // forward_input_width
static_assert(!ctnn::can_forward<short_form, ctnn::batch<float, 4, 3>>);  // forward_batch_input_width
static_assert(!ctnn::can_forward<short_form, std::array<double, 2>>);     // forward_scalar_type
static_assert(!ctnn::can_forward<short_form, ctnn::batch<double, 4, 2>>); // forward_batch_scalar_type
// The same mistakes, the other way round, and a few more of the same kind (same check).
static_assert(!ctnn::can_forward<tutorial, std::array<float, 2>>);
static_assert(!ctnn::can_forward<tutorial, std::array<double, 1>>);
static_assert(!ctnn::can_forward<short_form, std::array<float, 0>>);
static_assert(!ctnn::can_forward<short_form, std::array<const float, 2>>);
static_assert(!ctnn::can_forward<short_form, std::array<int, 2>>);
// A batch of batches: its rows are not samples.
static_assert(!ctnn::can_forward<short_form, std::array<ctnn::batch<float, 2, 2>, 2>>);
// Not a std::array at all: no forward() overload takes these, so the real call fails too.
static_assert(!ctnn::can_forward<short_form, std::vector<float>>);
static_assert(!calls_forward<short_form, std::vector<float>>);
static_assert(!ctnn::can_forward<short_form, float>);
static_assert(!calls_forward<short_form, float>);
// One sample may be a built-in array or a span of fixed extent, of the scalar and input width.
static_assert(ctnn::can_forward<short_form, std::span<const float, 2>>);
static_assert(calls_forward<short_form, std::span<const float, 2>>);
static_assert(ctnn::can_forward<short_form, std::span<float, 2>>);
static_assert(ctnn::can_forward<short_form, const float (&)[2]>);
static_assert(calls_forward<short_form, const float (&)[2]>);
static_assert(!ctnn::can_forward<short_form, std::span<const float, 3>>);  // the width
// A flat batch: a span of whole samples, rows one after another (3 samples of 2 values).
static_assert(ctnn::can_forward<short_form, std::span<const float, 6>>);
static_assert(calls_forward<short_form, std::span<const float, 6>>);
static_assert(std::is_same_v<decltype(std::declval<const short_form&>().forward(
                                 std::declval<std::span<const float, 6>>())),
                             ctnn::batch<float, 3, 1>>);
static_assert(!ctnn::can_forward<short_form, std::span<const float, 5>>); // not whole samples
static_assert(!ctnn::can_forward<short_form, std::span<const double, 2>>); // the scalar
static_assert(!ctnn::can_forward<short_form, const float (&)[3]>);
static_assert(!ctnn::can_forward<short_form, const double (&)[2]>);
// A span of dynamic extent: its length is not known at compile time (forward() refuses it
// with its own message, tests/compile_fail/forward_dynamic_span.cpp).
static_assert(!ctnn::can_forward<short_form, std::span<const float>>);
// Not a network.
static_assert(!ctnn::can_forward<std::array<float, 2>, std::array<float, 2>>);
static_assert(!ctnn::can_forward<int, std::array<float, 2>>);

// ---- is_network ------------------------------------------------------------------------------
static_assert(ctnn::is_network<short_form> && ctnn::is_network<tutorial>);
static_assert(ctnn::is_network<ctnn::sequential<ctnn::options<float>, ctnn::input<4>,
                                                ctnn::dense<8, ctnn::relu>,
                                                ctnn::dense<3, ctnn::softmax>>>);
static_assert(ctnn::is_network<const short_form&>);
static_assert(!ctnn::is_network<int>);
static_assert(!ctnn::is_network<std::array<float, 2>>);
static_assert(!ctnn::is_network<ctnn::gradient<short_form>>); // same storage, not a network
static_assert(!ctnn::is_network<ctnn::dense<3>>);
static_assert(!ctnn::is_network<ctnn::dataset<float, 2, 1>>);

// ---- input_of, output_of ---------------------------------------------------------------------
static_assert(std::is_same_v<ctnn::input_of<short_form>, std::array<float, 2>>);
static_assert(std::is_same_v<ctnn::output_of<short_form>, std::array<float, 1>>);
static_assert(std::is_same_v<ctnn::input_of<tutorial>, std::array<double, 2>>);
static_assert(std::is_same_v<ctnn::output_of<const ctnn::network<4, 8, 3>&>,
                             std::array<float, 3>>);
static_assert(ctnn::can_forward<short_form, ctnn::input_of<short_form>>);

// ---- chainable -------------------------------------------------------------------------------
using encoder = ctnn::network<8, 4, 2>;
using decoder = ctnn::network<2, 5, 3>;
static_assert(ctnn::chainable<encoder, decoder>);
static_assert(!ctnn::chainable<decoder, encoder>); // 3 outputs into 8 inputs
static_assert(!ctnn::chainable<encoder, ctnn::basic_network<ctnn::options<double>, 2, 5, 3>>);
static_assert(!ctnn::chainable<encoder, ctnn::network<3, 1>>);
static_assert(!ctnn::chainable<encoder, int>);
static_assert(!ctnn::chainable<int, decoder>);
// Chainable means the chained call compiles and gives the second network's output.
static_assert(ctnn::can_forward<decoder, ctnn::output_of<encoder>>);
static_assert(std::is_same_v<decltype(std::declval<const decoder&>().forward(
                                 std::declval<const encoder&>().forward(
                                     std::declval<ctnn::input_of<encoder>>()))),
                             ctnn::output_of<decoder>>);

// ---- same_shape ------------------------------------------------------------------------------
using tanh_no_bias = ctnn::basic_network<ctnn::options<float, ctnn::tanh, ctnn::no_bias>, 2, 3, 1>;
static_assert(ctnn::same_shape<short_form, short_form>);
static_assert(ctnn::same_shape<short_form, tanh_no_bias>); // activations and biases may differ
static_assert(short_form::parameter_count != tanh_no_bias::parameter_count);
static_assert(!ctnn::same_shape<short_form, ctnn::network<2, 4, 1>>);
static_assert(!ctnn::same_shape<short_form, ctnn::network<2, 3, 1, 1>>); // one layer more
static_assert(!ctnn::same_shape<short_form, ctnn::network<2, 3>>);
static_assert(!ctnn::same_shape<short_form, ctnn::basic_network<ctnn::options<double>, 2, 3, 1>>);
static_assert(!ctnn::same_shape<short_form, int>);

// ---- dataset_matches -------------------------------------------------------------------------
static_assert(ctnn::dataset_matches<ctnn::dataset<float, 2, 1>, short_form>);
static_assert(ctnn::dataset_matches<ctnn::dataset_for<tutorial>, tutorial>);
static_assert(ctnn::dataset_matches<const ctnn::dataset<double, 2, 1>&, tutorial>);
static_assert(!ctnn::dataset_matches<ctnn::dataset<double, 2, 1>, short_form>); // scalar
static_assert(!ctnn::dataset_matches<ctnn::dataset<float, 3, 1>, short_form>);  // inputs
static_assert(!ctnn::dataset_matches<ctnn::dataset<float, 2, 2>, short_form>);  // targets
static_assert(!ctnn::dataset_matches<ctnn::dataset<float, 2, 1>, int>);
// A network has the same width members as a dataset, but is not one.
static_assert(!ctnn::dataset_matches<ctnn::network<2, 1>, short_form>);
static_assert(!ctnn::dataset_matches<ctnn::batch<float, 4, 2>, short_form>);

// ---- A user's own shape test, as the README shows it -----------------------------------------
template <class Net>
    requires ctnn::can_forward<Net, ctnn::input_of<Net>>
constexpr std::size_t outputs_of(const Net&)
{
    return Net::output_size;
}
static_assert(outputs_of(ctnn::network<4, 8, 3>{}) == 3);

} // namespace
