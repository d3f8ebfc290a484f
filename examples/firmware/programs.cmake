# examples/firmware/programs.cmake: the firmware examples, one ctnn_firmware() line each. Read by
# two projects, each with its own ctnn_firmware(): the firmware project (CMakeLists.txt here)
# builds <name>.cpp for the Cortex-M core it is configured for, and the host's tests
# (tests/firmware/CMakeLists.txt) build the same source for the host and register the tests that
# run the firmware under qemu-system-arm and compare its lines with the host's.
#
# ctnn_firmware(<name> [CORES <core>...] [SIZE | SIZE_BASELINE] [FUSED_COMPARE <how>]
#               [INCLUDE <dir>...] [FORBID <regex>...] [REQUIRE <regex>...])
#   CORES           the cores it is built and tested for: m4f, m3, m0 (default: all three)
#   SIZE            counted in the size table and held to tests/firmware/size_budget.txt
#   SIZE_BASELINE   the empty firmware the others' sizes are measured against
#   FUSED_COMPARE   how the Cortex-M4F build with GCC's default contraction (multiply-adds fused
#                   into vfma) is compared with the host: exact, ulps:<n> (every float within n
#                   units in the last place) or status (its own checks only; the default). Every
#                   other build is compared bit for bit: the M3 and M0 have no FPU to fuse with,
#                   and the M4F's second build, <name>_contract_off, uses -ffp-contract=off.
#   INCLUDE         further include directories, relative to examples/
#   FORBID          patterns the link map must not contain, beyond the ones every firmware is
#                   held to (stdio, exceptions, clocks, the heap: tests/firmware/check_map.cmake)
#   REQUIRE         patterns it must contain (default: a symbol of ctnn's, _ZN4ctnn)
#
# The fused comparisons: sensor_inference's bound is worked out from its weights by
# tests/firmware/sensor_fused_bound.cpp (whose test keeps this figure between the bound and twice
# it); or_training is double, which the M4F's single-precision FPU does not compute, so nothing is
# fused; xor_trainer trains in float, where each fused step moves the next one's start and no
# bound is claimed. xor_trainer's map must hold the dataset's error path.
ctnn_firmware(empty SIZE_BASELINE REQUIRE "firmware10print_bits")
ctnn_firmware(sensor_inference SIZE INCLUDE embedded FUSED_COMPARE ulps:5120)
ctnn_firmware(or_training SIZE FUSED_COMPARE exact)
ctnn_firmware(xor_trainer REQUIRE "_ZN4ctnn6detail23report_invalid_argument")
# The int8 network on the core without an FPU: integers only, so no soft-float routine may be
# linked; ctnn's integer forward pass is inlined whole, so the required symbol is the int8
# network's constant.
ctnn_firmware(int8_sensor CORES m0 SIZE INCLUDE embedded FORBID "__aeabi_f" "__aeabi_d"
              REQUIRE "sensor_net_int8")
