# cmake -DBUILD_DIR=... -DTARGET=... -DOBJECT=... -DNM=... -DOBJDUMP=... -P check_integer_only.cmake
# Builds TARGET, compiled without floating-point registers (CMakeLists.txt: g++
# -mgeneral-regs-only, which fails on any floating-point operation; clang++ -mno-sse -mno-mmx,
# see there), then requires its object to hold no x87 instruction (every x87 mnemonic begins
# with f; no integer one does) and to reference no soft-float routine (__mulsf3, __floatsidf,
# __fixdfsi, ..., as a Cortex-M0 link map would show __aeabi_f* and __aeabi_d*).
# The verdict on one unwrapped line ("integer-only: FAILED: <reason>: ..."), then the error.
function(fail reason detail)
  execute_process(COMMAND ${CMAKE_COMMAND} -E echo "integer-only: FAILED: ${reason}")
  message(FATAL_ERROR "integer-only: ${reason}: ${detail}")
endfunction()

execute_process(COMMAND ${CMAKE_COMMAND} --build ${BUILD_DIR} --target ${TARGET}
                RESULT_VARIABLE built OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT built EQUAL 0)
  fail("does-not-build" "${TARGET} does not build without floating-point registers (a "
                        "floating-point operation):\n${out}")
endif()
execute_process(COMMAND ${NM} -u ${OBJECT} OUTPUT_VARIABLE symbols RESULT_VARIABLE listed)
execute_process(COMMAND ${OBJDUMP} -d --no-show-raw-insn ${OBJECT}
                OUTPUT_VARIABLE code RESULT_VARIABLE disassembled)
if(NOT listed EQUAL 0 OR NOT disassembled EQUAL 0)
  fail("tool" "nm or objdump failed on ${OBJECT}")
endif()
string(REGEX MATCHALL "__[a-z]*[sdtx]f[a-z0-9]*|__aeabi_[fd][a-z0-9]*" soft_float "${symbols}")
if(soft_float)
  fail("soft-float" "${OBJECT} calls soft-float routines: ${soft_float}")
endif()
string(REGEX MATCHALL "\n *[0-9a-f]+:[ \t]+f[a-z0-9]*" x87 "${code}")
if(x87)
  fail("x87" "${OBJECT} holds x87 instructions:${x87}")
endif()
string(LENGTH "${code}" code_size)
if(code_size LESS 200)
  fail("empty" "${OBJECT} holds almost no code; the check would be empty")
endif()
message(STATUS "integer-only: ${TARGET} builds without floating-point registers and holds no "
               "x87 instruction nor soft-float call")
