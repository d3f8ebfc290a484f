// examples/hana_layers.cpp: Boost.Hana's algorithms on a network, through <ctnn/hana.hpp>.
//
// A ctnn network is a type whose layers are known to the compiler, so a program that wants to
// do something to "every layer" or "every block of weights" can have the compiler write that loop
// for it, one iteration per layer, with each layer's sizes as constants. The core does this with
// plain pack expansion; <ctnn/hana.hpp> (CMake target ctnn::hana, needs Boost's headers) hands
// the same walk to Boost.Hana, so that hana::for_each, hana::fold_left and hana::transform work
// on a network directly:
//
//   * a network (and a gradient, and any ctnn::parameters<Net>) is a sequence of layer views;
//   * a layer view is a sequence of block views ("weights", "bias", "gain", ...);
//   * a block view reaches the values themselves, writable when the network is not const.
//
// And the reports (ctnn::evaluation, ctnn::training_result, ctnn::cost<Net>, the trainer's
// training_report, fit's epoch_report) are hana::Structs: a program logs any of them with one
// generic function, written below, that knows no field by name.
//
// This program trains XOR, prints each layer's shape, counts the parameters, quantises every
// block to 8 bits and logs the evaluations before and after as JSON. It exits with status 1 when
// the quantised network no longer gets XOR right, when a block holds a value off its 8-bit grid
// after quantising, or when the parameters counted by Hana differ from the network's own count, so
// `ctest -R example_hana_layers` checks all three.
//     ./build/examples/hana_layers

#include <ctnn/ctnn.hpp>
#include <ctnn/hana.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <iostream>
#include <type_traits>

namespace hana = boost::hana;

namespace {

// XOR needs a hidden layer; tanh there, a sigmoid output for binary cross-entropy.
using net_t = ctnn::sequential<ctnn::options<float>, ctnn::input<2>, ctnn::dense<8, ctnn::tanh>,
                               ctnn::dense<1, ctnn::sigmoid>>;

// ---- 1. Each layer's shape -------------------------------------------------------------------
// hana::for_each calls the lambda once per layer, in order, with a layer_view. Its facts are
// static constexpr members (index, kind, in_size, out_size, parameter_count, block_count), so
// `layer.in_size` is a compile-time constant even though `layer` is a function parameter.
// The inner for_each walks the layer's blocks the same way.
void print_shapes(const net_t& net)
{
    hana::for_each(net, [](auto layer) {
        std::cout << "layer " << layer.index << ": " << layer.kind << ", " << layer.in_size
                  << " -> " << layer.out_size << ", " << layer.parameter_count << " parameters (";
        const char* separator = "";
        hana::for_each(layer, [&](auto block) {
            std::cout << separator << block.name << ' ' << block.rows << 'x' << block.cols;
            separator = ", ";
        });
        std::cout << ")\n";
    });
}

// ---- 2. Counting parameters ------------------------------------------------------------------
// hana::fold_left threads a running total through the layers. Nothing in it happens at run
// time: the function is constexpr, and the static_assert below runs it in the compiler.
constexpr std::size_t count_parameters(const net_t& net)
{
    return hana::fold_left(net, std::size_t{0}, [](std::size_t total, auto layer) {
        return total + layer.parameter_count;
    });
}
static_assert(count_parameters(net_t{}) == net_t::parameter_count); // 2*8 + 8 + 8*1 + 1 = 33

// ---- 3. Quantising every block to 8 bits -----------------------------------------------------
// Symmetric 8-bit quantisation, a block at a time: the block's largest magnitude maps to 127,
// every value is rounded to the nearest of the 255 levels -127 .. 127 times that step, and
// stored back (as a float, so the network still runs as before; an int8 deployment would keep
// the levels and the step). A block at a time, because a bias and a weight matrix can differ in
// scale by orders of magnitude. block.values() is a std::span<float, rows * cols> into the
// network itself: a non-const network gives writable views.
void quantise_8_bit(net_t& net)
{
    hana::for_each(net, [](auto layer) {
        hana::for_each(layer, [](auto block) {
            float largest = 0.f;
            for (const float v : block.values())
                largest = std::max(largest, std::fabs(v));
            if (largest == 0.f)
                return;
            const float step = largest / 127.f;
            for (float& v : block.values())
                v = std::round(v / step) * step;
        });
    });
}

// Whether every block holds only levels of its own 8-bit grid: each value, divided by the block's
// step (its largest magnitude / 127), is a whole number from -127 to 127.
bool on_8_bit_grid(const net_t& net)
{
    bool on_grid = true;
    hana::for_each(net, [&](auto layer) {
        hana::for_each(layer, [&](auto block) {
            float largest = 0.f;
            for (const float v : block.values())
                largest = std::max(largest, std::fabs(v));
            for (const float v : block.values()) {
                const float level = largest == 0.f ? 0.f : v / (largest / 127.f);
                on_grid = on_grid && std::fabs(level - std::round(level)) < 1e-3f &&
                          std::fabs(level) <= 127.f;
            }
        });
    });
    return on_grid;
}

// ---- 4. Logging any report as JSON -----------------------------------------------------------
// One function for every report. hana::keys(report) is the sequence of its field names (each a
// compile-time hana::string), hana::at_key(report, key) the field. A field that is itself a
// Struct (a training_report's validation evaluation) becomes a nested object, an enum (a
// training_result's stop) its name, through ctnn::hana::enum_name; a std::array (cost<Net>'s
// layer_parameter_counts) a list.
template <class T>
void write_json(std::ostream& out, const T& value)
{
    if constexpr (hana::Struct<T>::value) {
        out << '{';
        const char* separator = "";
        hana::for_each(hana::keys(value), [&](auto key) {
            out << separator << '"' << hana::to<const char*>(key) << "\":";
            write_json(out, hana::at_key(value, key));
            separator = ",";
        });
        out << '}';
    }
    else if constexpr (std::is_enum_v<T>)
        out << '"' << ctnn::hana::enum_name(value) << '"';
    else if constexpr (std::is_same_v<T, bool>)
        out << (value ? "true" : "false");
    else if constexpr (requires { value.size(); value[0]; }) { // std::array
        out << '[';
        for (std::size_t k = 0; k < value.size(); ++k) {
            out << (k == 0 ? "" : ",");
            write_json(out, value[k]);
        }
        out << ']';
    }
    else
        out << value;
}

template <class Report>
void log(const char* what, const Report& report)
{
    std::cout << what << ' ';
    write_json(std::cout, report);
    std::cout << '\n';
}

} // namespace

