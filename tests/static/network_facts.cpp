// Compile-time facts of a network: widths, parameter counts, each layer's shape, bias and
// activation, and the scalar type. Compiling this file is the test; every expected number is
// worked out by hand in the comment beside it, not taken from the library.
#include <array>
#include <cstddef>
#include <type_traits>

#include <ctnn/ctnn.hpp>

namespace {

// The tutorial's network: 2 inputs, 3 hidden units, 1 output, sigmoid everywhere, no biases.
using tutorial = ctnn::basic_network<ctnn::options<double, ctnn::no_bias>, 2, 3, 1>;
// The short form: float, sigmoid, a bias in every layer.
using short_form = ctnn::network<2, 3, 1>;
using wider_hidden = ctnn::basic_network<ctnn::options<double, ctnn::no_bias>, 2, 4, 1>;

// parameter_count: the sum over layers of in * out weights, plus out biases where present.
static_assert(tutorial::parameter_count == 9);                        // 2*3 + 3*1
static_assert(short_form::parameter_count == 13);                     // 2*3 + 3 + 3*1 + 1
static_assert(wider_hidden::parameter_count == 12);                   // 2*4 + 4*1
static_assert(ctnn::network<2, 1>::parameter_count == 3);             // 2*1 + 1
static_assert(ctnn::network<4, 5, 6, 2>::parameter_count == 75);      // 20+5 + 30+6 + 12+2
static_assert(ctnn::network<784, 30, 10>::parameter_count == 23860);  // 23520+30 + 300+10

// The short form is the full form with every default spelled out.
static_assert(std::is_same_v<short_form, ctnn::sequential<ctnn::options<float>, ctnn::input<2>,
                                                          ctnn::dense<3>, ctnn::dense<1>>>);
static_assert(std::is_same_v<short_form, ctnn::basic_network<ctnn::options<>, 2, 3, 1>>);

// Sizes. layer_count counts weight layers, not the input.
static_assert(tutorial::input_size == 2);
static_assert(tutorial::output_size == 1);
static_assert(tutorial::layer_count == 2);
static_assert(tutorial::widths == std::array<std::size_t, 3>{2, 3, 1});
static_assert(ctnn::network<4, 5, 6, 2>::input_size == 4);
static_assert(ctnn::network<4, 5, 6, 2>::output_size == 2);
static_assert(ctnn::network<4, 5, 6, 2>::layer_count == 3);
static_assert(ctnn::network<4, 5, 6, 2>::widths == std::array<std::size_t, 4>{4, 5, 6, 2});
static_assert(ctnn::network<3, 1>::layer_count == 1);

// Each layer takes the previous width as its input: widths are written once.
static_assert(tutorial::layer<0>::in_size == 2);
static_assert(tutorial::layer<0>::out_size == 3);
static_assert(tutorial::layer<1>::in_size == 3);
static_assert(tutorial::layer<1>::out_size == 1);
static_assert(std::is_same_v<tutorial::layer<0>::weight_shape, ctnn::shape<2, 3>>);
static_assert(std::is_same_v<tutorial::layer<1>::weight_shape, ctnn::shape<3, 1>>);
static_assert(tutorial::layer<0>::weight_shape::rows == 2);
static_assert(tutorial::layer<0>::weight_shape::cols == 3);
static_assert(tutorial::layer<0>::weight_shape::size == 6);
using four_layers = ctnn::network<4, 5, 6, 2>;
static_assert(std::is_same_v<four_layers::layer<0>::weight_shape, ctnn::shape<4, 5>>);
static_assert(std::is_same_v<four_layers::layer<1>::weight_shape, ctnn::shape<5, 6>>);
static_assert(std::is_same_v<four_layers::layer<2>::weight_shape, ctnn::shape<6, 2>>);

// Per-layer counts.
static_assert(tutorial::layer<0>::weight_count == 6);
static_assert(tutorial::layer<0>::bias_count == 0);
static_assert(tutorial::layer<0>::parameter_count == 6);
static_assert(short_form::layer<0>::weight_count == 6);
static_assert(short_form::layer<0>::bias_count == 3);
static_assert(short_form::layer<0>::parameter_count == 9);
static_assert(short_form::layer<1>::parameter_count == 4);

// Bias: network-wide default (with), network-wide no_bias, and a layer overriding the network.
static_assert(short_form::layer<0>::has_bias && short_form::layer<1>::has_bias);
static_assert(!tutorial::layer<0>::has_bias && !tutorial::layer<1>::has_bias);
using bias_in_hidden_only = ctnn::sequential<ctnn::options<double, ctnn::no_bias>, ctnn::input<2>,
                                             ctnn::dense<3, ctnn::with_bias>, ctnn::dense<1>>;
static_assert(bias_in_hidden_only::layer<0>::has_bias);
static_assert(!bias_in_hidden_only::layer<1>::has_bias);
static_assert(bias_in_hidden_only::parameter_count == 12); // 2*3 + 3 + 3*1
using bias_off_at_output = ctnn::sequential<ctnn::options<float>, ctnn::input<2>, ctnn::dense<3>,
                                            ctnn::dense<1, ctnn::no_bias>>;
static_assert(bias_off_at_output::layer<0>::has_bias);
static_assert(!bias_off_at_output::layer<1>::has_bias);
static_assert(bias_off_at_output::parameter_count == 12); // 2*3 + 3 + 3*1
// Naming the network's own setting again changes nothing.
static_assert(std::is_same_v<ctnn::sequential<ctnn::options<float>, ctnn::input<2>,
                                              ctnn::dense<3, ctnn::with_bias>>::layer<0>,
                             ctnn::network<2, 3>::layer<0>>);

// Activation: sigmoid by default, a layer's own choice, the network's choice, in any order.
static_assert(std::is_same_v<short_form::layer<0>::activation_type, ctnn::sigmoid>);
static_assert(std::is_same_v<short_form::layer<1>::activation_type, ctnn::sigmoid>);
using linear_output = ctnn::sequential<ctnn::options<float>, ctnn::input<2>, ctnn::dense<3>,
                                       ctnn::dense<1, ctnn::identity>>;
static_assert(std::is_same_v<linear_output::layer<0>::activation_type, ctnn::sigmoid>);
static_assert(std::is_same_v<linear_output::layer<1>::activation_type, ctnn::identity>);
static_assert(linear_output::layer<1>::has_bias); // naming an activation leaves the bias alone

using identity_then_no_bias = ctnn::sequential<ctnn::options<float>, ctnn::input<2>,
                                               ctnn::dense<1, ctnn::identity, ctnn::no_bias>>;
using no_bias_then_identity = ctnn::sequential<ctnn::options<float>, ctnn::input<2>,
                                               ctnn::dense<1, ctnn::no_bias, ctnn::identity>>;
static_assert(std::is_same_v<identity_then_no_bias::layer<0>, no_bias_then_identity::layer<0>>);
static_assert(std::is_same_v<no_bias_then_identity::layer<0>::activation_type, ctnn::identity>);
static_assert(!no_bias_then_identity::layer<0>::has_bias);

// A network-wide activation applies to every layer that names none; a layer may still override.
using linear_net = ctnn::sequential<ctnn::options<double, ctnn::identity>, ctnn::input<2>,
                                    ctnn::dense<3, ctnn::sigmoid>, ctnn::dense<1>>;
static_assert(std::is_same_v<linear_net::layer<0>::activation_type, ctnn::sigmoid>);
static_assert(std::is_same_v<linear_net::layer<1>::activation_type, ctnn::identity>);

// Network-wide modifiers in any order give the same settings.
using opts_a = ctnn::options<double, ctnn::identity, ctnn::no_bias, ctnn::alignment<16>>;
using opts_b = ctnn::options<double, ctnn::alignment<16>, ctnn::no_bias, ctnn::identity>;
static_assert(std::is_same_v<opts_a::activation_type, ctnn::identity>);
static_assert(std::is_same_v<opts_b::activation_type, ctnn::identity>);
static_assert(!opts_a::has_bias && !opts_b::has_bias);
static_assert(opts_a::alignment == 16 && opts_b::alignment == 16);
static_assert(std::is_same_v<ctnn::basic_network<opts_a, 2, 3, 1>::layer<0>,
                             ctnn::basic_network<opts_b, 2, 3, 1>::layer<0>>);
// options<>: float, sigmoid, with bias, 64-byte aligned.
static_assert(std::is_same_v<ctnn::options<>::scalar_type, float>);
static_assert(std::is_same_v<ctnn::options<>::activation_type, ctnn::sigmoid>);
static_assert(ctnn::options<>::has_bias);
static_assert(ctnn::options<>::alignment == 64);

// Scalar type, of the network and of each layer.
static_assert(std::is_same_v<short_form::scalar_type, float>);
static_assert(std::is_same_v<short_form::layer<0>::scalar_type, float>);
static_assert(std::is_same_v<tutorial::scalar_type, double>);
static_assert(std::is_same_v<tutorial::layer<1>::scalar_type, double>);
static_assert(std::is_same_v<tutorial::input_type, std::array<double, 2>>);
static_assert(std::is_same_v<tutorial::output_type, std::array<double, 1>>);
static_assert(std::is_same_v<tutorial::input_batch<4>, ctnn::batch<double, 4, 2>>);
static_assert(std::is_same_v<tutorial::output_batch<4>, std::array<std::array<double, 1>, 4>>);

} // namespace
