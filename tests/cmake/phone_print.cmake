# The HTML report on a phone and on paper, for each example profile:
# - phone: layout_probe.html loads the page 390 CSS pixels wide (an iPhone 12 to 15) and reports
#   what sticks out of the page; a table or chart may scroll inside its own box, the page may not.
#   A screenshot at that width goes to SHOTS for people to look at, and must not be blank.
# - paper: the probe loads it as wide as an A4 page inside 14 mm margins (688 CSS pixels) and
#   checks that nothing sticks out and that no chart or table row is taller than a Letter page's
#   printable height (950 CSS pixels), which a printer would have to cut; then Chromium prints the
#   page to PDF, which must hold between 1 and 10 pages.
# Without a browser the test is skipped (exit 77) with a message, not failed.
#   cmake -DEXE=edgecalc -DSTATS=png_stats -DPROFILES=dir -DSHOTS=dir -DPROBE=layout_probe.html -P phone_print.cmake
include(${CMAKE_CURRENT_LIST_DIR}/browser.cmake)
set(dir ${SHOTS}/phone-print)
file(MAKE_DIRECTORY ${dir})
set(BROWSER_PROFILE ${dir}/browser-profile)
file(COPY ${PROBE} DESTINATION ${dir})
get_filename_component(probe ${PROBE} NAME)

# probe(<stem> <width> <tallest variable>): fails when the page is wider than WIDTH.
function(probe stem width tallest)
  browser(dom --allow-file-access-from-files --dump-dom "file://${dir}/${probe}?page=${stem}.html&width=${width}")
  if(NOT dom MATCHES "viewport ([0-9]+) scroll ([0-9]+) tallest ([0-9]+) ([a-z]*) sticking ([^<]*)</pre>")
    message(FATAL_ERROR "${stem}: the layout probe reported nothing at ${width} px (Chromium exit ${browser_exit})")
  endif()
  message("  ${stem} at ${width} px: page ${CMAKE_MATCH_2} px wide, tallest ${CMAKE_MATCH_4} ${CMAKE_MATCH_3} px, sticking out: ${CMAKE_MATCH_5}")
  if(CMAKE_MATCH_2 GREATER CMAKE_MATCH_1 OR NOT CMAKE_MATCH_5 STREQUAL "none")
    message(FATAL_ERROR "${stem}: at ${width} px the page is ${CMAKE_MATCH_2} px wide for a ${CMAKE_MATCH_1} px screen; "
                        "sticking out: ${CMAKE_MATCH_5}")
  endif()
  set(${tallest} ${CMAKE_MATCH_3} PARENT_SCOPE)
endfunction()

file(GLOB profiles ${PROFILES}/*.yaml ${PROFILES}/*.json)
foreach(profile IN LISTS profiles)
  get_filename_component(stem ${profile} NAME_WE)
  page_of(${profile} ${dir}/${stem}.html)

  probe(${stem} 390 ignored)
  set(shot ${dir}/${stem}-phone.png)
  file(REMOVE ${shot})
  browser(ignored --window-size=390,2400 --screenshot=${shot} file://${dir}/${stem}.html)
  if(NOT EXISTS ${shot})
    message(FATAL_ERROR "${stem}: Chromium wrote no phone screenshot (exit ${browser_exit})")
  endif()
  png_stats_of(${shot} ink drawn)
  if(ink LESS 0.03 OR drawn LESS 1000)
    message(FATAL_ERROR "${stem}: on a phone the page is blank (ink ${ink}, ${drawn} pixels in the options' colours)")
  endif()

  probe(${stem} 688 tallest)
  if(tallest GREATER 950)
    message(FATAL_ERROR "${stem}: on paper a chart or table row is ${tallest} px tall, more than a page holds (950)")
  endif()
  set(pdf ${dir}/${stem}.pdf)
  file(REMOVE ${pdf})
  browser(ignored --no-pdf-header-footer --print-to-pdf=${pdf} file://${dir}/${stem}.html)
  if(NOT EXISTS ${pdf})
    message(FATAL_ERROR "${stem}: Chromium printed no PDF (exit ${browser_exit})")
  endif()
  file(STRINGS ${pdf} objects REGEX "/Type */Page")
  list(FILTER objects EXCLUDE REGEX "/Type */Pages")
  list(LENGTH objects pages)
  message("  ${stem}: printed on ${pages} pages")
  if(pages LESS 1 OR pages GREATER 10)
    message(FATAL_ERROR "${stem}: printed on ${pages} pages; expected 1 to 10")
  endif()
endforeach()
