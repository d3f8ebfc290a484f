// ctnn/serialization/walk.hpp: the walk both formats share: every item of a payload (parameters,
// then the optimiser state's members) in file order, for a visitor that writes, reads or checks
// it.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>

#include <ctnn/serialization/signature.hpp>

namespace ctnn::detail {

// The walk: the items of a payload in file order. A visitor sees
//   label(text)                  text format: a line that names what follows
//   values(T* data, n, context)  n scalars of type T (a row); context locates them in messages
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

template <class Net, class Values, class Visitor>
bool walk_parameters(Values values, Visitor& v, const char* what, std::size_t member) noexcept
{
    using layout = serial_layout<Net>;
    using traits = network_traits<Net>;
    for (std::size_t l = 0; l < layout::layer_count; ++l) {
        const std::size_t in = traits::widths[l];
        const std::size_t out = traits::widths[l + 1];
        const std::size_t at = traits::offsets[l];
        label_text weights;
        weights.add("layer ").add(l).add(" weights ").add(in).add("x").add(out);
        if (!v.label(weights.text.view()))
            return false;
        for (std::size_t i = 0; i < in; ++i)
            if (!v.values(values.data() + at + i * out, out,
                          value_context{what, member, at + i * out}))
                return false;
        if (layout::has_bias[l]) {
            label_text bias;
            bias.add("layer ").add(l).add(" bias ").add(out);
            if (!v.label(bias.text.view()))
                return false;
            if (!v.values(values.data() + at + in * out, out,
                          value_context{what, member, at + in * out}))
                return false;
        }
    }
    return true;
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
                ok = walk_parameters<Net>(field.values(), v, "optimizer state member", member);
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
