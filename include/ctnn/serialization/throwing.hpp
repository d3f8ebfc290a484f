// ctnn/serialization/throwing.hpp: save_or_throw and load_or_throw, and serialization_error, what
// they throw; only where exceptions are enabled.
#pragma once

#include <stdexcept>
#include <utility>

#include <ctnn/serialization/load.hpp>
#include <ctnn/serialization/save.hpp>

namespace ctnn {

#if defined(__cpp_exceptions)

// What the _or_throw forms throw: what() is the io_result's message, code() its error.
class serialization_error : public std::runtime_error {
public:
    explicit serialization_error(const io_result& r)
        : std::runtime_error(r.message()), code_(r.error())
    {
    }
    io_error code() const noexcept { return code_; }

private:
    io_error code_;
};

namespace detail {
inline void throw_if_failed(const io_result& r)
{
    if (!r)
        throw serialization_error(r);
}
} // namespace detail

// The same operations, throwing serialization_error instead of returning an io_result.
template <class Net, class Where>
void save_or_throw(const Net& net, Where&& where, format how = format::binary)
{
    detail::throw_if_failed(save(net, std::forward<Where>(where), how));
}
template <class Opt, class Net, class Where>
void save_or_throw(const Net& net, const optimizer_state<Opt, Net>& state, Where&& where,
                   format how = format::binary)
{
    detail::throw_if_failed(save<Opt>(net, state, std::forward<Where>(where), how));
}
template <class Net, class Where>
void load_or_throw(Net& net, Where&& where)
{
    detail::throw_if_failed(load(net, std::forward<Where>(where)));
}
template <class Opt, class Net, class Where>
void load_or_throw(Net& net, optimizer_state<Opt, Net>& state, Where&& where)
{
    detail::throw_if_failed(load<Opt>(net, state, std::forward<Where>(where)));
}

#endif

} // namespace ctnn
