// ctnn/detail/invalid_argument.hpp: how ctnn reports a caller's mistake found at run time (counts
// that differ, a label out of range, a fraction outside [0, 1]): std::invalid_argument with the
// message, or, built with -fno-exceptions, the message on stderr and std::abort().
#pragma once

#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <span>
#include <stdexcept>
#include <string>

namespace ctnn::detail {

[[noreturn]] inline void invalid_argument(const std::string& message)
{
#if defined(__cpp_exceptions)
    throw std::invalid_argument(message);
#else
    std::fputs((message + "\n").c_str(), stderr);
    std::abort();
#endif
}

// "<who>: 5 inputs but 4 labels" unless the counts agree.
constexpr void check_counts(const char* who, std::size_t count, const char* what,
                            std::size_t other_count, const char* other)
{
    if (count != other_count)
        invalid_argument(std::string(who) + ": " + std::to_string(count) + " " + what + " but " +
                         std::to_string(other_count) + " " + other);
}

// "<who>: label 3 of sample 7 is out of range for 3 classes" unless every label is below classes.
constexpr void check_labels(const char* who, std::span<const std::size_t> labels,
                            std::size_t classes)
{
    for (std::size_t s = 0; s < labels.size(); ++s)
        if (labels[s] >= classes)
            invalid_argument(std::string(who) + ": label " + std::to_string(labels[s]) +
                             " of sample " + std::to_string(s) + " is out of range for " +
                             std::to_string(classes) + " classes");
}

} // namespace ctnn::detail
