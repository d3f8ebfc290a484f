// bench/agreement.hpp: `agreement`, the tally of the start-up check that ctnn and both baselines
// compute the same thing (check_case.hpp), and the registry of every case's check, which each
// CTNN_BENCH_CASE (benchmarks.hpp) adds to and main.cpp runs before anything is timed.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <string>
#include <vector>

namespace bench {

class agreement {
public:
    // Passes when the two values differ by at most tolerance times the larger of them, or of
    // scale when that is larger: a value computed as a difference (a weight after its update,
    // w - lr g) carries the rounding error of its operands, so it is judged at their scale.
    // what() names the value; it is only called to report a failure, so that the hundreds of
    // thousands of values of a 784-wide case do not each build a string.
    template <class What>
    void expect_close(const std::string& case_name, const What& what, double ctnn_value,
                      double other_value, const char* other_name, double tolerance,
                      double scale_floor = 0)
    {
        ++compared_;
        const double scale =
            std::max({std::abs(ctnn_value), std::abs(other_value), std::abs(scale_floor)});
        const double difference = std::abs(ctnn_value - other_value);
        // Written so that a NaN on either side fails.
        if (difference <= tolerance * scale) {
            // The closest call, so that a tolerance can be judged against what it has to allow.
            const double used = scale > 0 ? difference / (tolerance * scale) : 0.0;
            if (used > closest_) {
                closest_ = used;
                closest_what_ = case_name + ": " + std::string(what()) + " against " + other_name;
            }
            return;
        }
        // One case that disagrees usually does on thousands of values: the first few say enough.
        if (++failures_ <= max_reported)
            std::fprintf(stderr,
                         "bench: %s: %s: ctnn %.17g, %s %.17g, relative difference %.3g exceeds "
                         "%.0e\n",
                         case_name.c_str(), std::string(what()).c_str(), ctnn_value, other_name,
                         other_value, scale > 0 ? difference / scale : difference, tolerance);
    }

    std::size_t compared() const { return compared_; }
    std::size_t failures() const { return failures_; }
    // Of the values that passed, the largest share of its tolerance a difference used, and where.
    double closest() const { return closest_; }
    const std::string& closest_what() const { return closest_what_; }

private:
    static constexpr std::size_t max_reported = 20;
    std::size_t compared_ = 0;
    std::size_t failures_ = 0;
    double closest_ = 0;
    std::string closest_what_;
};

// The checks of every case linked into the binary, in registration order.
inline std::vector<void (*)(agreement&)>& case_checks()
{
    static std::vector<void (*)(agreement&)> checks;
    return checks;
}

// The OR experiment's loss at epoch 1 as NumPy computes it (../shared/seed/SUMMARY.md). Checked
// too, so that the three codes are not merely equally wrong.
inline constexpr double tutorial_or_epoch_1_loss = 0.34794838215653723;

} // namespace bench
