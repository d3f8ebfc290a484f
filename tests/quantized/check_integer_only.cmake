# cmake -DBUILD_DIR=... -DTARGET=... -DOBJECT=... -DNM=... -P check_integer_only.cmake
# Builds TARGET (compiled with -mgeneral-regs-only: GCC fails on any floating-point operation)
# and requires its object to reference no soft-float routine (Clang calls those instead:
# __mulsf3, __floatsidf, __fixdfsi, ...), the way a Cortex-M0 link map would show them
# (__aeabi_f*, __aeabi_d*).
execute_process(COMMAND ${CMAKE_COMMAND} --build ${BUILD_DIR} --target ${TARGET}
                RESULT_VARIABLE built OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT built EQUAL 0)
  message(FATAL_ERROR "integer-only: ${TARGET} does not build with -mgeneral-regs-only "
                      "(a floating-point operation):\n${out}")
endif()
execute_process(COMMAND ${NM} -u ${OBJECT} OUTPUT_VARIABLE symbols RESULT_VARIABLE listed)
if(NOT listed EQUAL 0)
  message(FATAL_ERROR "integer-only: nm failed on ${OBJECT}")
endif()
string(REGEX MATCHALL "__[a-z]*[sdtx]f[a-z0-9]*|__aeabi_[fd][a-z0-9]*"
       soft_float "${symbols}")
if(soft_float)
  message(FATAL_ERROR "integer-only: ${OBJECT} calls soft-float routines: ${soft_float}")
endif()
message(STATUS "integer-only: ${TARGET} builds with -mgeneral-regs-only and calls no soft-float "
               "routine")
