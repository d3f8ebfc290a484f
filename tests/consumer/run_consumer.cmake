# cmake -P script: one way of consuming ctnn, tried the way a user would, in a fresh directory.
# Inputs: MODE (below), CTNN_SOURCE_DIR, CTNN_BINARY_DIR (the main build, installed by the
# find_package modes), WORK_DIR, CXX (the compiler the main build uses), GENERATOR, LOADERS (ON
# when the main build found zlib: the plain mode then builds a loader too); in a cross build also
# TOOLCHAIN (the main build's toolchain file, which every consumer configure uses) and RUNNER (the
# emulator script that runs the consumers' programs, CTNN_TARGET_RUNNER).
#   find_package                 installed ctnn, the core, in a project where find_package(ZLIB)
#                                finds nothing: the core needs no zlib
#   find_package_io              installed ctnn, COMPONENTS io: ctnn's config finds zlib, and the
#                                program reads a .csv.gz
#   find_package_io_no_zlib      the same project where find_package(ZLIB) finds nothing: the
#                                configure fails and says that io needs zlib
#   find_package_io_not_installed  a ctnn installed from a build without zlib: asking for io fails
#                                and says that ctnn was installed without it
#   add_subdirectory             a vendored copy
#   add_subdirectory_install     a library that vendors ctnn and installs itself (install(EXPORT))
#                                with ctnn, consumed from its install prefix by a third project
#   add_subdirectory_install_off  the same library with CTNN_INSTALL off: CMake's generate step
#                                fails, after ctnn's line naming the option
#   fetchcontent                 FetchContent from a local archive of the source tree
#   plain                        no CMake: the compiler with -I (and -lz for the loaders)
set(target_compiler -DCMAKE_CXX_COMPILER=${CXX})
if(TOOLCHAIN)
  list(APPEND target_compiler -DCMAKE_TOOLCHAIN_FILE=${TOOLCHAIN})
endif()

file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
set(consumers "${CTNN_SOURCE_DIR}/tests/consumer")

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGN}")
  endif()
endfunction()

# configure(<source> <build> <args>...): a user's first command, with the main build's compiler.
function(configure source build)
  run(${CMAKE_COMMAND} -S "${source}" -B "${build}" -G "${GENERATOR}" ${target_compiler} ${ARGN})
endfunction()

