# Runs one end-to-end case of the built binary and compares it with golden files.
#   -DEXE=path -DARGS="a|b" -DWORKDIR=dir -DEXPECT_CODE=n
#   -DSTDOUT_GOLDEN=file (optional) -DSTDERR_GOLDEN=file (optional; else stderr must be empty
#   when the expected code is 0) -DCOMPARE_ONLY=1 (optional: never rewrite the goldens)
# With EDGECALC_UPDATE_GOLDEN=1 in the environment the golden files are rewritten instead, except
# under COMPARE_ONLY: those goldens belong to another test and are only compared.
cmake_minimum_required(VERSION 3.25)

set(ENV{NO_COLOR} 1)
set(ENV{LC_ALL} C.UTF-8)  # charts in Unicode unless a case asks for --ascii
set(ENV{EDGECALC_TODAY} 2026-11-21)  # reports are dated; goldens must not change with the calendar
string(REPLACE "|" ";" ARGS "${ARGS}")
execute_process(COMMAND ${EXE} ${ARGS}
                WORKING_DIRECTORY ${WORKDIR}
                RESULT_VARIABLE code
                OUTPUT_VARIABLE out
                ERROR_VARIABLE err)

set(update "$ENV{EDGECALC_UPDATE_GOLDEN}")
set(failed FALSE)

function(compare what actual golden)
  if(update STREQUAL "1" AND NOT COMPARE_ONLY)
    file(WRITE ${golden} "${actual}")
    message(STATUS "updated ${golden}")
    return()
  endif()
  if(NOT EXISTS ${golden})
    message(SEND_ERROR "missing golden file ${golden}; run with EDGECALC_UPDATE_GOLDEN=1\n${what}:\n${actual}")
    return()
  endif()
  file(READ ${golden} expected)
  if(NOT actual STREQUAL expected)
    message(SEND_ERROR "${what} differs from ${golden}\n--- expected\n${expected}\n--- actual\n${actual}")
  endif()
endfunction()

if(NOT code STREQUAL EXPECT_CODE)
  message(SEND_ERROR "exit code ${code}, expected ${EXPECT_CODE}\nstdout:\n${out}\nstderr:\n${err}")
endif()
if(DEFINED STDOUT_GOLDEN)
  compare(stdout "${out}" ${STDOUT_GOLDEN})
elseif(NOT out STREQUAL "")
  message(SEND_ERROR "expected nothing on stdout, got:\n${out}")
endif()
if(DEFINED STDERR_GOLDEN)
  compare(stderr "${err}" ${STDERR_GOLDEN})
elseif(NOT err STREQUAL "")
  message(SEND_ERROR "expected nothing on stderr, got:\n${err}")
endif()
