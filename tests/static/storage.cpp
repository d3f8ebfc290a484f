// Storage: a network object is its parameters and nothing else, in one aligned inline array.
// The documented size is round_up(parameter_count * sizeof(T), alignment); each figure below is
// that formula worked out by hand (bytes, then rounded up to the alignment), so that a change in
// layout shows up here as a number, not as a formula agreeing with itself.
#include <cstddef>
#include <span>
#include <type_traits>
#include <utility>

#include <ctnn/ctnn.hpp>

namespace {

template <class Net>
constexpr bool size_is(std::size_t bytes)
{
    return sizeof(Net) == bytes && Net::byte_size == bytes &&
           sizeof(ctnn::gradient<Net>) == bytes && ctnn::gradient<Net>::byte_size == bytes;
}

template <class Net>
constexpr bool aligned_to(std::size_t bytes)
{
    return alignof(Net) == bytes && alignof(ctnn::gradient<Net>) == bytes &&
           Net::alignment == bytes;
}

template <class Scalar, class... Modifiers>
using tutorial_with =
    ctnn::basic_network<ctnn::options<Scalar, ctnn::no_bias, Modifiers...>, 2, 3, 1>;

using wider_hidden = ctnn::basic_network<ctnn::options<double, ctnn::no_bias>, 2, 4, 1>;
using exact_fit = ctnn::basic_network<ctnn::options<double, ctnn::no_bias>, 4, 2>;

// Default alignment: 64 bytes on x86-64 and AArch64 whatever the -march (it follows the target:
// ctnn/options.hpp; the block kernel's vector width does not change it), where these tests run.
static_assert(ctnn::default_alignment == 64);
static_assert(ctnn::detail::has_block_kernel && CTNN_TARGET_VECTOR_BYTES >= 16);
static_assert(size_is<tutorial_with<double>>(128));        // 9 * 8 = 72 -> 128
static_assert(aligned_to<tutorial_with<double>>(64));
static_assert(size_is<ctnn::network<2, 3, 1>>(64));        // 13 * 4 = 52 -> 64
static_assert(aligned_to<ctnn::network<2, 3, 1>>(64));
static_assert(size_is<wider_hidden>(128));                 // 12 * 8 = 96 -> 128
static_assert(size_is<ctnn::network<2, 1>>(64));           // 3 * 4 = 12 -> 64
static_assert(size_is<ctnn::network<3, 4>>(64));           // 16 * 4 = 64 exactly
static_assert(size_is<exact_fit>(64));                     // 8 * 8 = 64 exactly
static_assert(size_is<ctnn::network<16, 32, 1>>(2368));    // 577 * 4 = 2308 -> 37 * 64
static_assert(size_is<ctnn::network<784, 30, 10>>(95488)); // 23860 * 4 = 95440 -> 1492 * 64

// Smaller alignments trade the padding away.
static_assert(size_is<tutorial_with<double, ctnn::alignment<8>>>(72)); // 72, no padding
static_assert(aligned_to<tutorial_with<double, ctnn::alignment<8>>>(8));
static_assert(size_is<tutorial_with<double, ctnn::alignment<16>>>(80)); // 72 -> 80
static_assert(aligned_to<tutorial_with<double, ctnn::alignment<16>>>(16));
static_assert(size_is<tutorial_with<float, ctnn::alignment<16>>>(48)); // 9 * 4 = 36 -> 48
static_assert(size_is<tutorial_with<float, ctnn::alignment<8>>>(40));  // 36 -> 40
static_assert(size_is<tutorial_with<float, ctnn::alignment<4>>>(36));  // 36, no padding
static_assert(aligned_to<tutorial_with<float, ctnn::alignment<4>>>(4));
using float_16 = ctnn::basic_network<ctnn::options<float, ctnn::alignment<16>>, 2, 3, 1>;
static_assert(size_is<float_16>(64)); // 52 -> 64
using float_8 = ctnn::basic_network<ctnn::options<float, ctnn::alignment<8>>, 2, 3, 1>;
static_assert(size_is<float_8>(56)); // 52 -> 56
// Larger than the default works too.
static_assert(size_is<tutorial_with<double, ctnn::alignment<128>>>(128)); // 72 -> 128
static_assert(aligned_to<tutorial_with<double, ctnn::alignment<128>>>(128));

// The gradient is the same shape as the network.
using tutorial = tutorial_with<double>;
static_assert(std::is_same_v<tutorial::gradient_type, ctnn::gradient<tutorial>>);
static_assert(ctnn::gradient<tutorial>::parameter_count == tutorial::parameter_count);
static_assert(std::is_same_v<ctnn::gradient<tutorial>::layer<1>, tutorial::layer<1>>);

// How the parameters are viewed: weights as in_size x out_size matrices (read-only through a
// const network), the bias as a fixed-extent span, and every parameter as one flat span.
using short_form = ctnn::network<2, 3, 1>;
static_assert(std::is_same_v<decltype(std::declval<tutorial&>().weights<0>()),
                             ctnn::matrix_ref<double, 2, 3>>);
static_assert(std::is_same_v<decltype(std::declval<const tutorial&>().weights<1>()),
                             ctnn::matrix_ref<const double, 3, 1>>);
static_assert(std::is_same_v<decltype(std::declval<short_form&>().bias<0>()), std::span<float, 3>>);
static_assert(std::is_same_v<decltype(std::declval<const short_form&>().bias<1>()),
                             std::span<const float, 1>>);
static_assert(std::is_same_v<decltype(std::declval<tutorial&>().values()), std::span<double, 9>>);
static_assert(std::is_same_v<decltype(std::declval<const short_form&>().values()),
                             std::span<const float, 13>>);
static_assert(std::is_same_v<ctnn::matrix_ref<double, 2, 3>::shape_type, ctnn::shape<2, 3>>);
// A writable view converts to a read-only one, not the other way round.
static_assert(std::is_convertible_v<ctnn::matrix_ref<float, 2, 3>,
                                    ctnn::matrix_ref<const float, 2, 3>>);
static_assert(!std::is_convertible_v<ctnn::matrix_ref<const float, 2, 3>,
                                     ctnn::matrix_ref<float, 2, 3>>);

// The workspace for a batch holds only scratch and can be kept outside the network.
static_assert(ctnn::workspace<tutorial, 4>::batch_size == 4);
static_assert(std::is_same_v<tutorial::workspace_type<4>, ctnn::workspace<tutorial, 4>>);

} // namespace
