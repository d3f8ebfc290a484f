// counting_allocator.cpp: the heap allocation functions of this test binary, each counting its
// calls while heap_test::start_counting() is in effect and otherwise behaving as the standard
// library's. Linked into the heap test only: nothing else should pay for (or be confused by) a
// replaced allocator.
//
// Two mechanisms, because neither sees everything:
//   - operator new / delete, all the forms a program may replace ([replacement.functions]), are
//     replaced the standard way. They allocate with glibc's __libc_* functions directly, so one
//     `new` counts once (as new), not twice (new and malloc).
//   - malloc, calloc, realloc, free and the aligned allocators are interposed: a definition in
//     the executable wins symbol resolution over libc's, for every shared library too, and
//     forwards to glibc's exported __libc_malloc and friends. This is glibc-specific, as is this
//     test; allocations glibc makes internally (through its private aliases) are not seen.
#include "allocation_counter.hpp"

#include <array>
#include <atomic>
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>

// glibc's allocator under its own names: exported (GLIBC_2.2.5), not declared in any header.
extern "C" {
void* __libc_malloc(std::size_t size) noexcept;
void* __libc_calloc(std::size_t count, std::size_t size) noexcept;
void* __libc_realloc(void* p, std::size_t size) noexcept;
void* __libc_memalign(std::size_t alignment, std::size_t size) noexcept;
void* __libc_valloc(std::size_t size) noexcept;
void* __libc_pvalloc(std::size_t size) noexcept;
void __libc_free(void* p) noexcept;
}

namespace {

using heap_test::allocator_function;

// Constant-initialised (the allocator runs before main and after it), and atomic so that a
// thread the test did not start cannot make a count torn; the tests themselves are sequential.
constinit std::atomic<bool> counting{false};
constinit std::array<std::atomic<std::size_t>, heap_test::allocator_function_count> calls{};

void note(allocator_function f) noexcept
{
    if (counting.load(std::memory_order_relaxed))
        calls[static_cast<std::size_t>(f)].fetch_add(1, std::memory_order_relaxed);
}

// operator new's contract: a unique non-null pointer even for size 0; call the new-handler and
// retry on failure; throw std::bad_alloc when there is none.
void* allocate(std::size_t size, std::size_t alignment)
{
    if (size == 0)
        size = 1;
    for (;;) {
        void* p = alignment <= alignof(std::max_align_t) ? __libc_malloc(size)
                                                          : __libc_memalign(alignment, size);
        if (p != nullptr)
            return p;
        std::new_handler handler = std::get_new_handler();
        if (handler == nullptr)
            throw std::bad_alloc();
        handler();
    }
}

void* allocate_nothrow(std::size_t size, std::size_t alignment) noexcept
{
    try {
        return allocate(size, alignment);
    }
    catch (...) {
        return nullptr;
    }
}

constexpr std::size_t plain = alignof(std::max_align_t);

std::size_t bytes(std::align_val_t alignment)
{
    return static_cast<std::size_t>(alignment);
}

void deallocate(void* p) noexcept
{
    __libc_free(p);
}

} // namespace

namespace heap_test {

void start_counting() noexcept
{
    for (auto& c : calls)
        c.store(0, std::memory_order_relaxed);
    counting.store(true, std::memory_order_seq_cst);
}

allocation_counts stop_counting() noexcept
{
    counting.store(false, std::memory_order_seq_cst);
    allocation_counts counts;
    for (std::size_t k = 0; k < allocator_function_count; ++k)
        counts.calls[k] = calls[k].load(std::memory_order_relaxed);
    return counts;
}

} // namespace heap_test

// ---------------------------------------------------------------------------------------------
// The replaceable global allocation and deallocation functions.

