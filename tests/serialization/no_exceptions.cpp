// ctnn/serialization.hpp with -fno-exceptions: save and load report through io_result alone.
#include <cstdio>
#include <sstream>

#include <ctnn/network.hpp>
#include <ctnn/serialization.hpp>

#if defined(__cpp_exceptions)
#error "this file must be compiled with -fno-exceptions"
#endif

int main()
{
    int failures = 0;
    const auto check = [&failures](bool ok, const char* what) {
        if (!ok) {
            std::printf("FAILED: %s\n", what);
            ++failures;
        }
    };

    ctnn::network<2, 3, 1> net;
    net.set_weights<1>({{0.5f}, {-0.25f}, {2.0f}});
    for (auto how : {ctnn::format::binary, ctnn::format::text}) {
        std::stringstream file;
        const ctnn::io_result saved = ctnn::save(net, file, how);
        check(static_cast<bool>(saved), saved.message());
        ctnn::network<2, 3, 1> copy;
        const ctnn::io_result loaded = ctnn::load(copy, file);
        check(static_cast<bool>(loaded), loaded.message());
        check(copy == net, "the copy equals the original");

        std::stringstream again;
        (void)ctnn::save(net, again, how);
        ctnn::network<2, 4, 1> other;
        const ctnn::io_result refused = ctnn::load(other, again);
        check(refused.error() == ctnn::io_error::type_mismatch, refused.message());
    }
    std::printf("%s\n", failures == 0 ? "all passed" : "failures");
    return failures == 0 ? 0 : 1;
}
