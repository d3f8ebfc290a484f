// Zero heap: no ctnn operation calls operator new or malloc (or any of their relatives), for
// float and double, small and medium networks. The counting allocator (counting_allocator.cpp)
// is first shown to see allocations at all, through each path it claims to count, so that a
// zero below means "no allocation" and not "not counted".
#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>

#include <ctnn/ctnn.hpp>

#include "allocation_counter.hpp"

using heap_test::allocator_function;
using heap_test::count_allocations;
using heap_test::escape;

// ---------------------------------------------------------------------------------------------
// Positive controls: the counter sees allocations when there are some.

TEST_CASE("the counting allocator sees every kind of allocation", "[heap][control]")
{
    SECTION("std::vector, through operator new and delete")
    {
        const auto counts = count_allocations([] {
            std::vector<int> v(100, 7);
            escape(v.data());
        });
        INFO(counts);
        REQUIRE(counts[allocator_function::operator_new] > 0);
        REQUIRE(counts[allocator_function::operator_delete] > 0);
    }
    SECTION("new[] and delete[]")
    {
        const auto counts = count_allocations([] {
            auto* p = new double[16];
            escape(p);
            delete[] p;
        });
        INFO(counts);
        REQUIRE(counts[allocator_function::operator_new] == 1);
        REQUIRE(counts[allocator_function::operator_delete] == 1);
    }
    SECTION("over-aligned new, as a ctnn network (64-byte aligned) on the heap would use")
    {
        using net_type = ctnn::network<2, 3, 1>;
        static_assert(alignof(net_type) > __STDCPP_DEFAULT_NEW_ALIGNMENT__);
        const auto counts = count_allocations([] {
            auto p = std::make_unique<net_type>();
            escape(p.get());
        });
        INFO(counts);
        REQUIRE(counts[allocator_function::operator_new] == 1);
        REQUIRE(counts[allocator_function::operator_delete] == 1);
    }
    SECTION("nothrow new")
    {
        const auto counts = count_allocations([] {
            auto* p = new (std::nothrow) int(3);
            escape(p);
            delete p;
        });
        INFO(counts);
        REQUIRE(counts[allocator_function::operator_new] == 1);
    }
    SECTION("malloc and free")
    {
        const auto counts = count_allocations([] {
            void* p = std::malloc(64);
            escape(p);
            std::free(p);
        });
        INFO(counts);
        REQUIRE(counts[allocator_function::malloc] == 1);
        REQUIRE(counts[allocator_function::free] == 1);
    }
    SECTION("calloc, realloc and aligned_alloc")
    {
        const auto counts = count_allocations([] {
            void* p = std::calloc(4, 16);
            escape(p);
            p = std::realloc(p, 256);
            escape(p);
            std::free(p);
            void* q = std::aligned_alloc(64, 128);
            escape(q);
            std::free(q);
        });
        INFO(counts);
        REQUIRE(counts[allocator_function::calloc] == 1);
        REQUIRE(counts[allocator_function::realloc] == 1);
        REQUIRE(counts[allocator_function::aligned_malloc] == 1);
        REQUIRE(counts[allocator_function::free] == 2);
    }
    SECTION("malloc called from inside a shared library (libstdc++ allocating an exception)")
    {
        // __cxa_allocate_exception lives in libstdc++.so and calls malloc through the PLT:
        // this is the interposition working across libraries, not just in this executable.
        int caught = 0;
        const auto counts = count_allocations([&] {
            try {
                throw 42;
            }
            catch (int value) {
                caught = value;
            }
        });
        INFO(counts);
        REQUIRE(caught == 42);
        REQUIRE(counts[allocator_function::malloc] > 0);
    }
    SECTION("and nothing outside the counted scope")
    {
        std::vector<int> before(100, 1);
        const auto counts = count_allocations([] {});
        std::vector<int> after(100, 2);
        INFO(counts);
        REQUIRE(counts.total() == 0);
        REQUIRE(before[0] + after[0] == 3);
    }
}

// ---------------------------------------------------------------------------------------------
// Every operation of the library, counted.

