// ctnn/serialization/walk.hpp: the walk both formats share: every item of a payload (parameters,
// then the optimiser state's members) in file order, for a visitor that writes, reads or checks
// it.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <type_traits>

#include <ctnn/layer/concept.hpp>
#include <ctnn/serialization/signature.hpp>

namespace ctnn::detail {

// The walk: the items of a payload in file order. A visitor sees
//   label(text)                  text format: a line that names what follows
//   values(T* data, n, context)  n scalars of type T (a row); context locates them in messages;
//                                T may also be an integer (ctnn/quantized/'s int8 networks)
//   integer(U& value)            an integer member of a state
// The same walk drives saving and loading in both formats, so the formats cannot disagree.

struct value_context {
    const char* what;        // "parameter" or "optimizer state member"
    std::size_t member;      // the state member (0 for the network)
    std::size_t first_index; // index of data[0] within the parameters (or 0)
};

struct label_text {
    fixed_name<96> text;
    constexpr label_text& add(std::string_view s) noexcept
    {
        text.append(s);
        return *this;
    }
    constexpr label_text& add(std::size_t n) noexcept
    {
        text.append_integer(static_cast<std::intmax_t>(n));
        return *this;
    }
};

// Every block of every layer, as the layers declare them: trained blocks from `values` (a
// parameters<Net>'s values()), running state from `state` (its state(); empty for an optimiser
// state's member, which has no running state). Labels: "layer 0 weights 2x3" for a matrix, one
// row a line; "layer 0 bias 3" for a vector.
template <class Net, class Values, class State, class Visitor>
bool walk_parameters(Values values, State state, Visitor& v, const char* what,
                     std::size_t member) noexcept
{
    using traits = network_traits<Net>;
    bool ok = true;
    [&]<std::size_t... L>(std::index_sequence<L...>) {
        (
            [&] {
                using layer = typename traits::template layer<L>;
                for (std::size_t b = 0; ok && b < layer::blocks.size(); ++b) {
                    const parameter_block& block = layer::blocks[b];
                    if (!block.trained && state.size() == 0)
                        continue;
                    const std::size_t at =
                        (block.trained ? traits::offsets[L] : traits::state_offsets[L]) +
                        block_offset<layer>(b);
                    auto* data = (block.trained ? values.data() : state.data()) + at;
                    // Indices in messages count through the trained values, then the state.
                    const std::size_t index = block.trained ? at : traits::parameter_count + at;
                    label_text label;
                    label.add("layer ").add(L).add(" ").add(block.name).add(" ");
                    if (block.matrix)
                        label.add(block.rows).add("x").add(block.cols);
                    else
                        label.add(block.size());
                    ok = v.label(label.text.view());
                    const std::size_t lines = block.matrix ? block.rows : 1;
                    const std::size_t per_line = block.matrix ? block.cols : block.size();
                    for (std::size_t r = 0; ok && r < lines; ++r)
                        ok = v.values(data + r * per_line, per_line,
                                      value_context{what, member, index + r * per_line});
                }
            }(),
            ...);
    }(std::make_index_sequence<traits::layer_count>{});
    return ok;
}

// The network's blocks, trained and running state; or, for a network type whose serial_layout
// walks its payload itself (ctnn/quantized/serialization.hpp), that walk.
template <class Net, class Params, class Visitor>
bool walk_network(Params& params, Visitor& v) noexcept
{
    if constexpr (requires { serial_layout<Net>::walk(params, v); })
        return serial_layout<Net>::walk(params, v);
    else
        return walk_parameters<Net>(params.values(), params.state(), v, "parameter", 0);
}

template <class Opt, class Net, class State, class Visitor>
bool walk_state(State& state, Visitor& v) noexcept
{
    using layout = state_layout<Opt, Net>;
    bool ok = true;
    std::size_t member = 0;
    for_each_field<layout::fields>(state, [&](auto& field) {
        using F = std::remove_cvref_t<decltype(field)>;
        if (ok) {
            label_text label;
            label.add("state member ").add(member).add(" ").add(field_kind<Net, F>());
            ok = v.label(label.text.view());
        }
        if (ok) {
            if constexpr (std::is_same_v<F, parameters<Net>>)
                ok = walk_parameters<Net>(field.values(), std::span<typename Net::scalar_type, 0>(),
                                          v, "optimizer state member", member);
            else if constexpr (std::is_floating_point_v<F>)
                ok = v.values(&field, 1, value_context{"optimizer state member", member, 0});
            else
                ok = v.integer(field);
        }
        ++member;
    });
    return ok;
}

// Finite checks before saving: every value the walk visits.
struct finite_checker {
    io_result result;

    bool label(std::string_view) noexcept { return true; }
    template <class T>
    bool values(const T* data, std::size_t n, value_context where) noexcept
    {
        if constexpr (std::is_floating_point_v<T>)
            for (std::size_t k = 0; k < n; ++k)
                if (!std::isfinite(data[k])) {
                    result = describe(where, k, data[k]);
                    return false;
                }
        return true;
    }
    template <class U>
    bool integer(const U&) noexcept
    {
        return true;
    }

    // "non-finite value: [line 12: ]parameter 3 is NaN; ..."
    template <class T>
    static io_result describe(value_context where, std::size_t k, T value,
                              std::size_t line = 0) noexcept
    {
        io_result r(io_error::non_finite_value, "");
        r.append(": ");
        if (line != 0)
            r.append("line ").append(line).append(": ");
        r.append(where.what);
        if (where.what[0] == 'o')
            r.append(" ").append(where.member).append(" value");
        r.append(" ").append(where.first_index + k);
        r.append(std::isnan(value) ? " is NaN" : value > 0 ? " is +infinity" : " is -infinity");
        r.append("; a network is saved and loaded only with finite parameters");
        return r;
    }
};

} // namespace ctnn::detail
