// The cost report (ctnn/cost.hpp) against hand counts. Every expected number is worked out in the
// comment beside it from the documented formulas and the storage rule (sizeof = parameter bytes
// rounded up to the alignment, 64 unless stated); none is copied from the library's output.
#include <array>
#include <cstddef>

#include <ctnn/ctnn.hpp>

namespace {

// ---- 2-3-1, double, sigmoid, no bias (the tutorial's network) -------------------------------
using tutorial = ctnn::basic_network<ctnn::options<double, ctnn::no_bias>, 2, 3, 1>;
using tutorial_cost = ctnn::cost<tutorial>;

static_assert(tutorial_cost::parameter_count == 9);  // 2*3 + 3*1
static_assert(tutorial_cost::layer_parameters<0> == 6 && tutorial_cost::layer_parameters<1> == 3);
static_assert(tutorial_cost::layer_parameter_counts == std::array<std::size_t, 2>{6, 3});
// Forward: layer 0 2*2*3 = 12, layer 1 2*3*1 = 6; no bias.
static_assert(tutorial_cost::forward_flops == 18);
// Sigmoid in 3 + 1 units.
static_assert(tutorial_cost::transcendentals_per_sample == 4);
// Backward per sample: layer 0 weights 12 + derivative 3 = 15; layer 1 weights 6 + derivative 1
// + gradient to layer 0's output 2*3*1 = 6, 13. Total 28.
static_assert(tutorial_cost::backward_flops_per_sample == 28);
// A step: B * (18 + 28) + 2 * 9 for sgd.
static_assert(tutorial_cost::train_step_flops(1) == 64);
static_assert(tutorial_cost::train_step_flops(4) == 202);
// momentum 4 per parameter: 4 * 46 + 36 = 220; adam 14: 184 + 126 = 310.
static_assert(tutorial_cost::train_step_flops<ctnn::momentum>(4) == 220);
static_assert(tutorial_cost::train_step_flops<ctnn::adam>(4) == 310);
static_assert(tutorial_cost::update_flops<ctnn::nesterov> == 54); // 6 * 9
// 9 doubles = 72 bytes, rounded up to 64: 128. The gradient is the same shape.
static_assert(tutorial_cost::inline_bytes == 128);
static_assert(tutorial_cost::gradient_bytes == 128);
// sgd remembers nothing (an empty object has size 1); momentum one parameter-shaped array; adam
// two (256) and three 8-byte counters (24), 280 padded to the 64-byte alignment: 320.
static_assert(tutorial_cost::optimizer_state_bytes<ctnn::sgd> == 1);
static_assert(tutorial_cost::optimizer_state_bytes<ctnn::momentum> == 128);
static_assert(tutorial_cost::optimizer_state_bytes<ctnn::adam> == 320);
static_assert(tutorial_cost::optimizer_state_bytes<ctnn::adamw> == 320);
// Workspace per sample: input 2, target 1, and z, a, delta of 3 + 1 each: 2 + 1 + 3*4 = 15
// doubles = 120 bytes; 4 samples 480.
static_assert(tutorial_cost::workspace_bytes<1> == 120);
static_assert(tutorial_cost::workspace_bytes<4> == 480);
static_assert(tutorial_cost::forward_scratch_bytes == 120);
static_assert(tutorial_cost::backprop_scratch_bytes<4> == 480);
static_assert(tutorial_cost::largest_scratch_bytes<4> == 480);
static_assert(tutorial_cost::largest_scratch_bytes<> == 120);
// The same facts on the network type, for static_assert(my_net::inline_bytes <= 4096).
static_assert(tutorial::inline_bytes == 128 && tutorial::forward_flops == 18 &&
              tutorial::transcendentals_per_sample == 4);
static_assert(tutorial::inline_bytes <= 4096);
// A smaller alignment drops the padding: 72 bytes exactly.
using tutorial_packed =
    ctnn::basic_network<ctnn::options<double, ctnn::no_bias, ctnn::alignment<8>>, 2, 3, 1>;
static_assert(ctnn::cost<tutorial_packed>::inline_bytes == 72 &&
              tutorial_packed::inline_bytes == 72);

// ---- 2-4-1, float, sigmoid, with bias (the short form) --------------------------------------
using small = ctnn::network<2, 4, 1>;
using small_cost = ctnn::cost<small>;

static_assert(small_cost::parameter_count == 17); // 2*4 + 4, 4*1 + 1
static_assert(small_cost::layer_parameter_counts == std::array<std::size_t, 2>{12, 5});
// Forward: 2*2*4 + 4 = 20, 2*4*1 + 1 = 9.
static_assert(small_cost::forward_flops == 29 && small::forward_flops == 29);
static_assert(small_cost::transcendentals_per_sample == 5); // 4 + 1 sigmoids
// Backward: layer 0 16 + bias 4 + derivative 4 = 24; layer 1 8 + 1 + 1 + input gradient 8 = 18.
static_assert(small_cost::backward_flops_per_sample == 42);
// 8 * (29 + 42) + 2 * 17 = 568 + 34.
static_assert(small_cost::train_step_flops(8) == 602);
// 17 floats = 68 bytes -> 128.
static_assert(small_cost::inline_bytes == 128 && small::inline_bytes == 128);
static_assert(small_cost::gradient_bytes == 128);
// Per sample: 2 + 1 + 3 * (4 + 1) = 18 floats = 72 bytes; 8 samples 576.
static_assert(small_cost::forward_scratch_bytes == 72);
static_assert(small_cost::workspace_bytes<8> == 576);
static_assert(small_cost::largest_scratch_bytes<8> == 576);

// ---- 4-8-3, double, relu then softmax, with bias ---------------------------------------------
using classifier = ctnn::sequential<ctnn::options<double>, ctnn::input<4>,
                                    ctnn::dense<8, ctnn::relu>, ctnn::dense<3, ctnn::softmax>>;
using classifier_cost = ctnn::cost<classifier>;

static_assert(classifier_cost::parameter_count == 67); // 32 + 8, 24 + 3
static_assert(classifier_cost::layer_parameters<0> == 40 &&
              classifier_cost::layer_parameters<1> == 27);
// Forward: 2*4*8 + 8 = 72, 2*8*3 + 3 = 51.
static_assert(classifier_cost::forward_flops == 123);
static_assert(classifier_cost::transcendentals_per_sample == 3); // relu 0, softmax 3 exps
// Backward: layer 0 64 + 8 + 8 = 80; layer 1 48 + 3 + 3 + input gradient 48 = 102.
static_assert(classifier_cost::backward_flops_per_sample == 182);
// 16 * 305 + 2 * 67 = 4880 + 134; adam: 4880 + 14 * 67 = 4880 + 938.
static_assert(classifier_cost::train_step_flops(16) == 5014);
static_assert(classifier_cost::train_step_flops<ctnn::adam>(16) == 5818);
// 67 doubles = 536 bytes -> 9 * 64 = 576; adam: 2 * 576 + 64.
static_assert(classifier_cost::inline_bytes == 576);
static_assert(classifier_cost::optimizer_state_bytes<ctnn::adam> == 1216);
// Per sample: 4 + 3 + 3 * (8 + 3) = 40 doubles = 320 bytes; 16 samples 5120.
static_assert(classifier_cost::forward_scratch_bytes == 320);
static_assert(classifier_cost::workspace_bytes<16> == 5120);
static_assert(classifier_cost::largest_scratch_bytes<16> == 5120);

// ---- Three layers: the gradient to the previous layer in layers 1 and 2, not 0 --------------
// 3-5-4-2, float, no bias, identity. Forward 2*15 + 2*20 + 2*8 = 86. Backward: weights 86,
// derivatives 5 + 4 + 2 = 11, input gradients 2*20 + 2*8 = 56: 153.
using deep = ctnn::basic_network<ctnn::options<float, ctnn::no_bias, ctnn::identity>, 3, 5, 4, 2>;
static_assert(ctnn::cost<deep>::forward_flops == 86);
static_assert(ctnn::cost<deep>::backward_flops_per_sample == 153);
static_assert(ctnn::cost<deep>::transcendentals_per_sample == 0);
static_assert(ctnn::cost<deep>::train_step_flops(2) == 564); // 2 * (86 + 153) + 2 * 43

// ---- Transcendentals of every built-in activation --------------------------------------------
static_assert(ctnn::activation_cost<ctnn::sigmoid>::transcendentals_per_unit == 1);
static_assert(ctnn::activation_cost<ctnn::tanh>::transcendentals_per_unit == 1);
static_assert(ctnn::activation_cost<ctnn::softplus>::transcendentals_per_unit == 2);
static_assert(ctnn::activation_cost<ctnn::elu<>>::transcendentals_per_unit == 1);
static_assert(ctnn::activation_cost<ctnn::elu<1, 2>>::transcendentals_per_unit == 1);
static_assert(ctnn::activation_cost<ctnn::softmax>::transcendentals_per_unit == 1);
static_assert(ctnn::activation_cost<ctnn::relu>::transcendentals_per_unit == 0);
static_assert(ctnn::activation_cost<ctnn::leaky_relu<>>::transcendentals_per_unit == 0);
static_assert(ctnn::activation_cost<ctnn::leaky_relu<1, 5>>::transcendentals_per_unit == 0);
static_assert(ctnn::activation_cost<ctnn::identity>::transcendentals_per_unit == 0);

// tanh 8 units, softplus 3 units * 2: 14. elu 6 + leaky 2 * 0: 6.
using smooth = ctnn::sequential<ctnn::options<float, ctnn::tanh>, ctnn::input<4>, ctnn::dense<8>,
                                ctnn::dense<3, ctnn::softplus>>;
static_assert(smooth::transcendentals_per_sample == 14);
using kinked = ctnn::sequential<ctnn::options<double>, ctnn::input<2>,
                                ctnn::dense<6, ctnn::elu<>>, ctnn::dense<2, ctnn::leaky_relu<>>>;
static_assert(kinked::transcendentals_per_sample == 6);

// A custom activation states its count; one that does not is counted as 1 per unit.
struct cubic_exp {
    static constexpr std::size_t transcendentals = 3;
    template <class T>
    static constexpr T value(T z) noexcept
    {
        return z * z * z;
    }
    template <class T>
    static constexpr T derivative(T z, T) noexcept
    {
        return 3 * z * z;
    }
};
struct square {
    template <class T>
    static constexpr T value(T z) noexcept
    {
        return z * z;
    }
    template <class T>
    static constexpr T derivative(T z, T) noexcept
    {
        return 2 * z;
    }
};
static_assert(ctnn::activation_cost<cubic_exp>::transcendentals_per_unit == 3);
static_assert(ctnn::activation_cost<square>::transcendentals_per_unit == 1);
// 4 * 3 + 2 * 1.
using custom = ctnn::sequential<ctnn::options<double>, ctnn::input<3>,
                                ctnn::dense<4, cubic_exp>, ctnn::dense<2, square>>;
static_assert(custom::transcendentals_per_sample == 14);

// A custom optimiser states its update cost.
struct halving {
    static constexpr std::size_t flops_per_parameter = 1;
};
static_assert(ctnn::optimizer_cost<halving>::flops_per_parameter == 1);
static_assert(tutorial_cost::update_flops<halving> == 9);
// One whose type cannot be changed: the trait is specialised instead.
struct third_party_halving {};
} // namespace
template <>
struct ctnn::optimizer_cost<third_party_halving> {
    static constexpr std::size_t flops_per_parameter = 3;
};
namespace {
static_assert(tutorial_cost::update_flops<third_party_halving> == 27);
// AdamW takes Adam's rule (p *= decay counted in both, Adam's decay being 1): 14 * 9.
static_assert(tutorial_cost::update_flops<ctnn::adamw> == 126);

// The figures are compile-time constants: usable as template arguments and array bounds.
[[maybe_unused]] constexpr std::array<char, small::inline_bytes> image_of_small{};
static_assert(sizeof(image_of_small) == 128);

} // namespace