int main()
{
    const std::array<std::array<float, 2>, 4> inputs{{{0.f, 0.f}, {0.f, 1.f}, {1.f, 0.f}, {1.f, 1.f}}};
    const std::array<std::array<float, 1>, 4> targets{{{0.f}, {1.f}, {1.f}, {0.f}}};
    const ctnn::dataset<float, 2, 1> data(inputs, targets);

    net_t net;
    ctnn::initialize(net, ctnn::xavier_uniform{}, 3);
    const auto trained = ctnn::fit(net, inputs, targets, ctnn::binary_cross_entropy{},
                                   ctnn::adam{.learning_rate = 0.05}, 500);

    print_shapes(net);
    std::cout << "parameters, counted by hana::fold_left: " << count_parameters(net) << '\n';
    log("cost:", ctnn::cost<net_t>{}); // every field static: the object holds nothing
    log("training:", trained);

    const auto before = ctnn::evaluate<ctnn::binary_cross_entropy>(net, data);
    log("float:", before);
    quantise_8_bit(net);
    const auto after = ctnn::evaluate<ctnn::binary_cross_entropy>(net, data);
    log("8-bit:", after);
    std::cout << "every block on its 8-bit grid: " << (on_8_bit_grid(net) ? "yes" : "no") << '\n';

    bool ok = true;
    if (count_parameters(net) != net_t::parameter_count) {
        std::cout << "FAILED: hana::fold_left counted another number of parameters\n";
        ok = false;
    }
    if (!trained.completed() || before.accuracy != 1.0 || after.accuracy != 1.0) {
        std::cout << "FAILED: XOR is not learnt, or not kept after quantising\n";
        ok = false;
    }
    if (!on_8_bit_grid(net)) {
        std::cout << "FAILED: a block holds values off its 8-bit grid after quantising\n";
        ok = false;
    }
    return ok ? 0 : 1;
}
