# What `cmake --install` and `cpack -G DEB` ship, laid out as Debian expects (docs/install.md):
#   bin/edgecalc                                  the binary: every catalog, measurement, schema
#                                                 and starter profile is compiled in
#   share/man/man1/edgecalc.1                     `edgecalc manpage`
#   share/bash-completion/completions/edgecalc    `edgecalc completion bash`
#   share/zsh/vendor-completions/_edgecalc        `edgecalc completion zsh`
#   share/doc/edgecalc/                           README.md, LICENSE (and copyright), the JSON
#                                                 Schemas, examples/ (the bundled profiles)
# Nothing goes to share/edgecalc/: the binary reads no data directory.

# The man page and completions come from the built binary itself (one source: the CLI11 App),
# so they cannot drift from the flags it takes.
set(generated ${PROJECT_BINARY_DIR}/share)
set(manual ${generated}/edgecalc.1 ${generated}/edgecalc.bash ${generated}/_edgecalc)
add_custom_command(
  OUTPUT ${manual}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${generated}
  COMMAND ${CMAKE_COMMAND} -DPROGRAM=$<TARGET_FILE:edgecalc> -DARGS=manpage
          -DOUTPUT=${generated}/edgecalc.1 -P ${PROJECT_SOURCE_DIR}/cmake/capture.cmake
  COMMAND ${CMAKE_COMMAND} -DPROGRAM=$<TARGET_FILE:edgecalc> "-DARGS=completion bash"
          -DOUTPUT=${generated}/edgecalc.bash -P ${PROJECT_SOURCE_DIR}/cmake/capture.cmake
  COMMAND ${CMAKE_COMMAND} -DPROGRAM=$<TARGET_FILE:edgecalc> "-DARGS=completion zsh"
          -DOUTPUT=${generated}/_edgecalc -P ${PROJECT_SOURCE_DIR}/cmake/capture.cmake
  DEPENDS edgecalc ${PROJECT_SOURCE_DIR}/cmake/capture.cmake
  COMMENT "Generating the edgecalc(1) man page and the bash and zsh completions"
  VERBATIM)
add_custom_target(edgecalc_manual ALL DEPENDS ${manual})

install(FILES ${generated}/edgecalc.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${generated}/edgecalc.bash DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME edgecalc)
install(FILES ${generated}/_edgecalc DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
install(FILES README.md LICENSE DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES LICENSE DESTINATION ${CMAKE_INSTALL_DOCDIR} RENAME copyright)
install(DIRECTORY schema/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/schema FILES_MATCHING PATTERN "*.json")
install(DIRECTORY profiles/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples
        FILES_MATCHING PATTERN "*.yaml" PATTERN "*.json")

# cpack -G DEB (run in a build tree; scripts/check-deb.sh checks what it makes).
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME edgecalc)
set(CPACK_PACKAGE_VENDOR "The edgecalc authors")
set(CPACK_PACKAGE_CONTACT "The edgecalc authors")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION
    "edgecalc reads a workload profile (latency budget, connectivity, data sensitivity, fleet,\n"
    "call rate, tokens, prices, hardware) and says whether inference should run on the device,\n"
    "in the cloud or both, with the costs, break-even, latency and rules behind the verdict.")
string(REPLACE ";" "" CPACK_PACKAGE_DESCRIPTION "${CPACK_PACKAGE_DESCRIPTION}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Depends is what dpkg-shlibdeps (dpkg-dev) finds the binary linked against: libfmt9,
# libyaml-cpp0.7, libstdc++6, libgcc-s1 and libc6 with their minimum versions on Debian 12.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
include(CPack)
