// The file format itself, against files written out by hand from the format's description (the
// checksums computed separately, by a few lines of Python), so that the tests do not only check
// that the code agrees with itself: on a big-endian host the same bytes must come out.
#include <catch2/catch.hpp>

#include <array>
#include <sstream>
#include <string>
#include <string_view>

#include "support.hpp"

using namespace ctnn_test;

namespace {

using one_one =
    ctnn::sequential<ctnn::options<float>, ctnn::input<1>, ctnn::dense<1, ctnn::identity>>;

one_one hand_network()
{
    one_one net;
    net.set_weights<0>({{1.5f}}); // 0x3fc00000
    net.set_bias<0>({-2.0f});     // 0xc0000000
    return net;
}

// 1-1 float network, identity, bias; w = 1.5, b = -2.
constexpr std::array<unsigned char, 67> hand_binary{
    0x89, 'C', 'T', 'N', 'N', 0x0d, 0x0a, 0x1a, // magic
    0x01, 0x00, 0x00, 0x00,                     // version 1, little-endian
    0x17, 0x00, 0x00, 0x00,                     // network signature: 23 bytes
    0x00, 0x00, 0x00, 0x00,                     // no optimiser state
    0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // payload: 8 bytes
    'f', 'l', 'o', 'a', 't', ' ', '1', '-', '1', ' ', 'i', 'd', 'e', 'n', 't', 'i', 't', 'y',
    '/', 'b', 'i', 'a', 's',
    0x00, 0x00, 0xc0, 0x3f,                     // w = 1.5f, least significant byte first
    0x00, 0x00, 0x00, 0xc0,                     // b = -2.0f
    0x08, 0x81, 0xa4, 0x46, 0x3a, 0x74, 0x67, 0x30, // FNV-1a 64 of all the above
};

constexpr const char* hand_text = "ctnn text\n"
                                  "version 1\n"
                                  "network float 1-1 identity/bias\n"
                                  "layer 0 weights 1x1\n"
                                  "0x1.8p+0\n"
                                  "layer 0 bias 1\n"
                                  "-0x1p+1\n"
                                  "checksum fnv1a64 6f71843bb99d56f0\n";

} // namespace

TEST_CASE("binary layout: a 1-1 network's file, byte by byte", "[serialization][format]")
{
    const std::string expected(reinterpret_cast<const char*>(hand_binary.data()),
                               hand_binary.size());
    CHECK(saved(hand_network(), ctnn::format::binary) == expected);

    one_one net;
    REQUIRE(load_string(net, expected));
    CHECK(net.weights<0>()(0, 0) == 1.5f);
    CHECK(net.bias<0>()[0] == -2.0f);
}

TEST_CASE("text layout: a 1-1 network's file, line by line", "[serialization][format]")
{
    CHECK(saved(hand_network(), ctnn::format::text) == hand_text);
    one_one net;
    REQUIRE(load_string(net, hand_text));
    CHECK(net.weights<0>()(0, 0) == 1.5f);
    CHECK(net.bias<0>()[0] == -2.0f);
}

namespace {

struct swish_like {
    static constexpr std::string_view name = "swish";
    template <class T>
    static T value(T z) noexcept
    {
        return z;
    }
    template <class T>
    static constexpr T derivative(T, T) noexcept
    {
        return T(1);
    }
};

// Computes the sigmoid another way: the same function, so the same name in a file.
struct other_sigmoid : ctnn::sigmoid {};
struct other_leaky : ctnn::leaky_relu<3, 10> {};

} // namespace

static_assert(ctnn::activation_name<ctnn::sigmoid>::value == "sigmoid");
static_assert(ctnn::activation_name<ctnn::identity>::value == "identity");
static_assert(ctnn::activation_name<ctnn::tanh>::value == "tanh");
static_assert(ctnn::activation_name<ctnn::relu>::value == "relu");
static_assert(ctnn::activation_name<ctnn::softplus>::value == "softplus");
static_assert(ctnn::activation_name<ctnn::softmax>::value == "softmax");
static_assert(ctnn::activation_name<ctnn::leaky_relu<>>::value == "leaky_relu(1/100)");
static_assert(ctnn::activation_name<ctnn::leaky_relu<-1, 5>>::value == "leaky_relu(-1/5)");
static_assert(ctnn::activation_name<ctnn::elu<>>::value == "elu(1/1)");
static_assert(ctnn::activation_name<swish_like>::value == "swish");
static_assert(ctnn::activation_name<other_sigmoid>::value == "sigmoid");
static_assert(ctnn::activation_name<other_leaky>::value == "leaky_relu(3/10)");
#if __has_include(<ctnn/exp.hpp>)
// Every exp policy computes the sigmoid: files move between them.
static_assert(ctnn::activation_name<ctnn::basic_sigmoid<ctnn::std_exp>>::value == "sigmoid");
#endif
static_assert(ctnn::optimizer_name<ctnn::adam>::value == "adam");
static_assert(ctnn::optimizer_name<ctnn::adamw>::value == "adamw");

