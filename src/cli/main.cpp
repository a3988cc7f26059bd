#include <iostream>
#include <string>
#include <vector>

#include <unistd.h>

#include <edgecalc/cli/cli.hpp>

int main(int argc, char** argv) {
  return edgecalc::run_cli(std::vector<std::string>(argv + 1, argv + argc), std::cin, std::cout,
                           std::cerr, edgecalc::Environment::from_process(isatty(STDOUT_FILENO) == 1));
}