# configure_must_fail(<message> <source> <build> <args>...): the configure fails and its output,
# with CMake's line wrapping undone, contains <message>.
function(configure_must_fail expected source build)
  execute_process(
    COMMAND ${CMAKE_COMMAND} -S "${source}" -B "${build}" -G "${GENERATOR}"
            ${target_compiler} ${ARGN}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  message("${out}")
  string(REGEX REPLACE "[ \n]+" " " flat "${out}")
  if(rc EQUAL 0)
    message(FATAL_ERROR "the configure succeeded; it should have failed saying: ${expected}")
  endif()
  string(FIND "${flat}" "${expected}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "the configure failed without saying: ${expected}")
  endif()
endfunction()

# The data the loader consumers read: the OR gate's four samples, gzip-compressed.
set(or_csv "${WORK_DIR}/or.csv")
file(WRITE "${or_csv}" "0,0,0\n0,1,1\n1,0,1\n1,1,1\n")
file(ARCHIVE_CREATE OUTPUT "${or_csv}.gz" PATHS "${or_csv}" FORMAT raw COMPRESSION GZip)

set(prefix "${WORK_DIR}/prefix")
set(build "${WORK_DIR}/build")
set(no_zlib -DCMAKE_DISABLE_FIND_PACKAGE_ZLIB=TRUE)
set(program "${build}/consumer")
set(arguments)

if(MODE MATCHES "^find_package")
  if(MODE STREQUAL "find_package_io_not_installed")
    # A ctnn configured where zlib was missing installs the core only.
    configure("${CTNN_SOURCE_DIR}" "${WORK_DIR}/ctnn" ${no_zlib} -DCTNN_BUILD_TESTS=OFF
              -DCTNN_BUILD_EXAMPLES=OFF -DCTNN_BUILD_BENCH=OFF)
    run(${CMAKE_COMMAND} --install "${WORK_DIR}/ctnn" --prefix "${prefix}")
  else()
    run(${CMAKE_COMMAND} --install "${CTNN_BINARY_DIR}" --prefix "${prefix}")
  endif()
  set(use_prefix -DCMAKE_PREFIX_PATH=${prefix})
  if(MODE STREQUAL "find_package")
    configure("${consumers}/find_package" "${build}" ${use_prefix} ${no_zlib})
  elseif(MODE STREQUAL "find_package_io")
    configure("${consumers}/find_package_io" "${build}" ${use_prefix})
    set(arguments "${or_csv}.gz")
  elseif(MODE STREQUAL "find_package_io_no_zlib")
    configure_must_fail("ctnn's io component needs zlib (Debian: zlib1g-dev), and \
find_package(ZLIB) found none" "${consumers}/find_package_io" "${build}" ${use_prefix} ${no_zlib})
    return()
  elseif(MODE STREQUAL "find_package_io_not_installed")
    configure_must_fail("ctnn in ${prefix} was installed without its io component, which needs \
zlib (Debian: zlib1g-dev)" "${consumers}/find_package_io" "${build}" ${use_prefix})
    return()
  endif()
elseif(MODE STREQUAL "add_subdirectory")
  configure("${consumers}/add_subdirectory" "${build}" -DCTNN_SOURCE_DIR=${CTNN_SOURCE_DIR})
elseif(MODE STREQUAL "add_subdirectory_install")
  set(parent "${WORK_DIR}/or_model")
  configure("${consumers}/add_subdirectory_install/parent" "${parent}"
            -DCTNN_SOURCE_DIR=${CTNN_SOURCE_DIR})
  run(${CMAKE_COMMAND} --build "${parent}")
  run(${CMAKE_COMMAND} --install "${parent}" --prefix "${prefix}")
  configure("${consumers}/add_subdirectory_install/downstream" "${build}"
            -DCMAKE_PREFIX_PATH=${prefix})
  set(arguments "${or_csv}.gz")
elseif(MODE STREQUAL "add_subdirectory_install_off")
  configure_must_fail("a project that installs targets linking ctnn::ctnn sets CTNN_INSTALL ON \
before adding ctnn" "${consumers}/add_subdirectory_install/parent" "${WORK_DIR}/or_model"
                      -DCTNN_SOURCE_DIR=${CTNN_SOURCE_DIR} -DCTNN_INSTALL=OFF)
  return()
elseif(MODE STREQUAL "fetchcontent")
  # What a release archive holds of what a consuming build reads.
  set(archive "${WORK_DIR}/ctnn.tar.gz")
  execute_process(
    COMMAND ${CMAKE_COMMAND} -E tar czf "${archive}" CMakeLists.txt cmake include LICENSE
    WORKING_DIRECTORY "${CTNN_SOURCE_DIR}" RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "could not pack ${CTNN_SOURCE_DIR} into ${archive}")
  endif()
  configure("${consumers}/fetchcontent" "${build}" -DCTNN_ARCHIVE=${archive})
  set(arguments "${or_csv}.gz")
elseif(MODE STREQUAL "plain")
  # README's command lines: the core with -I alone, the loaders with -lz too.
  set(include -I "${CTNN_SOURCE_DIR}/include")
  run(${CXX} -std=c++20 ${include} "${consumers}/consumer.cpp" -o "${WORK_DIR}/consumer")
  run(${RUNNER} "${WORK_DIR}/consumer")
  if(LOADERS)
    run(${CXX} -std=c++20 ${include} "${consumers}/consumer_io.cpp" -o "${WORK_DIR}/consumer_io"
        -lz)
    run(${RUNNER} "${WORK_DIR}/consumer_io" "${or_csv}.gz")
  endif()
  message(STATUS "consumer (${MODE}) built and ran")
  return()
else()
  message(FATAL_ERROR "unknown MODE '${MODE}'")
endif()

run(${CMAKE_COMMAND} --build "${build}")
run(${RUNNER} "${program}" ${arguments})
message(STATUS "consumer (${MODE}) built and ran")
