// Issue 6, item 5: const forward passes on ONE network from several threads at once. forward()
// is const and keeps no state (its scratch is on each caller's stack), so concurrent calls must
// neither race (scripts/sanitize.sh runs this binary under ThreadSanitizer) nor change a single
// bit of any result: every thread's outputs are compared with the single-threaded ones.
#include <catch2/catch.hpp>

#include <ctnn/ctnn.hpp>
#include <ctnn/trainer.hpp>

#include <array>
#include <atomic>
#include <cstddef>
#include <cstring>
#include <span>
#include <thread>
#include <vector>

namespace {

constexpr std::size_t thread_count = 4;
constexpr std::size_t rounds = 1000;
constexpr std::size_t sample_count = 16;

template <class T>
using net_t = ctnn::sequential<ctnn::options<T>, ctnn::input<6>, ctnn::dense<12, ctnn::tanh>,
                               ctnn::dense<8, ctnn::sigmoid>, ctnn::dense<3, ctnn::softmax>>;

template <class A>
bool same_bits(const A& a, const A& b)
{
    return std::memcmp(&a, &b, sizeof(A)) == 0;
}

template <class T>
ctnn::batch<T, sample_count, 6> inputs()
{
    ctnn::batch<T, sample_count, 6> x{};
    ctnn::random_engine rng(99);
    for (auto& row : x)
        for (auto& v : row)
            v = T(4) * rng.uniform01<T>() - T(2);
    return x;
}

// Runs body(thread_index) on thread_count threads that start together, and joins them.
template <class Body>
void run_concurrently(Body body)
{
    std::atomic<std::size_t> ready{0};
    std::vector<std::thread> threads;
    threads.reserve(thread_count);
    for (std::size_t t = 0; t < thread_count; ++t)
        threads.emplace_back([&, t] {
            ready.fetch_add(1);
            while (ready.load() < thread_count) {
                // spin, so that the threads overlap instead of running one after another
            }
            body(t);
        });
    for (auto& thread : threads)
        thread.join();
}

} // namespace

TEMPLATE_TEST_CASE("const forward() from several threads on one network gives the "
                   "single-threaded results bit for bit",
                   "[thread]", float, double)
{
    using T = TestType;
    using net = net_t<T>;
    net shared;
    ctnn::initialize(shared, ctnn::xavier_uniform{}, 5);
    const net& view = shared;
    const auto x = inputs<T>();

    // References, computed before any thread starts.
    std::array<typename net::output_type, sample_count> single{};
    for (std::size_t s = 0; s < sample_count; ++s)
        single[s] = view.forward(x[s]);
    const auto batched = view.forward(x);

    // Mismatches are counted per thread and checked after the join: Catch2 v2's assertions are
    // not thread-safe.
    std::array<std::size_t, thread_count> mismatches{};
    std::array<std::size_t, thread_count> calls{};
    run_concurrently([&](std::size_t t) {
        for (std::size_t round = 0; round < rounds; ++round) {
            // Threads start at different samples, so that different inputs run at once.
            for (std::size_t k = 0; k < sample_count; ++k) {
                const std::size_t s = (k + t * 5) % sample_count;
                if (!same_bits(view.forward(x[s]), single[s]))
                    ++mismatches[t];
                ++calls[t];
            }
            if (!same_bits(view.forward(x), batched))
                ++mismatches[t];
            ++calls[t];
        }
    });
    for (std::size_t t = 0; t < thread_count; ++t) {
        INFO("thread " << t);
        CHECK(calls[t] == rounds * (sample_count + 1));
        CHECK(mismatches[t] == 0);
    }
    // And the network itself is untouched.
    net copy;
    ctnn::initialize(copy, ctnn::xavier_uniform{}, 5);
    CHECK(std::memcmp(copy.values().data(), view.values().data(),
                      net::parameter_count * sizeof(T)) == 0);
}

TEMPLATE_TEST_CASE("evaluate(), confusion() and loss() from several threads on one const "
                   "network agree with one thread",
                   "[thread]", float, double)
{
    using T = TestType;
    using net = net_t<T>;
    net shared;
    ctnn::initialize(shared, ctnn::xavier_uniform{}, 6);
    const net& view = shared;
    const auto x = inputs<T>();
    std::array<std::size_t, sample_count> labels{};
    ctnn::batch<T, sample_count, 3> targets{};
    for (std::size_t s = 0; s < sample_count; ++s) {
        labels[s] = s % 3;
        targets[s][s % 3] = T(1);
    }
    const ctnn::dataset_for<net> data{std::span<const std::array<T, 6>>(x),
                                      std::span<const std::size_t>(labels)};

    // Batch 5 does not divide 16: the last, partial pass runs too.
    const auto reference = ctnn::evaluate<ctnn::categorical_cross_entropy, 5>(view, data);
    const auto reference_confusion = ctnn::confusion<5>(view, data);
    const T reference_loss = view.loss(x, targets, ctnn::categorical_cross_entropy{});
    REQUIRE(reference.samples == sample_count);

    std::array<std::size_t, thread_count> mismatches{};
    run_concurrently([&](std::size_t t) {
        for (std::size_t round = 0; round < rounds / 4; ++round) {
            const auto e = ctnn::evaluate<ctnn::categorical_cross_entropy, 5>(view, data);
            if (!same_bits(e.loss, reference.loss) || !same_bits(e.accuracy, reference.accuracy) ||
                e.samples != reference.samples)
                ++mismatches[t];
            if (ctnn::confusion<5>(view, data).counts != reference_confusion.counts)
                ++mismatches[t];
            const T l = view.loss(x, targets, ctnn::categorical_cross_entropy{});
            if (!same_bits(l, reference_loss))
                ++mismatches[t];
        }
    });
    for (std::size_t t = 0; t < thread_count; ++t) {
        INFO("thread " << t);
        CHECK(mismatches[t] == 0);
    }
}
