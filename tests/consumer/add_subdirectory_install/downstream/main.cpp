// Uses or_model's installed library and header, and ctnn's installed headers through it.
#include <or_model.hpp>

#include <cstdio>

int main(int argc, char** argv)
{
    if (argc != 2)
        return 2;
    const auto net = or_model::train(argv[1], 1000);
    const float off = net.forward(or_model::net_t::input_type{0.0f, 0.0f})[0];
    const float on = net.forward(or_model::net_t::input_type{1.0f, 0.0f})[0];
    std::printf("or_model: OR(0, 0) = %g, OR(1, 0) = %g\n", static_cast<double>(off),
                static_cast<double>(on));
    return off < 0.5f && on > 0.5f ? 0 : 1;
}
