# cmake -P script: configure, build and run one consumer project in a fresh directory.
# Inputs: MODE (find_package or add_subdirectory), CTNN_SOURCE_DIR, CTNN_BINARY_DIR, WORK_DIR,
# CXX (the compiler the main build uses), GENERATOR.
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGN}")
  endif()
endfunction()

set(configure_args -G "${GENERATOR}" -DCMAKE_CXX_COMPILER=${CXX})
if(MODE STREQUAL "find_package")
  # Install ctnn from the main build tree into a private prefix, then consume that.
  run(${CMAKE_COMMAND} --install "${CTNN_BINARY_DIR}" --prefix "${WORK_DIR}/prefix")
  list(APPEND configure_args -DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix)
else()
  list(APPEND configure_args -DCTNN_SOURCE_DIR=${CTNN_SOURCE_DIR})
endif()

run(${CMAKE_COMMAND} -S "${CTNN_SOURCE_DIR}/tests/consumer/${MODE}" -B "${WORK_DIR}/build"
    ${configure_args})
run(${CMAKE_COMMAND} --build "${WORK_DIR}/build")
run("${WORK_DIR}/build/consumer")
message(STATUS "consumer (${MODE}) built and ran")
