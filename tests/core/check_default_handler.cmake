# Runs core_program with a dataset mistake and no error handler (tests/core/CMakeLists.txt): built
# with -fno-exceptions, ctnn writes the message to stderr and aborts. CTest alone cannot require
# both a message and an abort (its WILL_FAIL and PASS_REGULAR_EXPRESSION do not combine), so this
# script does. -DPROGRAM=<path> [-DRUNNER=<emulator script>].
execute_process(COMMAND ${RUNNER} ${PROGRAM} default RESULT_VARIABLE result ERROR_VARIABLE error
                OUTPUT_VARIABLE output)
# QEMU's user mode adds its own line about the signal.
string(REGEX REPLACE "qemu: uncaught target signal [^\n]*\n" "" error "${error}")
if(result EQUAL 0 OR NOT result MATCHES "[Aa]bort")
  message(FATAL_ERROR "expected an abort, got: ${result}")
endif()
if(NOT error STREQUAL "ctnn::dataset: 4 inputs but 3 labels\n")
  message(FATAL_ERROR "expected the message on stderr, got: [${error}]")
endif()
