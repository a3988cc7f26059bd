# What the browser tests share (screenshot.cmake, phone_print.cmake): find Chromium or skip the
# test (exit 77, which ctest reports as skipped) with a message, and run it headless.
find_program(BROWSER NAMES chromium chromium-browser google-chrome)
if(NOT BROWSER)
  message("SKIPPED: no Chromium on this machine (scripts/dev.sh test installs Debian's chromium)")
  cmake_language(EXIT 77)
endif()

# browser(<output variable> <arguments>...): runs headless Chromium with the profile directory
# BROWSER_PROFILE (one per test: two Chromiums cannot share one, and the tests run in parallel);
# stdout goes to the variable (what --dump-dom prints), stderr is dropped.
function(browser out)
  execute_process(COMMAND ${BROWSER} --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run
                          --user-data-dir=${BROWSER_PROFILE} ${ARGN}
                  OUTPUT_VARIABLE stdout ERROR_QUIET RESULT_VARIABLE code TIMEOUT 120)
  set(${out} "${stdout}" PARENT_SCOPE)
  set(browser_exit ${code} PARENT_SCOPE)
endfunction()

# page_of(<profile> <page>): edgecalc writes the profile's HTML report, with the tornado.
function(page_of profile page)
  execute_process(COMMAND ${EXE} ${profile} --format html --sensitivity -o ${page} RESULT_VARIABLE code)
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "${profile}: edgecalc --format html exited ${code}")
  endif()
endfunction()

# png_stats_of(<png> <ink variable> <drawn variable>): what png_stats (STATS) reads off a picture.
function(png_stats_of png ink drawn)
  execute_process(COMMAND ${STATS} ${png} OUTPUT_VARIABLE stats RESULT_VARIABLE code)
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "png_stats could not read ${png}")
  endif()
  string(STRIP "${stats}" stats)
  string(REPLACE " " ";" fields "${stats}")
  list(GET fields 2 i)
  list(GET fields 3 d)
  set(${ink} ${i} PARENT_SCOPE)
  set(${drawn} ${d} PARENT_SCOPE)
  message("  ${png}: ${stats} (width height ink option_pixels)")
endfunction()