// An optimiser whose type cannot be changed is named by specialising the trait, which wins over
// the name it inherits (sgd's).
namespace {
struct third_party_sgd : ctnn::sgd {};
} // namespace
template <>
struct ctnn::optimizer_name<third_party_sgd> {
    static constexpr std::string_view value = "third_party_sgd";
};
static_assert(ctnn::optimizer_name<third_party_sgd>::value == "third_party_sgd");

TEST_CASE("text layout: each built-in optimiser's state line, as files have always named it",
          "[serialization][format]")
{
    // The signatures written out by hand from the format's description: the name, then the kind
    // of each member of the state in declaration order. Files saved before the optimisers
    // declared their own names load only if these stay as they are.
    const auto state_line = [](auto opt) {
        using opt_type = decltype(opt);
        const ctnn::optimizer_state<opt_type, one_one> state{};
        std::ostringstream out;
        REQUIRE(ctnn::save<opt_type>(hand_network(), state, out, ctnn::format::text));
        const std::string text = out.str();
        const auto begin = text.find("state ");
        REQUIRE(begin != std::string::npos);
        return text.substr(begin, text.find('\n', begin) - begin);
    };
    CHECK(state_line(ctnn::sgd{}) == "state sgd:");
    CHECK(state_line(ctnn::momentum{}) == "state momentum: parameters");
    CHECK(state_line(ctnn::nesterov{}) == "state nesterov: parameters");
    CHECK(state_line(ctnn::adam{}) == "state adam: parameters parameters u64 f64 f64");
    CHECK(state_line(ctnn::adamw{}) == "state adamw: parameters parameters u64 f64 f64");
    CHECK(state_line(third_party_sgd{}) == "state third_party_sgd:");
}

TEST_CASE("a network of a derived activation loads a file of its base, and a custom name is "
          "written", "[serialization][format]")
{
    using base_net = ctnn::basic_network<ctnn::options<double>, 2, 2, 1>;
    using derived_net =
        ctnn::sequential<ctnn::options<double>, ctnn::input<2>, ctnn::dense<2, other_sigmoid>,
                         ctnn::dense<1, other_sigmoid>>;
    base_net base;
    fill(base, 31);
    derived_net derived;
    REQUIRE(load_string(derived, saved(base, ctnn::format::binary)));
    CHECK(bytes_of(derived) == bytes_of(base));

#if __has_include(<ctnn/exp.hpp>)
    using std_exp_net = ctnn::sequential<ctnn::options<double>, ctnn::input<2>,
                                         ctnn::dense<2, ctnn::basic_sigmoid<ctnn::std_exp>>,
                                         ctnn::dense<1, ctnn::basic_sigmoid<ctnn::std_exp>>>;
    std_exp_net with_std_exp;
    REQUIRE(load_string(with_std_exp, saved(base, ctnn::format::text)));
    CHECK(bytes_of(with_std_exp) == bytes_of(base));
#endif

    using custom_net =
        ctnn::sequential<ctnn::options<float>, ctnn::input<1>, ctnn::dense<1, swish_like>>;
    CHECK_THAT(saved(custom_net{}, ctnn::format::text),
               Catch::Contains("network float 1-1 swish/bias\n"));
}

// The default alignment follows the target (64 on x86-64, the scalar's own on a microcontroller
// without vectors: ctnn/options.hpp), so a file must not depend on it: it holds the parameters,
// not the padding. The same network at alignments 4, 16 and 64 writes the hand-made bytes, and
// each loads the others' files.
TEST_CASE("a file does not depend on the network's alignment", "[serialization][format]")
{
    using packed = ctnn::sequential<ctnn::options<float, ctnn::alignment<4>>, ctnn::input<1>,
                                    ctnn::dense<1, ctnn::identity>>;
    using vector_aligned = ctnn::sequential<ctnn::options<float, ctnn::alignment<16>>,
                                            ctnn::input<1>, ctnn::dense<1, ctnn::identity>>;
    static_assert(sizeof(packed) == 8 && sizeof(vector_aligned) == 16 && sizeof(one_one) == 64);
    const auto filled = [](auto net) {
        net.template set_weights<0>({{1.5f}});
        net.template set_bias<0>({-2.0f});
        return net;
    };
    const std::string expected(reinterpret_cast<const char*>(hand_binary.data()),
                               hand_binary.size());
    CHECK(saved(filled(packed{}), ctnn::format::binary) == expected);
    CHECK(saved(filled(vector_aligned{}), ctnn::format::binary) == expected);
    CHECK(saved(filled(packed{}), ctnn::format::text) == hand_text);
    packed from_default;
    REQUIRE(load_string(from_default, saved(hand_network(), ctnn::format::binary)));
    CHECK(saved(from_default, ctnn::format::binary) == expected);
    one_one from_packed;
    REQUIRE(load_string(from_packed, saved(filled(packed{}), ctnn::format::text)));
    CHECK(saved(from_packed, ctnn::format::binary) == expected);
}
