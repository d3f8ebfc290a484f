// The README's examples for the cost report and the static shape kit, as the README shows them
// (the lead pastes them from /work/briefs/cost_readme.md and shape_readme.md): compiling them is
// the static test, running them prints the output the README quotes.
#include <array>
#include <cstdio>

#include <ctnn/ctnn.hpp>

// ---- README: what a network costs ------------------------------------------------------------
// A classifier for a microcontroller: 6 sensor readings, 12 hidden units, 2 classes, float, no
// alignment padding.
using sensor_net = ctnn::basic_network<ctnn::options<float, ctnn::alignment<4>>, 6, 12, 2>;

static_assert(sensor_net::inline_bytes <= 512);                      // 110 floats: 440 bytes
static_assert(ctnn::cost<sensor_net>::forward_scratch_bytes <= 256); // forward()'s stack: 200
static_assert(sensor_net::forward_flops == 206);                     // 2*6*12 + 12 + 2*12*2 + 2
static_assert(sensor_net::transcendentals_per_sample == 14);         // one exp per sigmoid

// ---- README: static shape tests --------------------------------------------------------------
// A program that feeds a feature extractor into a classifier, trained on its own data.
using extractor = ctnn::network<16, 8>;
using classifier =
    ctnn::sequential<ctnn::options<float>, ctnn::input<8>, ctnn::dense<3, ctnn::softmax>>;
using classifier_data = ctnn::dataset<float, 8, 3>;

static_assert(ctnn::chainable<extractor, classifier>);
static_assert(ctnn::dataset_matches<classifier_data, classifier>);
static_assert(ctnn::can_forward<extractor, std::array<float, 16>>);
static_assert(ctnn::can_forward<extractor, ctnn::batch<float, 32, 16>>);
static_assert(!ctnn::can_forward<extractor, std::array<double, 16>>); // float network
static_assert(!ctnn::can_forward<extractor, std::array<float, 8>>);   // 16 inputs

// Generic code states its requirement once, and a wrong pair fails at the call.
template <ctnn::is_network First, ctnn::is_network Second>
    requires ctnn::chainable<First, Second>
ctnn::output_of<Second> run_both(const First& first, const Second& second,
                                 const ctnn::input_of<First>& x)
{
    return second.forward(first.forward(x));
}

int main()
{
    ctnn::cost<sensor_net>::report<32, ctnn::adam>(stdout);

    const extractor features{};
    const classifier classes{};
    const ctnn::output_of<classifier> p = run_both(features, classes, {});
    std::printf("%.4f %.4f %.4f\n", static_cast<double>(p[0]), static_cast<double>(p[1]),
                static_cast<double>(p[2]));
}