void* operator new(std::size_t size)
{
    note(allocator_function::operator_new);
    return allocate(size, plain);
}
void* operator new[](std::size_t size)
{
    note(allocator_function::operator_new);
    return allocate(size, plain);
}
void* operator new(std::size_t size, const std::nothrow_t&) noexcept
{
    note(allocator_function::operator_new);
    return allocate_nothrow(size, plain);
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept
{
    note(allocator_function::operator_new);
    return allocate_nothrow(size, plain);
}
void* operator new(std::size_t size, std::align_val_t alignment)
{
    note(allocator_function::operator_new);
    return allocate(size, bytes(alignment));
}
void* operator new[](std::size_t size, std::align_val_t alignment)
{
    note(allocator_function::operator_new);
    return allocate(size, bytes(alignment));
}
void* operator new(std::size_t size, std::align_val_t alignment, const std::nothrow_t&) noexcept
{
    note(allocator_function::operator_new);
    return allocate_nothrow(size, bytes(alignment));
}
void* operator new[](std::size_t size, std::align_val_t alignment, const std::nothrow_t&) noexcept
{
    note(allocator_function::operator_new);
    return allocate_nothrow(size, bytes(alignment));
}

void operator delete(void* p) noexcept
{
    note(allocator_function::operator_delete);
    deallocate(p);
}
void operator delete[](void* p) noexcept
{
    note(allocator_function::operator_delete);
    deallocate(p);
}
void operator delete(void* p, const std::nothrow_t&) noexcept
{
    note(allocator_function::operator_delete);
    deallocate(p);
}
void operator delete[](void* p, const std::nothrow_t&) noexcept
{
    note(allocator_function::operator_delete);
    deallocate(p);
}
void operator delete(void* p, std::size_t) noexcept
{
    note(allocator_function::operator_delete);
    deallocate(p);
}
void operator delete[](void* p, std::size_t) noexcept
{
    note(allocator_function::operator_delete);
    deallocate(p);
}
void operator delete(void* p, std::align_val_t) noexcept
{
    note(allocator_function::operator_delete);
    deallocate(p);
}
void operator delete[](void* p, std::align_val_t) noexcept
{
    note(allocator_function::operator_delete);
    deallocate(p);
}
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept
{
    note(allocator_function::operator_delete);
    deallocate(p);
}
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept
{
    note(allocator_function::operator_delete);
    deallocate(p);
}
void operator delete(void* p, std::size_t, std::align_val_t) noexcept
{
    note(allocator_function::operator_delete);
    deallocate(p);
}
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept
{
    note(allocator_function::operator_delete);
    deallocate(p);
}

// ---------------------------------------------------------------------------------------------
// The C allocator, interposed. Signatures (noexcept included) as glibc's <stdlib.h> declares them.

extern "C" {

void* malloc(std::size_t size) noexcept
{
    note(allocator_function::malloc);
    return __libc_malloc(size);
}

void* calloc(std::size_t count, std::size_t size) noexcept
{
    note(allocator_function::calloc);
    return __libc_calloc(count, size);
}

void* realloc(void* p, std::size_t size) noexcept
{
    note(allocator_function::realloc);
    return __libc_realloc(p, size);
}

void* reallocarray(void* p, std::size_t count, std::size_t size) noexcept
{
    note(allocator_function::realloc);
    if (size != 0 && count > SIZE_MAX / size) {
        errno = ENOMEM;
        return nullptr;
    }
    return __libc_realloc(p, count * size);
}

void free(void* p) noexcept
{
    note(allocator_function::free);
    __libc_free(p);
}

void* aligned_alloc(std::size_t alignment, std::size_t size) noexcept
{
    note(allocator_function::aligned_malloc);
    return __libc_memalign(alignment, size);
}

void* memalign(std::size_t alignment, std::size_t size) noexcept
{
    note(allocator_function::aligned_malloc);
    return __libc_memalign(alignment, size);
}

int posix_memalign(void** result, std::size_t alignment, std::size_t size) noexcept
{
    note(allocator_function::aligned_malloc);
    if (alignment % sizeof(void*) != 0 || (alignment & (alignment - 1)) != 0 || alignment == 0)
        return EINVAL;
    void* p = __libc_memalign(alignment, size);
    if (p == nullptr)
        return ENOMEM;
    *result = p;
    return 0;
}

void* valloc(std::size_t size) noexcept
{
    note(allocator_function::aligned_malloc);
    return __libc_valloc(size);
}

void* pvalloc(std::size_t size) noexcept
{
    note(allocator_function::aligned_malloc);
    return __libc_pvalloc(size);
}

} // extern "C"
