// Writes random int8 networks, inputs and ctnn's outputs as text, for reference.py, which
// recomputes every output from its own reading of the arithmetic and compares bit for bit.
//   reference_cases <file>
// Parameters are drawn over their whole ranges (to reach saturation, the largest shifts, the
// int32 limits) and over realistic ones (small biases, shifts near -8), and one network comes
// from quantize() itself.
#include <array>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <tuple>

#include <ctnn/initializer.hpp>
#include <ctnn/network.hpp>
#include <ctnn/quantized/quantize.hpp>
#include <ctnn/random.hpp>

namespace {

using ctnn::int8_activation;
using ctnn::int8_dense;

ctnn::random_engine rng(20261207);

std::int64_t draw(std::int64_t low, std::int64_t high) // uniform in [low, high]
{
    return low + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(high - low + 1));
}

template <class Layer>
void randomise(Layer& l, bool realistic)
{
    for (auto& w : l.weights)
        w = static_cast<std::int8_t>(draw(-127, 127));
    constexpr std::int64_t bias_limit = std::int64_t{1} << 30;
    for (auto& b : l.bias)
        b = static_cast<std::int32_t>(realistic ? draw(-5000, 5000)
                                                : draw(-bias_limit, bias_limit));
    // Realistic: a scale that maps a typical accumulator (about 127 * 128 * sqrt(In)) to tens,
    // so that most outputs land inside int8 rather than at its limits.
    int typical_shift = 0;
    for (std::size_t r = 1; r * r < Layer::in_size * 16384; r *= 2)
        --typical_shift;
    for (std::size_t o = 0; o < l.multiplier.size(); ++o) {
        const std::int64_t kind = draw(0, 7);
        // 2^30 (one half) makes the high multiply's ties frequent: every odd accumulator.
        l.multiplier[o] = static_cast<std::int32_t>(
            kind == 0   ? std::int64_t{1} << 30
            : kind == 1 && !realistic ? 0
                        : draw(std::int64_t{1} << 30, (std::int64_t{1} << 31) - 1));
        l.shift[o] = static_cast<std::int8_t>(realistic ? typical_shift + 6 + draw(-2, 1)
                                                        : draw(-31, 30));
    }
    if constexpr (Layer::activation == int8_activation::sigmoid)
        l.output_zero_point = -128;
    else if constexpr (Layer::activation == int8_activation::tanh)
        l.output_zero_point = 0;
    else
        l.output_zero_point = static_cast<std::int8_t>(draw(-128, 127));
}

template <class Q>
void write(std::ofstream& out, const Q& q, std::size_t samples)
{
    out << "network " << Q::layer_count << ' ' << static_cast<int>(q.input_zero_point) << '\n';
    std::apply([&](const auto&... l) {
        ((out << "layer " << l.in_size << ' ' << l.out_size << ' '
              << ctnn::int8_activation_name(l.activation) << ' '
              << static_cast<int>(l.output_zero_point) << '\n'),
         ...);
        const auto row = [&](const char* name, const auto& values) {
            out << name;
            for (auto v : values)
                out << ' ' << static_cast<long long>(v);
            out << '\n';
        };
        ((row("weights", l.weights), row("bias", l.bias), row("multiplier", l.multiplier),
          row("shift", l.shift)),
         ...);
    }, q.layers);
    for (std::size_t s = 0; s < samples; ++s) {
        typename Q::input_type x{};
        for (auto& v : x)
            v = static_cast<std::int8_t>(s == 0 ? -128 : s == 1 ? 127 : draw(-128, 127));
        const auto y = q.forward(x);
        out << "sample";
        for (auto v : x)
            out << ' ' << static_cast<int>(v);
        out << " ->";
        for (auto v : y)
            out << ' ' << static_cast<int>(v);
        out << '\n';
    }
}

template <class Q>
void random_networks(std::ofstream& out, int count)
{
    for (int n = 0; n < count; ++n) {
        Q q;
        const bool realistic = n % 2 == 0;
        q.input_zero_point = static_cast<std::int8_t>(draw(-128, 127));
        std::apply([&](auto&... l) { (randomise(l, realistic), ...); }, q.layers);
        write(out, q, 20);
    }
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: reference_cases <file>\n");
        return 2;
    }
    std::ofstream out(argv[1]);
    random_networks<ctnn::quantized<5, int8_dense<7, int8_activation::relu>,
                                    int8_dense<3, int8_activation::identity>>>(out, 40);
    random_networks<ctnn::quantized<6, int8_dense<5, int8_activation::sigmoid>,
                                    int8_dense<4, int8_activation::tanh>,
                                    int8_dense<3, int8_activation::softmax>>>(out, 40);
    random_networks<ctnn::quantized<40, int8_dense<16, int8_activation::relu>,
                                    int8_dense<8, int8_activation::tanh>,
                                    int8_dense<2, int8_activation::sigmoid>>>(out, 20);

    // A network as quantize() makes it, calibrated on random inputs.
    using float_net = ctnn::sequential<ctnn::options<float>, ctnn::input<4>,
                                       ctnn::dense<8, ctnn::relu>, ctnn::dense<6, ctnn::tanh>,
                                       ctnn::dense<3, ctnn::identity>>;
    float_net net;
    ctnn::initialize(net, ctnn::xavier_uniform{}, 5);
    std::array<std::array<float, 4>, 64> calibration{};
    for (auto& x : calibration)
        for (float& v : x)
            v = static_cast<float>(4 * rng.uniform01<double>() - 2);
    write(out, ctnn::quantize(net, calibration), 200);
    return out ? 0 : 1;
}
