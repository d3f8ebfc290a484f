// The integer-only proof: the baked int8 network and <ctnn/quantized/quantized_network.hpp>,
// compiled with -mgeneral-regs-only on x86-64 (CMakeLists.txt), where GCC refuses any
// floating-point operation and Clang would call a soft-float routine, which
// check_integer_only.cmake looks for in the object. Also the constexpr proof: the baked
// network's forward pass runs in the compiler and matches ctnn's run-time outputs.
#include <array>
#include <cstddef>
#include <cstdint>

#include "int8_baked.hpp"
#include "int8_expected.hpp"

static_assert([] {
    for (std::size_t k = 0; k < int8_inputs.size(); ++k)
        if (model::int8_net.forward(int8_inputs[k]) != int8_outputs[k])
            return false;
    return true;
}(), "the baked int8 network's constant-evaluated outputs differ from ctnn's run-time ones");

// Run time: the class of one sample, so that the forward pass is compiled to code.
extern "C" std::size_t ctnn_int8_classify(const std::int8_t* pixels)
{
    model::int8_net_type::input_type x{};
    for (std::size_t i = 0; i < x.size(); ++i)
        x[i] = pixels[i];
    return ctnn::argmax(model::int8_net.forward(x));
}