namespace {

template <class Operation>
void check_no_allocation(const char* operation_name, Operation&& operation)
{
    const auto counts = count_allocations(std::forward<Operation>(operation));
    INFO(operation_name << ": " << counts);
    CHECK(counts.total() == 0);
}

template <class T, std::size_t Batch, std::size_t Width>
ctnn::batch<T, Batch, Width> some_batch(std::uint64_t seed)
{
    ctnn::random_engine rng(seed);
    ctnn::batch<T, Batch, Width> rows{};
    for (auto& row : rows)
        for (auto& v : row)
            v = rng.uniform01<T>();
    return rows;
}

// Runs each operation once with counting on, with its inputs prepared before and its results
// checked after, so that only the library's own work is inside the counted scope.
template <class Net, std::size_t Batch>
void check_every_operation()
{
    using T = typename Net::scalar_type;
    const auto inputs = some_batch<T, Batch, Net::input_size>(1);
    const auto targets = some_batch<T, Batch, Net::output_size>(2);

    Net net;
    check_no_allocation("initialize from a seed",
                        [&] { ctnn::initialize(net, ctnn::uniform01{}, 7); });
    ctnn::random_engine rng(8);
    Net other;
    check_no_allocation("initialize from an engine",
                        [&] { ctnn::initialize(other, ctnn::uniform01{}, rng); });
    CHECK(net != Net{});
    CHECK(other != net);
    // Centre the parameters on zero (uncounted) so that no sigmoid saturates and training below
    // visibly changes the loss, even in the 64-input network.
    for (auto& p : net.values())
        p = (p - T(0.5)) / 2;

    typename Net::output_type one{};
    check_no_allocation("forward, one sample", [&] { one = net.forward(inputs[0]); });
    typename Net::template output_batch<Batch> many{};
    check_no_allocation("forward, a batch", [&] { many = net.forward(inputs); });
    CHECK(many[0] == one);

    T half_sum = 0, mean = 0;
    check_no_allocation("loss (half_sum_squares)",
                        [&] { half_sum = net.loss(inputs, targets, ctnn::half_sum_squares{}); });
    check_no_allocation("loss (mean_squared_error)",
                        [&] { mean = net.loss(inputs, targets, ctnn::mean_squared_error{}); });
    CHECK(half_sum > 0);
    CHECK(mean == Approx(2 * half_sum / T(Batch * Net::output_size)));

    ctnn::gradient<Net> grad;
    T backprop_loss = 0;
    check_no_allocation("backprop, its own workspace", [&] {
        backprop_loss = net.backprop(inputs, targets, grad, ctnn::half_sum_squares{});
    });
    CHECK(backprop_loss == half_sum);
    ctnn::gradient<Net> grad_ws;
    ctnn::workspace<Net, Batch> ws;
    check_no_allocation("backprop, a caller's workspace", [&] {
        backprop_loss = net.backprop(inputs, targets, grad_ws, ws, ctnn::mean_squared_error{});
    });
    CHECK(backprop_loss == mean);
    CHECK(grad_ws != ctnn::gradient<Net>{});

    const Net before_step = net;
    check_no_allocation("sgd step", [&] { ctnn::sgd{0.1}.step(net, grad); });
    CHECK(net != before_step);

    // Training: a callback that observes, one that stops, and none.
    std::size_t reports = 0;
    T first_loss = 0;
    ctnn::training_result<T> trained{};
    check_no_allocation("fit with a callback", [&] {
        trained = ctnn::fit(net, inputs, targets, ctnn::half_sum_squares{}, ctnn::sgd{0.05}, 20,
                            [&](const ctnn::epoch_report<T>& report) {
                                if (report.epoch == 1)
                                    first_loss = report.loss;
                                ++reports;
                            });
    });
    CHECK(trained.stop == ctnn::training_stop::none);
    CHECK(trained.epochs == 20);
    CHECK(reports == 20);
    CHECK(trained.loss < first_loss);

    check_no_allocation("fit stopped by its callback", [&] {
        trained = ctnn::fit(net, inputs, targets, ctnn::mean_squared_error{}, ctnn::sgd{0.05}, 50,
                            [](const ctnn::epoch_report<T>& report) {
                                return report.epoch == 3 ? ctnn::control::stop
                                                         : ctnn::control::proceed;
                            });
    });
    CHECK(trained.stop == ctnn::training_stop::callback);
    CHECK(trained.epochs == 3);

    check_no_allocation("fit without a callback", [&] {
        trained = ctnn::fit(net, inputs, targets, ctnn::half_sum_squares{}, ctnn::sgd{0.05}, 5);
    });
    CHECK(trained.epochs == 5);

    if constexpr (std::is_same_v<T, double>) {
        ctnn::gradient_check_result checked;
        check_no_allocation("check_gradient", [&] {
            checked = ctnn::check_gradient(net, inputs, targets, ctnn::half_sum_squares{});
        });
        CHECK(checked.parameters_checked == Net::parameter_count);
    }
}

} // namespace

TEMPLATE_TEST_CASE("a small network allocates nothing: 2-3-1, batch 4", "[heap]", float, double)
{
    check_every_operation<ctnn::basic_network<ctnn::options<TestType>, 2, 3, 1>, 4>();
}

TEMPLATE_TEST_CASE("a single-sample batch allocates nothing: 2-3-1, batch 1", "[heap]", float,
                   double)
{
    check_every_operation<ctnn::basic_network<ctnn::options<TestType, ctnn::no_bias>, 2, 3, 1>,
                          1>();
}

TEMPLATE_TEST_CASE("a network with mixed layers allocates nothing: 3-5-4-2, batch 3", "[heap]",
                   float, double)
{
    using net_type =
        ctnn::sequential<ctnn::options<TestType, ctnn::identity>, ctnn::input<3>,
                         ctnn::dense<5, ctnn::sigmoid>, ctnn::dense<4, ctnn::no_bias>,
                         ctnn::dense<2, ctnn::sigmoid, ctnn::no_bias>>;
    check_every_operation<net_type, 3>();
}

TEMPLATE_TEST_CASE("a medium network allocates nothing: 64-32-10, batch 8", "[heap]", float,
                   double)
{
    check_every_operation<ctnn::basic_network<ctnn::options<TestType>, 64, 32, 10>, 8>();
}

TEMPLATE_TEST_CASE("int8: quantize, quantize_input, forward and predict allocate nothing: "
                   "64-32-10 relu/softmax",
                   "[heap]", float, double)
{
    using net_type = ctnn::sequential<ctnn::options<TestType>, ctnn::input<64>,
                                      ctnn::dense<32, ctnn::relu>, ctnn::dense<10, ctnn::softmax>>;
    net_type net;
    ctnn::initialize(net, ctnn::he_normal{}, 3);
    const auto calibration = some_batch<TestType, 16, 64>(4);
    ctnn::quantized_for<net_type> q;
    check_no_allocation("quantize", [&] { q = ctnn::quantize(net, calibration); });
    std::array<std::int8_t, 64> x{};
    check_no_allocation("quantize_input", [&] { x = ctnn::quantize_input(q, calibration[0]); });
    std::array<std::int8_t, 10> y{};
    check_no_allocation("forward", [&] { y = q.forward(x); });
    std::array<TestType, 10> p{};
    check_no_allocation("predict", [&] { p = ctnn::predict(q, calibration[1]); });
    escape(y.data());
    escape(p.data());
    CHECK(ctnn::argmax(y) < 10);
}
