# cmake -P script: configures examples/firmware for one Cortex-M core with the arm-none-eabi
# toolchain file and builds it, every program and variant, in parallel.
#   -DSOURCE=<examples/firmware> -DBUILD=<dir> -DCORE=m4f|m3|m0 -DGENERATOR=<generator>
#   -DTOOLCHAIN=<cmake/toolchains/arm-none-eabi.cmake> -DWARNINGS_AS_ERRORS=ON|OFF
execute_process(
  COMMAND ${CMAKE_COMMAND} -S ${SOURCE} -B ${BUILD} -G ${GENERATOR}
          -DCMAKE_TOOLCHAIN_FILE=${TOOLCHAIN} -DCTNN_CORTEX_M=${CORE}
          -DCTNN_WARNINGS_AS_ERRORS=${WARNINGS_AS_ERRORS}
  COMMAND_ERROR_IS_FATAL ANY)
execute_process(COMMAND ${CMAKE_COMMAND} --build ${BUILD} --parallel COMMAND_ERROR_IS_FATAL ANY)
