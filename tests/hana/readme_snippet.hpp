#include <ctnn/ctnn.hpp>
#include <ctnn/hana.hpp> // CMake: target_link_libraries(app PRIVATE ctnn::hana)

#include <algorithm>
#include <ostream>

namespace hana = boost::hana;
using net_t = ctnn::network<4, 8, 3>;

// The network is a sequence of layer views: fold over it, even in a constant expression.
constexpr std::size_t count_parameters(const net_t& net)
{
    return hana::fold_left(net, std::size_t{0},
                           [](std::size_t n, auto layer) { return n + layer.parameter_count; });
}
static_assert(count_parameters(net_t{}) == net_t::parameter_count); // 40 + 27

// Each layer's shape, then each of its blocks clipped to [-1, 1] through the views.
void describe_and_clip(net_t& net, std::ostream& out)
{
    hana::for_each(net, [&](auto layer) {
        out << "layer " << layer.index << ": " << layer.kind << ' ' << layer.in_size << " -> "
            << layer.out_size << '\n';
        hana::for_each(layer, [](auto block) { // "weights", then "bias"
            for (float& v : block.values())
                v = std::clamp(v, -1.f, 1.f);
        });
    });
}

// Any adapted report (evaluation, training_result, cost<Net>, ...) as key=value pairs.
template <class Report>
void log_report(const Report& report, std::ostream& out)
{
    hana::for_each(hana::keys(report), [&](auto key) {
        out << hana::to<const char*>(key) << '=' << hana::at_key(report, key) << ' ';
    });
    out << '\n';
}
