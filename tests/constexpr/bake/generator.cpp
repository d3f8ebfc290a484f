// Trains the bake test's networks at run time and writes, into the directory given:
//   baked_float.hpp, baked_double.hpp, baked_norm.hpp, baked_edge_float.hpp,
//   baked_edge_double.hpp
//       the networks, by ctnn::bake;
//   expected.hpp
//       their parameters and their outputs at the probe inputs, as the integers of their bit
//       patterns (written without ctnn::bake's literals, so that the check is independent).
// Run by the build (tests/constexpr/bake/CMakeLists.txt) before the consumer compiles.
#include "networks.hpp"

#include <ctnn/bake.hpp>

#include <bit>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <ostream>
#include <string>
#include <type_traits>

namespace {

template <class T>
using bits_type = std::conditional_t<std::is_same_v<T, float>, std::uint32_t, std::uint64_t>;

template <class T, std::size_t N>
void write_bits(std::ostream& os, const char* name, const std::array<T, N>& values)
{
    os << "inline constexpr std::array<std::uint" << 8 * sizeof(T) << "_t, " << N << "> " << name
       << "{\n";
    for (const T v : values)
        os << "    " << std::bit_cast<bits_type<T>>(v) << "u,\n";
    os << "};\n";
}

// The trained values, then the running state (none but norm_net's).
template <class Net>
std::array<typename Net::scalar_type, Net::parameter_count + Net::state_count>
parameters_of(const Net& net)
{
    std::array<typename Net::scalar_type, Net::parameter_count + Net::state_count> out{};
    for (std::size_t k = 0; k < Net::parameter_count; ++k)
        out[k] = net.values()[k];
    for (std::size_t k = 0; k < Net::state_count; ++k)
        out[Net::parameter_count + k] = net.state()[k];
    return out;
}

template <class Net, std::size_t B, std::size_t In>
auto outputs_at(const Net& net, const ctnn::batch<typename Net::scalar_type, B, In>& probes)
{
    std::array<typename Net::scalar_type, B * Net::output_size> out{};
    for (std::size_t s = 0; s < B; ++s) {
        const auto y = net.forward(probes[s]);
        for (std::size_t o = 0; o < Net::output_size; ++o)
            out[s * Net::output_size + o] = y[o];
    }
    return out;
}

template <class Net>
bool bake_to(const std::string& path, const Net& net, const char* name)
{
    std::ofstream file(path);
    ctnn::bake(net, file,
               {.variable_name = name, .namespace_name = "baked",
                .comment = "Written by tests/constexpr/bake/generator.cpp at build time."});
    return static_cast<bool>(file);
}

bake_test::float_net train_float()
{
    // Twelve points of three classes, by the sign pattern of their first and last inputs.
    ctnn::batch<float, 12, 4> x{};
    ctnn::batch<float, 12, 3> t{};
    ctnn::random_engine rng(11);
    for (std::size_t s = 0; s < 12; ++s) {
        for (auto& v : x[s])
            v = 2.0f * rng.uniform01<float>() - 1.0f;
        const std::size_t label = x[s][0] > 0 ? (x[s][3] > 0 ? 0 : 1) : 2;
        t[s][label] = 1.0f;
    }
    bake_test::float_net net;
    ctnn::initialize(net, ctnn::he_uniform{}, 5);
    ctnn::optimizer_state<ctnn::adam, bake_test::float_net> state;
    ctnn::gradient<bake_test::float_net> grad;
    for (int epoch = 0; epoch < 300; ++epoch) {
        net.backprop(x, t, grad, ctnn::categorical_cross_entropy{});
        ctnn::adam{.learning_rate = 0.01}.step(net, grad, state, 0.01f);
    }
    return net;
}

bake_test::double_net train_double()
{
    ctnn::batch<double, 16, 2> x{};
    ctnn::batch<double, 16, 1> t{};
    ctnn::random_engine rng(12);
    for (std::size_t s = 0; s < 16; ++s) {
        x[s] = {2.0 * rng.uniform01<double>() - 1.0, 2.0 * rng.uniform01<double>() - 1.0};
        t[s][0] = x[s][0] * x[s][1] > 0 ? 0.8 : 0.2;
    }
    bake_test::double_net net;
    ctnn::initialize(net, ctnn::xavier_normal{}, 6);
    ctnn::fit(net, x, t, ctnn::mean_squared_error{}, ctnn::sgd{0.5}, 200);
    return net;
}

bake_test::norm_net train_norm()
{
    ctnn::batch<double, 16, 3> x{};
    ctnn::batch<double, 16, 2> t{};
    ctnn::random_engine rng(13);
    for (std::size_t s = 0; s < 16; ++s) {
        for (auto& v : x[s])
            v = 2.0 * rng.uniform01<double>() - 1.0;
        t[s] = {x[s][0] - x[s][1], x[s][1] * x[s][2]};
    }
    bake_test::norm_net net;
    ctnn::initialize(net, ctnn::xavier_uniform{}, 7);
    ctnn::fit(net, x, t, ctnn::mean_squared_error{}, ctnn::adam{.learning_rate = 0.01}, 100);
    return net;
}

template <class T>
bake_test::edge_net<T> edge()
{
    bake_test::edge_net<T> net;
    const auto values = bake_test::edge_values<T>();
    for (std::size_t k = 0; k < values.size(); ++k)
        net.values()[k] = values[k];
    return net;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s OUTPUT_DIR\n", argv[0]);
        return 2;
    }
    const std::string dir = argv[1];
    const auto float_trained = train_float();
    const auto double_trained = train_double();
    const auto norm_trained = train_norm();
    bool ok = bake_to(dir + "/baked_float.hpp", float_trained, "float_net") &&
              bake_to(dir + "/baked_double.hpp", double_trained, "double_net") &&
              bake_to(dir + "/baked_norm.hpp", norm_trained, "norm_net") &&
              bake_to(dir + "/baked_edge_float.hpp", edge<float>(), "edge_float") &&
              bake_to(dir + "/baked_edge_double.hpp", edge<double>(), "edge_double");

    std::ofstream expected(dir + "/expected.hpp");
    expected << "// Written by tests/constexpr/bake/generator.cpp: bit patterns of the trained "
                "networks' parameters and of their outputs at bake_test's probe inputs.\n"
                "#pragma once\n#include <array>\n#include <cstdint>\nnamespace expected {\n";
    write_bits(expected, "float_parameters", parameters_of(float_trained));
    write_bits(expected, "float_outputs", outputs_at(float_trained, bake_test::float_probes));
    write_bits(expected, "double_parameters", parameters_of(double_trained));
    write_bits(expected, "double_outputs", outputs_at(double_trained, bake_test::double_probes));
    write_bits(expected, "norm_parameters", parameters_of(norm_trained));
    write_bits(expected, "norm_outputs", outputs_at(norm_trained, bake_test::norm_probes));
    expected << "} // namespace expected\n";
    ok = ok && static_cast<bool>(expected);
    if (!ok)
        std::fprintf(stderr, "generator: could not write into %s\n", dir.c_str());
    return ok ? 0 : 1;
}
