// A user's program that loads data: linked with ctnn::io alone (which brings zlib), or built with
// -I and -lz. It reads the gzip-compressed CSV named on its command line, the OR gate's four
// samples "a,b,label", written by run_consumer.cmake.
#include <ctnn/ctnn.hpp>
#include <ctnn/io/csv.hpp>

#include <array>
#include <cstdio>

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: consumer_io <or.csv.gz>\n");
        return 2;
    }
    const auto data = ctnn::io::read_csv<2>(argv[1]); // throws ctnn::io::load_error on failure
    const bool as_written = data.size() == 4 && data.class_count == 2 &&
                            data.features[1] == std::array{0.0f, 1.0f} && data.labels[0] == 0 &&
                            data.labels[3] == 1;
    ctnn::network<2, 3, 1> net;
    ctnn::initialize(net, ctnn::uniform01{}, 1);
    const float out = net.forward(data.features[3])[0];
    std::printf("read %zu samples from %s; forward(1, 1) = %g\n", data.size(), argv[1],
                static_cast<double>(out));
    return as_written ? 0 : 1;
}
