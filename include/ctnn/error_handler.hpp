// ctnn/error_handler.hpp: `set_error_handler`, what ctnn does with a caller's mistake found at run
// time (counts that differ, a label out of range, a fraction outside [0, 1]) in a program built
// without exceptions.
//
// With exceptions, such a mistake throws std::invalid_argument with the message and the handler
// is not used. Built with -fno-exceptions, ctnn calls the handler with the message (a sentence,
// in a buffer on the stack: nothing is allocated), then std::abort() if the handler returns. A
// firmware can log the message, reset the device or longjmp out:
//
//   ctnn::set_error_handler([](const char* message) noexcept { log_fault(message); reset(); });
//
// Without a handler (the default), the message goes to file descriptor 2 through POSIX write()
// where there is one (Linux, macOS, other Unix: no <cstdio>, no FILE), and nowhere on a target
// without one (bare metal), before std::abort(). The handler is a plain pointer: set it before
// any other thread uses ctnn.
#pragma once

namespace ctnn {

using error_handler = void (*)(const char* message) noexcept;

namespace detail {
inline error_handler installed_error_handler = nullptr;
} // namespace detail

// Installs handler (nullptr: the default) and returns the one it replaces.
inline error_handler set_error_handler(error_handler handler) noexcept
{
    const error_handler previous = detail::installed_error_handler;
    detail::installed_error_handler = handler;
    return previous;
}

} // namespace ctnn
