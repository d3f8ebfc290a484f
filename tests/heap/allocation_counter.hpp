// allocation_counter.hpp: counts calls to every heap allocation function of the process while a
// scope is open. The replacements themselves are in counting_allocator.cpp: the global operator
// new and delete in all their forms (the standard's way to replace them), and malloc and its
// relatives (interposed: an executable's definition of malloc takes precedence over libc's, for
// the shared libraries too, and forwards to glibc's __libc_malloc).
//
// Catch2 allocates in its macros, so count only around the operation under test:
//
//   const auto counts = heap_test::count_allocations([&] { out = net.forward(x); });
//   CHECK(counts.total() == 0);
#pragma once

#include <array>
#include <cstddef>
#include <ostream>
#include <utility>

namespace heap_test {

enum class allocator_function : std::size_t {
    operator_new,            // new, new[], in every form (nothrow, aligned)
    operator_delete,         // delete, delete[], in every form (sized, nothrow, aligned)
    malloc,
    calloc,
    realloc,                 // realloc and reallocarray
    aligned_malloc,          // aligned_alloc, posix_memalign, memalign, valloc, pvalloc
    free,
};
inline constexpr std::size_t allocator_function_count = 7;

inline constexpr std::array<const char*, allocator_function_count> allocator_function_names{
    "operator new", "operator delete", "malloc", "calloc", "realloc", "aligned malloc", "free"};

struct allocation_counts {
    std::array<std::size_t, allocator_function_count> calls{};

    std::size_t operator[](allocator_function f) const
    {
        return calls[static_cast<std::size_t>(f)];
    }
    std::size_t total() const
    {
        std::size_t sum = 0;
        for (std::size_t c : calls)
            sum += c;
        return sum;
    }

    friend std::ostream& operator<<(std::ostream& os, const allocation_counts& counts)
    {
        os << counts.total() << " allocator calls";
        const char* separator = " (";
        for (std::size_t k = 0; k < allocator_function_count; ++k)
            if (counts.calls[k] != 0) {
                os << separator << allocator_function_names[k] << ": " << counts.calls[k];
                separator = ", ";
            }
        return os << (counts.total() != 0 ? ")" : "");
    }
};

// Defined in counting_allocator.cpp, a separate translation unit, so that the compiler sees
// opaque calls here and cannot move the operation under test out of the counted scope.
void start_counting() noexcept;
allocation_counts stop_counting() noexcept;

// Runs operation() with counting on and returns what it called. The operation itself should
// store its results into variables declared outside, to be checked after counting stops.
template <class Operation>
allocation_counts count_allocations(Operation&& operation)
{
    start_counting();
    std::forward<Operation>(operation)();
    return stop_counting();
}

// Makes p escape as far as the optimiser can tell, so that an allocation made only to be counted
// (a positive control) cannot be elided: compilers may remove a new/delete or malloc/free pair
// whose memory is never observed.
inline void escape(void* p) noexcept
{
    asm volatile("" : : "g"(p) : "memory");
}

} // namespace heap_test
