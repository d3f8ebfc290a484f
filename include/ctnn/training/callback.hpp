// ctnn/training/callback.hpp: how a training loop calls its callback, for fit and the trainer
// alike: a callback returns control::stop to end training, or control::proceed or nothing.
#pragma once

#include <type_traits>

namespace ctnn {

// What a callback may answer (a callback may also return void, which means proceed).
enum class control { proceed, stop };

namespace detail {

// The default callback: does nothing, so training proceeds.
struct no_callback {
    template <class Report>
    constexpr void operator()(const Report&) const noexcept
    {
    }
};

// callback(report), as control: what it answered, or proceed when it returns nothing.
template <class Callback, class Report>
constexpr control call_back(Callback& callback, const Report& report)
{
    if constexpr (std::is_same_v<std::invoke_result_t<Callback&, const Report&>, control>)
        return callback(report);
    else {
        callback(report);
        return control::proceed;
    }
}

} // namespace detail

} // namespace ctnn
