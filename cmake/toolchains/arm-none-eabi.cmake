# CMake toolchain file for bare-metal Cortex-M with Debian's arm-none-eabi-g++ (gcc-arm-none-eabi,
# libstdc++-arm-none-eabi-newlib): the flags a firmware is built with, chosen by one cache
# variable, CTNN_CORTEX_M:
#   m4f  Cortex-M4 with its single-precision FPU (FPv4-SP), hard-float ABI (qemu: mps2-an386)
#   m3   Cortex-M3, no FPU: float and double in libgcc's soft-float routines (mps2-an385)
#   m0   Cortex-M0 (ARMv6-M), no FPU, soft float (microbit, an nRF51)
#
#   cmake -S examples/firmware -B build/firmware-m4f -G Ninja \
#         -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/arm-none-eabi.cmake -DCTNN_CORTEX_M=m4f
#
# Every core: Thumb code; each function and object in its own section so that --gc-sections
# drops what the program does not use (the library's share is then what it calls); no exceptions,
# no RTTI, no thread-safe local statics (there are no threads); newlib-nano. The startup code,
# linker script and the way a program exits are the firmware project's (examples/firmware/).
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)

set(CTNN_CORTEX_M m4f CACHE STRING "The Cortex-M core to build for: m4f, m3 or m0")
set_property(CACHE CTNN_CORTEX_M PROPERTY STRINGS m4f m3 m0)
# Try-compiles and the firmware project read it too.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES CTNN_CORTEX_M)

if(CTNN_CORTEX_M STREQUAL "m4f")
  set(ctnn_cpu_flags "-mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16")
elseif(CTNN_CORTEX_M STREQUAL "m3")
  set(ctnn_cpu_flags "-mcpu=cortex-m3 -mthumb -mfloat-abi=soft")
elseif(CTNN_CORTEX_M STREQUAL "m0")
  set(ctnn_cpu_flags "-mcpu=cortex-m0 -mthumb -mfloat-abi=soft")
else()
  message(FATAL_ERROR "CTNN_CORTEX_M is '${CTNN_CORTEX_M}'; it must be m4f, m3 or m0")
endif()

set(CMAKE_C_COMPILER arm-none-eabi-gcc)
set(CMAKE_CXX_COMPILER arm-none-eabi-g++)
set(CMAKE_ASM_COMPILER arm-none-eabi-gcc)
# A test program cannot link without the firmware's startup code and memory map.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

set(CMAKE_C_FLAGS_INIT "${ctnn_cpu_flags} -ffunction-sections -fdata-sections")
set(CMAKE_CXX_FLAGS_INIT
    "${ctnn_cpu_flags} -ffunction-sections -fdata-sections -fno-exceptions -fno-rtti -fno-threadsafe-statics")
set(CMAKE_ASM_FLAGS_INIT "${ctnn_cpu_flags}")
set(CMAKE_EXE_LINKER_FLAGS_INIT "${ctnn_cpu_flags} --specs=nano.specs -Wl,--gc-sections")

# Find programs on the host, libraries and headers only in the cross toolchain's tree.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
