// A baked int8 network (ctnn/quantized/bake.hpp) is the network quantize() made, and computes
// what it computes.
#include <catch2/catch.hpp>

#include "bake_networks.hpp"
#include "int8_baked.hpp"
#include "int8_expected.hpp"

TEST_CASE("a baked int8 network equals the quantised network it was baked from")
{
    const auto q = bake_test::network();
    STATIC_REQUIRE(std::is_same_v<model::int8_net_type, std::remove_cvref_t<decltype(q)>>);
    CHECK(model::int8_net == q);
    CHECK(model::int8_net.input_scale_bits == q.input_scale_bits);
    for (std::size_t k = 0; k < int8_inputs.size(); ++k)
        CHECK(model::int8_net.forward(int8_inputs[k]) == q.forward(int8_inputs[k]));
}

TEST_CASE("a baked int8 network's forward pass is a constant expression")
{
    constexpr auto y = model::int8_net.forward(int8_inputs[0]);
    STATIC_REQUIRE(y == int8_outputs[0]);
}
