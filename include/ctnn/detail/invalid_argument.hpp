// ctnn/detail/invalid_argument.hpp: how ctnn reports a caller's mistake found at run time (counts
// that differ, a label out of range, a fraction outside [0, 1]): the message is built in a fixed
// buffer (detail::fixed_name, no heap), then thrown as std::invalid_argument where exceptions
// are on, or, built with -fno-exceptions, given to the error handler (ctnn/error_handler.hpp),
// then std::abort().
//
// Why <stdexcept> is included only where exceptions are on (issue 14): throwing
// std::invalid_argument needs its definition, and no other header has it. The alternatives were
// worse: a reporting function declared here and defined in a header the core does not include
// turns a forgotten include into a link error (or, inline, into a program that is ill-formed
// with no diagnostic), and libstdc++'s own std::__throw_invalid_argument is an implementation
// detail other standard libraries lack. Built with -fno-exceptions, as the freestanding core is
// checked (tests/headers), nothing here pulls <stdexcept>, <string> or <cstdio>. With exceptions
// the message is still formatted without the heap; only the exception object copies it, as
// std::invalid_argument does, on the error path alone.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <span>
#include <string_view>
#include <type_traits>

#include <ctnn/detail/fixed_name.hpp>
#include <ctnn/error_handler.hpp>

#if defined(__cpp_exceptions)
#include <stdexcept>
#elif defined(__unix__) || defined(__APPLE__)
#include <unistd.h> // write(): the default handler's path to stderr, below <cstdio>
#endif

namespace ctnn::detail {

[[noreturn, gnu::cold, gnu::noinline]] inline void report_invalid_argument(const char* message)
{
#if defined(__cpp_exceptions)
    throw std::invalid_argument(message);
#else
    if (installed_error_handler != nullptr) {
        installed_error_handler(message);
    } else {
#if defined(__unix__) || defined(__APPLE__)
        std::size_t size = 0;
        while (message[size] != '\0')
            ++size;
        // Nothing to do if stderr is closed or full: the abort below says enough.
        [[maybe_unused]] const auto written = ::write(2, message, size);
        [[maybe_unused]] const auto newline = ::write(2, "\n", 1);
#endif
    }
    std::abort();
#endif
}

// The longest message, in chars: longer ones are cut at their end.
inline constexpr std::size_t error_message_capacity = 255;

// Reports the message made of parts, in order: text (const char*), counts (std::size_t) and
// fractions (double, written as std::to_string writes them). Cold and out of line, so that the
// message buffer is on the stack only when there is a mistake to report.
template <class... Parts>
[[noreturn, gnu::cold, gnu::noinline]] void invalid_argument(Parts... parts)
{
    static_assert(((std::is_same_v<Parts, std::size_t> || std::is_same_v<Parts, double> ||
                    std::is_same_v<Parts, const char*>) && ...),
                  "ctnn::detail::invalid_argument: the message parts are text, std::size_t "
                  "counts and double fractions");
    fixed_name<error_message_capacity + 1> message; // one char kept for the terminating '\0'
    const auto append = [&message](auto part) {
        if constexpr (std::is_same_v<decltype(part), std::size_t>)
            message.append_unsigned(part);
        else if constexpr (std::is_same_v<decltype(part), double>)
            message.append_fixed(part);
        else
            message.append(std::string_view(part));
    };
    (append(parts), ...);
    if (message.size > error_message_capacity) // a longer message is cut at its end
        message.size = error_message_capacity;
    message.chars[message.size] = '\0';
    report_invalid_argument(message.chars.data());
}

// "<who>: 5 inputs but 4 labels" unless the counts agree.
constexpr void check_counts(const char* who, std::size_t count, const char* what,
                            std::size_t other_count, const char* other)
{
    if (count != other_count)
        invalid_argument(who, ": ", count, " ", what, " but ", other_count, " ", other);
}

// "<who>: label 3 of sample 7 is out of range for 3 classes" unless every label is below classes.
constexpr void check_labels(const char* who, std::span<const std::size_t> labels,
                            std::size_t classes)
{
    for (std::size_t s = 0; s < labels.size(); ++s)
        if (labels[s] >= classes)
            invalid_argument(who, ": label ", labels[s], " of sample ", s,
                             " is out of range for ", classes, " classes");
}

} // namespace ctnn::detail
