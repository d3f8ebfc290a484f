# cmake/toolchains/aarch64-linux-gnu.cmake: build ctnn's tests and examples for 64-bit Arm Linux
# with Debian's cross compiler (g++-aarch64-linux-gnu), and run them on x86-64 under QEMU's user
# mode (qemu-user): CTest prefixes every test binary with CMAKE_CROSSCOMPILING_EMULATOR.
#   cmake -S . -B build/aarch64 -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/aarch64-linux-gnu.cmake
# Libraries (zlib for the loaders, Google Benchmark) come from Debian's arm64 packages, installed
# beside the host's with multiarch: dpkg --add-architecture arm64 && apt-get update &&
# apt-get install zlib1g-dev:arm64. Header-only ones (Catch2, Eigen, nlohmann-json, Boost) are
# the host's.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)

set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)

# The target's C library and loader live in /usr/aarch64-linux-gnu (libc6-arm64-cross).
find_program(CTNN_QEMU_AARCH64 qemu-aarch64 REQUIRED)
set(CMAKE_CROSSCOMPILING_EMULATOR "${CTNN_QEMU_AARCH64};-L;/usr/aarch64-linux-gnu")

# Programs (python3, cmake) are the host's; libraries and their config files are the target's,
# found in Debian's multiarch directories or the cross sysroot, with the host's header-only
# packages (under /usr/include and /usr/share) still visible.
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH /usr/aarch64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE BOTH)
# zlib's static library (libz.a of zlib1g-dev:arm64): the tests link statically under QEMU
# (tests/CMakeLists.txt says why), which a shared libz.so would refuse.
set(ZLIB_USE_STATIC_LIBS ON)
