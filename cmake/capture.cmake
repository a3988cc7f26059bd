# cmake -DPROGRAM=edgecalc "-DARGS=completion bash" -DOUTPUT=FILE -P capture.cmake
# Runs PROGRAM with ARGS and writes its standard output to FILE, replacing it only when the
# program succeeded (the man page and completions are generated this way; cmake/package.cmake).
separate_arguments(args UNIX_COMMAND "${ARGS}")
execute_process(COMMAND "${PROGRAM}" ${args} OUTPUT_FILE "${OUTPUT}.tmp" RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  file(REMOVE "${OUTPUT}.tmp")
  message(FATAL_ERROR "${PROGRAM} ${ARGS} failed: ${status}")
endif()
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
