# cmake -P script: runs PROGRAM and fails unless its standard output is exactly the text in
# EXPECTED (a README block quoting what the program prints). RUNNER (optional): the emulator
# script of a cross build (CTNN_TARGET_RUNNER).
execute_process(COMMAND ${RUNNER} ${PROGRAM} OUTPUT_VARIABLE printed RESULT_VARIABLE status)
file(READ ${EXPECTED} expected)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "${PROGRAM} exited with ${status}")
endif()
if(NOT printed STREQUAL expected)
  message(FATAL_ERROR "${PROGRAM} printed\n${printed}\nbut README.md quotes\n${expected}")
endif()
