# Runs core_program with a dataset mistake and no error handler (tests/core/CMakeLists.txt): built
# with -fno-exceptions, ctnn writes the message to stderr and aborts. CTest alone cannot require
# both a message and an abort (its WILL_FAIL and PASS_REGULAR_EXPRESSION do not combine), so this
# script does. -DPROGRAM=<path>.
execute_process(COMMAND ${PROGRAM} default RESULT_VARIABLE result ERROR_VARIABLE error
                OUTPUT_VARIABLE output)
if(result EQUAL 0 OR NOT result MATCHES "[Aa]bort")
  message(FATAL_ERROR "expected an abort, got: ${result}")
endif()
if(NOT error STREQUAL "ctnn::dataset: 4 inputs but 3 labels\n")
  message(FATAL_ERROR "expected the message on stderr, got: [${error}]")
endif()
