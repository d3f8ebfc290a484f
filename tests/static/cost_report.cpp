// ctnn::cost<Net>::report(): the summary it writes, read back from a temporary file. The numbers
// are the hand counts of tests/static/cost.cpp (4-8-3 relu/softmax, double, adam, batch 16).
#include <cstddef>
#include <cstdio>
#include <string>

#include <catch2/catch.hpp>

#include <ctnn/cost.hpp>

namespace {

// What write(file) wrote.
template <class Write>
std::string captured(Write write)
{
    std::FILE* file = std::tmpfile();
    REQUIRE(file != nullptr);
    write(file);
    std::rewind(file);
    std::string text;
    for (int c = std::fgetc(file); c != EOF; c = std::fgetc(file))
        text += static_cast<char>(c);
    std::fclose(file);
    return text;
}

} // namespace

TEST_CASE("cost report: every figure of a 4-8-3 classifier, one per line")
{
    using classifier = ctnn::sequential<ctnn::options<double>, ctnn::input<4>,
                                        ctnn::dense<8, ctnn::relu>, ctnn::dense<3, ctnn::softmax>>;
    CHECK(captured([](std::FILE* f) { ctnn::cost<classifier>::report<16, ctnn::adam>(f); }) ==
          "network 4-8-3 (double)\n"
          "  parameters                          67 (layer 0: 40, layer 1: 27)\n"
          "  forward FLOPs per sample            123\n"
          "  transcendental calls per sample     3\n"
          "  train step FLOPs at batch 16        5818\n"
          "  inline bytes                        576\n"
          "  int8 inline bytes (ctnn::quantize)  172\n"
          "  gradient bytes                      576\n"
          "  optimiser state bytes               1216\n"
          "  forward scratch bytes               320\n"
          "  backprop scratch bytes at batch 16  5120\n");
}

TEST_CASE("cost report: defaults to batch 1 and sgd")
{
    // 2-3-1 float with bias: 13 parameters; forward 15 + 7 = 22; backward 18 + 14 = 32; a step
    // 22 + 32 + 2 * 13 = 80; 13 floats -> 64 bytes; scratch 15 floats = 60 bytes; sgd state 1.
    const std::string text =
        captured([](std::FILE* f) { ctnn::cost<ctnn::network<2, 3, 1>>::report(f); });
    CHECK(text.find("network 2-3-1 (float)\n") == 0);
    CHECK(text.find("train step FLOPs at batch 1         80\n") != std::string::npos);
    CHECK(text.find("optimiser state bytes               1\n") != std::string::npos);
    CHECK(text.find("backprop scratch bytes at batch 1   60\n") != std::string::npos);
}

TEST_CASE("cost report: no int8 line for a network ctnn::quantize does not take")
{
    // elu has no int8 form; 40000 inputs are more than an int8 layer's int32 sum allows.
    using elu_net = ctnn::sequential<ctnn::options<float>, ctnn::input<2>,
                                     ctnn::dense<3, ctnn::elu<>>, ctnn::dense<1>>;
    using wide_net = ctnn::network<40000, 1>;
    STATIC_REQUIRE(ctnn::cost<elu_net>::int8_inline_bytes == 0);
    STATIC_REQUIRE(ctnn::cost<wide_net>::int8_inline_bytes == 0);
    STATIC_REQUIRE(ctnn::cost<ctnn::network<33155, 1>>::int8_inline_bytes > 0);
    const std::string text = captured([](std::FILE* f) { ctnn::cost<elu_net>::report(f); });
    CHECK(text.find("int8") == std::string::npos);
}
