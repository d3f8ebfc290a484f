// The README's "Boost.Hana" snippet, readme_snippet.hpp (tests/readme checks README.md holds it
// character for character), compiled and run here.
#include <catch2/catch.hpp>

#include <sstream>

#include "readme_snippet.hpp"

TEST_CASE("the README's Boost.Hana snippet")
{
    net_t net;
    net.weights<1>()(0, 0) = 2.f;
    net.weights<1>()(1, 1) = -3.f;
    net.weights<1>()(7, 2) = 0.5f;
    std::ostringstream out;
    describe_and_clip(net, out);
    CHECK(out.str() == "layer 0: dense 4 -> 8\nlayer 1: dense 8 -> 3\n");
    CHECK(net.weights<1>()(0, 0) == 1.f);
    CHECK(net.weights<1>()(1, 1) == -1.f);
    CHECK(net.weights<1>()(7, 2) == 0.5f);

    std::ostringstream line;
    log_report(ctnn::evaluation<float>{0.5f, 0.75, 8}, line);
    CHECK(line.str() == "loss=0.5 accuracy=0.75 samples=8 \n");
}
