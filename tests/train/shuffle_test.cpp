// ctnn::permutation: a permutation of 0 .. n-1 for every n, reproducible from (seed, epoch),
// different for different seeds and epochs, and not visibly biased.
#include <catch2/catch.hpp>

#include <ctnn/shuffle.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace {

bool is_permutation_of_range(const ctnn::permutation& p)
{
    std::vector<int> seen(p.size(), 0);
    for (std::uint64_t k = 0; k < p.size(); ++k) {
        const std::uint64_t v = p[k];
        if (v >= p.size() || seen[v]++ != 0)
            return false;
    }
    return true;
}

std::vector<std::uint64_t> order(const ctnn::permutation& p)
{
    std::vector<std::uint64_t> out;
    for (std::uint64_t k = 0; k < p.size(); ++k)
        out.push_back(p[k]);
    return out;
}

} // namespace

TEST_CASE("permutation visits every index exactly once, for every size", "[shuffle]")
{
    // Every size up to 1100 (the pivot arithmetic has edge cases at x == pivot and n == 1),
    // then sizes of real datasets.
    for (std::uint64_t n = 0; n <= 1100; ++n) {
        INFO("n = " << n);
        REQUIRE(is_permutation_of_range(ctnn::permutation(n, 7, n % 5)));
    }
    for (const std::uint64_t n : {1797u, 60000u, 65536u, 65537u}) {
        INFO("n = " << n);
        REQUIRE(is_permutation_of_range(ctnn::permutation(n, 12345, 3)));
    }
}

TEST_CASE("permutation is reproducible from the seed and the epoch", "[shuffle]")
{
    const ctnn::permutation a(1000, 42, 1);
    const ctnn::permutation b(1000, 42, 1);
    CHECK(order(a) == order(b));
    // A different seed or epoch gives a different order.
    CHECK(order(a) != order(ctnn::permutation(1000, 43, 1)));
    CHECK(order(a) != order(ctnn::permutation(1000, 42, 2)));
    // Usable at compile time, and the same there.
    constexpr std::uint64_t first = ctnn::permutation(1000, 42, 1)[0];
    CHECK(first == a[0]);
}

TEST_CASE("permutation is not visibly biased", "[shuffle]")
{
    // Over many epochs, each element should land in each position equally often. The n x n table
    // of counts has (n - 1)^2 degrees of freedom; a chi-square statistic more than 5 standard
    // deviations, 5 sqrt(2 dof), above its mean happens by chance with probability < 1e-6.
    for (const std::uint64_t n : {3u, 5u, 10u, 17u, 40u}) {
        const std::uint64_t trials = 400 * n;
        std::vector<double> count(n * n, 0.0);
        for (std::uint64_t e = 0; e < trials; ++e) {
            const ctnn::permutation p(n, 99, e);
            for (std::uint64_t k = 0; k < n; ++k)
                count[p[k] * n + k] += 1;
        }
        const double expected = static_cast<double>(trials) / static_cast<double>(n);
        double chi2 = 0;
        for (const double c : count)
            chi2 += (c - expected) * (c - expected) / expected;
        const double dof = static_cast<double>((n - 1) * (n - 1));
        INFO("n = " << n << ", chi-square = " << chi2 << " with " << dof << " dof");
        CHECK(chi2 < dof + 5 * std::sqrt(2 * dof));
    }

    // Neighbouring positions are not correlated: in a uniform random permutation of n the
    // expected number of k with p[k+1] == p[k] + 1 is (n - 1) / n, about 1 (the identity has
    // n - 1); more than 10 has probability below 1e-7.
    const ctnn::permutation big(10000, 5, 0);
    std::size_t runs = 0;
    for (std::uint64_t k = 0; k + 1 < big.size(); ++k)
        if (big[k + 1] == big[k] + 1)
            ++runs;
    CHECK(runs < 10);
}
