# cmake -DFIRST=<program;args> -DSECOND=<program;args> -DEXPECT=same|different -P compare_outputs.cmake
# Runs two programs and requires their standard outputs to be equal (EXPECT=same) or not
# (EXPECT=different: the sanity case proving that the comparison sees a difference). Either
# program printing "skipped: ..." (the CPU lacks what it needs) skips the test: CTest's
# SKIP_REGULAR_EXPRESSION matches the line this script passes on.
foreach(side FIRST SECOND)
  execute_process(COMMAND ${${side}} OUTPUT_VARIABLE output_${side} RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${${side}} failed: ${status}")
  endif()
  if(output_${side} MATCHES "^skipped: [^\n]*")
    message(STATUS "${CMAKE_MATCH_0}")
    return()
  endif()
endforeach()
if(EXPECT STREQUAL "same" AND NOT output_FIRST STREQUAL output_SECOND)
  message(FATAL_ERROR "'${FIRST}' and '${SECOND}' printed different values")
elseif(EXPECT STREQUAL "different" AND output_FIRST STREQUAL output_SECOND)
  message(FATAL_ERROR "'${FIRST}' and '${SECOND}' printed the same values")
endif()
string(LENGTH "${output_FIRST}" length)
message(STATUS "${EXPECT}: ${length} characters of output each")
