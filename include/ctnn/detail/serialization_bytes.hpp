// ctnn/detail/serialization_bytes.hpp: the byte-level tools of ctnn/serialization.hpp: the
// FNV-1a checksum, explicit little-endian encoding, and a growable byte buffer that reports
// allocation failure instead of throwing (loading must work with -fno-exceptions).
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <istream>
#include <limits>
#include <memory>
#include <new>
#include <type_traits>

namespace ctnn::detail {

// 64-bit FNV-1a (Fowler, Noll, Vo): simple enough to reimplement anywhere the file is read, and it
// changes with every single-byte change (each step is a bijection of the running hash).
class fnv1a64 {
public:
    static constexpr std::uint64_t offset_basis = 0xcbf29ce484222325ull;
    static constexpr std::uint64_t prime = 0x100000001b3ull;

    constexpr void update(const unsigned char* bytes, std::size_t size) noexcept
    {
        for (std::size_t k = 0; k < size; ++k) {
            hash_ ^= bytes[k];
            hash_ *= prime;
        }
    }
    constexpr std::uint64_t value() const noexcept { return hash_; }

private:
    std::uint64_t hash_ = offset_basis;
};

// The file's byte order is little-endian whatever the host's: values go through integers and
// shifts, never through memcpy of the host representation.
template <class U>
constexpr void put_le(unsigned char* out, U value) noexcept
{
    static_assert(std::is_unsigned_v<U>);
    for (std::size_t k = 0; k < sizeof(U); ++k)
        out[k] = static_cast<unsigned char>(value >> (8 * k));
}
template <class U>
constexpr U get_le(const unsigned char* in) noexcept
{
    static_assert(std::is_unsigned_v<U>);
    U value = 0;
    for (std::size_t k = 0; k < sizeof(U); ++k)
        value = static_cast<U>(value | static_cast<U>(static_cast<U>(in[k]) << (8 * k)));
    return value;
}

// The unsigned integer with a floating-point type's bits.
template <class T>
using float_bits = std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>;

// The unsigned integer with a value's bits in a file: a float's, or an integer's own (the int8
// networks of ctnn/quantized/ store integers).
template <class T>
using value_bits =
    typename std::conditional_t<std::is_integral_v<T>, std::make_unsigned<T>,
                                std::type_identity<float_bits<T>>>::type;

// Bytes read from a stream into memory obtained with new (std::nothrow): on exhaustion append()
// returns false rather than throwing, so the no-exceptions API stays no-throw.
class byte_buffer {
public:
    unsigned char* data() noexcept { return bytes_.get(); }
    const unsigned char* data() const noexcept { return bytes_.get(); }
    std::size_t size() const noexcept { return size_; }

    [[nodiscard]] bool reserve(std::size_t capacity) noexcept
    {
        if (capacity <= capacity_)
            return true;
        std::unique_ptr<unsigned char[]> grown(new (std::nothrow) unsigned char[capacity]);
        if (!grown)
            return false;
        if (size_ != 0)
            std::memcpy(grown.get(), bytes_.get(), size_);
        bytes_ = std::move(grown);
        capacity_ = capacity;
        return true;
    }

    [[nodiscard]] bool push_back(unsigned char byte) noexcept
    {
        if (size_ == capacity_ && !reserve(capacity_ < 256 ? 256 : 2 * capacity_))
            return false;
        bytes_[size_++] = byte;
        return true;
    }

    enum class read_outcome { complete, ended, out_of_memory, failed };

    // Appends exactly `count` bytes from `in`, growing as data actually arrives (never trusting a
    // length read from the file with one large allocation).
    read_outcome append_from(std::istream& in, std::size_t count) noexcept
    {
        constexpr std::size_t chunk = std::size_t{1} << 16;
        while (count > 0) {
            const std::size_t want = count < chunk ? count : chunk;
            if (size_ + want > capacity_) {
                std::size_t target = capacity_ < 256 ? 256 : capacity_;
                while (target < size_ + want)
                    target *= 2;
                if (!reserve(target))
                    return read_outcome::out_of_memory;
            }
            in.read(reinterpret_cast<char*>(bytes_.get() + size_), // char aliases any byte
                    static_cast<std::streamsize>(want));
            const auto got = static_cast<std::size_t>(in.gcount());
            size_ += got;
            count -= got;
            if (got < want)
                return in.bad() ? read_outcome::failed : read_outcome::ended;
        }
        return read_outcome::complete;
    }

private:
    std::unique_ptr<unsigned char[]> bytes_;
    std::size_t size_ = 0;
    std::size_t capacity_ = 0;
};

} // namespace ctnn::detail
