// What every loader's fuzz target checks on every input: a failed load leaves the network's bits
// unchanged and says why; a successful one loads only finite values.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <istream>
#include <optional>
#include <sstream>
#include <string>

#include <ctnn/serialization.hpp>

namespace ctnn_fuzz {

[[noreturn]] inline void violated(const char* what)
{
    std::fprintf(stderr, "invariant violated: %s\n", what);
    std::abort();
}

template <class P>
bool same_bits(const P& a, const P& b)
{
    return std::memcmp(a.values().data(), b.values().data(),
                       a.values().size() * sizeof(a.values()[0])) == 0;
}

// A network whose every value is known (k + 0.5), so that a change shows.
template <class Net>
Net marked()
{
    Net net;
    for (std::size_t k = 0; k < net.values().size(); ++k)
        net.values()[k] = static_cast<typename Net::scalar_type>(k) + 0.5f;
    return net;
}

// Loads `bytes` into a marked Net through load(net, std::istream&) -> ctnn::io_result and checks
// the invariants above; the loaded network when the load succeeded.
template <class Net, class Load>
std::optional<Net> checked_load(const std::string& bytes, Load load)
{
    const Net before = marked<Net>();
    Net net = before;
    std::istringstream in(bytes);
    const ctnn::io_result r = load(net, in);
    if (!r) {
        if (!same_bits(net, before))
            violated("a failed load changed the network");
        if (r.message()[0] == '\0')
            violated("a failure without a message");
        return std::nullopt;
    }
    for (auto v : net.values())
        if (!std::isfinite(v))
            violated("a load accepted a non-finite value");
    return net;
}

} // namespace ctnn_fuzz
